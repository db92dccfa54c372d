/*
** fuzz_input.h: reading a fuzzer's bytes as the arguments of a core call.
** Every read is defined whatever is left: past the end a read gives 0, so
** any input, however short, is a whole test case. Header-only: each
** target is one translation unit (built by ./ree fuzz).
*/
#ifndef REE_FUZZ_INPUT_H
#define REE_FUZZ_INPUT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct fuzz_input {
  const uint8_t *data;
  size_t size, pos;
} fuzz_input;

static uint8_t fuzz_byte(fuzz_input *in) { return in->pos < in->size ? in->data[in->pos++] : 0; }

/* An integer in lo..hi (hi - lo below 65536). */
static int fuzz_int(fuzz_input *in, int lo, int hi) {
  unsigned v = (unsigned)fuzz_byte(in) << 8 | fuzz_byte(in);
  return lo + (int)(v % (unsigned)(hi - lo + 1));
}

/* An integer in lo..hi for wider ranges (hi - lo below 2^24): the steps
** of a monthly series run to 120,000. */
static int fuzz_int_wide(fuzz_input *in, int lo, int hi) {
  unsigned v = (unsigned)fuzz_byte(in) << 16 | (unsigned)fuzz_byte(in) << 8 | fuzz_byte(in);
  return lo + (int)(v % (unsigned)(hi - lo + 1));
}

/* A number as a model gives them: mostly small and round, sometimes 0,
** negative, huge, tiny, infinite or NaN (the core must refuse or bear it). */
static double fuzz_number(fuzz_input *in) {
  uint8_t kind = fuzz_byte(in);
  double raw;
  uint64_t bits = 0;
  int i;
  switch (kind % 16) {
    case 0: return 0.0;
    case 1: return NAN;
    case 2: return kind & 16 ? INFINITY : -INFINITY;
    case 3: return kind & 16 ? 1e300 : 1e-300;
    case 4: /* any bit pattern */
      for (i = 0; i < 8; i++) bits = bits << 8 | fuzz_byte(in);
      memcpy(&raw, &bits, sizeof raw);
      return raw;
    default: return ((double)fuzz_int(in, 0, 20000) - 10000.0) / (double)(1 + kind % 7 * 9);
  }
}

/* A number from 0 to 1000: quantities and prices that should work. */
static double fuzz_positive(fuzz_input *in) { return (double)fuzz_int(in, 0, 100000) / 100.0; }

#endif
