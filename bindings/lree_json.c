/*
** lree_json.c: JSON text to Lua values (json_decode) and back to positions
** in the text (json_locate), for data loaders that report file:line; Lua
** values to JSON text (json_encode); and lists of numbers packed into one
** string (pack_numbers, unpack_numbers), for files of millions of values.
*/
#include <limits.h>
#include <math.h>
#include <string.h>

#include "json_io.h"
#include "pack.h"
#include "lree.h"
#include "lree_aux.h"

#define LREE_JSON_DOC "ree.JSONDocument"
#define MAX_DEPTH 200

typedef struct decoder {
  lua_State *L;
  const char *text;
  size_t len;
  int depth;
  ree_json_step path[MAX_DEPTH];
} decoder;

static int doc_gc(lua_State *L) {
  ree_json_free((ree_json *)lree_take_box(L, 1, LREE_JSON_DOC));
  return 0;
}

/* Raises "<problem> at line L, column C" for the node at the current path. */
static int decode_error(decoder *d, const char *problem, const char *key) {
  size_t line = 0, column = 0;
  ree_json_locate(d->text, d->len, d->path, d->depth, &line, &column);
  if (key != NULL)
    return luaL_error(d->L, "%s '%s' at line %d, column %d", problem, key,
                      (int)line, (int)column);
  return luaL_error(d->L, "%s at line %d, column %d", problem, (int)line,
                    (int)column);
}

static void push_node(decoder *d, const ree_json_node *node);

static void push_container(decoder *d, const ree_json_node *node, int object) {
  lua_State *L = d->L;
  const ree_json_node *child;
  int index = 0;
  if (d->depth >= MAX_DEPTH) decode_error(d, "nesting too deep", NULL);
  luaL_checkstack(L, 4, "JSON nesting");
  lua_newtable(L);
  for (child = ree_json_child(node); child != NULL;
       child = ree_json_next(child)) {
    ree_json_step *step = &d->path[d->depth];
    step->key = object ? ree_json_key(child) : NULL;
    step->index = index;
    d->depth++;
    if (object) {
      lua_getfield(L, -1, step->key);
      if (!lua_isnil(L, -1)) decode_error(d, "duplicate key", step->key);
      lua_pop(L, 1); /* the nil */
      push_node(d, child);
      lua_setfield(L, -2, step->key);
    } else {
      push_node(d, child);
      lua_rawseti(L, -2, index + 1);
    }
    d->depth--;
    index++;
  }
}

static void push_node(decoder *d, const ree_json_node *node) {
  lua_State *L = d->L;
  switch (ree_json_type(node)) {
    case REE_JSON_NULL: lua_pushlightuserdata(L, NULL); break;
    case REE_JSON_FALSE: lua_pushboolean(L, 0); break;
    case REE_JSON_TRUE: lua_pushboolean(L, 1); break;
    case REE_JSON_STRING: lua_pushstring(L, ree_json_string(node)); break;
    case REE_JSON_ARRAY: push_container(d, node, 0); break;
    case REE_JSON_OBJECT: push_container(d, node, 1); break;
    default: {
      double v = ree_json_number(node);
      if (!isfinite(v)) decode_error(d, "number out of range", NULL);
      /* whole numbers read as integers, so 2011 prints as 2011 */
      if (v == floor(v) && fabs(v) < 9007199254740992.0)
        lua_pushinteger(L, (lua_Integer)v);
      else
        lua_pushnumber(L, v);
    }
  }
}

/* Converts the parsed document (upvalue-free: the decoder comes as a light
** userdata) so that a conversion error can be caught and returned. */
static int decode_protected(lua_State *L) {
  decoder *d = (decoder *)lua_touserdata(L, 1);
  lree_box *box = (lree_box *)lua_touserdata(L, 2);
  push_node(d, ree_json_root((ree_json *)box->p));
  return 1;
}

/* json_decode(text) -> value, or fail, msg, code */
static int l_json_decode(lua_State *L) {
  decoder d;
  ree_err err;
  lree_box *box;
  ree_json *doc = NULL;
  d.text = luaL_checklstring(L, 1, &d.len);
  d.L = L;
  d.depth = 0;
  box = lree_new_box(L, LREE_JSON_DOC); /* the GC owns the document */
  if (ree_json_parse(&doc, d.text, d.len, &err) != REE_OK)
    return lree_fail(L, &err);
  box->p = doc;
  lua_pushcfunction(L, decode_protected);
  lua_pushlightuserdata(L, &d);
  lua_pushvalue(L, -3); /* the document box */
  if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
    ree_err_set(&err, REE_ESYNTAX, "%s", lua_tostring(L, -1));
    return lree_fail(L, &err);
  }
  ree_json_free((ree_json *)lree_take_box(L, 2, LREE_JSON_DOC));
  return 1;
}

/* json_locate(text, path) -> line, column; or nil. path: {"grades", 2,
** "Dy"} with 1-based array indexes */
static int l_json_locate(lua_State *L) {
  ree_json_step path[MAX_DEPTH];
  size_t len, line, column;
  const char *text = luaL_checklstring(L, 1, &len);
  lua_Integer i, n;
  luaL_checktype(L, 2, LUA_TTABLE);
  n = luaL_len(L, 2);
  luaL_argcheck(L, n <= MAX_DEPTH, 2, "path too long");
  for (i = 1; i <= n; i++) {
    int t = lua_geti(L, 2, i);
    if (t == LUA_TSTRING) {
      path[i - 1].key = lua_tostring(L, -1); /* kept alive by the path */
      path[i - 1].index = -1;                /* its first occurrence */
    } else if (t == LUA_TNUMBER) {
      path[i - 1].key = NULL;
      path[i - 1].index = (int)lua_tointeger(L, -1) - 1;
    } else {
      return luaL_error(L, "path step %d must be a key or an index", (int)i);
    }
    lua_pop(L, 1);
  }
  if (ree_json_locate(text, len, path, (int)n, &line, &column) != REE_OK) {
    luaL_pushfail(L);
    return 1;
  }
  lua_pushinteger(L, (lua_Integer)line);
  lua_pushinteger(L, (lua_Integer)column);
  return 2;
}

/*
** {==================================================================
** Encoding. Each node is attached to its parent as soon as it exists, so
** the root (held by a GC-owned box) owns everything built so far and an
** error anywhere frees it all.
** ===================================================================
*/

#define LREE_JSON_NODE "ree.JSONNode"

static int node_gc(lua_State *L) {
  ree_json_node_free((ree_json_node *)lree_take_box(L, 1, LREE_JSON_NODE));
  return 0;
}

static ree_json_node *encode_value(lua_State *L, int idx, int depth);

/* Appends the node for the value at idx to parent under key (or as an
** array item when key is NULL). */
static void attach(lua_State *L, ree_json_node *parent, const char *key,
                   int idx, int depth) {
  ree_json_node *child = encode_value(L, idx, depth);
  if (ree_json_append(parent, key, child) != REE_OK) {
    ree_json_node_free(child); /* the parent did not take it */
    luaL_error(L, "out of memory");
  }
}

/* A table is an array when its keys are exactly 1..n (n >= 1). */
static int is_array(lua_State *L, int idx, lua_Integer *n) {
  lua_Integer count = 0;
  *n = (lua_Integer)lua_rawlen(L, idx);
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    lua_pop(L, 1);
    count++;
  }
  return *n > 0 && count == *n;
}

static void fill_object(lua_State *L, ree_json_node *obj, int idx, int depth) {
  lua_Integer i, n = 0;
  int keys;
  lua_newtable(L); /* the keys, to sort: output must not depend on hashing */
  keys = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    lua_pop(L, 1); /* the value */
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_error(L, "cannot encode a table whose keys mix names and "
                    "numbers");
    lua_pushvalue(L, -1);
    lua_rawseti(L, keys, ++n);
  }
  lua_getglobal(L, "table");
  lua_getfield(L, -1, "sort");
  lua_pushvalue(L, keys);
  lua_call(L, 1, 0); /* table.sort(keys) */
  lua_pop(L, 1);     /* table */
  for (i = 1; i <= n; i++) {
    lua_rawgeti(L, keys, i); /* key */
    lua_pushvalue(L, -1);
    lua_rawget(L, idx); /* stack: key, t[key] */
    attach(L, obj, lua_tostring(L, -2), lua_gettop(L), depth);
    lua_pop(L, 2);
  }
  lua_pop(L, 1); /* keys */
}

static ree_json_node *encode_value(lua_State *L, int idx, int depth) {
  ree_json_node *node = NULL;
  idx = lua_absindex(L, idx);
  if (depth > MAX_DEPTH) luaL_error(L, "nesting too deep (is there a cycle?)");
  luaL_checkstack(L, 6, "JSON nesting");
  switch (lua_type(L, idx)) {
    case LUA_TNIL: node = ree_json_new_literal(REE_JSON_NULL); break;
    case LUA_TBOOLEAN:
      node = ree_json_new_literal(lua_toboolean(L, idx) ? REE_JSON_TRUE
                                                         : REE_JSON_FALSE);
      break;
    case LUA_TNUMBER: node = ree_json_new_number(lua_tonumber(L, idx)); break;
    case LUA_TSTRING: node = ree_json_new_string(lua_tostring(L, idx)); break;
    case LUA_TLIGHTUSERDATA: /* only ree.core.null */
      if (lua_touserdata(L, idx) != NULL)
        luaL_error(L, "cannot encode a light userdata");
      node = ree_json_new_literal(REE_JSON_NULL);
      break;
    case LUA_TTABLE: {
      lua_Integer i, n;
      int array = is_array(L, idx, &n);
      /* the box that holds the node until its parent takes it comes
      ** first: making it can raise, and nothing may be lost then */
      lree_box *box = lree_new_box(L, LREE_JSON_NODE);
      node = array ? ree_json_new_array() : ree_json_new_object();
      if (node == NULL) break;
      box->p = node;
      {
        if (array)
          for (i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            attach(L, node, NULL, -1, depth + 1);
            lua_pop(L, 1);
          }
        else
          fill_object(L, node, idx, depth + 1);
        box->p = NULL; /* the caller takes it */
        lua_pop(L, 1);    /* the box */
      }
      break;
    }
    default:
      luaL_error(L, "cannot encode a %s", luaL_typename(L, idx));
  }
  if (node == NULL) luaL_error(L, "out of memory");
  return node;
}

static int push_text(lua_State *L) {
  lua_pushstring(L, (const char *)lua_touserdata(L, 1));
  return 1;
}

/* json_encode(value [, pretty]) -> text; keys sorted, NaN as null */
static int l_json_encode(lua_State *L) {
  lree_box *box;
  char *text;
  int status;
  int pretty = lua_toboolean(L, 2);
  luaL_checkany(L, 1);
  lua_settop(L, 1);
  box = lree_new_box(L, LREE_JSON_NODE);
  box->p = encode_value(L, 1, 0);
  text = ree_json_print((ree_json_node *)box->p, pretty);
  ree_json_node_free((ree_json_node *)lree_take_box(L, 2, LREE_JSON_NODE));
  if (text == NULL) return luaL_error(L, "out of memory");
  /* pushing the text can run out of memory too: protected, so that the
  ** text is freed either way */
  lua_pushcfunction(L, push_text);
  lua_pushlightuserdata(L, text);
  status = lua_pcall(L, 1, 1, 0);
  ree_free(text);
  if (status != LUA_OK) return lua_error(L);
  return 1;
}

/* }================================================================== */

/*
** {==================================================================
** Packed numbers (core/pack.h): a list of numbers as one string, every
** bit kept, written and read at memory speed.
** ===================================================================
*/

#define PACK_MAX (INT_MAX / 8) /* numbers in one string: its bytes fit an int */

/* pack_numbers(list [, n]) -> text: list[1..n] (n: #list), nil as NaN */
static int l_pack_numbers(lua_State *L) {
  lua_Integer n, i;
  double *v;
  luaL_Buffer b;
  luaL_checktype(L, 1, LUA_TTABLE);
  n = luaL_opt(L, luaL_checkinteger, 2, luaL_len(L, 1));
  luaL_argcheck(L, n >= 0 && n <= PACK_MAX, 2, "a count from 0 to 268435455 expected");
  v = (double *)lua_newuserdatauv(L, (size_t)(n > 0 ? n : 1) * sizeof *v, 0);
  for (i = 0; i < n; i++) {
    int type = lua_geti(L, 1, i + 1);
    if (type != LUA_TNUMBER && type != LUA_TNIL)
      return luaL_error(L, "bad argument #1 to 'pack_numbers' (entry %d is a %s, not a number)",
                        (int)(i + 1), luaL_typename(L, -1));
    v[i] = type == LUA_TNIL ? (double)NAN : lua_tonumber(L, -1);
    lua_pop(L, 1);
  }
  ree_pack_doubles(v, (size_t)n, luaL_buffinitsize(L, &b, ree_pack_length((size_t)n) + 1));
  luaL_pushresultsize(&b, ree_pack_length((size_t)n));
  return 1;
}

/* unpack_numbers(text) -> list | fail, message, code ("syntax") */
static int l_unpack_numbers(lua_State *L) {
  size_t len, n, most;
  const char *text = luaL_checklstring(L, 1, &len);
  double small[256], *v = small; /* a run's values fit, most often: no block to make */
  ree_err err;
  most = len / 4 * 3 / 8; /* what len characters can hold (pack.h) */
  if (most > sizeof small / sizeof *small) v = (double *)lua_newuserdatauv(L, most * sizeof *v, 0);
  if (ree_unpack_doubles(text, len, v, &n, &err) != REE_OK) return lree_fail(L, &err);
  lree_push_numbers(L, v, (int)n); /* n <= len / 8: an int, as len's limit is */
  return 1;
}

/* }================================================================== */

static const luaL_Reg funcs[] = {
  {"pack_numbers", l_pack_numbers},
  {"unpack_numbers", l_unpack_numbers},
  {"json_encode", l_json_encode},
  {"json_decode", l_json_decode},
  {"json_locate", l_json_locate},
  {NULL, NULL}
};

void lree_open_json(lua_State *L) {
  luaL_newmetatable(L, LREE_JSON_DOC);
  lua_pushcfunction(L, doc_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1); /* pop metatable */
  luaL_newmetatable(L, LREE_JSON_NODE);
  lua_pushcfunction(L, node_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1); /* pop metatable */
  luaL_setfuncs(L, funcs, 0);
  lua_pushlightuserdata(L, NULL);
  lua_setfield(L, -2, "null");
}
