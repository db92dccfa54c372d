/*
** test_reconcile.c: reconciliation against hand-solved examples.
*/
#include <math.h>
#include <string.h>

#include "check.h"
#include "reconcile.h"

static ree_err err;

/* The problem of n flows and k balances, over the test's arrays. */
static ree_recon_problem problem(int n, int k, const double *a, const double *c,
                                 const double *value, const double *sd) {
  ree_recon_problem p;
  p.flows = n;
  p.constraints = k;
  p.a = a;
  p.c = c;
  p.value = value;
  p.sd = sd;
  return p;
}

/* A result into the test's arrays (z may be NULL). */
static ree_recon_result result(double *value, double *sd, double *z) {
  ree_recon_result r;
  memset(&r, 0, sizeof r);
  r.value = value;
  r.sd = sd;
  r.z = z;
  return r;
}

static void reconcile_should_solve_one_balance_by_hand(void) {
  /* One process: in1 = 10 +- 1, in2 = 5 +- 1, out = 16 +- 1; in1 + in2 =
  ** out. By hand: residual -1, A Q A' = 3, so each flow moves by 1/3:
  ** 10.333, 5.333, 15.667; variances 1 - 1/3; chi2 = 1/3 on 1 df. */
  double a[] = {1, 1, -1}, c[] = {0}, v[] = {10, 5, 16}, sd[] = {1, 1, 1};
  double out[3], out_sd[3], z[3];
  ree_recon_problem p = problem(3, 1, a, c, v, sd);
  ree_recon_result r = result(out, out_sd, z);
  CHECK_INT(ree_reconcile(&p, &r, NULL, &err), REE_OK);
  CHECK_NEAR(out[0], 10 + 1.0 / 3, 1e-14);
  CHECK_NEAR(out[1], 5 + 1.0 / 3, 1e-14);
  CHECK_NEAR(out[2], 16 - 1.0 / 3, 1e-14);
  CHECK_NEAR(out_sd[0], sqrt(2.0 / 3), 1e-14);
  CHECK_NEAR(r.chi2, 1.0 / 3, 1e-14);
  CHECK_INT(r.df, 1);
  CHECK_NEAR(r.p_value, erfc(sqrt(1.0 / 6)), 1e-12); /* chi2(1) sf */
  CHECK_NEAR(z[0], (1.0 / 3) / sqrt(1.0 / 3), 1e-12);
}

static void reconcile_should_compute_unknowns_through_a_chain(void) {
  /* f1 -> P1 -> f2 -> P2 -> f3; f1 = 10 +- 1, f2 unknown, f3 = 12 +- 2.
  ** Eliminating f2 leaves f1 = f3: residual -2, M = 1 + 4 = 5,
  ** lambda = -0.4, so f1 = 10.4 and f3 = 12 - 4 * 0.4 = 10.4; f2 = 10.4;
  ** variances 1 - 1/5 = 0.8 for all three; chi2 = 4/5 on 1 df. */
  double a[] = {1, -1, 0, 0, 1, -1}, c[] = {0, 0};
  double v[] = {10, NAN, 12}, sd[] = {1, -1, 2}, out[3], out_sd[3];
  ree_recon_problem p = problem(3, 2, a, c, v, sd);
  ree_recon_result r = result(out, out_sd, NULL);
  CHECK_INT(ree_reconcile(&p, &r, NULL, &err), REE_OK);
  CHECK_NEAR(out[0], 10.4, 1e-14);
  CHECK_NEAR(out[1], 10.4, 1e-14);
  CHECK_NEAR(out[2], 10.4, 1e-14);
  CHECK_NEAR(out_sd[1], sqrt(0.8), 1e-14);
  CHECK_NEAR(out_sd[2], sqrt(0.8), 1e-14);
  CHECK_NEAR(r.chi2, 0.8, 1e-14);
  CHECK_INT(r.df, 1);
  CHECK_NEAR(r.p_value, 0.37109336952269756, 1e-9); /* chi2(1) sf at 0.8 */
}

static void reconcile_should_keep_exact_flows_and_stock_changes(void) {
  /* in = 10 exact, out = 7 +- 1, stock change on the right side: 2.
  ** in - out = 2, so out must be 8, with no uncertainty left. */
  double a[] = {1, -1}, c[] = {2}, v[] = {10, 7}, sd[] = {0, 1};
  double out[2], out_sd[2];
  ree_recon_problem p = problem(2, 1, a, c, v, sd);
  ree_recon_result r = result(out, out_sd, NULL);
  CHECK_INT(ree_reconcile(&p, &r, NULL, &err), REE_OK);
  CHECK_NEAR(out[0], 10, 0);
  CHECK_NEAR(out[1], 8, 1e-14);
  CHECK_NEAR(out_sd[1], 0, 1e-7);
  CHECK_NEAR(r.chi2, 1, 1e-14);
}

static void reconcile_should_name_what_it_cannot_do(void) {
  double a[] = {1, -1, -1}, c[] = {0}, v[] = {10, NAN, NAN};
  double sd[] = {1, -1, -1}, out[3], out_sd[3];
  double a2[] = {1, -1, 1, -1}, c2[] = {0, 1}, v2[] = {1, 1}, sd2[] = {0, 0};
  int bad;
  ree_recon_problem p = problem(3, 1, a, c, v, sd);
  ree_recon_result r = result(out, out_sd, NULL);
  /* two unknown outflows of one process: only their sum is known */
  CHECK_INT(ree_reconcile(&p, &r, &bad, &err), REE_ESINGULAR);
  CHECK_STR(err.msg, "flow 2 is unknown and the balances do not determine it");
  CHECK_INT(bad, 2);
  /* the same two flows must balance to 0 and to 1 */
  p = problem(2, 2, a2, c2, v2, sd2);
  CHECK_INT(ree_reconcile(&p, &r, &bad, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "balance 1 cannot hold: it contradicts the others");
  CHECK_INT(ree_reconcile(NULL, &r, &bad, &err), REE_EINVAL);
}

static void reconcile_should_weigh_balances_that_differ_only_in_exact_flows(void) {
  /* a = 11 +- 1, d = 6 +- 1, b = c = 4 exact; a - b - d = 0 and
  ** a - c - d = 0. Over the weighed flows the two balances are one
  ** (their difference, c - b = 0, holds exact flows only and holds), so
  ** by hand: residual 1, M = 2, lambda = 1/2: a = 10.5, d = 6.5, chi2 =
  ** 1/2 on 1 df. With c = 5 the difference cannot hold. */
  double a[] = {1, -1, 0, -1, 1, 0, -1, -1}, c[] = {0, 0};
  double v[] = {11, 4, 4, 6}, sd[] = {1, 0, 0, 1}, out[4], out_sd[4];
  ree_recon_problem p = problem(4, 2, a, c, v, sd);
  ree_recon_result r = result(out, out_sd, NULL);
  CHECK_INT(ree_reconcile(&p, &r, NULL, &err), REE_OK);
  CHECK_NEAR(out[0], 10.5, 1e-14);
  CHECK_NEAR(out[3], 6.5, 1e-14);
  CHECK_NEAR(out[1], 4, 0);
  CHECK_NEAR(r.chi2, 0.5, 1e-14);
  CHECK_INT(r.df, 1);
  CHECK_NEAR(out_sd[0], sqrt(0.5), 1e-14);
  v[2] = 5;
  CHECK_INT(ree_reconcile(&p, &r, NULL, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "balance 1 cannot hold: its flows are exact");
  /* uncertainties so small that their squares underflow: no weight */
  v[2] = 4;
  sd[0] = sd[3] = 1e-200;
  CHECK_INT(ree_reconcile(&p, &r, NULL, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "balance 0 cannot be weighed: the weights of its flows "
            "vanish in floating point");
}

static void chi2_should_match_known_quantiles(void) {
  CHECK_NEAR(ree_chi2_sf(3.841458820694124, 1), 0.05, 1e-10);
  CHECK_NEAR(ree_chi2_sf(5.991464547107979, 2), 0.05, 1e-10);
  CHECK_NEAR(ree_chi2_sf(18.307038053275146, 10), 0.05, 1e-10);
  CHECK_NEAR(ree_chi2_sf(2, 2), exp(-1), 1e-14); /* df 2: exp(-x/2) */
  CHECK_NEAR(ree_chi2_sf(0, 3), 1, 0);
}

static void reconcile_should_survive_every_allocation_failure(void) {
  double a[] = {1, 1, -1}, c[] = {0}, v[] = {10, 5, 16}, sd[] = {1, 1, 1};
  double out[3], out_sd[3];
  int n;
  ree_recon_problem p = problem(3, 1, a, c, v, sd);
  ree_recon_result r = result(out, out_sd, NULL);
  for (n = 0; n < 10; n++) {
    int rc;
    check_allocations_fail_after(n);
    rc = ree_reconcile(&p, &r, NULL, &err);
    check_allocations_restore();
    CHECK(rc == REE_OK || rc == REE_ENOMEM);
  }
}

static void reconcile_should_refuse_exact_flows_that_break_a_balance(void) {
  /* Found by the fuzzer: flow 2 is exact (371.19), and balance 4 says it
  ** is 0 with nothing else in it. No adjustment can meet that; the answer
  ** is an error, not values that break the balance. */
  double a[] = {98.4, 1, -1, -1, -1, -1, -1, -1, 1, 244, 0, 0, -1, 0, 0, 0, 0, 0, 1, 0};
  double c[] = {0, 0, 0, 0, 0}, v[] = {82.24, 82.24, 371.19, 370.08}, sd[] = {7.224, -1, 0, 36.008};
  double out[4], out_sd[4];
  ree_recon_problem p = problem(4, 5, a, c, v, sd);
  ree_recon_result r = result(out, out_sd, NULL);
  CHECK_INT(ree_reconcile(&p, &r, NULL, &err), REE_EDOMAIN);
  CHECK(strstr(err.msg, "cannot hold") != NULL);
}

int main(void) {
  RUN(reconcile_should_solve_one_balance_by_hand);
  RUN(reconcile_should_refuse_exact_flows_that_break_a_balance);
  RUN(reconcile_should_compute_unknowns_through_a_chain);
  RUN(reconcile_should_keep_exact_flows_and_stock_changes);
  RUN(reconcile_should_name_what_it_cannot_do);
  RUN(reconcile_should_weigh_balances_that_differ_only_in_exact_flows);
  RUN(chi2_should_match_known_quantiles);
  RUN(reconcile_should_survive_every_allocation_failure);
  return check_report();
}
