/*
** test_formula.c: the parser's grammar, amounts and error messages.
*/
#include <string.h>

#include "check.h"
#include "formula.h"

static ree_comp_buffer buf;
static ree_err err;

static ree_comp *parse(const char *s) {
  ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
  err.code = 12345;
  if (ree_formula_parse(c, s, strlen(s), &err) != REE_OK) return NULL;
  return c;
}

/* The message for s, which must fail. */
static const char *error_of(const char *s) {
  if (parse(s) != NULL) return "(parsed)";
  return err.msg;
}

static void formula_should_read_nd2fe14b(void) {
  ree_comp *c = parse("Nd2Fe14B");
  CHECK(c != NULL);
  CHECK_INT(c->count, 3);
  CHECK_INT(c->item[0].z, 60);
  CHECK_NEAR(ree_comp_amount(c, 60), 2, 0);
  CHECK_NEAR(ree_comp_amount(c, 26), 14, 0);
  CHECK_NEAR(ree_comp_amount(c, 5), 1, 0);
  /* by hand: 2 * 144.242 + 14 * 55.845 + 10.81 */
  CHECK_NEAR(ree_comp_molar_mass(c), 288.484 + 781.83 + 10.81, 1e-15);
  CHECK_INT(err.code, REE_OK);
}

static void formula_should_multiply_nested_groups(void) {
  ree_comp *c = parse("(Nd0.8Pr0.2)2Fe14B");
  CHECK(c != NULL);
  CHECK_NEAR(ree_comp_amount(c, 60), 1.6, 1e-15);
  CHECK_NEAR(ree_comp_amount(c, 59), 0.4, 1e-15);
  c = parse("K4[Fe(CN)6]");
  CHECK(c != NULL);
  CHECK_NEAR(ree_comp_amount(c, 6), 6, 0);
  CHECK_NEAR(ree_comp_amount(c, 7), 6, 0);
  CHECK_NEAR(ree_comp_amount(c, 19), 4, 0);
  c = parse("((H2)2O)3");
  CHECK_NEAR(ree_comp_amount(c, 1), 12, 0);
  CHECK_NEAR(ree_comp_amount(c, 8), 3, 0);
}

static void formula_should_read_hydrates_multipliers_and_sums(void) {
  const char *same[] = {"NdCl3\xC2\xB7" "6H2O", "NdCl3*6H2O", "NdCl3 * 6 H2O",
                        "NdCl3\xE2\x8B\x85" "6H2O", "NdCl3+6H2O"};
  size_t i;
  for (i = 0; i < sizeof same / sizeof same[0]; i++) {
    ree_comp *c = parse(same[i]);
    CHECK(c != NULL);
    if (c == NULL) continue;
    CHECK_NEAR(ree_comp_amount(c, 1), 12, 0);
    CHECK_NEAR(ree_comp_amount(c, 8), 6, 0);
    CHECK_NEAR(ree_comp_amount(c, 17), 3, 0);
  }
  CHECK_NEAR(ree_comp_amount(parse("2Nd2O3 + 3C"), 6), 3, 0);
  CHECK_NEAR(ree_comp_amount(parse("2Nd2O3 + 3C"), 8), 6, 0);
  CHECK_NEAR(ree_comp_amount(parse("0.5Dy2O3"), 66), 1, 0);
}

static void formula_should_read_fractions_exactly(void) {
  CHECK(ree_comp_amount(parse("Fe0.1"), 26) == 0.1);
  CHECK(ree_comp_amount(parse("Fe123.456"), 26) == 123.456);
  CHECK(ree_comp_amount(parse("Fe0.000000000000001"), 26) == 1e-15);
}

static void formula_should_take_substitutions_with_amounts(void) {
  ree_comp *c = parse("(Ce0.6,La0.4)CO3F");
  CHECK(c != NULL);
  CHECK_NEAR(ree_comp_amount(c, 58), 0.6, 1e-15);
  CHECK_NEAR(ree_comp_amount(c, 57), 0.4, 1e-15);
  CHECK_STR(error_of("(Ce,La)CO3F"),
            "formula '(Ce,La)CO3F': substitution '(Ce,La)' needs an explicit "
            "amount on each member, as in '(Ce0.5,La0.5)' at column 1");
}

static void formula_should_name_the_problem_and_its_column(void) {
  CHECK_STR(error_of("Nd2Fe14Bx"),
            "formula 'Nd2Fe14Bx': unknown element 'Bx' at column 8");
  CHECK_STR(error_of("Xx2O3"), "formula 'Xx2O3': unknown element 'Xx' at column 1");
  CHECK_STR(error_of("fe2O3"),
            "formula 'fe2O3': unknown element 'fe' (symbols start with a "
            "capital letter) at column 1");
  CHECK_STR(error_of(""), "formula '': empty formula at column 1");
  CHECK_STR(error_of("   "), "formula '   ': empty formula at column 4");
  CHECK_STR(error_of("Nd2O3)"), "formula 'Nd2O3)': unbalanced ')' at column 6");
  CHECK_STR(error_of("(Nd2O3"), "formula '(Nd2O3': unbalanced '(' at column 1");
  CHECK_STR(error_of("(Fe]"), "formula '(Fe]': mismatched ']' at column 4");
  CHECK_STR(error_of("Fe-2"), "formula 'Fe-2': negative amount at column 3");
  CHECK_STR(error_of("Fe0"), "formula 'Fe0': zero amount at column 3");
  CHECK_STR(error_of("()"), "formula '()': empty group '()' at column 1");
  CHECK_STR(error_of("Fe%"), "formula 'Fe%': unexpected character '%' at column 3");
  CHECK_STR(error_of("Fe2O3+"),
            "formula 'Fe2O3+': expected a formula after '+' at column 7");
  CHECK_STR(error_of("NdCl3.6H2O"), "(parsed)"); /* 3.6 is a number */
  CHECK_STR(error_of("NdCl3. 6H2O"),
            "formula 'NdCl3. 6H2O': unexpected character '.' (write hydrates "
            "with '*' or '\xC2\xB7') at column 6");
  CHECK_STR(error_of("H2O 2"),
            "formula 'H2O 2': unexpected number (a count follows its element "
            "without a space) at column 5");
  CHECK_STR(error_of("Fe1234567890123456"),
            "formula 'Fe1234567890123456': number with too many digits at "
            "column 3");
  /* columns count characters, not bytes */
  CHECK_STR(error_of("NdCl3\xC2\xB7Xx"),
            "formula 'NdCl3\xC2\xB7Xx': unknown element 'Xx' at column 7");
  CHECK_INT(err.code, REE_ENOTFOUND);
}

static void formula_should_refuse_what_exceeds_its_limits(void) {
  char deep[80], many[1100];
  int i;
  for (i = 0; i < 33; i++) deep[i] = '(';
  strcpy(deep + 33, "H");
  CHECK_STR(error_of(deep),
            "formula '(((((((((((((((((((((((((((((((((H': groups nested "
            "deeper than 32 at column 33");
  memset(many, '(', 60);
  strcpy(many + 60, "H");
  CHECK_STR(error_of(many),
            "formula '(((((((((((((((((((((((((((((((((((((((((((((...': "
            "groups nested deeper than 32 at column 33");
  many[0] = '\0';
  for (i = 0; i < 257; i++) strcat(many, "H");
  CHECK(strstr(error_of(many), "more than 256 element symbols at column 257") !=
        NULL);
  CHECK_INT(err.code, REE_ELIMIT);
  /* nested counts that overflow a double */
  CHECK(strstr(error_of("((((((((((((((((((((((H999999999999999)999999999999999)"
                        "999999999999999)999999999999999)999999999999999)"
                        "999999999999999)999999999999999)999999999999999)"
                        "999999999999999)999999999999999)999999999999999)"
                        "999999999999999)999999999999999)999999999999999)"
                        "999999999999999)999999999999999)999999999999999)"
                        "999999999999999)999999999999999)999999999999999)"
                        "999999999999999)999999999999999)"),
               "amount too large") != NULL);
  /* and counts that underflow to nothing */
  many[0] = '\0';
  for (i = 0; i < 20; i++) strcat(many, "(");
  strcat(many, "H");
  for (i = 0; i < 20; i++) strcat(many, ")0.0000000000000000000001");
  CHECK(strstr(error_of(many), "amount too small at column 1") != NULL);
  CHECK_INT(err.code, REE_EDOMAIN);
}

static void formula_should_not_read_past_its_length(void) {
  ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
  CHECK_INT(ree_formula_parse(c, "Nd2O3garbage", 5, &err), REE_OK);
  CHECK_NEAR(ree_comp_amount(c, 8), 3, 0);
  CHECK_INT(ree_formula_parse(c, "Fe\0Nd", 5, &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "formula 'Fe?Nd': unexpected character '?' at column 3");
}

static void formula_should_not_crash_with_null_pointers(void) {
  ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
  CHECK_INT(ree_formula_parse(NULL, "H", 1, &err), REE_EINVAL);
  CHECK_INT(ree_formula_parse(c, NULL, 3, &err), REE_EINVAL);
  CHECK_INT(ree_formula_parse(c, "H2", 2, NULL), REE_OK);
  CHECK_INT(ree_formula_parse(c, "Q", 1, NULL), REE_ENOTFOUND);
}

static void formula_should_report_a_full_composition(void) {
  union {
    ree_comp c;
    double align;
    char bytes[REE_COMP_BYTES(2)];
  } mem;
  ree_comp *small = ree_comp_place(&mem, 2);
  CHECK_INT(ree_formula_parse(small, "Nd2Fe14B", 8, &err), REE_ELIMIT);
  CHECK_STR(err.msg, "composition full (2 elements)");
  CHECK_INT(small->count, 0);
}

int main(void) {
  RUN(formula_should_read_nd2fe14b);
  RUN(formula_should_multiply_nested_groups);
  RUN(formula_should_read_hydrates_multipliers_and_sums);
  RUN(formula_should_read_fractions_exactly);
  RUN(formula_should_take_substitutions_with_amounts);
  RUN(formula_should_name_the_problem_and_its_column);
  RUN(formula_should_refuse_what_exceeds_its_limits);
  RUN(formula_should_not_read_past_its_length);
  RUN(formula_should_not_crash_with_null_pointers);
  RUN(formula_should_report_a_full_composition);
  return check_report();
}
