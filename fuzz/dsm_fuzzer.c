/*
** dsm_fuzzer.c: libFuzzer target for the dynamic stock model (core/dsm.h)
** as the binding drives it: any span in the years it admits, any lifetime,
** initial cohorts, an inflow- or stock-driven solve with one value a year,
** then every result read for years inside and outside the span.
*/
#include <stdlib.h>

#include "dsm.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_YEARS_HERE 40

static void explained(int rc, const ree_err *err) {
  if (rc != REE_OK && (err->code != rc || err->msg[0] == '\0')) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_input in = {data, size, 0};
  ree_lifetime lt;
  ree_err err;
  ree_dsm *m;
  double values[MAX_YEARS_HERE], initial[MAX_YEARS_HERE], w[MAX_YEARS_HERE];
  int years = fuzz_int(&in, 1, MAX_YEARS_HERE), first, n, i, y, c;
  lt.kind = fuzz_int(&in, 0, 3);
  lt.a = fuzz_number(&in);
  lt.b = fuzz_number(&in);
  first = fuzz_int(&in, REE_YEAR_MIN, REE_YEAR_MAX);
  m = ree_dsm_new(first, years, &lt, &err);
  if (m == NULL) {
    if (err.msg[0] == '\0') abort();
    return 0;
  }
  n = fuzz_int(&in, 0, MAX_YEARS_HERE);
  for (i = 0; i < n; i++) initial[i] = fuzz_number(&in);
  if (n > 0) explained(ree_dsm_set_initial(m, fuzz_int(&in, REE_YEAR_MIN, first), n, initial, &err), &err);
  for (i = 0; i < years; i++) values[i] = fuzz_number(&in);
  if (fuzz_byte(&in) & 1)
    explained(ree_dsm_inflow_driven(m, values, &err), &err);
  else
    explained(ree_dsm_stock_driven(m, values, &err), &err);
  for (i = 0; i < MAX_YEARS_HERE; i++) w[i] = fuzz_number(&in);
  for (y = first - 2; y < first + years + 2; y++) {
    (void)ree_dsm_inflow(m, y);
    (void)ree_dsm_outflow(m, y);
    (void)ree_dsm_stock(m, y);
    (void)ree_dsm_retired_early(m, y);
    (void)ree_dsm_outflow_weighted(m, y, w, fuzz_int(&in, REE_YEAR_MIN, REE_YEAR_MAX), fuzz_int(&in, 0, MAX_YEARS_HERE));
    (void)ree_dsm_stock_weighted(m, y, w, fuzz_int(&in, REE_YEAR_MIN, REE_YEAR_MAX), fuzz_int(&in, 0, MAX_YEARS_HERE));
    for (c = ree_dsm_first_cohort(m) - 1; c <= ree_dsm_first_cohort(m) + ree_dsm_cohort_count(m); c++) {
      (void)ree_dsm_cohort_stock(m, y, c);
      (void)ree_dsm_cohort_outflow(m, y, c);
    }
  }
  ree_dsm_free(m);
  return 0;
}
