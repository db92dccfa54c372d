/*
** reconcile_fuzzer.c: libFuzzer target for data reconciliation
** (core/reconcile.h): any balances among up to 8 flows, measured, exact
** or unknown, with any values and uncertainties. A reconciliation either
** meets its balances (within rounding of their terms) or says why not,
** naming a flow that exists.
*/
#include <stdlib.h>

#include "fuzz_input.h"
#include "reconcile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FLOWS 8
#define BALANCES 5

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_input in = {data, size, 0};
  double a[BALANCES * FLOWS], c[BALANCES], value[FLOWS], sd[FLOWS], out[FLOWS], out_sd[FLOWS], z[FLOWS];
  ree_recon_problem p;
  ree_recon_result r;
  ree_err err;
  int n = fuzz_int(&in, 0, FLOWS), k = fuzz_int(&in, 0, BALANCES), i, j, bad = -1;
  for (i = 0; i < k * n; i++) a[i] = fuzz_byte(&in) & 1 ? fuzz_number(&in) : (double)fuzz_int(&in, -1, 1);
  for (i = 0; i < k; i++) c[i] = fuzz_byte(&in) & 1 ? fuzz_number(&in) : 0.0;
  for (j = 0; j < n; j++) {
    value[j] = fuzz_byte(&in) & 1 ? fuzz_number(&in) : fuzz_positive(&in);
    sd[j] = fuzz_byte(&in) & 1 ? fuzz_number(&in) : fuzz_positive(&in) / 10.0 - 1.0;
  }
  p = (ree_recon_problem){.flows = n, .constraints = k, .a = a, .c = c, .value = value, .sd = sd};
  r = (ree_recon_result){.value = out, .sd = out_sd, .z = z};
  if (ree_reconcile(&p, &r, &bad, &err) == REE_OK) {
    /* the balances hold, checked where rounding cannot swamp them: plain
    ** coefficients, moderate numbers and uncertainties within a factor of
    ** 1e6 of each other (beyond, the weighted solve is ill-conditioned) */
    double sd_lo = INFINITY, sd_hi = 0.0;
    int plain = 1;
    for (j = 0; j < n; j++)
      if (sd[j] > 0.0) sd_lo = fmin(sd_lo, sd[j]), sd_hi = fmax(sd_hi, sd[j]);
    plain = sd_hi <= 1e6 * sd_lo || sd_hi == 0.0;
    for (i = 0; i < k * n; i++) plain = plain && fabs(a[i]) <= 1e3;
    for (i = 0; i < k; i++) plain = plain && fabs(c[i]) <= 1e6;
    for (j = 0; j < n; j++) {
      if (!isfinite(out[j]) || fabs(out[j]) > 1e9) plain = 0;
    }
    for (i = 0; plain && i < k; i++) {
      double sum = -c[i], scale = fabs(c[i]); /* the terms' size */
      for (j = 0; j < n; j++) {
        sum += a[i * n + j] * out[j];
        scale += fabs(a[i * n + j] * out[j]);
      }
      if (fabs(sum) > 1e-6 * scale + 1e-7) abort(); /* tonnes: 0.1 g at least */
    }
  } else if (err.msg[0] == '\0' || bad >= n) {
    abort();
  }
  return 0;
}
