/*
** test_month.c: a year of months against months computed by hand.
**
** The market of test_market.c each month: demand in China 100 - P, supply
** in China P, demand outside China 100 - P; free trade at 200/3 would
** export 100/3 t a month. A year's quota of 120 t released half in January
** and half in July allows (60 - used) / 6 a month in January-June and
** (120 - used) / (12 - 6) in July-December: 10 t every month, so that
** 2 P_cn - 100 = 10 and 100 - P_rw = 10: P_cn = 55, P_rw = 90, and the
** licence is the gap, 35 US$/kg.
**
** Holders outside China with a desired stock of 0 (cover 0) and 60 t sell
** S / tau a month whatever the price, tau = 6: S_k = 60 (5/6)^k after
** month k, and they sell 10 (5/6)^(k-1) in month k, which the rest of the
** world uses besides the quota: 100 - P_rw - 10 (5/6)^(k-1) = 10.
**
** Holders who extrapolate (phi months) expect Ps (Ps / Pr)^(phi / tau_e):
** with a cover of 0 what they expect moves no price, so the prices above
** stay, and Ps and Pr follow them by hand.
*/
#include <math.h>
#include <string.h>

#include "check.h"
#include "month.h"

static ree_err err;

static ree_month_element element(void) {
  ree_month_element e;
  memset(&e, 0, sizeof e); /* every field this test does not set is 0 */
  e.m.name = "La";
  e.m.year = 2011;
  e.m.d_cn.kind = e.m.s_cn.kind = e.m.d_rw.kind = REE_CURVE_LINEAR;
  e.m.d_cn.a = 100, e.m.d_cn.b = -1;
  e.m.s_cn.a = 0, e.m.s_cn.b = 1;
  e.m.d_rw.a = 100, e.m.d_rw.b = -1;
  e.m.quota = e.m.cap = -1;
  e.m.leak_g = 1;
  e.cn.expected = e.rw.expected = 60;
  e.set = 0;
  return e;
}

static ree_month_params params(void) {
  ree_month_params p;
  memset(&p, 0, sizeof p);
  p.tau = 6, p.tau_e = 4, p.leak_g = 1;
  return p;
}

static ree_month_set half_and_half(void) {
  ree_month_set s;
  memset(&s, 0, sizeof s);
  s.quota = 120, s.tranches = 1;
  s.release[0] = s.release[6] = 0.5;
  return s;
}

static void month_should_release_the_quota_in_its_tranches(void) {
  ree_month_element e = element();
  ree_month_set s = half_and_half();
  ree_month_params p = params();
  double el[1][REE_MO_FIELDS][REE_MONTHS];
  ree_month_out out;
  int k;
  out.el = el;
  CHECK_INT(ree_month_year(&e, 1, &s, 1, &p, &out, &err), REE_OK);
  for (k = 0; k < REE_MONTHS; k++) {
    CHECK_NEAR(out.allowance[0][k], 10, 1e-9);
    CHECK_NEAR(el[0][REE_MO_LEGAL][k], 10, 1e-9);
    CHECK_NEAR(el[0][REE_MO_P_CN][k], 55, 1e-9);
    CHECK_NEAR(el[0][REE_MO_P_RW][k], 90, 1e-9);
    CHECK_NEAR(out.licence[0][k], 35, 1e-9);
    CHECK_NEAR(out.exports[k], 10, 1e-9);
  }
  CHECK_NEAR(s.used, 120, 1e-9);
  /* without tranches the year's quota is spread evenly: 10 a month too */
  s.tranches = 0;
  CHECK_INT(ree_month_year(&e, 1, &s, 1, &p, &out, &err), REE_OK);
  CHECK_NEAR(out.allowance[0][11], 10, 1e-9);
}

static void month_should_let_holders_sell_down_their_stock(void) {
  ree_month_element e = element();
  ree_month_set s = half_and_half();
  ree_month_params p = params();
  double el[1][REE_MO_FIELDS][REE_MONTHS], stock = 60, expected = 60;
  ree_month_out out;
  int k;
  out.el = el;
  e.rw.stock = 60;
  CHECK_INT(ree_month_year(&e, 1, &s, 1, &p, &out, &err), REE_OK);
  for (k = 0; k < REE_MONTHS; k++) {
    double sold = stock / 6, p_rw = 90 - sold;
    stock -= sold;
    expected += (p_rw - expected) / 4; /* expectations move a quarter of the way */
    CHECK_NEAR(el[0][REE_MO_BOUGHT_RW][k], -sold, 1e-9);
    CHECK_NEAR(el[0][REE_MO_P_RW][k], p_rw, 1e-9);
    CHECK_NEAR(el[0][REE_MO_STOCK_RW][k], stock, 1e-9);
    CHECK_NEAR(el[0][REE_MO_EXPECTED_RW][k], expected, 1e-9);
    CHECK_NEAR(el[0][REE_MO_P_CN][k], 55, 1e-9);
  }
  CHECK_NEAR(stock, 60 * pow(5.0 / 6, 12), 1e-9);
  CHECK_NEAR(e.rw.stock, stock, 1e-9); /* the state is the year's end */
  CHECK_NEAR(e.rw.use, el[0][REE_MO_D_RW][11], 0);
}

static void month_should_extrapolate_the_trend_its_holders_see(void) {
  ree_month_element e = element();
  ree_month_set s = half_and_half();
  ree_month_params p = params();
  double el[1][REE_MO_FIELDS][REE_MONTHS], stock = 60, perceived = 60, reference = 60;
  ree_month_out out;
  int k;
  out.el = el;
  e.rw.stock = 60;
  e.rw.reference = e.cn.reference = 60;
  p.phi = 2;
  CHECK_INT(ree_month_year(&e, 1, &s, 1, &p, &out, &err), REE_OK);
  for (k = 0; k < REE_MONTHS; k++) {
    double sold = stock / 6, p_rw = 90 - sold, before = perceived;
    stock -= sold;
    perceived += (p_rw - before) / 4;
    reference += (before - reference) / 4; /* from the month's start */
    CHECK_NEAR(el[0][REE_MO_P_RW][k], p_rw, 1e-9);
    /* two months of the trend over tau_e = 4: the square root of Ps / Pr */
    CHECK_NEAR(el[0][REE_MO_EXPECTED_RW][k], perceived * sqrt(perceived / reference), 1e-9);
  }
  /* prices rose from 60 to 90 and on: the holders expect more than they see */
  CHECK(el[0][REE_MO_EXPECTED_RW][11] > e.rw.expected);
  CHECK_NEAR(e.rw.reference, reference, 1e-9);
}

static void month_should_refuse_a_trend_it_cannot_take(void) {
  ree_month_element e = element();
  ree_month_set s = half_and_half();
  ree_month_params p = params();
  double el[1][REE_MO_FIELDS][REE_MONTHS];
  ree_month_out out;
  out.el = el;
  p.phi = 2; /* and no reference price: the trend would divide by 0 */
  CHECK_INT(ree_month_year(&e, 1, &s, 1, &p, &out, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "market 'La': holders who extrapolate need expected and reference prices above 0");
  p.phi = -1;
  CHECK_INT(ree_month_year(&e, 1, &s, 1, &p, &out, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "a month needs tau_e of 1 month or more and phi of 0 or more");
}

static void month_should_refuse_a_set_it_does_not_have(void) {
  ree_month_element e = element();
  ree_month_params p = params();
  double el[1][REE_MO_FIELDS][REE_MONTHS];
  ree_month_out out;
  out.el = el;
  e.set = 1;
  CHECK_INT(ree_month_year(&e, 1, NULL, 0, &p, &out, &err), REE_EINVAL);
  CHECK_STR(err.msg, "market 'La': no quota set 2");
}

int main(void) {
  RUN(month_should_release_the_quota_in_its_tranches);
  RUN(month_should_let_holders_sell_down_their_stock);
  RUN(month_should_extrapolate_the_trend_its_holders_see);
  RUN(month_should_refuse_a_trend_it_cannot_take);
  RUN(month_should_refuse_a_set_it_does_not_have);
  return check_report();
}
