/*
** test_chain.c: the mass-balance graph, pushed and pulled, against the
** route walk's hand calculation (test_route.c): a -> b -> c with yields
** 0.9, 0.8, 0.65, and c returning 90% of its scrap to b. For 100 t out of
** c the feed is 0.935 * 100 / 0.585 t.
*/
#include <math.h>

#include "chain.h"
#include "check.h"

static ree_err err;
static const double FEED = 0.935 * 100 / 0.585;

static void set(ree_chain *c, int f, double v) {
  if (ree_chain_set(c, f, 0, 0, v, &err) != REE_OK)
    check_fail(__FILE__, __LINE__, "%s", err.msg);
}

/* The route as a pushed chain: the feed is given, the product follows. */
static ree_chain *pushed(void) {
  ree_chain *c = ree_chain_new(1, 1, &err);
  int a = ree_chain_add_process(c, "a", REE_PUSH, &err);
  int b = ree_chain_add_process(c, "b", REE_PUSH, &err);
  int p = ree_chain_add_process(c, "c", REE_PUSH, &err);
  set(c, ree_chain_add_flow(c, "feed", REE_OUTSIDE, a, REE_DEF_VALUE, &err), FEED);
  set(c, ree_chain_add_flow(c, "a loss", a, REE_OUTSIDE, REE_DEF_TC, &err), 0.1);
  set(c, ree_chain_add_flow(c, "a to b", a, b, REE_DEF_SPLIT, &err), 1);
  set(c, ree_chain_add_flow(c, "b loss", b, REE_OUTSIDE, REE_DEF_TC, &err), 0.2);
  set(c, ree_chain_add_flow(c, "b to c", b, p, REE_DEF_SPLIT, &err), 1);
  set(c, ree_chain_add_flow(c, "scrap", p, b, REE_DEF_TC, &err), 0.9 * 0.35);
  set(c, ree_chain_add_flow(c, "c loss", p, REE_OUTSIDE, REE_DEF_TC, &err), 0.1 * 0.35);
  set(c, ree_chain_add_flow(c, "product", p, REE_OUTSIDE, REE_DEF_SPLIT, &err), 1);
  return c;
}

/* The same route pulled: the product is given, the feed follows. */
static ree_chain *pulled(double demand) {
  ree_chain *c = ree_chain_new(1, 1, &err);
  int a = ree_chain_add_process(c, "a", REE_PULL, &err);
  int b = ree_chain_add_process(c, "b", REE_PULL, &err);
  int p = ree_chain_add_process(c, "c", REE_PULL, &err);
  set(c, ree_chain_add_flow(c, "feed", REE_OUTSIDE, a, REE_DEF_PULL, &err), 1);
  set(c, ree_chain_add_flow(c, "a loss", a, REE_OUTSIDE, REE_DEF_TC, &err), 0.1);
  set(c, ree_chain_add_flow(c, "a to b", a, b, REE_DEF_PULL, &err), 1);
  set(c, ree_chain_add_flow(c, "b loss", b, REE_OUTSIDE, REE_DEF_TC, &err), 0.2);
  set(c, ree_chain_add_flow(c, "b to c", b, p, REE_DEF_PULL, &err), 1);
  set(c, ree_chain_add_flow(c, "scrap", p, b, REE_DEF_TC, &err), 0.9 * 0.35);
  set(c, ree_chain_add_flow(c, "c loss", p, REE_OUTSIDE, REE_DEF_TC, &err), 0.1 * 0.35);
  set(c, ree_chain_add_flow(c, "product", p, REE_OUTSIDE, REE_DEF_VALUE, &err), demand);
  return c;
}

static void chain_should_push_the_route_as_by_hand(void) {
  ree_chain *c = pushed();
  int p;
  CHECK_INT(ree_chain_solve(c, &err), REE_OK);
  CHECK_NEAR(ree_chain_flow(c, 7, 0, 0), 100, 1e-12);          /* product */
  CHECK_NEAR(ree_chain_input(c, 2, 0, 0), 100 / 0.65, 1e-12);  /* c */
  CHECK_NEAR(ree_chain_flow(c, 5, 0, 0), 0.315 * 100 / 0.65, 1e-12);
  for (p = 0; p < 3; p++) CHECK_NEAR(ree_chain_residual(c, p, 0, 0), 0, 1e-12);
  ree_chain_free(c);
}

static void chain_should_pull_the_same_numbers(void) {
  ree_chain *c = pulled(100);
  int p;
  CHECK_INT(ree_chain_solve(c, &err), REE_OK);
  CHECK_NEAR(ree_chain_flow(c, 0, 0, 0), FEED, 1e-12);         /* feed */
  CHECK_NEAR(ree_chain_input(c, 1, 0, 0), 1.25 * 100 / 0.65, 1e-12); /* b */
  CHECK_NEAR(ree_chain_flow(c, 2, 0, 0), 0.935 * 100 / 0.65, 1e-12); /* a to b */
  for (p = 0; p < 3; p++) CHECK_NEAR(ree_chain_residual(c, p, 0, 0), 0, 1e-12);
  ree_chain_free(c);
}

static void chain_should_keep_stocks_in_the_balance(void) {
  /* 100 in; a quarter stays in the process's stock, the rest leaves */
  ree_chain *c = ree_chain_new(2, 1, &err);
  int p = ree_chain_add_process(c, "use", REE_PUSH, &err);
  int in = ree_chain_add_flow(c, "in", REE_OUTSIDE, p, REE_DEF_VALUE, &err);
  int st = ree_chain_add_flow(c, "stock", p, REE_STOCK, REE_DEF_TC, &err);
  int out = ree_chain_add_flow(c, "out", p, REE_OUTSIDE, REE_DEF_SPLIT, &err);
  ree_chain_set(c, in, 0, 0, 100, &err);
  ree_chain_set(c, in, 1, 0, 10, &err);
  ree_chain_set(c, st, 0, 0, 0.25, &err);
  ree_chain_set(c, st, 1, 0, 0.5, &err); /* another element, another TC */
  ree_chain_set(c, out, 0, 0, 1, &err);
  ree_chain_set(c, out, 1, 0, 1, &err);
  CHECK_INT(ree_chain_solve(c, &err), REE_OK);
  CHECK_NEAR(ree_chain_flow(c, st, 0, 0), 25, 1e-12);
  CHECK_NEAR(ree_chain_flow(c, out, 1, 0), 5, 1e-12);
  CHECK_NEAR(ree_chain_residual(c, p, 0, 0), 0, 1e-12);
  ree_chain_free(c);
}

static void chain_should_name_bad_coefficients(void) {
  ree_chain *c = pushed();
  ree_chain_set(c, 2, 0, 0, 0.9, &err); /* a to b: splits now 0.9 */
  CHECK_INT(ree_chain_solve(c, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "process 'a': splits sum to 0.9, not 1 (layer 0, year 0)");
  ree_chain_set(c, 2, 0, 0, 1, &err);
  ree_chain_set(c, 1, 0, 0, 1.1, &err); /* a loss */
  CHECK_INT(ree_chain_solve(c, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "process 'a': transfer coefficients sum to 1.1, more than 1 (layer 0, year 0)");
  ree_chain_free(c);
  c = pulled(100);
  ree_chain_set(c, 0, 0, 0, 0.5, &err); /* the feed pulls half */
  CHECK_INT(ree_chain_solve(c, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "process 'a': pulled shares sum to 0.5, not 1 (layer 0, year 0)");
  ree_chain_free(c);
}

static void chain_should_name_bad_definitions(void) {
  ree_chain *c = ree_chain_new(1, 1, &err);
  int a = ree_chain_add_process(c, "a", REE_PUSH, &err);
  int b = ree_chain_add_process(c, "b", REE_PULL, &err);
  CHECK_INT(ree_chain_add_process(c, "a", REE_PUSH, &err), REE_EINVAL);
  CHECK_STR(err.msg, "process 'a' is defined twice");
  ree_chain_add_flow(c, "x", a, b, REE_DEF_PULL, &err);
  CHECK_INT(ree_chain_solve(c, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "flow 'x': a pulled flow comes from outside or from a pulling process");
  ree_chain_free(c);
  c = ree_chain_new(1, 1, &err);
  a = ree_chain_add_process(c, "a", REE_PUSH, &err);
  ree_chain_add_flow(c, "y", a, REE_OUTSIDE, REE_DEF_VALUE, &err);
  CHECK_INT(ree_chain_solve(c, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "flow 'y': a pushing process sends its product by splits, not given values");
  ree_chain_free(c);
}

static void chain_should_name_a_loop_that_keeps_everything(void) {
  /* a and b send each other all they get: no steady state */
  ree_chain *c = ree_chain_new(1, 1, &err);
  int a = ree_chain_add_process(c, "a", REE_PUSH, &err);
  int b = ree_chain_add_process(c, "b", REE_PUSH, &err);
  set(c, ree_chain_add_flow(c, "in", REE_OUTSIDE, a, REE_DEF_VALUE, &err), 1);
  set(c, ree_chain_add_flow(c, "ab", a, b, REE_DEF_SPLIT, &err), 1);
  set(c, ree_chain_add_flow(c, "ba", b, a, REE_DEF_SPLIT, &err), 1);
  CHECK_INT(ree_chain_solve(c, &err), REE_ESINGULAR);
  CHECK_STR(err.msg, "no steady state: the loop through 'a', 'b' keeps everything it receives");
  ree_chain_free(c);
}

static void chain_should_refuse_negative_flows(void) {
  /* b needs 1.25 * 100 / 0.65 = 192.31 and gets 48.46 of scrap pushed
  ** back; a given 1,000 on top leaves a negative 856.15 to pull from a */
  ree_chain *c = pulled(100);
  set(c, ree_chain_add_flow(c, "gift", REE_OUTSIDE, 1, REE_DEF_VALUE, &err), 1000);
  CHECK_INT(ree_chain_solve(c, &err), REE_EDOMAIN);
  /* the first flow found negative: the feed, -856.154 / 0.9 */
  CHECK_STR(err.msg, "flow 'feed' would be negative (-951.282) (layer 0, year 0)");
  ree_chain_free(c);
}

static void chain_should_survive_every_allocation_failure(void) {
  int n;
  for (n = 0; n < 30; n++) {
    ree_chain *c;
    check_allocations_fail_after(n);
    c = ree_chain_new(1, 1, &err);
    if (c != NULL) {
      int a = ree_chain_add_process(c, "a", REE_PUSH, &err);
      int f = ree_chain_add_flow(c, "in", REE_OUTSIDE, a, REE_DEF_VALUE, &err);
      int g = ree_chain_add_flow(c, "out", a, REE_OUTSIDE, REE_DEF_SPLIT, &err);
      if (f >= 0 && g >= 0) {
        int rc;
        ree_chain_set(c, f, 0, 0, 1, &err);
        ree_chain_set(c, g, 0, 0, 1, &err);
        rc = ree_chain_solve(c, &err);
        CHECK(rc == REE_OK || rc == REE_ENOMEM);
      }
    }
    ree_chain_free(c);
    check_allocations_restore();
  }
}

static void chain_should_not_crash_with_null_pointers(void) {
  ree_chain_free(NULL);
  CHECK_INT(ree_chain_solve(NULL, &err), REE_EINVAL);
  CHECK(isnan(ree_chain_flow(NULL, 0, 0, 0)));
  CHECK_INT(ree_chain_add_process(NULL, "a", REE_PUSH, &err), REE_EINVAL);
  CHECK(ree_chain_new(0, 1, &err) == NULL);
}

int main(void) {
  RUN(chain_should_push_the_route_as_by_hand);
  RUN(chain_should_pull_the_same_numbers);
  RUN(chain_should_keep_stocks_in_the_balance);
  RUN(chain_should_name_bad_coefficients);
  RUN(chain_should_name_bad_definitions);
  RUN(chain_should_name_a_loop_that_keeps_everything);
  RUN(chain_should_refuse_negative_flows);
  RUN(chain_should_survive_every_allocation_failure);
  RUN(chain_should_not_crash_with_null_pointers);
  return check_report();
}
