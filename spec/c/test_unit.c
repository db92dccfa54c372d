/*
** test_unit.c: parsing, conversion and the algebra of units.
*/
#include "check.h"
#include "unit.h"

static ree_err err;

static ree_unit unit(const char *text) {
  ree_unit u;
  if (ree_unit_parse(&u, text, &err) != REE_OK)
    check_fail(__FILE__, __LINE__, "%s", err.msg);
  return u;
}

static void unit_should_read_this_domains_units(void) {
  ree_unit u = unit("kt REO");
  CHECK_NEAR(u.scale, 1000, 0);
  CHECK_INT(u.exp[REE_DIM_MASS], 1);
  CHECK_INT(u.basis, REE_BASIS_REO);
  CHECK_STR(u.name, "kt REO");
  u = unit("US$/kg");
  CHECK_NEAR(u.scale, 1000, 0); /* 1 US$/kg is 1000 US$/t */
  CHECK_INT(u.exp[REE_DIM_USD], 1);
  CHECK_INT(u.exp[REE_DIM_MASS], -1);
  u = unit("t REO/yr");
  CHECK_INT(u.exp[REE_DIM_YEAR], -1);
  CHECK_NEAR(unit("%").scale, 0.01, 0);
  CHECK_INT(unit("t physical").basis, REE_BASIS_PRODUCT);
}

static void unit_should_convert_like_to_like(void) {
  ree_unit kt = unit("kt REO"), t = unit("t REO"), kg = unit("US$/kg"),
           per_t = unit("US$/t"), metal = unit("t metal");
  double f;
  CHECK_INT(ree_unit_factor(&kt, &t, &f, &err), REE_OK);
  CHECK_NEAR(f, 1000, 0);
  CHECK_INT(ree_unit_factor(&kg, &per_t, &f, &err), REE_OK);
  CHECK_NEAR(f, 1000, 0);
  CHECK_INT(ree_unit_factor(&t, &metal, &f, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "cannot convert 't REO' to 't metal'");
  CHECK_INT(ree_unit_factor(&t, &kg, &f, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "cannot convert 't REO' to 'US$/kg'");
}

static void unit_should_multiply_and_divide(void) {
  ree_unit t = unit("t"), kg = unit("US$/kg"), cny_t = unit("CNY/t");
  ree_unit fx = unit("CNY/US$"), reo = unit("t REO"), metal = unit("US$/t metal");
  ree_unit r;
  double f;
  CHECK_INT(ree_unit_multiply(&r, &f, &t, &kg, 0, &err), REE_OK);
  CHECK_STR(r.name, "US$"); /* t * US$/kg = 1000 US$ */
  CHECK_NEAR(f, 1000, 0);
  CHECK_INT(ree_unit_multiply(&r, &f, &cny_t, &fx, 1, &err), REE_OK);
  CHECK_STR(r.name, "US$/t"); /* an exchange rate needs no special case */
  CHECK_NEAR(f, 1, 0);
  CHECK_INT(ree_unit_multiply(&r, &f, &reo, &reo, 1, &err), REE_OK);
  CHECK_STR(r.name, "fraction");
  CHECK_INT(ree_unit_multiply(&r, &f, &reo, &metal, 0, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "cannot multiply 't REO' by 'US$/t metal': unlike bases");
}

static void unit_should_name_what_it_cannot_read(void) {
  ree_unit u;
  CHECK_INT(ree_unit_parse(&u, "tonnes", &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "unit 'tonnes': unknown unit 'tonnes'");
  CHECK_INT(ree_unit_parse(&u, "REO", &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "unit 'REO': basis 'REO' must follow a mass");
  CHECK_INT(ree_unit_parse(&u, "US$/", &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "unit 'US$/': empty part");
  CHECK_INT(ree_unit_parse(&u, "t REO metal", &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "unit 't REO metal': two bases");
  CHECK_INT(ree_unit_parse(&u, "t t t t t t t t t t t t t t t t t", &err),
            REE_ELIMIT);
  CHECK_INT(ree_unit_parse(NULL, "t", &err), REE_EINVAL);
}

int main(void) {
  RUN(unit_should_read_this_domains_units);
  RUN(unit_should_convert_like_to_like);
  RUN(unit_should_multiply_and_divide);
  RUN(unit_should_name_what_it_cannot_read);
  return check_report();
}
