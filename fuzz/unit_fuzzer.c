/*
** unit_fuzzer.c: libFuzzer target for the unit parser (./ree fuzz unit).
** Any text must parse or fail with a message naming it; a parsed unit must
** convert to itself with factor 1 and multiply with itself.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ree_unit u, product;
  ree_err err;
  double f;
  char *text = (char *)malloc(size + 1);
  if (text == NULL) return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  if (ree_unit_parse(&u, text, &err) == REE_OK) {
    if (ree_unit_factor(&u, &u, &f, &err) != REE_OK || f != 1.0) abort();
    if (ree_unit_multiply(&product, &f, &u, &u, 1, &err) != REE_OK) abort();
  } else if (err.msg[0] == '\0' || strncmp(err.msg, "unit '", 6) != 0) {
    abort();
  }
  free(text);
  return 0;
}
