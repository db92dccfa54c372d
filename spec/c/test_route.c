/*
** test_route.c: backward and forward walks against a hand calculation.
**
** Route a -> b -> c with yields 0.9, 0.8, 0.65; c returns 90% of its scrap
** to b's input. By hand, for P = 100 t out of c:
**   c: input P/0.65 = 153.846..., scrap 0.35 P/0.65, of which 0.9 (48.46...)
**      goes back to b and 0.1 (5.38...) is lost;
**   b: output P/0.65, input 1.25 P/0.65 = 192.307..., recycled in
**      0.315 P/0.65, so upstream 0.935 P/0.65 = 143.846...; lost 0.25 P/0.65;
**   a: output 0.935 P/0.65, input (= feed) 0.935 P/0.585 = 159.829...
** and the feed equals the product plus every loss.
*/
#include <stdlib.h>

#include "check.h"
#include "route.h"

static ree_err err;

static ree_route *abc(void) {
  ree_route *r = ree_route_new();
  ree_route_add_stage(r, "a", 0.9, 0, 0, &err);
  ree_route_add_stage(r, "b", 0.8, 0, 0, &err);
  ree_route_add_stage(r, "c", 0.65, 0.9, 1, &err);
  return r;
}

static void route_should_walk_back_as_by_hand(void) {
  ree_route *r = abc();
  ree_stage_flow f[3];
  double P = 100;
  int i;
  CHECK_INT(ree_route_backward(r, 0, P, f, &err), REE_OK);
  CHECK_NEAR(f[2].input, P / 0.65, 1e-14);
  CHECK_NEAR(f[2].recycled_out, 0.9 * 0.35 * P / 0.65, 1e-14);
  CHECK_NEAR(f[2].lost, 0.1 * 0.35 * P / 0.65, 1e-13);
  CHECK_NEAR(f[1].recycled_in, 0.315 * P / 0.65, 1e-14);
  CHECK_NEAR(f[1].upstream, 0.935 * P / 0.65, 1e-14);
  CHECK_NEAR(f[0].upstream, 0.935 * P / 0.585, 1e-14);
  CHECK_NEAR(f[0].upstream, P + f[0].lost + f[1].lost + f[2].lost, 1e-14);
  for (i = 0; i < 3; i++) CHECK_NEAR(ree_stage_residual(&f[i]), 0, 1e-13);
  ree_route_free(r);
}

static void route_should_walk_forward_to_the_same_flows(void) {
  ree_route *r = abc();
  ree_stage_flow back[3], fwd[3];
  int i;
  ree_route_backward(r, 0, 100, back, &err);
  CHECK_INT(ree_route_forward(r, 0, back[0].upstream, fwd, &err), REE_OK);
  CHECK_NEAR(fwd[2].output, 100, 1e-13);
  for (i = 0; i < 3; i++) {
    CHECK_NEAR(fwd[i].input, back[i].input, 1e-13);
    CHECK_NEAR(fwd[i].recycled_in, back[i].recycled_in, 1e-13);
    CHECK_NEAR(ree_stage_residual(&fwd[i]), 0, 1e-13);
  }
  ree_route_free(r);
}

static void route_should_start_late_elements_at_their_entry(void) {
  ree_route *r = abc();
  ree_stage_flow f[3];
  /* entering at c, c's scrap can only come back to c itself */
  CHECK_INT(ree_route_backward(r, 2, 100, f, &err), REE_OK);
  CHECK_NEAR(f[0].input + f[1].input, 0, 0);
  CHECK_NEAR(f[2].recycled_in, 0.315 * 100 / 0.65, 1e-14);
  CHECK_NEAR(f[2].upstream, 100 + f[2].lost, 1e-14);
  ree_route_free(r);
}

static void route_should_close_a_self_loop(void) {
  ree_route *r = ree_route_new();
  ree_stage_flow f[1];
  ree_route_add_stage(r, "mill", 0.5, 1, 0, &err);
  CHECK_INT(ree_route_forward(r, 0, 1, f, &err), REE_OK);
  CHECK_NEAR(f[0].output, 1, 1e-15); /* nothing is lost */
  CHECK_NEAR(f[0].input, 2, 1e-15);
  ree_route_free(r);
}

static void route_should_name_bad_stages(void) {
  ree_route *r = ree_route_new();
  int i;
  char name[8];
  CHECK_INT(ree_route_add_stage(r, "x", 0, 0, 0, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "stage 'x': yield must be in (0, 1], got 0");
  CHECK_INT(ree_route_add_stage(r, "x", 0.5, 1.5, 0, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "stage 'x': recycled share must be in [0, 1], got 1.5");
  CHECK_INT(ree_route_add_stage(r, "x", 0.5, 0.5, 3, &err), REE_EINVAL);
  CHECK_STR(err.msg, "stage 'x': scrap must return to this stage or one "
                     "upstream of it");
  CHECK_INT(ree_route_add_stage(r, "x", 0.5, 0, 0, &err), 0);
  CHECK_INT(ree_route_add_stage(r, "x", 0.5, 0, 0, &err), REE_EINVAL);
  CHECK_STR(err.msg, "stage 'x' is defined twice");
  CHECK_INT(ree_route_add_stage(r, "", 0.5, 0, 0, &err), REE_EINVAL);
  for (i = 1; i < REE_ROUTE_MAX_STAGES; i++) {
    name[0] = 'a';
    name[1] = (char)('a' + i);
    name[2] = '\0';
    CHECK_INT(ree_route_add_stage(r, name, 1, 0, 0, &err), i);
  }
  CHECK_INT(ree_route_add_stage(r, "full", 1, 0, 0, &err), REE_ELIMIT);
  CHECK_STR(err.msg, "more than 16 stages");
  ree_route_free(r);
}

static void route_should_refuse_bad_amounts(void) {
  ree_route *r = abc();
  ree_stage_flow f[3];
  CHECK_INT(ree_route_backward(r, 0, -1, f, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "amount must be a non-negative number, got -1");
  CHECK_INT(ree_route_forward(r, 0, 0.0 / 0.0, f, &err), REE_EDOMAIN);
  CHECK_INT(ree_route_backward(r, 3, 1, f, &err), REE_EINVAL);
  CHECK_STR(err.msg, "no stage with index 3");
  CHECK_INT(ree_route_find(r, "b"), 1);
  CHECK_INT(ree_route_find(r, "z"), -1);
  ree_route_free(r);
}

static int fail_next;
static void *failing_malloc(size_t size) {
  return fail_next ? NULL : malloc(size);
}

static void route_should_report_allocation_failure(void) {
  ree_set_allocator(failing_malloc, free);
  fail_next = 1;
  CHECK(ree_route_new() == NULL);
  ree_set_allocator(NULL, NULL);
}

static void route_should_not_crash_with_null_pointers(void) {
  ree_stage_flow f[1];
  ree_route_free(NULL);
  CHECK_INT(ree_route_stage_count(NULL), 0);
  CHECK(ree_route_stage_name(NULL, 0) == NULL);
  CHECK_INT(ree_route_add_stage(NULL, "a", 1, 0, 0, &err), REE_EINVAL);
  CHECK_INT(ree_route_backward(NULL, 0, 1, f, &err), REE_EINVAL);
  CHECK_INT(ree_route_forward(NULL, 0, 1, f, NULL), REE_EINVAL);
  CHECK_NEAR(ree_stage_residual(NULL), 0, 0);
}

int main(void) {
  RUN(route_should_walk_back_as_by_hand);
  RUN(route_should_walk_forward_to_the_same_flows);
  RUN(route_should_start_late_elements_at_their_entry);
  RUN(route_should_close_a_self_loop);
  RUN(route_should_name_bad_stages);
  RUN(route_should_refuse_bad_amounts);
  RUN(route_should_report_allocation_failure);
  RUN(route_should_not_crash_with_null_pointers);
  return check_report();
}
