/*
** json_io.h: JSON documents, through cJSON (this is the only part of the
** core that talks to it). A document is read whole; its nodes are walked
** with the accessors below. cJSON records no positions, so
** ree_json_locate finds a node's line and column again in the text, for
** error messages that point at a key.
*/
#ifndef REE_JSON_IO_H
#define REE_JSON_IO_H

#include <stddef.h>

#include "ree_err.h"

typedef struct ree_json ree_json;            /* a parsed document */
typedef struct ree_json_node ree_json_node;  /* a node, borrowed from it */

enum {
  REE_JSON_NULL,
  REE_JSON_FALSE,
  REE_JSON_TRUE,
  REE_JSON_NUMBER,
  REE_JSON_STRING,
  REE_JSON_ARRAY,
  REE_JSON_OBJECT
};

/*
** Parses text[0..len) (need not be NUL-terminated) into *out; caller frees
** with ree_json_free. Errors: REE_ESYNTAX with "invalid JSON at line L,
** column C" (and what was found there), REE_ENOMEM.
*/
int ree_json_parse(ree_json **out, const char *text, size_t len,
                   ree_err *err);
/* NULL is harmless. */
void ree_json_free(ree_json *doc);

/* Nodes are borrowed: valid until the document is freed. */
const ree_json_node *ree_json_root(const ree_json *doc);
int ree_json_type(const ree_json_node *node);
double ree_json_number(const ree_json_node *node);
/* The string's bytes, NUL-terminated (JSON strings cannot hold NUL
** through cJSON). */
const char *ree_json_string(const ree_json_node *node);
/* First child of an array or object, next sibling; NULL at the end. */
const ree_json_node *ree_json_child(const ree_json_node *node);
const ree_json_node *ree_json_next(const ree_json_node *node);
/* The key of an object member, NULL for array elements. */
const char *ree_json_key(const ree_json_node *node);

/*
** {==================================================================
** Writing: build nodes, attach them, print. A node not yet attached is
** owned by the caller (free with ree_json_node_free); attaching transfers
** ownership to the parent.
** ===================================================================
*/

/* New nodes; NULL when out of memory. A number prints with the fewest digits
** (15 to 17) that read back to it exactly; a non-finite one as null. */
ree_json_node *ree_json_new_object(void);
ree_json_node *ree_json_new_array(void);
ree_json_node *ree_json_new_number(double v);
ree_json_node *ree_json_new_string(const char *s);
ree_json_node *ree_json_new_literal(int type); /* REE_JSON_NULL/TRUE/FALSE */

/*
** Appends child to an array (key NULL) or an object (key: the member's
** name, in insertion order). Takes ownership of child, even on failure.
** Returns REE_OK, REE_EINVAL for a bad parent, REE_ENOMEM.
*/
int ree_json_append(ree_json_node *parent, const char *key,
                    ree_json_node *child);

/* NULL is harmless. */
void ree_json_node_free(ree_json_node *node);

/*
** The text of node, indented with tabs (cJSON's layout) when pretty is set;
** each number in the fewest digits (15 to 17) that read back to it
** exactly. Caller frees with ree_free; NULL when out of memory.
*/
char *ree_json_print(const ree_json_node *node, int pretty);

/* }================================================================== */

/* One step of a path into a document: an array index counted from 0 (key
** NULL), or a member key. For a key, index -1 takes its first occurrence;
** index >= 0 requires the member to stand at that position in its
** object, which tells duplicate keys apart. */
typedef struct ree_json_step {
  const char *key;
  int index;
} ree_json_step;

/*
** Finds where the node at path[0..depth) stands in text (a valid JSON
** document): the position of its key for an object member, of its value
** for an array element, of the document for depth 0. Sets 1-based *line
** and *column (in characters) and returns REE_OK, or REE_ENOTFOUND.
*/
int ree_json_locate(const char *text, size_t len, const ree_json_step *path,
                    int depth, size_t *line, size_t *column);

#endif
