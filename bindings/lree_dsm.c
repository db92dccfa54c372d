/*
** lree_dsm.c: dynamic stock models (ree.StockModel userdata). Mechanical:
** the facade (scripts/ree/stocks.lua) turns series into arrays and back.
*/
#include <math.h>

#include "dsm.h"
#include "lree.h"
#include "lree_aux.h"

#define LREE_DSM "ree.StockModel"

static ree_dsm *check_dsm(lua_State *L, int idx) {
  return (ree_dsm *)lree_check_box(L, idx, LREE_DSM, "stock model");
}

/* stock_model(first_year, years, kind, a, b) -> StockModel, or fail, msg, code
** for a lifetime the core refuses; years past 9999 raise */
static int l_stock_model(lua_State *L) {
  static const char *const kinds[] = {"fixed", "normal", "weibull", "lognormal", NULL};
  int first = lree_check_year(L, 1), years = lree_check_int(L, 2, 1, REE_YEARS_MAX, "a number of years");
  ree_lifetime lt;
  ree_err err;
  lree_box *box;
  if (first > REE_YEAR_MAX - (years - 1)) /* a bound: misuse, raised */
    return luaL_error(L, "a stock model's years lie in %d-%d, not %d and %d more", REE_YEAR_MIN, REE_YEAR_MAX,
                      first, years - 1);
  lt.kind = luaL_checkoption(L, 3, NULL, kinds);
  lt.a = luaL_checknumber(L, 4);
  lt.b = luaL_optnumber(L, 5, 0.0);
  box = lree_new_box(L, LREE_DSM);
  box->p = ree_dsm_new(first, years, &lt, &err);
  if (box->p == NULL) return lree_fail(L, &err);
  return 1;
}

/* m:set_initial(first_cohort, amounts) -> true, or fail, msg */
static int m_set_initial(lua_State *L) {
  ree_dsm *m = check_dsm(L, 1);
  int first = lree_check_year(L, 2), n;
  lua_Integer len;
  luaL_checktype(L, 3, LUA_TTABLE);
  len = luaL_len(L, 3);
  if (len > REE_YEARS_MAX) return luaL_error(L, "at most %d initial cohorts, not %I", REE_YEARS_MAX, len);
  n = (int)len;
  double *v = lree_check_numbers(L, 3, n);
  ree_err err;
  if (ree_dsm_set_initial(m, first, n, v, &err) != REE_OK) return lree_fail(L, &err);
  lua_pushboolean(L, 1);
  return 1;
}

/* m:solve("inflow" | "stock", values) -> true, or fail, msg */
static int m_solve(lua_State *L) {
  static const char *const modes[] = {"inflow", "stock", NULL};
  ree_dsm *m = check_dsm(L, 1);
  int mode = luaL_checkoption(L, 2, NULL, modes), years = ree_dsm_year_count(m);
  double *v;
  luaL_checktype(L, 3, LUA_TTABLE);
  if (luaL_len(L, 3) != years) /* the core reads one value a year */
    return luaL_error(L, "a stock model of %d years takes %d values, not %I", years, years, luaL_len(L, 3));
  v = lree_check_numbers(L, 3, years);
  ree_err err;
  int rc = mode == 0 ? ree_dsm_inflow_driven(m, v, &err) : ree_dsm_stock_driven(m, v, &err);
  if (rc != REE_OK) return lree_fail(L, &err);
  lua_pushboolean(L, 1);
  return 1;
}

typedef double (*per_year)(const ree_dsm *, int);

static void push_row(lua_State *L, ree_dsm *m, int first, int years, per_year f) {
  int y;
  lua_createtable(L, years, 0);
  for (y = 0; y < years; y++) {
    lua_pushnumber(L, f(m, first + y));
    lua_rawseti(L, -2, y + 1);
  }
}

/* m:results(first, years) -> inflow, outflow, stock, retired (arrays) */
static int m_results(lua_State *L) {
  ree_dsm *m = check_dsm(L, 1);
  int first = lree_check_year(L, 2);
  int years = lree_check_int(L, 3, 0, REE_YEAR_MAX - first + 1, "a number of years");
  push_row(L, m, first, years, ree_dsm_inflow);
  push_row(L, m, first, years, ree_dsm_outflow);
  push_row(L, m, first, years, ree_dsm_stock);
  push_row(L, m, first, years, ree_dsm_retired_early);
  return 4;
}

/* m:weighted(first, years, weights, w_first) -> outflow, stock (arrays) */
static int m_weighted(lua_State *L) {
  ree_dsm *m = check_dsm(L, 1);
  int first = lree_check_year(L, 2);
  int years = lree_check_int(L, 3, 0, REE_YEAR_MAX - first + 1, "a number of years");
  int n, w_first = lree_check_year(L, 5), y;
  double *w;
  luaL_checktype(L, 4, LUA_TTABLE);
  n = (int)(luaL_len(L, 4) < REE_YEARS_MAX ? luaL_len(L, 4) : REE_YEARS_MAX);
  w = lree_check_numbers(L, 4, n);
  lua_createtable(L, years, 0);
  lua_createtable(L, years, 0);
  for (y = 0; y < years; y++) {
    lua_pushnumber(L, ree_dsm_outflow_weighted(m, first + y, w, w_first, n));
    lua_rawseti(L, -3, y + 1);
    lua_pushnumber(L, ree_dsm_stock_weighted(m, first + y, w, w_first, n));
    lua_rawseti(L, -2, y + 1);
  }
  return 2;
}

/* m:cohort(year, cohort) -> stock at the end of year, outflow during it */
static int m_cohort(lua_State *L) {
  ree_dsm *m = check_dsm(L, 1);
  int year = lree_check_year(L, 2), cohort = lree_check_year(L, 3);
  lua_pushnumber(L, ree_dsm_cohort_stock(m, year, cohort));
  lua_pushnumber(L, ree_dsm_cohort_outflow(m, year, cohort));
  return 2;
}

static int m_close(lua_State *L) {
  ree_dsm_free((ree_dsm *)lree_take_box(L, 1, LREE_DSM));
  return 0;
}

static const luaL_Reg methods[] = {
  {"set_initial", m_set_initial},
  {"solve", m_solve},
  {"results", m_results},
  {"weighted", m_weighted},
  {"cohort", m_cohort},
  {"close", m_close},
  {NULL, NULL}
};

void lree_open_dsm(lua_State *L) {
  lree_new_class(L, LREE_DSM, methods, m_close);
  lua_pushcfunction(L, l_stock_model);
  lua_setfield(L, -2, "stock_model");
}
