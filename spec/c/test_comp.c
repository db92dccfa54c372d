/*
** test_comp.c: compositions: fractions, arithmetic, wt% tables, mixing.
*/
#include <math.h>
#include <string.h>

#include "check.h"
#include "formula.h"

static ree_err err;

static ree_comp *parse_into(ree_comp_buffer *b, const char *s) {
  ree_comp *c = ree_comp_place(b, REE_ZMAX);
  return ree_formula_parse(c, s, strlen(s), &err) == REE_OK ? c : NULL;
}

static void comp_should_give_mass_and_atom_fractions(void) {
  ree_comp_buffer b;
  ree_comp *c = parse_into(&b, "Nd2Fe14B");
  double m = 2 * 144.242 + 14 * 55.845 + 10.81;
  CHECK_NEAR(ree_comp_mass_fraction(c, 60), 2 * 144.242 / m, 1e-15);
  CHECK_NEAR(ree_comp_mass_fraction(c, 60), 0.2668, 1e-4); /* note, 7a */
  CHECK_NEAR(ree_comp_atom_fraction(c, 26), 14.0 / 17.0, 1e-15);
  CHECK_NEAR(ree_comp_atoms(c), 17, 0);
  CHECK_NEAR(ree_comp_mass_fraction(c, 66), 0, 0);
}

static void comp_should_add_and_scale(void) {
  ree_comp_buffer a, b;
  ree_comp *x = parse_into(&a, "Nd2O3"), *y = parse_into(&b, "H2O");
  CHECK_INT(ree_comp_add_scaled(x, y, 3, &err), REE_OK);
  CHECK_NEAR(ree_comp_amount(x, 8), 6, 0);
  CHECK_NEAR(ree_comp_amount(x, 1), 6, 0);
  CHECK_INT(ree_comp_add(x, 999, 1, &err), REE_EINVAL);
  CHECK_INT(ree_comp_add(x, 1, NAN, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "amount of 'H' is not finite");
}

static void comp_should_build_from_a_wt_table_with_a_balance(void) {
  ree_comp_buffer b;
  ree_comp *c = ree_comp_place(&b, REE_ZMAX);
  int z[] = {60, 66, 5};
  double wt[] = {26.0, 4.0, 1.0};
  CHECK_INT(ree_comp_from_masses(c, z, wt, 3, 26, 100, &err), REE_OK);
  CHECK_NEAR(ree_comp_mass_fraction(c, 60), 0.26, 1e-14);
  CHECK_NEAR(ree_comp_mass_fraction(c, 66), 0.04, 1e-14);
  CHECK_NEAR(ree_comp_mass_fraction(c, 26), 0.69, 1e-14);
  CHECK_NEAR(ree_comp_atoms(c), 1, 1e-15); /* one mole of atoms */
  CHECK_INT(c->item[c->count - 1].z, 26);   /* the balance comes last */
  wt[0] = 96.0;
  CHECK_INT(ree_comp_from_masses(c, z, wt, 3, 26, 100, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "components sum to 101, more than 100, leaving nothing "
                     "for balance 'Fe'");
  CHECK_INT(ree_comp_from_masses(c, z, wt, 3, 0, 100, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "components sum to 101, not 100; name a balance element "
                     "or fix the table");
  wt[1] = -4;
  CHECK_INT(ree_comp_from_masses(c, z, wt, 3, 26, 100, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "mass of 'Dy' is negative (-4)");
  wt[1] = NAN;
  CHECK_INT(ree_comp_from_masses(c, z, wt, 3, 26, 100, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "mass of 'Dy' is not a number");
  wt[1] = 4;
  CHECK_INT(ree_comp_from_masses(c, z, wt, 3, 60, 100, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "balance 'Nd' is also given an amount");
}

static void comp_should_mix_by_mass(void) {
  ree_comp_buffer a, b, m;
  ree_comp *x = parse_into(&a, "Nd2Fe14B"), *y = parse_into(&b, "Dy");
  ree_comp *mix = ree_comp_place(&m, REE_ZMAX);
  const ree_comp *parts[2];
  double mass[2] = {96, 4};
  parts[0] = x;
  parts[1] = y;
  CHECK_INT(ree_comp_mix_by_mass(mix, parts, mass, 2, &err), REE_OK);
  CHECK_NEAR(ree_comp_mass_fraction(mix, 66), 0.04, 1e-14);
  CHECK_NEAR(ree_comp_mass_fraction(mix, 60),
             0.96 * ree_comp_mass_fraction(x, 60), 1e-14);
  mass[0] = mass[1] = 0;
  CHECK_INT(ree_comp_mix_by_mass(mix, parts, mass, 2, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "all masses are zero");
  mass[0] = -1;
  CHECK_INT(ree_comp_mix_by_mass(mix, parts, mass, 2, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "mass of part 1 is negative or not a number");
}

static void comp_should_convert_to_the_oxide_basis(void) {
  ree_comp_buffer b;
  ree_comp *c = parse_into(&b, "Nd");
  CHECK_NEAR(ree_comp_reo_per_mass(c), ree_oxide_factor(60), 1e-15);
  c = parse_into(&b, "Nd2O3"); /* already an oxide: REO per t is 1 */
  CHECK_NEAR(ree_comp_reo_per_mass(c), 1, 1e-15);
  c = parse_into(&b, "Fe");
  CHECK_NEAR(ree_comp_reo_per_mass(c), 0, 0);
}

static void comp_should_format_as_a_formula(void) {
  ree_comp_buffer b;
  char out[64];
  ree_comp *c = parse_into(&b, "(Nd0.8Pr0.2)2Fe14B");
  CHECK_INT((int)ree_comp_format(c, out, sizeof out), 15);
  CHECK_STR(out, "Nd1.6Pr0.4Fe14B");
  CHECK_INT((int)ree_comp_format(c, out, 5), 15); /* truncated, like snprintf */
  CHECK_STR(out, "Nd1.");
}

static void comp_should_report_allocation_failure(void) {
  ree_comp *c;
  check_allocations_fail_after(0);
  CHECK(ree_comp_new(4) == NULL);
  check_allocations_restore();
  c = ree_comp_new(4);
  CHECK(c != NULL);
  ree_comp_free(c);
}

static void comp_should_not_crash_with_null_pointers(void) {
  CHECK_NEAR(ree_comp_molar_mass(NULL), 0, 0);
  CHECK_NEAR(ree_comp_mass_fraction(NULL, 1), 0, 0);
  CHECK_NEAR(ree_comp_atom_fraction(NULL, 1), 0, 0);
  CHECK_NEAR(ree_comp_amount(NULL, 1), 0, 0);
  CHECK_INT(ree_comp_add(NULL, 1, 1, &err), REE_EINVAL);
  CHECK_INT(ree_comp_copy(NULL, NULL, &err), REE_EINVAL);
  CHECK_INT(ree_comp_from_masses(NULL, NULL, NULL, 0, 0, 0, &err), REE_EINVAL);
  CHECK_INT(ree_comp_mix_by_mass(NULL, NULL, NULL, 0, &err), REE_EINVAL);
  CHECK_INT((int)ree_comp_format(NULL, NULL, 0), 0);
  CHECK(ree_comp_place(NULL, 3) == NULL);
  ree_comp_free(NULL);
  ree_comp_clear(NULL);
}

int main(void) {
  RUN(comp_should_give_mass_and_atom_fractions);
  RUN(comp_should_add_and_scale);
  RUN(comp_should_build_from_a_wt_table_with_a_balance);
  RUN(comp_should_mix_by_mass);
  RUN(comp_should_convert_to_the_oxide_basis);
  RUN(comp_should_format_as_a_formula);
  RUN(comp_should_report_allocation_failure);
  RUN(comp_should_not_crash_with_null_pointers);
  return check_report();
}
