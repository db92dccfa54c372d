/*
** lree_market.c: market_clear(spec), reading the facade's readable
** curves (scripts/ree/market.lua) straight from its tables; month_year,
** the crisis market's year of months (core/month.h).
*/
#include <math.h>
#include <string.h>

#include "lree.h"
#include "lree_aux.h"
#include "market.h"
#include "month.h"

#define MAX_STEPS 256


/*
** Reads the curve in field `key` of the table at idx, in the facade's
** readable form, into c; a merit order's costs and capacities go into a
** block the table at stack index `keep` holds for the call:
**   { "elastic", a = A, e = E }  or  { "elastic", q = Q, p = P, e = E }
**   { "linear", a = A, b = B }
**   { "steps", { cost = C, cap = K }, ... }
** A missing field is no curve. Returns NULL, or a message (on the stack).
*/
static const char *read_curve(lua_State *L, int idx, const char *key,
                              ree_curve *c, int keep, double **caps) {
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
    double *cost = (double *)lua_newuserdatauv(L, (n > 0 ? 2 * n : 1) * sizeof(double), 0), *cap = cost + n;
    lua_rawseti(L, keep, (lua_Integer)lua_rawlen(L, keep) + 1);
    for (k = 0; k < n; k++) {
      if (lua_rawgeti(L, -1, k + 2) != LUA_TTABLE ||
          lua_getfield(L, -1, "cost") != LUA_TNUMBER ||
          lua_getfield(L, -2, "cap") != LUA_TNUMBER)
        return lua_pushfstring(L, "market: step %d of %s needs a cost and a cap", k + 1, key);
      cost[k] = lua_tonumber(L, -2);
      cap[k] = lua_tonumber(L, -1);
      lua_pop(L, 3);
    }
    c->cost = cost;
    c->cap = cap;
    if (caps != NULL) *caps = cap;
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
** Reads the market spec at idx into m, its steps into blocks the table at
** `keep` holds (rw_caps, unless NULL, is where those of s_rw may be
** changed); the name
** string stays on the stack (one slot). Returns NULL, or a message (on the
** stack).
*/
static const char *read_market(lua_State *L, int idx, ree_market *m,
                               int keep, double **rw_caps) {
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
  if (lua_getfield(L, idx, "month") != LUA_TNIL) { /* a month's market: its messages name the month */
    int isint;
    lua_Integer k = lua_tointegerx(L, -1, &isint);
    if (!isint || k < 1 || k > 12)
      return lua_pushfstring(L, "market: month must be 1 to 12, not %s", luaL_tolstring(L, -1, NULL));
    m->month = (int)k;
  }
  lua_pop(L, 1);
  if ((bad = read_curve(L, idx, "d_cn", &m->d_cn, keep, NULL)) != NULL ||
      (bad = read_curve(L, idx, "s_cn", &m->s_cn, keep, NULL)) != NULL ||
      (bad = read_curve(L, idx, "d_rw", &m->d_rw, keep, NULL)) != NULL ||
      (bad = read_curve(L, idx, "s_rw", &m->s_rw, keep, rw_caps)) != NULL ||
      (bad = read_curve(L, idx, "fringe", &m->fringe, keep, NULL)) != NULL ||
      (bad = read_curve(L, idx, "hold_cn", &m->hold_cn, keep, NULL)) != NULL ||
      (bad = read_curve(L, idx, "hold_rw", &m->hold_rw, keep, NULL)) != NULL)
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
  const char *bad;
  lua_newtable(L); /* keeps the merit orders' blocks */
  if ((bad = read_market(L, 1, &m, lua_gettop(L), NULL)) != NULL) return fail_with(L, bad);
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
  ree_err err;
  int keep;
  luaL_checktype(L, 1, LUA_TTABLE);
  n = (int)luaL_len(L, 1);
  luaL_argcheck(L, n >= 1 && n <= 64, 1, "1 to 64 markets");
  /* one GC-owned block for the markets and their results; a table for
  ** their merit orders' blocks */
  ms = (ree_market *)lua_newuserdatauv(L, n * (sizeof *ms + sizeof *rs), 0);
  rs = (ree_market_result *)(ms + n);
  lua_newtable(L);
  keep = lua_gettop(L);
  luaL_checkstack(L, 2 * n + 4, "markets");
  for (i = 0; i < n; i++) {
    const char *bad;
    lua_geti(L, 1, i + 1); /* kept on the stack: the names point into it */
    if ((bad = read_market(L, lua_gettop(L), &ms[i], keep, NULL)) != NULL) return fail_with(L, bad);
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


/* A number field of the table at idx; raises naming it and `what`. */
static double need_number(lua_State *L, int idx, const char *key,
                          const char *what) {
  double v;
  if (lua_getfield(L, idx, key) != LUA_TNUMBER)
    luaL_error(L, "month_year: %s needs a number '%s'", what, key);
  v = lua_tonumber(L, -1);
  lua_pop(L, 1);
  return v;
}

/* The list of REE_MONTHS numbers in field key of the table at idx. */
static void need_months(lua_State *L, int idx, const char *key, double *v) {
  int k;
  if (lua_getfield(L, idx, key) != LUA_TTABLE)
    luaL_error(L, "month_year: the months need a list '%s'", key);
  for (k = 0; k < REE_MONTHS; k++) {
    if (lua_rawgeti(L, -1, k + 1) != LUA_TNUMBER && !lua_isboolean(L, -1))
      luaL_error(L, "month_year: month %d of '%s' is not a number", k + 1, key);
    v[k] = lua_isboolean(L, -1) ? lua_toboolean(L, -1) : lua_tonumber(L, -1);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

static void read_holders(lua_State *L, int idx, const char *side,
                         ree_holders *h) {
  if (lua_getfield(L, idx, side) != LUA_TTABLE)
    luaL_error(L, "month_year: an element needs its holders '%s'", side);
  h->stock = need_number(L, -1, "stock", "the holders");
  h->expected = need_number(L, -1, "expected", "the holders");
  h->reference = opt_number(L, -1, "reference", h->expected); /* none: no trend yet */
  h->use = need_number(L, -1, "use", "the holders");
  lua_pop(L, 1);
}

static void write_holders(lua_State *L, int idx, const char *side,
                          const ree_holders *h) {
  lua_getfield(L, idx, side);
  set(L, "stock", h->stock);
  set(L, "expected", h->expected);
  set(L, "reference", h->reference);
  set(L, "use", h->use);
  lua_pop(L, 1);
}

/* The element's table at idx into e (its market's merit orders into
** blocks the table at `keep` holds); its market's name stays on the stack
** (e->m.name points into it). */
static void read_month_element(lua_State *L, int idx, int n_sets,
                               ree_month_element *e, int keep) {
  const char *bad;
  double *rw_caps = NULL;
  memset(e, 0, sizeof *e);
  if (lua_getfield(L, idx, "spec") != LUA_TTABLE)
    luaL_error(L, "month_year: an element needs its market 'spec'");
  if ((bad = read_market(L, lua_gettop(L), &e->m, keep, &rw_caps)) != NULL) lua_error(L);
  lua_remove(L, -2); /* the spec, below its name: the name keeps it alive */
  e->has_fringe = lua_getfield(L, idx, "fringe_a") == LUA_TNUMBER;
  e->fringe_a = e->has_fringe ? lua_tonumber(L, -1) : 0.0;
  lua_pop(L, 1);
  if (e->has_fringe && e->m.fringe.kind != REE_CURVE_ELASTIC)
    luaL_error(L, "month_year: market '%s' has fringe_a but no elastic fringe", e->m.name);
  if (lua_getfield(L, idx, "floor_step") != LUA_TNIL) {
    lua_Integer k = luaL_checkinteger(L, -1);
    if (k < 1 || k > e->m.s_rw.n)
      luaL_error(L, "month_year: market '%s' has no step %d outside China", e->m.name, (int)k);
    e->offer = &rw_caps[k - 1];
  }
  lua_pop(L, 1);
  e->floor = need_number(L, idx, "floor", "an element");
  e->cheaper = need_number(L, idx, "cheaper", "an element");
  e->mined = need_number(L, idx, "mined", "an element");
  e->stock_rw = need_number(L, idx, "stock_rw", "an element");
  e->stock_cn = need_number(L, idx, "stock_cn", "an element");
  e->leak_share = need_number(L, idx, "leak_share", "an element");
  e->mine_stock = need_number(L, idx, "mine_stock", "an element");
  lua_getfield(L, idx, "keep_unsold");
  e->keep_unsold = lua_toboolean(L, -1);
  lua_pop(L, 1);
  e->set = lua_getfield(L, idx, "set") == LUA_TNIL ? -1 : (int)luaL_checkinteger(L, -1) - 1;
  lua_pop(L, 1);
  if (e->set < -1 || e->set >= n_sets)
    luaL_error(L, "month_year: market '%s' names no quota set %d", e->m.name, e->set + 1);
  read_holders(L, idx, "cn", &e->cn);
  read_holders(L, idx, "rw", &e->rw);
}

static void read_month_set(lua_State *L, int idx, ree_month_set *s) {
  int k;
  memset(s, 0, sizeof *s);
  s->quota = need_number(L, idx, "quota", "a quota set");
  if (lua_getfield(L, idx, "release") == LUA_TTABLE) {
    s->tranches = 1;
    for (k = 0; k < REE_MONTHS; k++) {
      lua_rawgeti(L, -1, k + 1);
      s->release[k] = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : 0.0;
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
}

static void read_month_params(lua_State *L, int idx, ree_month_params *p) {
  double shifting[REE_MONTHS];
  int k;
  const char *what = "the parameters";
  p->cover_rw = need_number(L, idx, "cover_rw", what);
  p->theta_rw = need_number(L, idx, "theta_rw", what);
  p->cover_cn = need_number(L, idx, "cover_cn", what);
  p->theta_cn = need_number(L, idx, "theta_cn", what);
  p->eta = need_number(L, idx, "eta", what);
  p->tau = need_number(L, idx, "tau", what);
  p->tau_e = need_number(L, idx, "tau_e", what);
  p->phi = opt_number(L, idx, "phi", 0.0); /* none: expectations only adapt */
  p->leak_l0 = need_number(L, idx, "leak_l0", what);
  p->leak_g = need_number(L, idx, "leak_g", what);
  p->shift_l0 = need_number(L, idx, "shift_l0", what);
  need_months(L, idx, "risk", p->risk);
  need_months(L, idx, "enforced", p->enforced);
  need_months(L, idx, "shifting", shifting);
  for (k = 0; k < REE_MONTHS; k++) p->shifting[k] = shifting[k] != 0.0;
}

static const char *const MONTH_FIELDS[REE_MO_FIELDS] = {
  "p_cn", "p_rw", "d_cn", "d_rw", "s_cn", "s_rw", "fringe", "exports",
  "legal", "leakage", "bought_cn", "bought_rw", "stock_cn", "stock_rw",
  "expected_cn", "expected_rw"
};

/*
** month_year(elements, sets, params) -> { { p_cn = { 12 months }, ... },
** ... }, { { licence = ..., allowance = ... }, ... }, exports, customs; or
** fail, msg, code when a month's market cannot clear. Each element's
** holders (cn, rw) and mine_stock are moved to the year's end in place.
*/
static int l_month_year(lua_State *L) {
  int i, j, n, n_sets, base;
  ree_month_element *els;
  ree_month_set sets[REE_MONTH_SETS];
  ree_month_params p;
  ree_month_out out;
  ree_err err;
  int keep;
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  luaL_checktype(L, 3, LUA_TTABLE);
  n = (int)luaL_len(L, 1);
  n_sets = (int)luaL_len(L, 2);
  luaL_argcheck(L, n >= 1 && n <= 64, 1, "1 to 64 markets");
  luaL_argcheck(L, n_sets <= REE_MONTH_SETS, 2, "at most 8 quota sets");
  /* one GC-owned block for the elements and what they give; a table for
  ** their merit orders' blocks */
  els = (ree_month_element *)lua_newuserdatauv(L, n * (sizeof *els + sizeof *out.el), 0);
  out.el = (double (*)[REE_MO_FIELDS][REE_MONTHS])(els + n);
  lua_newtable(L);
  keep = lua_gettop(L);
  luaL_checkstack(L, n + 8, "markets");
  for (j = 0; j < n_sets; j++) {
    lua_geti(L, 2, j + 1);
    read_month_set(L, lua_gettop(L), &sets[j]);
    lua_pop(L, 1);
  }
  read_month_params(L, 3, &p);
  base = lua_gettop(L);
  for (i = 0; i < n; i++) {
    lua_geti(L, 1, i + 1);
    read_month_element(L, lua_gettop(L), n_sets, &els[i], keep);
    lua_remove(L, -2); /* the element table; its spec's name stays */
  }
  if (ree_month_year(els, n, sets, n_sets, &p, &out, &err) != REE_OK) return lree_fail(L, &err);
  lua_settop(L, base);
  for (i = 0; i < n; i++) { /* the state, in place */
    lua_geti(L, 1, i + 1);
    write_holders(L, -1, "cn", &els[i].cn);
    write_holders(L, -1, "rw", &els[i].rw);
    set(L, "mine_stock", els[i].mine_stock);
    lua_pop(L, 1);
  }
  lua_createtable(L, n, 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, REE_MO_FIELDS);
    for (j = 0; j < REE_MO_FIELDS; j++) {
      lree_push_numbers(L, out.el[i][j], REE_MONTHS);
      lua_setfield(L, -2, MONTH_FIELDS[j]);
    }
    lua_rawseti(L, -2, i + 1);
  }
  lua_createtable(L, n_sets, 0);
  for (j = 0; j < n_sets; j++) {
    lua_createtable(L, 0, 2);
    lree_push_numbers(L, out.licence[j], REE_MONTHS);
    lua_setfield(L, -2, "licence");
    lree_push_numbers(L, out.allowance[j], REE_MONTHS);
    lua_setfield(L, -2, "allowance");
    lua_rawseti(L, -2, j + 1);
  }
  lree_push_numbers(L, out.exports, REE_MONTHS);
  lree_push_numbers(L, out.customs, REE_MONTHS);
  return 4;
}

static const luaL_Reg funcs[] = {
  {"market_clear", l_market_clear},
  {"market_clear_joint", l_market_clear_joint},
  {"month_year", l_month_year},
  {NULL, NULL}
};

void lree_open_market(lua_State *L) { luaL_setfuncs(L, funcs, 0); }
