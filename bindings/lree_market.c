/*
** lree_market.c: market_clear(spec), reading the facade's readable
** curves (scripts/ree/market.lua) straight from its tables.
*/
#include <math.h>
#include <string.h>

#include "lree.h"
#include "lree_aux.h"
#include "market.h"

#define MAX_STEPS 256
#define N_CURVES 7 /* d_cn, s_cn, d_rw, s_rw, fringe, hold_cn, hold_rw */

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
    if (lua_getfield(L, -1, "a") != LUA_TNUMBER || lua_getfield(L, -2, "b") != LUA_TNUMBER)
      return lua_pushfstring(L, "market: %s needs numbers a and b", key);
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

/*
** Reads the market spec at idx into m, its steps into st[0..N_CURVES-1]; the name
** string stays on the stack (one slot). Returns NULL, or a message (on the
** stack).
*/
static const char *read_market(lua_State *L, int idx, ree_market *m,
                               steps *st) {
  const char *bad;
  luaL_checktype(L, idx, LUA_TTABLE);
  memset(m, 0, sizeof *m);
  lua_getfield(L, idx, "name");
  m->name = lua_isstring(L, -1) ? lua_tostring(L, -1) : "?";
  m->year = 0; /* none given: messages name no year */
  if (lua_getfield(L, idx, "year") != LUA_TNIL) {
    int isint;
    lua_Integer y = lua_tointegerx(L, -1, &isint);
    if (!isint || y < REE_YEAR_MIN || y > REE_YEAR_MAX)
      return lua_pushfstring(L, "market: year must be a year from %d to %d, not %s", REE_YEAR_MIN, REE_YEAR_MAX,
                             lua_type(L, -1) == LUA_TNUMBER && lua_tonumber(L, -1) != lua_tonumber(L, -1)
                               ? "NaN" : luaL_tolstring(L, -1, NULL));
    m->year = (int)y;
  }
  lua_pop(L, 1);
  if ((bad = read_curve(L, idx, "d_cn", &m->d_cn, &st[0])) != NULL ||
      (bad = read_curve(L, idx, "s_cn", &m->s_cn, &st[1])) != NULL ||
      (bad = read_curve(L, idx, "d_rw", &m->d_rw, &st[2])) != NULL ||
      (bad = read_curve(L, idx, "s_rw", &m->s_rw, &st[3])) != NULL ||
      (bad = read_curve(L, idx, "fringe", &m->fringe, &st[4])) != NULL ||
      (bad = read_curve(L, idx, "hold_cn", &m->hold_cn, &st[5])) != NULL ||
      (bad = read_curve(L, idx, "hold_rw", &m->hold_rw, &st[6])) != NULL)
    return bad;
  m->tax = opt_number(L, idx, "tax", 0);
  m->vat_lost = opt_number(L, idx, "vat_lost", 0);
  m->quota = opt_number(L, idx, "quota", -1);
  m->cap = opt_number(L, idx, "cap", -1);
  m->licence = 0;
  m->stock_rw = opt_number(L, idx, "stock_rw", 0);
  m->stock_cn = opt_number(L, idx, "stock_cn", 0);
  if (lua_getfield(L, idx, "leak") == LUA_TTABLE) {
    m->leak_l0 = opt_number(L, -1, "l0", 0);
    m->leak_g = opt_number(L, -1, "g", 1);
  } else {
    m->leak_l0 = 0, m->leak_g = 1;
  }
  lua_pop(L, 1);
  return NULL;
}

static void push_result(lua_State *L, const ree_market_result *rp) {
  ree_market_result r = *rp;
  lua_createtable(L, 0, 27);
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
  set(L, "bought_cn", r.bought_cn);
  set(L, "bought_rw", r.bought_rw);
  lua_pushboolean(L, r.quota_binding);
  lua_setfield(L, -2, "quota_binding");
  set(L, "quota_rent", r.quota_rent);
  set(L, "tax_revenue", r.tax_revenue);
  set(L, "vat_revenue", r.vat_revenue);
  set(L, "tax_equivalent", r.tax_equivalent);
  set(L, "d_cs_cn", r.d_cs_cn);
  set(L, "d_ps_cn", r.d_ps_cn);
  set(L, "d_cs_rw", r.d_cs_rw);
  set(L, "d_ps_rw", r.d_ps_rw);
  set(L, "deadweight", r.deadweight);
}

static int fail_with(lua_State *L, const char *msg) {
  luaL_pushfail(L);
  lua_pushstring(L, msg);
  return 2;
}

/* market_clear(spec) -> result table, or fail, msg */
static int l_market_clear(lua_State *L) {
  ree_market m;
  ree_market_result r;
  ree_err err;
  steps st[N_CURVES]; /* 28 kB on the C stack: no allocation per clearing */
  const char *bad = read_market(L, 1, &m, st);
  if (bad != NULL) return fail_with(L, bad);
  if (ree_market_clear(&m, &r, &err) != REE_OK) return lree_fail(L, &err);
  push_result(L, &r);
  return 1;
}

/* market_clear_joint({ spec, ... }, quota) -> { result, ... }, licence;
** or fail, msg */
static int l_market_clear_joint(lua_State *L) {
  int i, n;
  double quota = luaL_checknumber(L, 2), licence;
  ree_market *ms;
  ree_market_result *rs;
  steps *st;
  ree_err err;
  luaL_checktype(L, 1, LUA_TTABLE);
  n = (int)luaL_len(L, 1);
  luaL_argcheck(L, n >= 1 && n <= 64, 1, "1 to 64 markets");
  /* one GC-owned block for the markets, their results and their steps */
  ms = (ree_market *)lua_newuserdatauv(L, n * (sizeof *ms + sizeof *rs + N_CURVES * sizeof *st), 0);
  rs = (ree_market_result *)(ms + n);
  st = (steps *)(rs + n);
  luaL_checkstack(L, 2 * n + 4, "markets");
  for (i = 0; i < n; i++) {
    const char *bad;
    lua_geti(L, 1, i + 1); /* kept on the stack: the names point into it */
    if ((bad = read_market(L, lua_gettop(L), &ms[i], &st[N_CURVES * i])) != NULL) return fail_with(L, bad);
  }
  if (ree_market_clear_joint(ms, n, quota, rs, &licence, &err) != REE_OK) return lree_fail(L, &err);
  lua_createtable(L, n, 0);
  for (i = 0; i < n; i++) {
    push_result(L, &rs[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_pushnumber(L, licence);
  return 2;
}

static const luaL_Reg funcs[] = {
  {"market_clear", l_market_clear},
  {"market_clear_joint", l_market_clear_joint},
  {NULL, NULL}
};

void lree_open_market(lua_State *L) { luaL_setfuncs(L, funcs, 0); }
