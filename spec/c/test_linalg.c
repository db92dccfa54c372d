/*
** test_linalg.c: elimination against systems solved by hand.
*/
#include "check.h"
#include "linalg.h"

static void solve_should_pivot_past_a_zero_and_solve_two_right_sides(void) {
  /* A = [0 2 1; 1 1 0; 2 0 3], a zero where elimination would divide
  ** first. Right sides: A (1, 2, 3) = (7, 3, 11) and A e1 = (0, 1, 2). */
  double m[] = {0, 2, 1, 7, 0,
                1, 1, 0, 3, 1,
                2, 0, 3, 11, 2};
  CHECK_INT(ree_la_solve(m, 3, 5, 1e-12), -1);
  CHECK_NEAR(m[0 * 5 + 3], 1, 1e-14);
  CHECK_NEAR(m[1 * 5 + 3], 2, 1e-14);
  CHECK_NEAR(m[2 * 5 + 3], 3, 1e-14);
  CHECK_NEAR(m[0 * 5 + 4], 1, 1e-14);
  CHECK_NEAR(m[1 * 5 + 4], 0, 1e-14);
  CHECK_NEAR(m[2 * 5 + 4], 0, 1e-14);
}

static void solve_should_name_the_column_without_a_pivot(void) {
  /* the second row is twice the first: after one step column 1 is empty */
  double m[] = {1, 2, 3,
                2, 4, 6};
  double empty[] = {0, 0, 1};
  CHECK_INT(ree_la_solve(m, 2, 3, 1e-12), 1);
  CHECK_INT(ree_la_solve(empty, 1, 3, 0.0), 0); /* a pivot of 0 is none */
}

static void pivot_should_take_the_largest_and_the_first_of_equals(void) {
  double m[] = {1, -3,
                2, 3,
                4, 0.5};
  int rows[] = {2, 0, 1};
  CHECK_INT(ree_la_pivot(m, 2, NULL, 3, 0, 0.0), 2);
  CHECK_INT(ree_la_pivot(m, 2, NULL, 3, 1, 0.0), 0);  /* |-3| = |3|: the first */
  CHECK_INT(ree_la_pivot(m, 2, rows, 3, 1, 0.0), 1);  /* rows[1] is row 0 */
  CHECK_INT(ree_la_pivot(m, 2, rows, 3, 1, 3.0), -1); /* none above 3 */
}

static void jordan_should_leave_a_unit_column(void) {
  /* pivot on row 1, column 0 of [2 4 | 6; 4 2 | 0]: row 1 becomes
  ** [1 0.5 | 0], row 0 loses 2 of it: [0 3 | 6] */
  double m[] = {2, 4, 6,
                4, 2, 0};
  ree_la_jordan(m, 3, 2, 1, 0);
  CHECK_NEAR(m[3], 1, 0);
  CHECK_NEAR(m[4], 0.5, 0);
  CHECK_NEAR(m[5], 0, 0);
  CHECK_NEAR(m[0], 0, 0);
  CHECK_NEAR(m[1], 3, 0);
  CHECK_NEAR(m[2], 6, 0);
}

int main(void) {
  RUN(solve_should_pivot_past_a_zero_and_solve_two_right_sides);
  RUN(solve_should_name_the_column_without_a_pivot);
  RUN(pivot_should_take_the_largest_and_the_first_of_equals);
  RUN(jordan_should_leave_a_unit_column);
  return check_report();
}
