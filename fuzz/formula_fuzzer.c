/*
** formula_fuzzer.c: libFuzzer target for the formula parser (./ree fuzz).
**
** Any bytes must parse or fail with a message, never crash, read out of
** bounds or leave a half-filled composition. The input is parsed without
** a terminating NUL, so reads past the length are caught by ASan.
*/
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formula.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What a composition prints parses back to it: the same elements, each
** amount within the 15 significant digits the parser reads. */
static void round_trip(const ree_comp *c) {
  ree_comp_buffer buf;
  ree_comp *back = ree_comp_place(&buf, REE_ZMAX);
  ree_err err;
  size_t need = ree_comp_format(c, NULL, 0);
  char *text = (char *)malloc(need + 1);
  int i;
  if (text == NULL) return;
  ree_comp_format(c, text, need + 1);
  if (ree_formula_parse(back, text, need, &err) != REE_OK) {
    /* an amount below the parser's 22 decimals prints as 0 */
    if (strstr(err.msg, "zero") == NULL && strstr(err.msg, "too many digits") == NULL) abort();
  } else {
    if (back->count != c->count) abort();
    for (i = 0; i < c->count; i++) {
      double x = c->item[i].mol, y = back->item[i].mol;
      if (back->item[i].z != c->item[i].z || fabs(x - y) > 1e-14 * x + 1e-22) abort();
    }
  }
  free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ree_comp_buffer buf;
  ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
  ree_err err;
  char *copy = (char *)malloc(size > 0 ? size : 1);
  int rc, i;
  if (copy == NULL) return 0;
  memcpy(copy, data, size); /* exactly size bytes: no NUL after them */
  rc = ree_formula_parse(c, copy, size, &err);
  if (rc == REE_OK) {
    double mm = ree_comp_molar_mass(c);
    if (err.code != REE_OK || !(mm > 0.0) || !isfinite(mm)) abort();
    for (i = 0; i < c->count; i++)
      if (!(c->item[i].mol > 0.0)) abort();
    round_trip(c);
  } else {
    /* a failure always explains itself and leaves nothing behind */
    if (err.code != rc || err.msg[0] == '\0' || c->count != 0) abort();
    if (strncmp(err.msg, "formula '", 9) != 0) abort();
  }
  free(copy);
  return 0;
}
