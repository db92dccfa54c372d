/*
** test_market.c: market clearing against hand-computed equilibria.
**
** The linear case: demand in China 100 - P, supply in China P, demand
** outside China 100 - P, no supply outside. By hand:
**   free trade:   2P - 100 = 100 - P, so P = 200/3, exports 100/3;
**   a 50% tax:    2P - 100 = 100 - 1.5P, so P_cn = 400/7, P_rw = 600/7,
**                 exports 100/7, revenue 0.5 * 400/7 * 100/7 t*US$/kg;
**                 deadweight = 1/2 (P_rw - P_cn)(100/3 - 100/7);
**   a quota of 10 t: 2P_cn - 100 = 10 and 100 - P_rw = 10, so P_cn = 55,
**                 P_rw = 90, rent (90 - 55) * 10.
*/
#include <math.h>
#include <string.h>

#include "check.h"
#include "market.h"

static ree_err err;

static ree_market linear(void) {
  ree_market m;
  memset(&m, 0, sizeof m); /* every field this test does not set is 0 */
  m.name = "Nd";
  m.year = 2011;
  m.d_cn.kind = m.s_cn.kind = m.d_rw.kind = REE_CURVE_LINEAR;
  m.d_cn.a = 100, m.d_cn.b = -1;
  m.s_cn.a = 0, m.s_cn.b = 1;
  m.d_rw.a = 100, m.d_rw.b = -1;
  m.s_rw.kind = m.fringe.kind = REE_CURVE_NONE;
  m.tax = m.vat_lost = 0;
  m.quota = m.cap = -1;
  m.leak_l0 = 0;
  m.leak_g = 1;
  return m;
}

static void market_should_find_free_trade(void) {
  ree_market m = linear();
  ree_market_result r;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.p_cn, 200.0 / 3, 1e-12);
  CHECK_NEAR(r.p_rw, 200.0 / 3, 1e-12);
  CHECK_NEAR(r.exports, 100.0 / 3, 1e-10);
  CHECK_NEAR(r.deadweight, 0, 1e-6);
  CHECK_INT(r.quota_binding, 0);
}

static void market_should_drive_a_wedge_with_a_tax(void) {
  ree_market m = linear();
  ree_market_result r;
  m.tax = 0.5;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.p_cn, 400.0 / 7, 1e-12);
  CHECK_NEAR(r.p_rw, 600.0 / 7, 1e-12);
  CHECK_NEAR(r.exports, 100.0 / 7, 1e-10);
  CHECK_NEAR(r.tax_revenue, 0.5 * 400.0 / 7 * 100.0 / 7 * 1000, 1e-9);
  CHECK_NEAR(r.deadweight, 0.5 * (200.0 / 7) * (100.0 / 3 - 100.0 / 7) * 1000, 1e-7);
  /* a large exporter gains from a small tax: China's change is positive */
  CHECK(r.d_cs_cn + r.d_ps_cn + r.tax_revenue > 0);
  CHECK_NEAR(r.tax_equivalent, 0.5, 1e-12);
}

static void market_should_ration_with_a_binding_quota(void) {
  ree_market m = linear();
  ree_market_result r;
  m.quota = 10;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_INT(r.quota_binding, 1);
  CHECK_NEAR(r.p_cn, 55, 1e-12);
  CHECK_NEAR(r.p_rw, 90, 1e-12);
  CHECK_NEAR(r.quota_rent, 35 * 10 * 1000, 1e-6);
  CHECK_NEAR(r.tax_equivalent, 90.0 / 55 - 1, 1e-12);
  m.quota = 50; /* above free-trade exports: slack */
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_INT(r.quota_binding, 0);
  CHECK_NEAR(r.quota_rent, 0, 0);
  CHECK_NEAR(r.p_cn, 200.0 / 3, 1e-12);
}

static void market_should_clear_constant_elasticity_curves(void) {
  /* supply in China 10 P, demand outside 1000 / P: free P = 10, X = 100;
  ** a 21% tax: 10 P = 1000 / (1.21 P), P_cn = 10 / 1.1, P_rw = 11 */
  ree_market m = linear();
  ree_market_result r;
  m.d_cn.kind = REE_CURVE_NONE;
  m.s_cn.kind = m.d_rw.kind = REE_CURVE_ELASTIC;
  m.s_cn.a = 10, m.s_cn.b = 1;
  m.d_rw.a = 1000, m.d_rw.b = -1;
  m.tax = 0.21;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.p_free, 10, 1e-12);
  CHECK_NEAR(r.p_cn, 10 / 1.1, 1e-12);
  CHECK_NEAR(r.p_rw, 11, 1e-12);
  CHECK_NEAR(r.exports, 1000.0 / 11, 1e-10);
}

static void market_should_cap_china_and_let_the_fringe_in(void) {
  /* supply in China P capped at 30, no demand in China, outside 100 - P:
  ** uncapped P = 50; capped, 30 = 100 - P so P = 70; with a fringe of
  ** 0.1 P, 30 + 0.1 P = 100 - P so P = 70 / 1.1 */
  ree_market m = linear();
  ree_market_result r;
  m.d_cn.kind = REE_CURVE_NONE;
  m.cap = 30;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.p_cn, 70, 1e-12);
  m.fringe.kind = REE_CURVE_LINEAR;
  m.fringe.a = 0, m.fringe.b = 0.1;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.p_cn, 70 / 1.1, 1e-12);
  CHECK_NEAR(r.fringe, 7 / 1.1, 1e-10);
  CHECK_NEAR(r.s_cn, 30, 1e-9);
}

static void market_should_let_leakage_grow_with_the_gap(void) {
  ree_market m = linear();
  ree_market_result r;
  m.quota = 10;
  m.leak_l0 = 5;
  m.leak_g = 1;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.legal, 10, 0);
  CHECK_NEAR(r.leakage, 5 * (r.p_rw / r.p_cn - 1), 1e-10);
  CHECK_NEAR(2 * r.p_cn - 100, r.exports, 1e-9);  /* China's excess supply */
  CHECK_NEAR(100 - r.p_rw, r.exports, 1e-9);      /* RoW's excess demand */
  CHECK(r.exports > 10);
}

static void market_should_climb_a_merit_order(void) {
  /* three steps of 10 t at 10, 20, 30 US$/kg; demand outside 60 - P: at 30
  ** the third step comes in and 30 t meet 30 t */
  static const double cost[] = {10, 20, 30}, cap[] = {10, 10, 10};
  ree_market m = linear();
  ree_market_result r;
  m.d_cn.kind = REE_CURVE_NONE;
  m.s_cn.kind = REE_CURVE_STEPS;
  m.s_cn.cost = cost;
  m.s_cn.cap = cap;
  m.s_cn.n = 3;
  m.d_rw.a = 60;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK(r.p_cn == 30); /* on the step: its cost, exactly */
  CHECK_NEAR(r.exports, 30, 1e-9);
}

/* Supply in China P, none used there; demand outside 100 - P and a mine of
** 30 t at 45 US$/kg. Free trade: below 45, P = 100 - P has no root (50 is
** above 45); at 45 the mine comes in, 45 > 100 - 45 - 30: the price is 45.
** With a 50% tax, P_rw = 1.5 P_cn: below P_cn = 30, P_cn = 100 - 1.5 P_cn
** would need 40; at 30 the mine comes in and 30 > 100 - 45 - 30 = 25: China
** sells 30 t at 30, FOB is 45, and the mine sells 25 of its 30. */
static void market_should_stop_on_the_step_outside_china(void) {
  static const double cost[] = {45}, cap[] = {30};
  ree_market m = linear();
  ree_market_result r;
  m.d_cn.kind = REE_CURVE_NONE;
  m.s_rw.kind = REE_CURVE_STEPS;
  m.s_rw.cost = cost;
  m.s_rw.cap = cap;
  m.s_rw.n = 1;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK(r.p_cn == 45 && r.p_rw == 45);
  m.tax = 0.5;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK(r.p_free == 45);
  CHECK(r.p_cn == 30 && r.p_rw == 45);
  CHECK_NEAR(r.exports, 30, 1e-9);
  CHECK_NEAR(r.s_rw, 25, 1e-9);
}

/* Supply outside China 3P: ED = 100 - 4P against ES = 2P - 100 meets at
** P = 100/3, where the rest of the world has 100/3 t to spare: China
** imports it, and a tax on exports changes nothing. */
static void market_should_let_china_import_a_surplus(void) {
  ree_market m = linear();
  ree_market_result r;
  m.s_rw.kind = REE_CURVE_LINEAR;
  m.s_rw.a = 0, m.s_rw.b = 3;
  m.tax = 0.25;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.p_cn, 100.0 / 3, 1e-12);
  CHECK_NEAR(r.p_rw, 100.0 / 3, 1e-12);
  CHECK_NEAR(r.imports, 100.0 / 3, 1e-10);
  CHECK_NEAR(r.exports, -100.0 / 3, 1e-10);
  CHECK_NEAR(r.legal + r.leakage + r.tax_revenue, 0, 1e-12);
  CHECK_NEAR(r.s_cn, 100.0 / 3, 1e-10); /* 200/3 used, 100/3 of it imported */
}

/* Supply outside China P/2: closed, China clears at 50 (2P - 100 = 0) and
** the rest of the world at 200/3 (100 - 1.5P = 0). Free trade exports;
** a 50% tax (wedge 1.5 > (200/3) / 50) stops all trade. */
static void market_should_stop_trade_when_the_wedge_is_wide(void) {
  ree_market m = linear();
  ree_market_result r;
  m.s_rw.kind = REE_CURVE_LINEAR;
  m.s_rw.a = 0, m.s_rw.b = 0.5;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.exports, 100.0 / 7, 1e-10); /* 2P - 100 = 100 - 1.5P: P = 400/7 */
  m.tax = 0.5;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.p_cn, 50, 1e-12);
  CHECK_NEAR(r.p_rw, 200.0 / 3, 1e-12);
  CHECK_NEAR(r.exports, 0, 1e-12);
  CHECK_NEAR(r.tax_revenue, 0, 1e-12);
}

/* A lost VAT rebate of 50% is the same wedge as a 50% tax: the same
** prices and deadweight, and the wedge's revenue is VAT, not duty. */
static void market_should_count_the_lost_vat_rebate_as_revenue(void) {
  ree_market m = linear();
  ree_market_result r;
  m.vat_lost = 0.5;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.p_rw, 600.0 / 7, 1e-12);
  CHECK_NEAR(r.tax_revenue, 0, 1e-12);
  CHECK_NEAR(r.vat_revenue, 0.5 * 400.0 / 7 * 100.0 / 7 * 1000, 1e-9);
  CHECK_NEAR(r.deadweight, 0.5 * (200.0 / 7) * (100.0 / 3 - 100.0 / 7) * 1000, 1e-7);
}

/* Two copies of the linear market under one quota of 20 t: by symmetry
** each exports 10, as under its own quota of 10: P_cn 55, P_rw 90, and a
** licence of 35 US$/kg. */
static void market_should_share_one_quota_between_markets(void) {
  ree_market ms[2];
  ree_market_result rs[2];
  double licence;
  ms[0] = ms[1] = linear();
  CHECK_INT(ree_market_clear_joint(ms, 2, 20, rs, &licence, &err), REE_OK);
  CHECK_NEAR(licence, 35, 1e-9);
  CHECK_NEAR(rs[0].p_cn, 55, 1e-9);
  CHECK_NEAR(rs[1].p_rw, 90, 1e-9);
  CHECK_NEAR(rs[0].legal + rs[1].legal, 20, 1e-9);
  CHECK(rs[0].legal + rs[1].legal <= 20); /* the answer is a clearing within the quota, never over it */
  CHECK_NEAR(rs[0].quota_rent, 35 * 10 * 1000, 1e-4);
  CHECK_INT(rs[0].quota_binding, 1);
  /* a slack shared quota changes nothing */
  CHECK_INT(ree_market_clear_joint(ms, 2, 100, rs, &licence, &err), REE_OK);
  CHECK_NEAR(licence, 0, 0);
  CHECK_NEAR(rs[0].exports, 100.0 / 3, 1e-10);
  CHECK_INT(ree_market_clear_joint(ms, 2, -1, rs, &licence, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "a shared quota must be 0 t or more, not -1");
}

/* A guess of the licence price changes where its search starts, not what
** it finds: from below (1), above (500, and past any price), at the answer
** (35), for the shared quota of 20 t above (licence 35); a guess near the
** free-trade price (m.near) likewise leaves free trade at 200/3. */
static void market_should_find_the_same_licence_from_any_guess(void) {
  ree_market ms[2];
  ree_market_result rs[2];
  double licence, guesses[] = { 0, 1, 35, 500, 1e12, 1e300 };
  int i;
  ms[0] = ms[1] = linear();
  for (i = 0; i < 6; i++) {
    CHECK_INT(ree_market_clear_joint_near(ms, 2, 20, guesses[i], rs, &licence, &err), REE_OK);
    CHECK_NEAR(licence, 35, 1e-9);
    CHECK_NEAR(rs[0].p_cn, 55, 1e-9);
    CHECK(rs[0].legal + rs[1].legal <= 20);
  }
  ms[0].near = ms[1].near = 60;
  CHECK_INT(ree_market_clear_joint_near(ms, 2, 100, 35, rs, &licence, &err), REE_OK);
  CHECK_NEAR(licence, 0, 0);
  CHECK_NEAR(rs[0].p_free, 200.0 / 3, 1e-12);
  ms[0].near = 1e6; /* far off: the bracket widens to the answer */
  CHECK_INT(ree_market_clear(&ms[0], &rs[0], &err), REE_OK);
  CHECK_NEAR(rs[0].p_cn, 200.0 / 3, 1e-12);
  ms[0].near = 1e308; /* past any price (its bracket would overflow): not a guess */
  ms[0].tax = 0.5;    /* a wedge whose solve starts from the free-trade bracket */
  CHECK_INT(ree_market_clear(&ms[0], &rs[0], &err), REE_OK);
  CHECK_NEAR(rs[0].p_free, 200.0 / 3, 1e-12);
  ms[0].tax = 0;
  CHECK_INT(ree_market_clear_joint_near(ms, 2, 20, -1, rs, &licence, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "a licence price to start from must be 0 US$/kg or more, not -1");
  CHECK_INT(ree_market_clear_joint_near(ms, 2, 20, NAN, rs, &licence, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "a licence price to start from must be 0 US$/kg or more, not nan");
}

/* The composition effect: La, the same tonnes at a tenth of Nd's prices
** (demand 100 - 10P, supply 10P), under a shared tonnage quota: each kg
** carries the same licence, a far larger mark-up on La, so La loses more
** of its exports and its price outside China rises more, relatively. */
static void market_should_squeeze_the_cheap_element_under_a_tonnage_quota(void) {
  ree_market ms[2];
  ree_market_result rs[2];
  double licence;
  ms[0] = ms[1] = linear();
  ms[1].name = "La";
  ms[1].d_cn.b = ms[1].d_rw.b = -10;
  ms[1].s_cn.b = 10;
  CHECK_INT(ree_market_clear_joint(ms, 2, 40, rs, &licence, &err), REE_OK);
  /* La: free trade P 20/3, exports 100/3; Nd: P 200/3, exports 100/3 */
  CHECK(rs[1].legal < rs[0].legal);
  CHECK(rs[1].p_rw / rs[1].p_cn > rs[0].p_rw / rs[0].p_cn);
  CHECK_NEAR(rs[0].legal + rs[1].legal, 40, 1e-9);
  CHECK(rs[0].legal + rs[1].legal <= 40);
}

/* A stockpile outside China buying 10 t whatever the price: ED = 110 - P
** against ES = 2P - 100, so P = 70 and exports 40; consumers there buy 30. */
static void market_should_let_a_stockpile_buy(void) {
  ree_market m = linear();
  ree_market_result r;
  m.stock_rw = 10;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.p_rw, 70, 1e-12);
  CHECK_NEAR(r.exports, 40, 1e-10);
  CHECK_NEAR(r.d_rw, 30, 1e-10);
  CHECK_NEAR(r.s_rw, 0, 1e-10);
  m.stock_rw = 0.0 / 0.0;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_EDOMAIN);
}

/* Holders outside China sell 10 t whatever the price, and buy
** max(0, 50 - p/2) besides: B(p) = 40 - p/2. Free trade:
** p = (100 - p) + (100 - p) + 40 - p/2, so p = 480/7; B = 40/7,
** D_rw = 220/7, exports = D_rw + B = 260/7, and China's 480/7 = 220/7 + 260/7. */
static void market_should_let_holders_buy_by_the_price(void) {
  ree_market m = linear();
  ree_market_result r;
  m.stock_rw = -10;
  m.hold_rw.kind = REE_CURVE_LINEAR;
  m.hold_rw.a = 50, m.hold_rw.b = -0.5;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.p_rw, 480.0 / 7, 1e-10);
  CHECK_NEAR(r.bought_rw, 40.0 / 7, 1e-10);
  CHECK_NEAR(r.d_rw, 220.0 / 7, 1e-10);
  CHECK_NEAR(r.exports, 260.0 / 7, 1e-10);
  CHECK_NEAR(r.s_cn, 480.0 / 7, 1e-10);
  CHECK_NEAR(r.bought_cn, 0, 1e-12);
  /* holders in China buying 10 t: p = 200 - 2p + 10, p = 70; China makes
  ** 70 = 30 used + 10 stocked + 30 exported */
  m = linear();
  m.stock_cn = 10;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_OK);
  CHECK_NEAR(r.p_cn, 70, 1e-10);
  CHECK_NEAR(r.bought_cn, 10, 1e-10);
  CHECK_NEAR(r.exports, 30, 1e-10);
  CHECK_NEAR(r.s_cn, 70, 1e-10);
  m.hold_cn.kind = REE_CURVE_LINEAR;
  m.hold_cn.a = 10, m.hold_cn.b = 1;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "market 'Nd', 2011: stock demand in China must fall with the price");
}

static void market_should_name_what_cannot_clear(void) {
  ree_market m = linear();
  ree_market_result r;
  m.d_cn.b = 1;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "market 'Nd', 2011: demand in China must fall with the price");
  m = linear();
  m.s_cn.kind = m.d_cn.kind = REE_CURVE_NONE;
  m.d_rw.b = 0; /* 100 t wanted at any price, and nobody to sell */
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_ESINGULAR);
  CHECK_STR(err.msg, "market 'Nd', 2011: no price clears: China's excess supply never meets the rest of the world's excess demand");
  m = linear();
  m.tax = -0.1;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "market 'Nd', 2011: the export tax and the lost VAT rebate must be 0 or more");
  m = linear();
  m.d_rw.kind = REE_CURVE_STEPS;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "market 'Nd', 2011: demand outside China cannot be a merit order");
  m = linear();
  m.s_cn.a = NAN;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "market 'Nd', 2011: supply in China needs finite, non-negative parameters");
  m = linear();
  m.leak_l0 = 5, m.leak_g = 0;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "market 'Nd', 2011: leakage needs l0 >= 0 and g > 0");
  m = linear();
  m.quota = NAN;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "market 'Nd', 2011: the quota and the cap must be numbers");
  m = linear();
  m.licence = -1;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "market 'Nd', 2011: the licence price must be 0 or more");
  m = linear();
  m.stock_rw = NAN;
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "market 'Nd', 2011: the stockpiles' purchase must be a number");
  m.month = 9; /* a month's market says which month */
  CHECK_INT(ree_market_clear(&m, &r, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "market 'Nd', 2011-09: the stockpiles' purchase must be a number");
  CHECK_INT(ree_market_clear(NULL, &r, &err), REE_EINVAL);
}

int main(void) {
  RUN(market_should_find_free_trade);
  RUN(market_should_drive_a_wedge_with_a_tax);
  RUN(market_should_ration_with_a_binding_quota);
  RUN(market_should_clear_constant_elasticity_curves);
  RUN(market_should_cap_china_and_let_the_fringe_in);
  RUN(market_should_let_leakage_grow_with_the_gap);
  RUN(market_should_climb_a_merit_order);
  RUN(market_should_stop_on_the_step_outside_china);
  RUN(market_should_let_china_import_a_surplus);
  RUN(market_should_stop_trade_when_the_wedge_is_wide);
  RUN(market_should_count_the_lost_vat_rebate_as_revenue);
  RUN(market_should_share_one_quota_between_markets);
  RUN(market_should_find_the_same_licence_from_any_guess);
  RUN(market_should_squeeze_the_cheap_element_under_a_tonnage_quota);
  RUN(market_should_let_a_stockpile_buy);
  RUN(market_should_let_holders_buy_by_the_price);
  RUN(market_should_name_what_cannot_clear);
  return check_report();
}
