/*
** series_fuzzer.c: libFuzzer target for every series operation the Lua
** binding reaches (core/series.h), on series anywhere in the years the
** binding admits (REE_YEAR_MIN..REE_YEAR_MAX), with destinations sized as
** each operation's header says, annual, quarterly and monthly. Nothing may crash or read out of bounds;
** a failure must explain itself.
*/
#include <stdlib.h>

#include "fuzz_input.h"
#include "series.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_VALUES 64

/* The last step the binding admits for a period: December 9999. */
static int last_step(int period) { return ree_series_step(period, REE_YEAR_MAX, period); }

static ree_series *make(fuzz_input *in, int count) {
  ree_series *s = (ree_series *)malloc(REE_SERIES_BYTES(count > 0 ? count : 1));
  ree_unit unit;
  int i;
  memset(&unit, 0, sizeof unit); /* dimensionless, scale 1 */
  unit.scale = 1.0;
  ree_series_init(s, fuzz_int(in, REE_YEAR_MIN, REE_YEAR_MAX - (count > 0 ? count : 1) + 1), count, &unit);
  s->period = (int[]){1, 4, 12}[fuzz_int(in, 0, 2)];
  if (s->period > 1) /* a start anywhere in the steps of years 0-9999 */
    s->first = fuzz_int_wide(in, 0, last_step(s->period) - (count > 0 ? count : 1) + 1);
  for (i = 0; i < count; i++) s->value[i] = fuzz_number(in);
  return s;
}

static ree_series *room(int count) { return (ree_series *)malloc(REE_SERIES_BYTES(count > 0 ? count : 1)); }

static void explained(int rc, const ree_err *err) {
  if (rc != REE_OK && (err->code != rc || err->msg[0] == '\0')) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_input in = {data, size, 0};
  ree_series *a = make(&in, fuzz_int(&in, 0, MAX_VALUES));
  ree_series *b = make(&in, fuzz_int(&in, 0, MAX_VALUES));
  const ree_series *parts[2];
  ree_series *d;
  ree_err err;
  double x, lo, hi;
  int from, to, ylo, yhi, span;

  /* over the union of years, as the binding sizes it */
  from = a->first < b->first ? a->first : b->first;
  to = ree_series_last_year(a) > ree_series_last_year(b) ? ree_series_last_year(a) : ree_series_last_year(b);
  span = to - from + 1;
  d = room(span > a->count ? span : a->count);
  explained(ree_series_binop(d, a, b, fuzz_int(&in, 0, 3), &err), &err);
  free(d);

  d = room(a->count);
  ree_series_scalar(d, a, fuzz_number(&in), fuzz_int(&in, 0, 3), fuzz_int(&in, 0, 1));
  ree_series_cumsum(d, a);
  ree_series_interpolate(d, a, fuzz_int(&in, 0, 1));
  explained(ree_series_moving_average(d, a, fuzz_int(&in, 0, MAX_VALUES + 2), &err), &err);
  explained(ree_series_index(d, a, fuzz_int(&in, REE_YEAR_MIN, REE_YEAR_MAX), &err), &err);
  explained(ree_series_extremes(a, &lo, &ylo, &hi, &yhi, &err), &err);
  explained(ree_series_cagr(a, fuzz_int(&in, REE_YEAR_MIN, REE_YEAR_MAX), fuzz_int(&in, REE_YEAR_MIN, REE_YEAR_MAX),
                            &x, &err), &err);
  parts[0] = a;
  parts[1] = b;
  explained(ree_series_combine(d, parts, 2, fuzz_int(&in, 0, 1), &err), &err);
  free(d);

  d = room(a->count > 1 ? a->count - 1 : 0);
  explained(ree_series_diff(d, a, fuzz_int(&in, 0, 1), &err), &err);
  free(d);

  from = fuzz_int_wide(&in, 0, last_step(a->period));
  to = fuzz_int(&in, from, from + MAX_VALUES < last_step(a->period) ? from + MAX_VALUES : last_step(a->period));
  d = room(to - from + 1);
  explained(ree_series_slice(d, a, from, to, &err), &err);
  free(d);

  to = fuzz_int(&in, a->first, a->first + 2 * MAX_VALUES < last_step(a->period) ? a->first + 2 * MAX_VALUES
                                                                                   : last_step(a->period));
  d = room(to - a->first + 1);
  explained(ree_series_extrapolate(d, a, to, fuzz_number(&in), &err), &err);
  free(d);

  d = room(ree_series_annual_count(a));
  ree_series_annual(d, a, fuzz_int(&in, 0, 2));
  free(d);

  (void)ree_series_at(a, fuzz_int(&in, REE_YEAR_MIN, REE_YEAR_MAX));
  free(a);
  free(b);
  return 0;
}
