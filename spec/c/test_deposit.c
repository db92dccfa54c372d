/*
** test_deposit.c: the binding element and the co-products it brings up.
**
** Deposit: La 25, Ce 50, Nd 20, Dy 5 (% of REO). Need 10 t Nd and 1 t Dy
** metal. By hand: Nd needs 10 f_Nd / 0.20 t REO, Dy needs 1 f_Dy / 0.05;
** with f_Nd = 1.1664 and f_Dy = 1.1477 that is 58.3 against 23.0, so Nd
** binds, and the surplus Dy is 58.3 * 0.05 / f_Dy - 1 t.
*/
#include <math.h>

#include "check.h"
#include "deposit.h"

static ree_err err;
static const int z4[] = {57, 58, 60, 66};
static const double pct4[] = {25, 50, 20, 5};

static void deposit_should_find_the_binding_element(void) {
  ree_deposit d;
  double need[REE_ZMAX + 1] = {0}, surplus[REE_ZMAX + 1], reo;
  double f_nd = ree_oxide_factor(60), f_dy = ree_oxide_factor(66);
  int binding;
  CHECK_INT(ree_deposit_init(&d, z4, pct4, 4, 100, &err), REE_OK);
  CHECK_NEAR(d.unassigned, 0, 0);
  need[60] = 10;
  need[66] = 1;
  CHECK_INT(ree_deposit_requirement(&d, need, &reo, &binding, surplus, &err),
            REE_OK);
  CHECK_INT(binding, 60);
  CHECK_NEAR(reo, 10 * f_nd / 0.20, 1e-14);
  CHECK_NEAR(surplus[60], 0, 1e-12);
  CHECK_NEAR(surplus[66], reo * 0.05 / f_dy - 1, 1e-14);
  CHECK_NEAR(surplus[58], reo * 0.50 / ree_oxide_factor(58), 1e-14);
  need[66] = 10; /* now Dy binds: mine for Dy, drown in Ce */
  ree_deposit_requirement(&d, need, &reo, &binding, surplus, &err);
  CHECK_INT(binding, 66);
  CHECK_NEAR(reo, 10 * f_dy / 0.05, 1e-14);
}

static void deposit_should_give_element_output(void) {
  ree_deposit d;
  double out[REE_ZMAX + 1];
  ree_deposit_init(&d, z4, pct4, 4, 100, &err);
  ree_deposit_elements(&d, 1000, out);
  CHECK_NEAR(out[60], 200 / ree_oxide_factor(60), 1e-14);
  CHECK_NEAR(out[26], 0, 0);
}

static void deposit_should_keep_what_the_table_leaves_unassigned(void) {
  ree_deposit d;
  int z[] = {39, 66};
  double pct[] = {65, 7}, out[REE_ZMAX + 1];
  CHECK_INT(ree_deposit_init(&d, z, pct, 2, 100, &err), REE_OK);
  CHECK_NEAR(d.unassigned, 0.28, 1e-15);
  ree_deposit_elements(&d, 100, out);
  CHECK_NEAR(out[66], 7 / ree_oxide_factor(66), 1e-14); /* not 7/72 */
  CHECK_INT(ree_deposit_init(&d, z, pct, 2, 0, &err), REE_OK);
  CHECK_NEAR(d.reo_share[66], 7.0 / 72.0, 1e-15); /* normalised */
  pct[0] = 95;
  CHECK_INT(ree_deposit_init(&d, z, pct, 2, 100, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "shares sum to 102, more than 100");
}

static void deposit_should_refuse_bad_tables(void) {
  ree_deposit d;
  int z[] = {60, 26};
  double pct[] = {10, 5};
  double need[REE_ZMAX + 1] = {0}, reo;
  int binding;
  CHECK_INT(ree_deposit_init(&d, z, pct, 2, 100, &err), REE_EINVAL);
  CHECK_STR(err.msg, "'Fe' is not a rare earth");
  z[1] = 60;
  CHECK_INT(ree_deposit_init(&d, z, pct, 2, 100, &err), REE_EINVAL);
  CHECK_STR(err.msg, "'Nd' is given twice");
  pct[0] = -1;
  CHECK_INT(ree_deposit_init(&d, z, pct, 1, 100, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "share of 'Nd' must be a non-negative number");
  pct[0] = 0;
  CHECK_INT(ree_deposit_init(&d, z, pct, 1, 100, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "all shares are zero");
  ree_deposit_init(&d, z4, pct4, 4, 100, &err);
  need[65] = 1;
  CHECK_INT(ree_deposit_requirement(&d, need, &reo, &binding, NULL, &err),
            REE_ENOTFOUND);
  CHECK_STR(err.msg, "the deposit contains no 'Tb'");
  need[65] = 0;
  need[60] = NAN;
  CHECK_INT(ree_deposit_requirement(&d, need, &reo, &binding, NULL, &err),
            REE_EDOMAIN);
  CHECK_STR(err.msg, "need of 'Nd' must be a non-negative number");
  need[60] = 0;
  CHECK_INT(ree_deposit_requirement(&d, need, &reo, &binding, NULL, &err),
            REE_OK);
  CHECK_NEAR(reo, 0, 0);
  CHECK_INT(binding, 0);
}

static void deposit_should_not_crash_with_null_pointers(void) {
  double reo;
  int binding;
  CHECK_INT(ree_deposit_init(NULL, NULL, NULL, 0, 100, &err), REE_EINVAL);
  CHECK_INT(ree_deposit_requirement(NULL, NULL, &reo, &binding, NULL, &err),
            REE_EINVAL);
  ree_deposit_elements(NULL, 1, NULL);
}

int main(void) {
  RUN(deposit_should_find_the_binding_element);
  RUN(deposit_should_give_element_output);
  RUN(deposit_should_keep_what_the_table_leaves_unassigned);
  RUN(deposit_should_refuse_bad_tables);
  RUN(deposit_should_not_crash_with_null_pointers);
  return check_report();
}
