/*
** json_io.c: the core's only contact with cJSON.
*/
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_io.h"

struct ree_json {
  cJSON *root;
};

/* cJSON nodes are handed out under our own opaque name. */
static const ree_json_node *node_of(const cJSON *item) {
  return (const ree_json_node *)(const void *)item;
}

static const cJSON *item_of(const ree_json_node *node) {
  return (const cJSON *)(const void *)node;
}

static int is_ws(char c);

/* cJSON's allocator is global: point it at ours before each use. */
static void use_our_allocator(void) {
  cJSON_Hooks hooks;
  hooks.malloc_fn = ree_malloc;
  hooks.free_fn = ree_free;
  cJSON_InitHooks(&hooks);
}

static void position_of(const char *text, size_t offset, size_t *line,
                        size_t *column) {
  size_t i;
  *line = 1;
  *column = 1;
  for (i = 0; i < offset; i++) {
    if (text[i] == '\n') {
      (*line)++;
      *column = 1;
    } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
      (*column)++;
    }
  }
}

int ree_json_parse(ree_json **out, const char *text, size_t len,
                   ree_err *err) {
  const char *end = NULL;
  ree_json *doc;
  size_t line, column, offset;
  if (out == NULL || (text == NULL && len > 0))
    return ree_err_set(err, REE_EINVAL, "no JSON text");
  *out = NULL;
  use_our_allocator();
  doc = (ree_json *)ree_malloc(sizeof *doc);
  if (doc == NULL) return ree_err_set(err, REE_ENOMEM, "out of memory");
  doc->root = cJSON_ParseWithLengthOpts(text == NULL ? "" : text, len, &end, 0);
  if (doc->root == NULL) {
    ree_free(doc);
    offset = (end != NULL && end >= text && end <= text + len)
                 ? (size_t)(end - text) : len;
    while (offset < len && is_ws(text[offset])) offset++;
    position_of(text, offset, &line, &column);
    if (offset >= len)
      return ree_err_set(err, REE_ESYNTAX,
                         "invalid JSON at line %lu, column %lu: unexpected "
                         "end of text", (unsigned long)line,
                         (unsigned long)column);
    return ree_err_set(err, REE_ESYNTAX,
                       "invalid JSON at line %lu, column %lu near '%c'",
                       (unsigned long)line, (unsigned long)column,
                       (text[offset] >= 0x20 && text[offset] < 0x7F)
                           ? text[offset] : '?');
  }
  /* trailing content after the document is an error too */
  offset = (size_t)(end - text);
  while (offset < len && is_ws(text[offset])) offset++;
  if (offset < len) {
    cJSON_Delete(doc->root);
    ree_free(doc);
    position_of(text, offset, &line, &column);
    return ree_err_set(err, REE_ESYNTAX,
                       "invalid JSON at line %lu, column %lu: text after "
                       "the document", (unsigned long)line,
                       (unsigned long)column);
  }
  *out = doc;
  return REE_OK;
}

void ree_json_free(ree_json *doc) {
  if (doc == NULL) return;
  cJSON_Delete(doc->root);
  ree_free(doc);
}

const ree_json_node *ree_json_root(const ree_json *doc) {
  return doc == NULL ? NULL : node_of(doc->root);
}

int ree_json_type(const ree_json_node *node) {
  const cJSON *item = item_of(node);
  if (cJSON_IsFalse(item)) return REE_JSON_FALSE;
  if (cJSON_IsTrue(item)) return REE_JSON_TRUE;
  if (cJSON_IsNumber(item)) return REE_JSON_NUMBER;
  if (cJSON_IsString(item)) return REE_JSON_STRING;
  if (cJSON_IsArray(item)) return REE_JSON_ARRAY;
  if (cJSON_IsObject(item)) return REE_JSON_OBJECT;
  return REE_JSON_NULL;
}

double ree_json_number(const ree_json_node *node) {
  const cJSON *item = item_of(node);
  return cJSON_IsNumber(item) ? item->valuedouble : 0.0;
}

const char *ree_json_string(const ree_json_node *node) {
  const cJSON *item = item_of(node);
  return cJSON_IsString(item) ? item->valuestring : NULL;
}

const ree_json_node *ree_json_child(const ree_json_node *node) {
  const cJSON *item = item_of(node);
  return item == NULL ? NULL : node_of(item->child);
}

const ree_json_node *ree_json_next(const ree_json_node *node) {
  const cJSON *item = item_of(node);
  return item == NULL ? NULL : node_of(item->next);
}

const char *ree_json_key(const ree_json_node *node) {
  const cJSON *item = item_of(node);
  return item == NULL ? NULL : item->string;
}

/*
** {==================================================================
** Writing
** ===================================================================
*/

static ree_json_node *node_out(cJSON *item) {
  return (ree_json_node *)(void *)item;
}

static cJSON *item_in(ree_json_node *node) { return (cJSON *)(void *)node; }

ree_json_node *ree_json_new_object(void) {
  use_our_allocator();
  return node_out(cJSON_CreateObject());
}

ree_json_node *ree_json_new_array(void) {
  use_our_allocator();
  return node_out(cJSON_CreateArray());
}

/*
** A number is written as the shortest of %.15g, %.16g and %.17g that
** reads back to the same double, as raw text: cJSON's own printing takes
** 15 digits whenever they come back within an epsilon, which loses the
** last bits of about one value in ten. Not a number nor an infinity has
** no JSON form: it is null.
*/
ree_json_node *ree_json_new_number(double v) {
  char text[32];
  int digits;
  use_our_allocator();
  if (!isfinite(v)) return node_out(cJSON_CreateNull());
  for (digits = 15; digits < 17; digits++) {
    snprintf(text, sizeof text, "%.*g", digits, v);
    if (strtod(text, NULL) == v) break;
  }
  if (digits == 17) snprintf(text, sizeof text, "%.17g", v);
  return node_out(cJSON_CreateRaw(text));
}

ree_json_node *ree_json_new_string(const char *s) {
  use_our_allocator();
  return node_out(cJSON_CreateString(s == NULL ? "" : s));
}

ree_json_node *ree_json_new_literal(int type) {
  use_our_allocator();
  if (type == REE_JSON_TRUE) return node_out(cJSON_CreateTrue());
  if (type == REE_JSON_FALSE) return node_out(cJSON_CreateFalse());
  return node_out(cJSON_CreateNull());
}

int ree_json_append(ree_json_node *parent, const char *key,
                    ree_json_node *child) {
  cJSON *p = item_in(parent), *c = item_in(child);
  if (c == NULL) return REE_ENOMEM;
  if (cJSON_IsObject(p) && key != NULL) {
    if (cJSON_AddItemToObject(p, key, c)) return REE_OK;
  } else if (cJSON_IsArray(p) && key == NULL) {
    if (cJSON_AddItemToArray(p, c)) return REE_OK;
  } else {
    cJSON_Delete(c);
    return REE_EINVAL;
  }
  cJSON_Delete(c);
  return REE_ENOMEM;
}

void ree_json_node_free(ree_json_node *node) { cJSON_Delete(item_in(node)); }

char *ree_json_print(const ree_json_node *node, int pretty) {
  use_our_allocator();
  return pretty ? cJSON_Print(item_of(node))
                : cJSON_PrintUnformatted(item_of(node));
}

/* }================================================================== */

/*
** {==================================================================
** Locating a path in the text. The text is known to be valid JSON, so
** the scanner only needs to step over strings and nested brackets.
** ===================================================================
*/

typedef struct scanner {
  const char *s;
  size_t len, pos;
} scanner;

static int is_ws(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void skip_ws(scanner *sc) {
  while (sc->pos < sc->len && is_ws(sc->s[sc->pos])) sc->pos++;
}

/* Steps over a string starting at its opening quote. */
static void skip_string(scanner *sc) {
  sc->pos++;
  while (sc->pos < sc->len && sc->s[sc->pos] != '"')
    sc->pos += (sc->s[sc->pos] == '\\') ? 2 : 1;
  sc->pos++;
}

/* Steps over one value: a string, a container, a number or a literal. */
static void skip_value(scanner *sc) {
  int depth = 0;
  skip_ws(sc);
  while (sc->pos < sc->len) {
    char c = sc->s[sc->pos];
    if (c == '"') {
      skip_string(sc);
      if (depth == 0) return;
      continue;
    }
    if (c == '{' || c == '[') {
      depth++;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return;
      if (--depth == 0) {
        sc->pos++;
        return;
      }
    } else if (depth == 0 && (c == ',' || is_ws(c))) {
      return;
    }
    sc->pos++;
  }
}

/* Does the string token at pos spell key (compared as raw bytes)? */
static int key_is(const scanner *sc, size_t at, const char *key) {
  size_t n = strlen(key);
  return at + 1 + n < sc->len && memcmp(sc->s + at + 1, key, n) == 0 &&
         sc->s[at + 1 + n] == '"';
}

static int locate(scanner *sc, const ree_json_step *path, int depth) {
  int index = 0;
  skip_ws(sc);
  if (depth == 0) return 1;
  if (sc->pos >= sc->len) return 0;
  if (sc->s[sc->pos] == '{' && path->key != NULL) {
    sc->pos++;
    for (;; index++) {
      size_t key_at;
      skip_ws(sc);
      if (sc->pos >= sc->len || sc->s[sc->pos] != '"') return 0;
      key_at = sc->pos;
      skip_string(sc);
      if (key_is(sc, key_at, path->key) &&
          (path->index < 0 || path->index == index)) {
        if (depth == 1) {
          sc->pos = key_at;
          return 1;
        }
        skip_ws(sc);
        sc->pos++; /* ':' */
        return locate(sc, path + 1, depth - 1);
      }
      skip_ws(sc);
      sc->pos++; /* ':' */
      skip_value(sc);
      skip_ws(sc);
      if (sc->pos >= sc->len || sc->s[sc->pos] != ',') return 0;
      sc->pos++;
    }
  }
  if (sc->s[sc->pos] == '[' && path->key == NULL) {
    sc->pos++;
    for (;;) {
      skip_ws(sc);
      if (sc->pos >= sc->len || sc->s[sc->pos] == ']') return 0;
      if (index == path->index) return locate(sc, path + 1, depth - 1);
      skip_value(sc);
      skip_ws(sc);
      if (sc->pos >= sc->len || sc->s[sc->pos] != ',') return 0;
      sc->pos++;
      index++;
    }
  }
  return 0;
}

/* }================================================================== */

int ree_json_locate(const char *text, size_t len, const ree_json_step *path,
                    int depth, size_t *line, size_t *column) {
  scanner sc;
  if (text == NULL || line == NULL || column == NULL || depth < 0 ||
      (depth > 0 && path == NULL))
    return REE_EINVAL;
  sc.s = text;
  sc.len = len;
  sc.pos = 0;
  if (!locate(&sc, path, depth)) return REE_ENOTFOUND;
  position_of(text, sc.pos, line, column);
  return REE_OK;
}
