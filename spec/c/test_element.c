/*
** test_element.c: the periodic table, its symbol index, oxide factors.
*/
#include <string.h>

#include "check.h"
#include "element.h"
#include "ree_err.h"

static void lookup_should_agree_with_the_table_for_every_element(void) {
  int z;
  for (z = 1; z <= REE_ZMAX; z++) {
    const ree_element *e = ree_element_by_z(z);
    CHECK(e != NULL);
    CHECK_INT(e->z, z);
    CHECK_INT(ree_element_lookup(e->symbol, strlen(e->symbol)), z);
    CHECK(e->mass > 0.0);
  }
}

static void lookup_should_reject_what_is_not_a_symbol(void) {
  CHECK_INT(ree_element_lookup("Xx", 2), 0);
  CHECK_INT(ree_element_lookup("nd", 2), 0);
  CHECK_INT(ree_element_lookup("ND", 2), 0);
  CHECK_INT(ree_element_lookup("Ndx", 3), 0);
  CHECK_INT(ree_element_lookup("", 0), 0);
  CHECK_INT(ree_element_lookup(NULL, 2), 0);
  CHECK_INT(ree_element_lookup("Nd", 1), 7); /* only "N" is read */
  CHECK(ree_element_by_z(0) == NULL);
  CHECK(ree_element_by_z(119) == NULL);
}

static void weights_should_be_the_ciaaw_2021_values(void) {
  /* Gd, Lu, Zr were revised in 2021; O and Ar are conventional values */
  CHECK_NEAR(ree_element_by_z(64)->mass, 157.249, 0);
  CHECK_NEAR(ree_element_by_z(71)->mass, 174.96669, 0);
  CHECK_NEAR(ree_element_by_z(40)->mass, 91.222, 0);
  CHECK_NEAR(ree_element_by_z(8)->mass, 15.999, 0);
  CHECK_NEAR(ree_element_by_z(60)->mass, 144.242, 0);
  CHECK_NEAR(ree_element_by_z(66)->mass, 162.500, 0);
  CHECK_INT(ree_element_by_z(61)->mass_is_mass_number, 1); /* Pm [145] */
  CHECK_INT(ree_element_by_z(60)->mass_is_mass_number, 0);
  CHECK_STR(ree_element_by_z(118)->symbol, "Og");
}

static void rare_earths_should_be_sc_y_and_the_lanthanides(void) {
  int z, count = 0;
  for (z = 1; z <= REE_ZMAX; z++) count += ree_element_is_ree(z);
  CHECK_INT(count, 17);
  CHECK(ree_element_is_ree(21) && ree_element_is_ree(39));
  CHECK(ree_element_is_ree(57) && ree_element_is_ree(71));
  CHECK(!ree_element_is_ree(72) && !ree_element_is_ree(56));
}

static void oxide_factor_should_follow_from_the_weights(void) {
  /* by hand: Nd2O3 = (2 * 144.242 + 3 * 15.999) / (2 * 144.242) */
  CHECK_NEAR(ree_oxide_factor(60), (288.484 + 47.997) / 288.484, 1e-15);
  /* Pr6O11 = (6 * 140.90766 + 11 * 15.999) / (6 * 140.90766) */
  CHECK_NEAR(ree_oxide_factor(59), (845.44596 + 175.989) / 845.44596, 1e-15);
  /* CeO2 = (140.116 + 31.998) / 140.116 */
  CHECK_NEAR(ree_oxide_factor(58), 172.114 / 140.116, 1e-15);
  CHECK_NEAR(ree_oxide_factor(60), 1.1664, 1e-4); /* Nd2O3: (2 x 144.242 + 3 x 15.999) / (2 x 144.242) */
  CHECK_NEAR(ree_oxide_factor(66), 1.1477, 1e-4);
  CHECK_NEAR(ree_oxide_factor(39), 1.2699, 1e-4);
  CHECK_NEAR(ree_oxide_factor(26), 0.0, 0); /* Fe: no reporting oxide */
}

static void oxide_formula_should_name_each_reporting_oxide(void) {
  char buf[16];
  CHECK_INT(ree_oxide_formula(59, buf, sizeof buf), REE_OK);
  CHECK_STR(buf, "Pr6O11");
  ree_oxide_formula(58, buf, sizeof buf);
  CHECK_STR(buf, "CeO2");
  ree_oxide_formula(65, buf, sizeof buf);
  CHECK_STR(buf, "Tb4O7");
  ree_oxide_formula(21, buf, sizeof buf);
  CHECK_STR(buf, "Sc2O3");
  CHECK_INT(ree_oxide_formula(26, buf, sizeof buf), REE_ENOTFOUND);
  CHECK_STR(buf, "");
  CHECK_INT(ree_oxide_formula(60, NULL, 0), REE_EINVAL);
}

int main(void) {
  RUN(lookup_should_agree_with_the_table_for_every_element);
  RUN(lookup_should_reject_what_is_not_a_symbol);
  RUN(weights_should_be_the_ciaaw_2021_values);
  RUN(rare_earths_should_be_sc_y_and_the_lanthanides);
  RUN(oxide_factor_should_follow_from_the_weights);
  RUN(oxide_formula_should_name_each_reporting_oxide);
  return check_report();
}
