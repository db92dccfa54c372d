/*
** lree_market.c: market_clear(spec) over plain tables; the facade
** (scripts/ree/market.lua) gives curves their readable form.
*/
#include <math.h>
#include <string.h>

#include "lree.h"
#include "market.h"

#define MAX_STEPS 256

typedef struct steps {
  double cost[MAX_STEPS], cap[MAX_STEPS];
} steps;

/* The curve in field `key` of the table at idx: { kind = "elastic" |
** "linear" | "steps", a, b, cost = {...}, cap = {...} }, or nil. */
static void read_curve(lua_State *L, int idx, const char *key, ree_curve *c,
                       steps *st) {
  static const char *const kinds[] = {"none", "elastic", "linear", "steps", NULL};
  memset(c, 0, sizeof *c);
  c->kind = REE_CURVE_NONE;
  if (lua_getfield(L, idx, key) == LUA_TNIL) {
    lua_pop(L, 1);
    return;
  }
  luaL_checktype(L, -1, LUA_TTABLE);
  lua_getfield(L, -1, "kind");
  c->kind = luaL_checkoption(L, -1, "none", kinds);
  lua_pop(L, 1);
  lua_getfield(L, -1, "a");
  c->a = lua_tonumber(L, -1);
  lua_getfield(L, -2, "b");
  c->b = lua_tonumber(L, -1);
  lua_pop(L, 2);
  if (c->kind == REE_CURVE_STEPS) {
    int k, n;
    lua_getfield(L, -1, "cost");
    lua_getfield(L, -2, "cap");
    n = (int)luaL_len(L, -2);
    if (n > MAX_STEPS || luaL_len(L, -1) != n) luaL_error(L, "%s: one capacity per cost, at most %d steps", key, MAX_STEPS);
    for (k = 0; k < n; k++) {
      lua_geti(L, -2, k + 1);
      st->cost[k] = lua_tonumber(L, -1);
      lua_geti(L, -2, k + 1);
      st->cap[k] = lua_tonumber(L, -1);
      lua_pop(L, 2);
    }
    lua_pop(L, 2);
    c->cost = st->cost;
    c->cap = st->cap;
    c->n = n;
  }
  lua_pop(L, 1); /* the curve table */
}

static double opt_number(lua_State *L, int idx, const char *key, double dflt) {
  double v = dflt;
  if (lua_getfield(L, idx, key) != LUA_TNIL) v = luaL_checknumber(L, -1);
  lua_pop(L, 1);
  return v;
}

static void set(lua_State *L, const char *key, double v) {
  lua_pushnumber(L, v);
  lua_setfield(L, -2, key);
}

/* market_clear(spec) -> result table, or fail, msg */
static int l_market_clear(lua_State *L) {
  ree_market m;
  ree_market_result r;
  ree_err err;
  steps *st = (steps *)lua_newuserdatauv(L, 5 * sizeof(steps), 0); /* GC-owned */
  luaL_checktype(L, 1, LUA_TTABLE);
  memset(&m, 0, sizeof m);
  lua_getfield(L, 1, "name");
  m.name = lua_isstring(L, -1) ? lua_tostring(L, -1) : "?"; /* kept on the stack */
  m.year = (int)opt_number(L, 1, "year", 0);
  read_curve(L, 1, "d_cn", &m.d_cn, &st[0]);
  read_curve(L, 1, "s_cn", &m.s_cn, &st[1]);
  read_curve(L, 1, "d_rw", &m.d_rw, &st[2]);
  read_curve(L, 1, "s_rw", &m.s_rw, &st[3]);
  read_curve(L, 1, "fringe", &m.fringe, &st[4]);
  m.tax = opt_number(L, 1, "tax", 0);
  m.vat_lost = opt_number(L, 1, "vat_lost", 0);
  m.quota = opt_number(L, 1, "quota", -1);
  m.cap = opt_number(L, 1, "cap", -1);
  m.leak_l0 = opt_number(L, 1, "leak_l0", 0);
  m.leak_g = opt_number(L, 1, "leak_g", 1);
  if (ree_market_clear(&m, &r, &err) != REE_OK) return lree_fail(L, &err);
  lua_createtable(L, 0, 24);
  set(L, "p_cn", r.p_cn);
  set(L, "p_rw", r.p_rw);
  set(L, "p_free", r.p_free);
  set(L, "exports", r.exports);
  set(L, "legal", r.legal);
  set(L, "leakage", r.leakage);
  set(L, "imports", r.imports);
  set(L, "d_cn", r.d_cn);
  set(L, "s_cn", r.s_cn);
  set(L, "fringe", r.fringe);
  set(L, "d_rw", r.d_rw);
  set(L, "s_rw", r.s_rw);
  lua_pushboolean(L, r.quota_binding);
  lua_setfield(L, -2, "quota_binding");
  set(L, "quota_rent", r.quota_rent);
  set(L, "tax_revenue", r.tax_revenue);
  set(L, "tax_equivalent", r.tax_equivalent);
  set(L, "d_cs_cn", r.d_cs_cn);
  set(L, "d_ps_cn", r.d_ps_cn);
  set(L, "d_cs_rw", r.d_cs_rw);
  set(L, "d_ps_rw", r.d_ps_rw);
  set(L, "deadweight", r.deadweight);
  return 1;
}

void lree_open_market(lua_State *L) {
  lua_pushcfunction(L, l_market_clear);
  lua_setfield(L, -2, "market_clear");
}
