/*
** lree_market.c: market_clear(spec), reading the facade's readable
** curves (scripts/ree/market.lua) straight from its tables.
*/
#include <math.h>
#include <string.h>

#include "lree.h"
#include "market.h"

#define MAX_STEPS 256

typedef struct steps {
  double cost[MAX_STEPS], cap[MAX_STEPS];
} steps;

/*
** Reads the curve in field `key` of the table at idx, in the facade's
** readable form, into c (steps into st):
**   { "elastic", a = A, e = E }  or  { "elastic", q = Q, p = P, e = E }
**   { "linear", a = A, b = B }
**   { "steps", { cost = C, cap = K }, ... }
** A missing field is no curve. Returns NULL, or a message (on the stack).
*/
static const char *read_curve(lua_State *L, int idx, const char *key,
                              ree_curve *c, steps *st) {
  const char *kind;
  memset(c, 0, sizeof *c);
  c->kind = REE_CURVE_NONE;
  if (lua_getfield(L, idx, key) == LUA_TNIL) {
    lua_pop(L, 1);
    return NULL;
  }
  if (!lua_istable(L, -1) || lua_rawgeti(L, -1, 1) != LUA_TSTRING ||
      ((kind = lua_tostring(L, -1)), strcmp(kind, "elastic") != 0 &&
       strcmp(kind, "linear") != 0 && strcmp(kind, "steps") != 0))
    return lua_pushfstring(L, "market: %s must be { \"elastic\", ... }, "
                           "{ \"linear\", ... } or { \"steps\", ... }", key);
  lua_pop(L, 1); /* the kind, still referenced by the curve table */
  if (kind[0] == 'e') {
    c->kind = REE_CURVE_ELASTIC;
    if (lua_getfield(L, -1, "e") != LUA_TNUMBER)
      return lua_pushfstring(L, "market: %s needs an elasticity e", key);
    c->b = lua_tonumber(L, -1);
    if (lua_getfield(L, -2, "a") == LUA_TNUMBER) {
      c->a = lua_tonumber(L, -1);
    } else if (lua_getfield(L, -3, "q") == LUA_TNUMBER &&
               lua_getfield(L, -4, "p") == LUA_TNUMBER) {
      c->a = lua_tonumber(L, -2) / pow(lua_tonumber(L, -1), c->b); /* through (p, q) */
      lua_pop(L, 2);
    } else {
      return lua_pushfstring(L, "market: %s needs a, or a point q at p", key);
    }
    lua_pop(L, 2);
  } else if (kind[0] == 'l') {
    c->kind = REE_CURVE_LINEAR;
    lua_getfield(L, -1, "a");
    lua_getfield(L, -2, "b");
    c->a = lua_tonumber(L, -2);
    c->b = lua_tonumber(L, -1);
    lua_pop(L, 2);
  } else {
    int k, n = (int)luaL_len(L, -1) - 1;
    c->kind = REE_CURVE_STEPS;
    if (n > MAX_STEPS)
      return lua_pushfstring(L, "market: %s has more than %d steps", key, MAX_STEPS);
    for (k = 0; k < n; k++) {
      if (lua_rawgeti(L, -1, k + 2) != LUA_TTABLE ||
          lua_getfield(L, -1, "cost") != LUA_TNUMBER ||
          lua_getfield(L, -2, "cap") != LUA_TNUMBER)
        return lua_pushfstring(L, "market: step %d of %s needs a cost and a cap", k + 1, key);
      st->cost[k] = lua_tonumber(L, -2);
      st->cap[k] = lua_tonumber(L, -1);
      lua_pop(L, 3);
    }
    c->cost = st->cost;
    c->cap = st->cap;
    c->n = n;
  }
  lua_pop(L, 1); /* the curve table */
  return NULL;
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
  steps st[5]; /* 20 kB on the C stack: no allocation per clearing */
  const char *bad;
  luaL_checktype(L, 1, LUA_TTABLE);
  memset(&m, 0, sizeof m);
  lua_getfield(L, 1, "name");
  m.name = lua_isstring(L, -1) ? lua_tostring(L, -1) : "?"; /* kept on the stack */
  m.year = (int)opt_number(L, 1, "year", 0);
  if ((bad = read_curve(L, 1, "d_cn", &m.d_cn, &st[0])) != NULL ||
      (bad = read_curve(L, 1, "s_cn", &m.s_cn, &st[1])) != NULL ||
      (bad = read_curve(L, 1, "d_rw", &m.d_rw, &st[2])) != NULL ||
      (bad = read_curve(L, 1, "s_rw", &m.s_rw, &st[3])) != NULL ||
      (bad = read_curve(L, 1, "fringe", &m.fringe, &st[4])) != NULL) {
    luaL_pushfail(L);
    lua_pushstring(L, bad);
    return 2;
  }
  m.tax = opt_number(L, 1, "tax", 0);
  m.vat_lost = opt_number(L, 1, "vat_lost", 0);
  m.quota = opt_number(L, 1, "quota", -1);
  m.cap = opt_number(L, 1, "cap", -1);
  if (lua_getfield(L, 1, "leak") == LUA_TTABLE) {
    m.leak_l0 = opt_number(L, -1, "l0", 0);
    m.leak_g = opt_number(L, -1, "g", 1);
  } else {
    m.leak_l0 = 0, m.leak_g = 1;
  }
  lua_pop(L, 1);
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
