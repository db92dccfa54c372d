/*
** lree_aux.c: the helpers every part of the binding shares (as lauxlib.c is
** Lua's): argument checks, element tables, classes, the fail convention. It
** calls nothing else of the binding.
*/
#include <math.h>
#include <string.h>

#include "element.h"
#include "lree_aux.h"

int lree_check_int(lua_State *L, int idx, lua_Integer lo, lua_Integer hi, const char *what) {
  lua_Integer n = luaL_checkinteger(L, idx);
  if (n < lo || n > hi) {
    const char *msg = lua_pushfstring(L, "%s from %I to %I expected, got %I", what, lo, hi, n);
    return luaL_argerror(L, idx, msg);
  }
  return (int)n;
}

int lree_check_year(lua_State *L, int idx) {
  return lree_check_int(L, idx, REE_YEAR_MIN, REE_YEAR_MAX, "a year");
}

int lree_to_year(lua_State *L, int idx, int *year) {
  int isint;
  lua_Integer n = lua_tointegerx(L, idx, &isint);
  if (!isint || n < REE_YEAR_MIN || n > REE_YEAR_MAX) return 0;
  *year = (int)n;
  return 1;
}

double *lree_check_numbers(lua_State *L, int idx, int n) {
  double *v = (double *)lua_newuserdatauv(L, (size_t)(n > 0 ? n : 1) * sizeof(double), 0);
  int i;
  luaL_checktype(L, idx, LUA_TTABLE);
  for (i = 0; i < n; i++) {
    lua_geti(L, idx, i + 1);
    v[i] = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : (double)NAN;
    lua_pop(L, 1);
  }
  return v;
}

void lree_push_numbers(lua_State *L, const double *v, int n) {
  int i;
  lua_createtable(L, n, 0);
  for (i = 0; i < n; i++) {
    lua_pushnumber(L, v[i]);
    lua_rawseti(L, -2, i + 1);
  }
}

lree_box *lree_new_box(lua_State *L, const char *name) {
  lree_box *box = (lree_box *)lua_newuserdatauv(L, sizeof *box, 0);
  box->p = NULL;
  luaL_setmetatable(L, name);
  return box;
}

void *lree_check_box(lua_State *L, int idx, const char *name, const char *what) {
  lree_box *box = (lree_box *)luaL_checkudata(L, idx, name);
  if (box->p == NULL) luaL_argerror(L, idx, lua_pushfstring(L, "attempt to use a closed %s", what));
  return box->p;
}

void *lree_take_box(lua_State *L, int idx, const char *name) {
  lree_box *box = (lree_box *)luaL_checkudata(L, idx, name);
  void *p = box->p;
  box->p = NULL;
  return p;
}

void lree_new_class(lua_State *L, const char *name, const luaL_Reg *methods,
                    lua_CFunction close) {
  luaL_newmetatable(L, name);
  lua_pushcfunction(L, close);
  lua_setfield(L, -2, "__gc");
  lua_pushcfunction(L, close);
  lua_setfield(L, -2, "__close");
  lua_newtable(L);
  luaL_setfuncs(L, methods, 0);
  lua_setfield(L, -2, "__index"); /* metatable.__index = methods */
  lua_pop(L, 1);                  /* the metatable */
}

int lree_fail(lua_State *L, const ree_err *err) {
  luaL_pushfail(L);
  lua_pushstring(L, err->msg);
  lua_pushstring(L, ree_err_name(err->code));
  return 3;
}

int lree_check_element(lua_State *L, int idx) {
  if (lua_type(L, idx) == LUA_TNUMBER) {
    lua_Integer z = luaL_checkinteger(L, idx);
    luaL_argcheck(L, z >= 1 && z <= REE_ZMAX, idx, "atomic number out of range");
    return (int)z;
  } else {
    size_t len;
    const char *s = luaL_checklstring(L, idx, &len);
    int z = ree_element_lookup(s, len);
    if (z == 0) luaL_error(L, "unknown element '%s'", s);
    return z;
  }
}

void lree_check_element_table(lua_State *L, int idx, double *by_z,
                              const char *what) {
  memset(by_z, 0, (REE_ZMAX + 1) * sizeof *by_z);
  luaL_checktype(L, idx, LUA_TTABLE);
  lua_pushnil(L); /* first key */
  while (lua_next(L, idx) != 0) { /* stack: key, value */
    size_t len;
    const char *key;
    int z;
    if (lua_type(L, -2) != LUA_TSTRING)
      luaL_error(L, "%s: keys must be element symbols", what);
    key = lua_tolstring(L, -2, &len);
    z = ree_element_lookup(key, len);
    if (z == 0) luaL_error(L, "%s: unknown element '%s'", what, key);
    if (lua_type(L, -1) != LUA_TNUMBER)
      luaL_error(L, "%s: value of '%s' must be a number, got %s", what, key,
                 luaL_typename(L, -1));
    by_z[z] = lua_tonumber(L, -1);
    lua_pop(L, 1); /* keep key for lua_next */
  }
}

void lree_push_element_table(lua_State *L, const double *by_z) {
  int z;
  lua_newtable(L);
  for (z = 1; z <= REE_ZMAX; z++) {
    if (by_z[z] == 0.0) continue;
    lua_pushnumber(L, by_z[z]);
    lua_setfield(L, -2, ree_element_by_z(z)->symbol);
  }
}
