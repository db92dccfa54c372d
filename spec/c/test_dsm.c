/*
** test_dsm.c: dynamic stock models against hand-computed cases.
*/
#include <math.h>

#include "check.h"
#include "dsm.h"

static ree_err err;

static ree_lifetime fixed(double years) {
  ree_lifetime lt;
  lt.kind = REE_LIFETIME_FIXED;
  lt.a = years;
  lt.b = 0;
  return lt;
}

/* Every year balances: inflow - outflow = stock change. */
static void check_balance(const ree_dsm *m, int first, int years,
                          double before) {
  int y;
  for (y = first; y < first + years; y++) {
    double change = ree_dsm_stock(m, y) - (y == first ? before : ree_dsm_stock(m, y - 1));
    CHECK_NEAR(ree_dsm_inflow(m, y) - ree_dsm_outflow(m, y), change, 1e-12);
  }
}

static void survival_should_follow_each_distribution(void) {
  ree_lifetime lt = fixed(3);
  CHECK_NEAR(ree_lifetime_survival(&lt, 2), 1, 0);
  CHECK_NEAR(ree_lifetime_survival(&lt, 3), 0, 0);
  lt.kind = REE_LIFETIME_NORMAL;
  lt.a = 10;
  lt.b = 2;
  CHECK_NEAR(ree_lifetime_survival(&lt, 10), 0.5, 1e-15); /* at the mean */
  CHECK_NEAR(ree_lifetime_survival(&lt, 12), 0.15865525393145705, 1e-12); /* 1 - Phi(1) */
  lt.kind = REE_LIFETIME_WEIBULL;
  lt.a = 2; /* shape */
  lt.b = 10; /* scale */
  CHECK_NEAR(ree_lifetime_survival(&lt, 10), exp(-1), 1e-15);
  CHECK_NEAR(ree_lifetime_survival(&lt, 5), exp(-0.25), 1e-15);
  lt.kind = REE_LIFETIME_LOGNORMAL;
  lt.a = 10; /* mean */
  lt.b = 5;  /* sd: sigma^2 = ln 1.25, the median is 10 / sqrt(1.25) */
  CHECK_NEAR(ree_lifetime_survival(&lt, 0), 1, 0);
  CHECK(ree_lifetime_survival(&lt, 8) > 0.5 && ree_lifetime_survival(&lt, 9) < 0.5);
}

static void inflow_driven_should_retire_cohorts_at_their_age(void) {
  /* fixed lifetime 2: what enters in 2000 is in stock at the end of 2000
  ** and 2001 and leaves in 2002 */
  ree_lifetime lt = fixed(2);
  double inflow[] = {10, 0, 5, 0, 0};
  ree_dsm *m = ree_dsm_new(2000, 5, &lt, &err);
  CHECK_INT(ree_dsm_inflow_driven(m, inflow, &err), REE_OK);
  CHECK_NEAR(ree_dsm_stock(m, 2000), 10, 0);
  CHECK_NEAR(ree_dsm_stock(m, 2001), 10, 0);
  CHECK_NEAR(ree_dsm_stock(m, 2002), 5, 0);
  CHECK_NEAR(ree_dsm_outflow(m, 2002), 10, 0);
  CHECK_NEAR(ree_dsm_outflow(m, 2004), 5, 0);
  CHECK_NEAR(ree_dsm_cohort_outflow(m, 2002, 2000), 10, 0);
  CHECK_NEAR(ree_dsm_cohort_stock(m, 2003, 2002), 5, 0);
  check_balance(m, 2000, 5, 0);
  ree_dsm_free(m);
}

static void stock_driven_should_never_give_a_negative_inflow(void) {
  /* fixed lifetime 3; stock 10, 10, 4, 4. By hand: 2000 inflow 10;
  ** 2001 nothing leaves, inflow 0; 2002 the stock falls to 4 while the
  ** 2000 cohort still has a year: inflow 0 and 6 retire early; 2003 the
  ** rest of the 2000 cohort (4) leaves, so 4 enter. */
  ree_lifetime lt = fixed(3);
  double stock[] = {10, 10, 4, 4};
  ree_dsm *m = ree_dsm_new(2000, 4, &lt, &err);
  CHECK_INT(ree_dsm_stock_driven(m, stock, &err), REE_OK);
  CHECK_NEAR(ree_dsm_inflow(m, 2000), 10, 0);
  CHECK_NEAR(ree_dsm_inflow(m, 2001), 0, 0);
  CHECK_NEAR(ree_dsm_inflow(m, 2002), 0, 0);
  CHECK_NEAR(ree_dsm_retired_early(m, 2002), 6, 0);
  CHECK_NEAR(ree_dsm_outflow(m, 2002), 6, 0);
  CHECK_NEAR(ree_dsm_inflow(m, 2003), 4, 0);
  CHECK_NEAR(ree_dsm_outflow(m, 2003), 4, 0);
  CHECK_NEAR(ree_dsm_stock(m, 2003), 4, 0);
  check_balance(m, 2000, 4, 0);
  ree_dsm_free(m);
}

static void initial_stock_should_age_with_its_cohorts(void) {
  /* lifetime 3; at the start of 2000 cohorts 1998 and 1999 hold 2 and 3:
  ** 1998 leaves in 2001, 1999 in 2002 */
  ree_lifetime lt = fixed(3);
  double initial[] = {2, 3}, inflow[] = {0, 0, 0};
  ree_dsm *m = ree_dsm_new(2000, 3, &lt, &err);
  CHECK_INT(ree_dsm_set_initial(m, 1998, 2, initial, &err), REE_OK);
  CHECK_INT(ree_dsm_first_cohort(m), 1998);
  CHECK_INT(ree_dsm_cohort_count(m), 5);
  CHECK_INT(ree_dsm_inflow_driven(m, inflow, &err), REE_OK);
  CHECK_NEAR(ree_dsm_stock(m, 2000), 5, 0);
  CHECK_NEAR(ree_dsm_outflow(m, 2001), 2, 0);
  CHECK_NEAR(ree_dsm_outflow(m, 2002), 3, 0);
  check_balance(m, 2000, 3, 5);
  initial[0] = 1;
  CHECK_INT(ree_dsm_set_initial(m, 1996, 1, initial, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "cohort 1996 should have left use by 2000");
  ree_dsm_free(m);
}

static void cohorts_should_carry_their_composition(void) {
  /* Dy 5% in the 2000 magnets, 2% in the 2001 ones, lifetime 2: the
  ** scrap of 2002 carries 5%, that of 2003 2% */
  ree_lifetime lt = fixed(2);
  double inflow[] = {100, 100, 0, 0}, dy[] = {0.05, 0.02};
  ree_dsm *m = ree_dsm_new(2000, 4, &lt, &err);
  ree_dsm_inflow_driven(m, inflow, &err);
  CHECK_NEAR(ree_dsm_outflow_weighted(m, 2002, dy, 2000, 2), 5, 1e-15);
  CHECK_NEAR(ree_dsm_outflow_weighted(m, 2003, dy, 2000, 2), 2, 1e-15);
  CHECK_NEAR(ree_dsm_stock_weighted(m, 2001, dy, 2000, 2), 7, 1e-15);
  ree_dsm_free(m);
}

static void distributions_should_balance_every_year(void) {
  ree_lifetime lt;
  double stock[30];
  int i;
  ree_dsm *m;
  lt.kind = REE_LIFETIME_WEIBULL;
  lt.a = 2.5;
  lt.b = 12;
  for (i = 0; i < 30; i++) stock[i] = 100 + 10 * sin(i / 3.0) + 3 * i;
  m = ree_dsm_new(1990, 30, &lt, &err);
  CHECK_INT(ree_dsm_stock_driven(m, stock, &err), REE_OK);
  for (i = 0; i < 30; i++) {
    CHECK_NEAR(ree_dsm_stock(m, 1990 + i), stock[i], 1e-12);
    CHECK(ree_dsm_inflow(m, 1990 + i) >= 0);
  }
  check_balance(m, 1990, 30, 0);
  ree_dsm_free(m);
}

static void dsm_should_name_bad_input(void) {
  ree_lifetime lt = fixed(0.5);
  double bad[] = {1, -1};
  ree_dsm *m;
  CHECK(ree_dsm_new(2000, 2, &lt, &err) == NULL);
  CHECK_STR(err.msg, "a fixed lifetime must be a whole number of years, at least 1, got 0.5");
  lt.kind = REE_LIFETIME_NORMAL;
  lt.a = 10;
  lt.b = 0;
  CHECK(ree_dsm_new(2000, 2, &lt, &err) == NULL);
  CHECK_STR(err.msg, "the standard deviation must be positive, got 0");
  lt = fixed(2);
  CHECK(ree_dsm_new(2000, 0, &lt, &err) == NULL);
  CHECK_STR(err.msg, "a stock model spans 1 to 10000 years, not 0");
  m = ree_dsm_new(2000, 2, &lt, &err);
  CHECK_INT(ree_dsm_stock_driven(m, bad, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "stock of 2001 must be a non-negative number");
  bad[1] = NAN;
  CHECK_INT(ree_dsm_inflow_driven(m, bad, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "inflow of 2001 must be a non-negative number");
  ree_dsm_free(m);
}

static void dsm_should_survive_every_allocation_failure(void) {
  ree_lifetime lt = fixed(2);
  double inflow[] = {1, 2, 3};
  int n;
  for (n = 0; n < 8; n++) {
    ree_dsm *m;
    check_allocations_fail_after(n);
    m = ree_dsm_new(2000, 3, &lt, &err);
    if (m != NULL) {
      int rc = ree_dsm_inflow_driven(m, inflow, &err);
      CHECK(rc == REE_OK || rc == REE_ENOMEM);
    } else {
      CHECK_INT(err.code, REE_ENOMEM);
    }
    ree_dsm_free(m);
    check_allocations_restore();
  }
}

static void dsm_should_not_crash_with_null_pointers(void) {
  ree_dsm_free(NULL);
  CHECK_NEAR(ree_dsm_stock(NULL, 2000), 0, 0);
  CHECK_NEAR(ree_dsm_outflow_weighted(NULL, 2000, NULL, 0, 0), 0, 0);
  CHECK_INT(ree_dsm_inflow_driven(NULL, NULL, &err), REE_EINVAL);
  CHECK_INT(ree_lifetime_check(NULL, &err), REE_EINVAL);
}

/* Past the old cap of 1,000 years: 1,500 years of a 10 t inflow with a
** fixed 20-year life hold 200 t from year 20 on, 10 t leaving a year, and
** the stock is every inflow less every outflow, to rounding. */
static void dsm_should_run_past_a_thousand_years(void) {
  enum { YEARS = 1500 };
  static double inflow[YEARS];
  ree_lifetime lt = fixed(20);
  ree_dsm *m = ree_dsm_new(REE_YEAR_MIN, YEARS, &lt, &err);
  double in = 0.0, out = 0.0;
  int t;
  CHECK(m != NULL);
  for (t = 0; t < YEARS; t++) inflow[t] = 10.0;
  CHECK_INT(ree_dsm_inflow_driven(m, inflow, &err), REE_OK);
  for (t = 0; t < YEARS; t++) {
    in += ree_dsm_inflow(m, REE_YEAR_MIN + t);
    out += ree_dsm_outflow(m, REE_YEAR_MIN + t);
  }
  CHECK_NEAR(ree_dsm_stock(m, REE_YEAR_MIN + YEARS - 1), 200.0, 1e-9);
  CHECK_NEAR(ree_dsm_outflow(m, REE_YEAR_MIN + 1000), 10.0, 1e-12);
  CHECK_NEAR(in - out, ree_dsm_stock(m, REE_YEAR_MIN + YEARS - 1), 1e-6);
  ree_dsm_free(m);
}

int main(void) {
  RUN(survival_should_follow_each_distribution);
  RUN(inflow_driven_should_retire_cohorts_at_their_age);
  RUN(stock_driven_should_never_give_a_negative_inflow);
  RUN(initial_stock_should_age_with_its_cohorts);
  RUN(cohorts_should_carry_their_composition);
  RUN(distributions_should_balance_every_year);
  RUN(dsm_should_name_bad_input);
  RUN(dsm_should_survive_every_allocation_failure);
  RUN(dsm_should_not_crash_with_null_pointers);
  RUN(dsm_should_run_past_a_thousand_years);
  return check_report();
}
