/*
** json_fuzzer.c: libFuzzer target for JSON reading (./ree fuzz json): the
** parse through cJSON, the walk over its nodes, and the path locator that
** reads the text again for error positions.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json_io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What was read prints (the encoder's path) and the print reads again. */
static void round_trip(const ree_json_node *root) {
  ree_json *again = NULL;
  ree_err err;
  char *printed = ree_json_print(root, 1);
  if (printed == NULL) return; /* out of memory */
  if (ree_json_parse(&again, printed, strlen(printed), &err) != REE_OK) abort();
  ree_json_free(again);
  ree_free(printed);
}

static void walk(const ree_json_node *node, int depth) {
  const ree_json_node *child;
  if (depth > 64) return;
  (void)ree_json_type(node);
  (void)ree_json_number(node);
  (void)ree_json_string(node);
  for (child = ree_json_child(node); child != NULL; child = ree_json_next(child))
    walk(child, depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ree_json *doc = NULL;
  ree_err err;
  ree_json_step path[3];
  size_t line, column;
  char *text = (char *)malloc(size > 0 ? size : 1);
  if (text == NULL) return 0;
  memcpy(text, data, size); /* no NUL after: reads past size are caught */
  if (ree_json_parse(&doc, text, size, &err) == REE_OK) {
    walk(ree_json_root(doc), 0);
    path[0].key = "a";
    path[0].index = -1;
    path[1].key = NULL;
    path[1].index = 1;
    path[2].key = "b";
    path[2].index = 0;
    (void)ree_json_locate(text, size, path, 3, &line, &column);
    round_trip(ree_json_root(doc));
    ree_json_free(doc);
  } else if (doc != NULL || err.msg[0] == '\0') {
    abort();
  }
  free(text);
  return 0;
}
