/*
** chain_fuzzer.c: libFuzzer target for the mass-balance engine
** (core/chain.h): any processes, flows between them (or the boundary or
** a stock), any definitions and coefficients, including indexes out of
** range; then a solve, and every flow, input and residual read. When the
** solve succeeds, every process balances within 1e-9 of its largest flow.
*/
#include <stdio.h>
#include <stdlib.h>

#include "chain.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void explained(int rc, const ree_err *err) {
  if (rc < 0 && (err->code != rc || err->msg[0] == '\0')) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_input in = {data, size, 0};
  ree_err err;
  int layers = fuzz_int(&in, 0, 3), years = fuzz_int(&in, 0, 3);
  int processes = fuzz_int(&in, 0, 6), flows = fuzz_int(&in, 0, 14), i, f, l, y, p;
  char name[16];
  ree_chain *c = ree_chain_new(layers, years, &err);
  if (c == NULL) {
    if (err.msg[0] == '\0') abort();
    return 0;
  }
  for (i = 0; i < processes; i++) {
    snprintf(name, sizeof name, "p%d", i);
    explained(ree_chain_add_process(c, name, fuzz_int(&in, 0, 1), &err), &err);
  }
  for (i = 0; i < flows; i++) {
    snprintf(name, sizeof name, "f%d", i);
    explained(ree_chain_add_flow(c, name, fuzz_int(&in, -2, processes), fuzz_int(&in, -2, processes),
                                 fuzz_int(&in, 0, 4), &err), &err);
  }
  for (f = -1; f <= ree_chain_flow_count(c); f++)
    for (l = -1; l <= layers; l++)
      for (y = -1; y <= years; y++) {
        double v = fuzz_byte(&in) & 1 ? fuzz_number(&in) : (double)fuzz_int(&in, 0, 100) / 100.0;
        explained(ree_chain_set(c, f, l, y, v, &err), &err);
      }
  if (ree_chain_solve(c, &err) == REE_OK) {
    for (l = 0; l < layers; l++)
      for (y = 0; y < years; y++) {
        double largest = 0.0;
        for (f = 0; f < ree_chain_flow_count(c); f++) {
          double x = fabs(ree_chain_flow(c, f, l, y));
          if (x > largest) largest = x;
        }
        for (p = 0; p < ree_chain_process_count(c); p++)
          if (isfinite(largest) && largest < 1e12 && fabs(ree_chain_residual(c, p, l, y)) > 1e-9 * (1.0 + largest))
            abort(); /* mass is conserved, or the solve says why not */
      }
  } else if (err.msg[0] == '\0') {
    abort();
  }
  for (p = -1; p <= ree_chain_process_count(c); p++) (void)ree_chain_input(c, p, 0, 0);
  for (f = -1; f <= ree_chain_flow_count(c); f++) (void)ree_chain_flow(c, f, layers, years);
  ree_chain_free(c);
  return 0;
}
