/*
** market_fuzzer.c: libFuzzer target for market clearing (core/market.h),
** alone and under a shared quota: curves of every kind with any
** parameters, taxes, quotas, caps, leakage and stockpiles, and guesses
** of the prices where the searches start. A clearing
** either gives finite prices and quantities or says why it cannot.
*/
#include <stdlib.h>

#include "fuzz_input.h"
#include "market.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MARKETS 3
#define STEPS 4

typedef struct { double cost[STEPS], cap[STEPS]; } merit;

static void curve(fuzz_input *in, ree_curve *c, merit *m, int demand) {
  int k;
  memset(c, 0, sizeof *c);
  c->kind = fuzz_int(in, 0, 3);
  c->a = fuzz_byte(in) & 1 ? fuzz_number(in) : fuzz_positive(in);
  c->b = fuzz_byte(in) & 1 ? fuzz_number(in) : (demand ? -fuzz_positive(in) / 100.0 : fuzz_positive(in) / 100.0);
  c->n = fuzz_int(in, 0, STEPS);
  for (k = 0; k < c->n; k++) {
    m->cost[k] = fuzz_byte(in) & 1 ? fuzz_number(in) : fuzz_positive(in);
    m->cap[k] = fuzz_byte(in) & 1 ? fuzz_number(in) : fuzz_positive(in);
  }
  c->cost = m->cost;
  c->cap = m->cap;
}

static void market(fuzz_input *in, ree_market *m, merit *steps) {
  memset(m, 0, sizeof *m);
  m->name = "X";
  m->year = fuzz_int(in, REE_YEAR_MIN, REE_YEAR_MAX);
  curve(in, &m->d_cn, &steps[0], 1);
  curve(in, &m->s_cn, &steps[1], 0);
  curve(in, &m->d_rw, &steps[2], 1);
  curve(in, &m->s_rw, &steps[3], 0);
  curve(in, &m->fringe, &steps[4], 0);
  m->tax = fuzz_byte(in) & 1 ? fuzz_number(in) : fuzz_positive(in) / 1000.0;
  m->vat_lost = fuzz_positive(in) / 1000.0;
  m->quota = fuzz_byte(in) & 1 ? -1.0 : fuzz_number(in);
  m->cap = fuzz_byte(in) & 1 ? -1.0 : fuzz_number(in);
  m->leak_l0 = fuzz_positive(in) / 100.0;
  m->leak_g = fuzz_byte(in) & 1 ? 1.0 : fuzz_number(in);
  m->stock_rw = fuzz_byte(in) & 1 ? 0.0 : fuzz_number(in);
  m->near = fuzz_byte(in) & 1 ? 0.0 : fuzz_number(in); /* a free-trade guess, good or not */
}

static void check(int rc, const ree_market_result *r, const ree_err *err) {
  if (rc != REE_OK) {
    if (err->code != rc || err->msg[0] == '\0') abort();
    return;
  }
  if (!isfinite(r->p_cn) || !isfinite(r->p_rw) || !isfinite(r->exports) || r->p_cn < 0.0 || r->p_rw < 0.0) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_input in = {data, size, 0};
  ree_market ms[MARKETS];
  merit steps[MARKETS][5];
  ree_market_result r[MARKETS];
  double licence, quota, guess;
  ree_err err;
  int n = fuzz_int(&in, 1, MARKETS), i, rc;
  for (i = 0; i < n; i++) market(&in, &ms[i], steps[i]);
  rc = ree_market_clear(&ms[0], &r[0], &err);
  check(rc, &r[0], &err);
  quota = fuzz_byte(&in) & 1 ? fuzz_number(&in) : fuzz_positive(&in);
  guess = fuzz_byte(&in) & 1 ? 0.0 : fuzz_number(&in); /* a licence to start from, good or not */
  rc = ree_market_clear_joint_near(ms, n, quota, guess, r, &licence, &err);
  for (i = 0; rc == REE_OK && i < n; i++) check(rc, &r[i], &err);
  if (rc != REE_OK) check(rc, NULL, &err);
  return 0;
}
