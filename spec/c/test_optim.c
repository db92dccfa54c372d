/*
** test_optim.c: minimisation against minima known by hand.
*/
#include <math.h>

#include "check.h"
#include "optim.h"

static ree_err err;

/* (x - 0.3)^2 + 10 (y + 2)^2: the minimum 0 at (0.3, -2) */
static int bowl(const double *x, double *value, void *ctx) {
  (void)ctx;
  *value = (x[0] - 0.3) * (x[0] - 0.3) + 10 * (x[1] + 2) * (x[1] + 2);
  return 0;
}

/* Rosenbrock's valley: the minimum 0 at (1, 1), at the end of a curved
** ridge that defeats a search along the axes */
static int rosenbrock(const double *x, double *value, void *ctx) {
  (void)ctx;
  *value = 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]);
  return 0;
}

/* (x - 3)^2, to be minimised on [0, 1]: the minimum is on the bound, 1 */
static int beyond(const double *x, double *value, void *ctx) {
  (void)ctx;
  *value = (x[0] - 3) * (x[0] - 3);
  return 0;
}

/* a run that has no answer left of 0.5: +inf there, x^2 right of it */
static int half(const double *x, double *value, void *ctx) {
  (void)ctx;
  *value = x[0] < 0.5 ? NAN : x[0] * x[0];
  return 0;
}

static int calls;
static int stop_at_third(const double *x, double *value, void *ctx) {
  (void)x, (void)ctx;
  *value = 1.0;
  return ++calls >= 3;
}

static void minimize_should_find_the_bottom_of_a_bowl(void) {
  double lo[] = {-5, -5}, hi[] = {5, 5}, x[] = {4, 4};
  ree_optim o = {2, lo, hi, 0, 0, 0};
  ree_optim_result r;
  CHECK_INT(ree_minimize(&o, bowl, NULL, x, &r, &err), REE_OK);
  CHECK_NEAR(x[0], 0.3, 1e-5);
  CHECK_NEAR(x[1], -2, 1e-5);
  CHECK_NEAR(r.f, 0, 1e-9);
  CHECK(r.evals > 10 && r.evals <= 600);
}

static void minimize_should_follow_rosenbrocks_valley(void) {
  double lo[] = {-2, -2}, hi[] = {2, 2}, x[] = {-1.2, 1};
  ree_optim o = {2, lo, hi, 0, 0, 0};
  ree_optim_result r;
  CHECK_INT(ree_minimize(&o, rosenbrock, NULL, x, &r, &err), REE_OK);
  CHECK_NEAR(x[0], 1, 1e-4);
  CHECK_NEAR(x[1], 1, 1e-4);
}

static void minimize_should_stop_at_a_bound_and_avoid_points_without_answer(void) {
  double lo[] = {0}, hi[] = {1}, x[] = {0.2};
  ree_optim o = {1, lo, hi, 0, 0, 0};
  ree_optim_result r;
  CHECK_INT(ree_minimize(&o, beyond, NULL, x, &r, &err), REE_OK);
  CHECK_NEAR(x[0], 1, 0);
  CHECK_NEAR(r.f, 4, 0);
  x[0] = 0.9; /* the minimum of x^2 where there is an answer: 0.5 */
  CHECK_INT(ree_minimize(&o, half, NULL, x, &r, &err), REE_OK);
  CHECK_NEAR(x[0], 0.5, 1e-6);
}

static void minimize_should_say_what_it_cannot_do(void) {
  double lo[] = {-5, -5}, hi[] = {5, 5}, x[] = {4, 4}, bad_hi[] = {5, -5};
  ree_optim o = {2, lo, hi, 5, 0, 0};
  ree_optim_result r;
  CHECK_INT(ree_minimize(&o, bowl, NULL, x, &r, &err), REE_ELIMIT);
  CHECK_INT(r.evals, 5);
  CHECK(r.f < 4 * 4 + 10 * 36 + 1); /* the best of the five, returned */
  o.max_evals = 0;
  x[0] = 7;
  CHECK_INT(ree_minimize(&o, bowl, NULL, x, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "parameter 1 starts at 7, outside its bounds [-5, 5]");
  x[0] = 4;
  o.hi = bad_hi;
  CHECK_INT(ree_minimize(&o, bowl, NULL, x, &r, &err), REE_EINVAL);
  CHECK_STR(err.msg, "parameter 2 needs finite bounds lo < hi, not -5 and -5");
  o.hi = hi;
  o.n = 1;
  x[0] = 0.1; /* half has no answer at 0.1 */
  o.lo = lo, o.hi = hi;
  CHECK_INT(ree_minimize(&o, half, NULL, x, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "the function is not a number at the start");
  CHECK_INT(ree_minimize(&o, stop_at_third, NULL, x, &r, &err), REE_EINVAL);
  CHECK_STR(err.msg, "stopped by the function");
  CHECK_INT(calls, 3);
  o.n = 0;
  CHECK_INT(ree_minimize(&o, bowl, NULL, x, &r, &err), REE_EINVAL);
}

static void minimize_should_survive_allocation_failure(void) {
  double lo[] = {-5, -5}, hi[] = {5, 5}, x[] = {4, 4};
  ree_optim o = {2, lo, hi, 0, 0, 0};
  ree_optim_result r;
  check_allocations_fail_after(0);
  CHECK_INT(ree_minimize(&o, bowl, NULL, x, &r, &err), REE_ENOMEM);
  check_allocations_restore();
}

int main(void) {
  RUN(minimize_should_find_the_bottom_of_a_bowl);
  RUN(minimize_should_follow_rosenbrocks_valley);
  RUN(minimize_should_stop_at_a_bound_and_avoid_points_without_answer);
  RUN(minimize_should_say_what_it_cannot_do);
  RUN(minimize_should_survive_allocation_failure);
  return check_report();
}
