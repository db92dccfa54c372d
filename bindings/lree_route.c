/*
** lree_route.c: routes (ree.Route userdata) and deposits.
*/
#include <string.h>

#include "deposit.h"
#include "lree.h"
#include "route.h"

typedef struct lroute {
  ree_route *r; /* NULL once closed */
} lroute;

static ree_route *check_route(lua_State *L, int idx) {
  lroute *box = (lroute *)luaL_checkudata(L, idx, LREE_ROUTE);
  luaL_argcheck(L, box->r != NULL, idx, "attempt to use a closed route");
  return box->r;
}

/* route() -> an empty Route */
static int l_route(lua_State *L) {
  lroute *box = (lroute *)lua_newuserdatauv(L, sizeof *box, 0);
  box->r = NULL; /* closed until the core object exists */
  luaL_setmetatable(L, LREE_ROUTE);
  box->r = ree_route_new();
  if (box->r == NULL) return luaL_error(L, "out of memory");
  return 1;
}

/* __gc, __close and close(): free once */
static int m_close(lua_State *L) {
  lroute *box = (lroute *)luaL_checkudata(L, 1, LREE_ROUTE);
  ree_route_free(box->r);
  box->r = NULL;
  return 0;
}

static int stage_index(lua_State *L, ree_route *r, int idx) {
  const char *name = luaL_checkstring(L, idx);
  int i = ree_route_find(r, name);
  if (i < 0) luaL_error(L, "no stage '%s' in the route", name);
  return i;
}

/* add_stage(name, yield [, recycled, returns_to_name]) -> index (1-based) */
static int m_add_stage(lua_State *L) {
  ree_route *r = check_route(L, 1);
  const char *name = luaL_checkstring(L, 2);
  double yield = luaL_checknumber(L, 3);
  double recycled = luaL_optnumber(L, 4, 0.0);
  int target = ree_route_stage_count(r), rc;
  ree_err err;
  if (!lua_isnoneornil(L, 5)) {
    const char *to = luaL_checkstring(L, 5);
    target = ree_route_find(r, to);
    if (target < 0 && strcmp(to, name) == 0) target = ree_route_stage_count(r);
    if (target < 0)
      return luaL_error(L, "stage '%s': scrap returns to unknown stage '%s'",
                        name, to);
  }
  rc = ree_route_add_stage(r, name, yield, recycled, target, &err);
  if (rc < 0) return luaL_error(L, "%s", err.msg);
  lua_pushinteger(L, rc + 1);
  return 1;
}

static int m_stages(lua_State *L) {
  ree_route *r = check_route(L, 1);
  int i, n = ree_route_stage_count(r);
  lua_createtable(L, n, 0);
  for (i = 0; i < n; i++) {
    lua_pushstring(L, ree_route_stage_name(r, i));
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

static void set_number(lua_State *L, const char *key, double v) {
  lua_pushnumber(L, v);
  lua_setfield(L, -2, key);
}

/* Pushes { {stage = name, input = ..., ...}, ... } for stages entry.. */
static void push_flows(lua_State *L, ree_route *r, const ree_stage_flow *f) {
  int i, n = ree_route_stage_count(r);
  lua_createtable(L, n, 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, 9);
    lua_pushstring(L, ree_route_stage_name(r, i));
    lua_setfield(L, -2, "stage");
    set_number(L, "upstream", f[i].upstream);
    set_number(L, "recycled_in", f[i].recycled_in);
    set_number(L, "input", f[i].input);
    set_number(L, "output", f[i].output);
    set_number(L, "scrap", f[i].scrap);
    set_number(L, "recycled_out", f[i].recycled_out);
    set_number(L, "lost", f[i].lost);
    set_number(L, "residual", ree_stage_residual(&f[i]));
    lua_rawseti(L, -2, i + 1);
  }
}

typedef int (*walk_fn)(const ree_route *, int, double, ree_stage_flow *,
                       ree_err *);

static int walk(lua_State *L, walk_fn fn) {
  ree_route *r = check_route(L, 1);
  int entry = stage_index(L, r, 2);
  double amount = luaL_checknumber(L, 3);
  ree_stage_flow flows[REE_ROUTE_MAX_STAGES];
  ree_err err;
  if (fn(r, entry, amount, flows, &err) != REE_OK) return lree_fail(L, &err);
  push_flows(L, r, flows);
  return 1;
}

/* backward(entry, product_t) -> flows, or fail, msg */
static int m_backward(lua_State *L) { return walk(L, ree_route_backward); }
/* forward(entry, feed_t) -> flows, or fail, msg */
static int m_forward(lua_State *L) { return walk(L, ree_route_forward); }

static int m_tostring(lua_State *L) {
  lroute *box = (lroute *)luaL_checkudata(L, 1, LREE_ROUTE);
  if (box->r == NULL)
    lua_pushliteral(L, "ree.Route (closed)");
  else
    lua_pushfstring(L, "ree.Route (%d stages)", ree_route_stage_count(box->r));
  return 1;
}

/*
** {==================================================================
** Deposits: tables {La = 23, Ce = 50, ...} of shares of REO
** ===================================================================
*/

/*
** The table at idx as a deposit, in % of REO. What a table leaves of 100
** is unassigned; a table that sums past 100 is taken as rounded and
** normalised (published distributions often sum to 100.2).
*/
static void check_deposit(lua_State *L, int idx, ree_deposit *d) {
  double by_z[REE_ZMAX + 1], share[REE_ZMAX], sum = 0.0;
  int zs[REE_ZMAX], n = 0, z;
  ree_err err;
  lree_check_element_table(L, idx, by_z, "deposit distribution");
  for (z = 1; z <= REE_ZMAX; z++) {
    if (by_z[z] == 0.0) continue;
    zs[n] = z;
    share[n++] = by_z[z];
    sum += by_z[z];
  }
  if (ree_deposit_init(d, zs, share, n, sum > 100.0 ? sum : 100.0, &err) !=
      REE_OK)
    luaL_error(L, "deposit distribution: %s", err.msg);
}

/* deposit_elements(distribution, reo_t) -> {Nd = t, ...} of element mass */
static int l_deposit_elements(lua_State *L) {
  ree_deposit d;
  double out[REE_ZMAX + 1];
  double reo_t = luaL_checknumber(L, 2);
  check_deposit(L, 1, &d);
  ree_deposit_elements(&d, reo_t, out);
  lree_push_element_table(L, out);
  return 1;
}

/*
** deposit_requirement(distribution, need) -> reo_t, binding, surplus
** need: {Nd = t of element, ...}; surplus: {Ce = t of element, ...}
*/
static int l_deposit_requirement(lua_State *L) {
  ree_deposit d;
  double need[REE_ZMAX + 1], surplus[REE_ZMAX + 1], reo_t;
  int binding;
  ree_err err;
  check_deposit(L, 1, &d);
  lree_check_element_table(L, 2, need, "need");
  if (ree_deposit_requirement(&d, need, &reo_t, &binding, surplus, &err) !=
      REE_OK)
    return lree_fail(L, &err);
  lua_pushnumber(L, reo_t);
  if (binding == 0)
    lua_pushnil(L);
  else
    lua_pushstring(L, ree_element_by_z(binding)->symbol);
  lree_push_element_table(L, surplus);
  return 3;
}

/* }================================================================== */

static const luaL_Reg methods[] = {
  {"add_stage", m_add_stage},
  {"stages", m_stages},
  {"backward", m_backward},
  {"forward", m_forward},
  {"close", m_close},
  {NULL, NULL}
};

static const luaL_Reg metamethods[] = {
  {"__gc", m_close},
  {"__close", m_close},
  {"__tostring", m_tostring},
  {"__index", NULL}, /* placeholder */
  {NULL, NULL}
};

static const luaL_Reg funcs[] = {
  {"route", l_route},
  {"deposit_elements", l_deposit_elements},
  {"deposit_requirement", l_deposit_requirement},
  {NULL, NULL}
};

void lree_open_route(lua_State *L) {
  luaL_newmetatable(L, LREE_ROUTE);
  luaL_setfuncs(L, metamethods, 0);
  luaL_newlib(L, methods);
  lua_setfield(L, -2, "__index"); /* metatable.__index = methods */
  lua_pop(L, 1); /* pop metatable */
  luaL_setfuncs(L, funcs, 0);
}
