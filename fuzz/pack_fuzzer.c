/*
** pack_fuzzer.c: libFuzzer target for packed numbers (./ree fuzz pack):
** any bytes are read as packed text; what reads packs again to the same
** text, and every list of doubles packs to text that reads back.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The bytes as doubles (the whole 8-byte ones): packed, read back, equal
** bit for bit. */
static void doubles_round_trip(const uint8_t *data, size_t size) {
  size_t n = size / 8, back_n;
  double *x = (double *)malloc((n > 0 ? n : 1) * sizeof *x);
  double *back = (double *)malloc((n > 0 ? n : 1) * sizeof *back);
  char *text = (char *)malloc(ree_pack_length(n) + 1);
  ree_err err;
  if (x == NULL || back == NULL || text == NULL) abort();
  memcpy(x, data, n * sizeof *x);
  ree_pack_doubles(x, n, text);
  if (strlen(text) != ree_pack_length(n)) abort();
  if (ree_unpack_doubles(text, strlen(text), back, &back_n, &err) != REE_OK || back_n != n) abort();
  if (n > 0 && memcmp(x, back, n * sizeof *x) != 0) abort();
  free(x), free(back), free(text);
}

/* The bytes as text: when it reads, its doubles pack to text that reads
** to the same doubles. */
static void text_round_trip(const uint8_t *data, size_t size) {
  size_t n, again_n;
  double *x, *again;
  char *text, *packed;
  ree_err err;
  text = (char *)malloc(size > 0 ? size : 1);
  if (text == NULL) abort();
  memcpy(text, data, size); /* no NUL after: reads past size are caught */
  if (ree_unpack_doubles(text, size, NULL, &n, &err) != REE_OK) {
    free(text);
    return;
  }
  x = (double *)malloc((n > 0 ? n : 1) * sizeof *x);
  again = (double *)malloc((n > 0 ? n : 1) * sizeof *again);
  packed = (char *)malloc(ree_pack_length(n) + 1);
  if (x == NULL || again == NULL || packed == NULL) abort();
  if (ree_unpack_doubles(text, size, x, &n, &err) != REE_OK) abort();
  ree_pack_doubles(x, n, packed);
  if (ree_unpack_doubles(packed, strlen(packed), again, &again_n, &err) != REE_OK || again_n != n) abort();
  if (n > 0 && memcmp(x, again, n * sizeof *x) != 0) abort();
  free(text), free(x), free(again), free(packed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  doubles_round_trip(data, size);
  text_round_trip(data, size);
  return 0;
}
