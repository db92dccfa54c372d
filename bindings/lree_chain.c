/*
** lree_chain.c: the mass-balance graph (ree.Chain userdata). Mechanical:
** names and series are the facade's business (scripts/ree/chain.lua).
*/
#include <limits.h>

#include "chain.h"

#include "lree.h"
#include "lree_aux.h"

#define LREE_CHAIN "ree.Chain"

static ree_chain *check_chain(lua_State *L, int idx) {
  return (ree_chain *)lree_check_box(L, idx, LREE_CHAIN, "chain");
}

/* chain(layers, years) -> Chain; raises for sizes out of bounds */
static int l_chain(lua_State *L) {
  /* the core says which sizes it takes; here only that they are ints */
  int layers = lree_check_int(L, 1, 0, INT_MAX, "a number of layers");
  int years = lree_check_int(L, 2, 0, INT_MAX, "a number of years");
  ree_err err;
  lree_box *box = lree_new_box(L, LREE_CHAIN);
  box->p = ree_chain_new(layers, years, &err);
  if (box->p == NULL) return luaL_error(L, "%s", err.msg); /* sizes: misuse */
  return 1;
}

/* c:add_process(name, "push" | "pull") -> index (0-based) */
static int m_add_process(lua_State *L) {
  static const char *const modes[] = {"push", "pull", NULL};
  ree_chain *c = check_chain(L, 1);
  const char *name = luaL_checkstring(L, 2);
  int mode = luaL_checkoption(L, 3, NULL, modes), rc;
  ree_err err;
  rc = ree_chain_add_process(c, name, mode == 0 ? REE_PUSH : REE_PULL, &err);
  if (rc < 0) return luaL_error(L, "%s", err.msg);
  lua_pushinteger(L, rc);
  return 1;
}

/* c:add_flow(name, from, to, def) -> index; from/to: index, -1 outside,
** -2 stock; def: "tc" | "split" | "pull" | "value" */
static int m_add_flow(lua_State *L) {
  static const char *const defs[] = {"tc", "split", "pull", "value", NULL};
  ree_chain *c = check_chain(L, 1);
  const char *name = luaL_checkstring(L, 2);
  int from = lree_check_int(L, 3, -2, INT_MAX, "a process index"),
      to = lree_check_int(L, 4, -2, INT_MAX, "a process index");
  int def = luaL_checkoption(L, 5, NULL, defs), rc;
  ree_err err;
  rc = ree_chain_add_flow(c, name, from, to, def, &err);
  if (rc < 0) return luaL_error(L, "%s", err.msg);
  lua_pushinteger(L, rc);
  return 1;
}

/* c:set(flow, layer, values) -- values: one number per year, or a table */
static int m_set(lua_State *L) {
  ree_chain *c = check_chain(L, 1);
  int f = lree_check_int(L, 2, 0, INT_MAX, "a flow index"), layer = lree_check_int(L, 3, 0, INT_MAX, "a layer");
  int y, years = lree_check_int(L, 5, 0, INT_MAX, "a number of years");
  ree_err err;
  for (y = 0; y < years; y++) {
    double v;
    if (lua_type(L, 4) == LUA_TTABLE) {
      int isnum;
      lua_geti(L, 4, y + 1);
      v = lua_tonumberx(L, -1, &isnum);
      if (!isnum) /* a missing year is an error, never a zero flow */
        return luaL_error(L, "chain: value %d of %d is %s, not a number", y + 1, years, luaL_typename(L, -1));
      lua_pop(L, 1);
    } else {
      v = luaL_checknumber(L, 4);
    }
    if (ree_chain_set(c, f, layer, y, v, &err) != REE_OK) return luaL_error(L, "%s", err.msg);
  }
  return 0;
}

/* c:solve() -> true, or fail, msg */
static int m_solve(lua_State *L) {
  ree_err err;
  if (ree_chain_solve(check_chain(L, 1), &err) != REE_OK) return lree_fail(L, &err);
  lua_pushboolean(L, 1);
  return 1;
}

typedef double (*getter)(const ree_chain *, int, int, int);

static int row(lua_State *L, getter g) {
  ree_chain *c = check_chain(L, 1);
  int i = lree_check_int(L, 2, 0, INT_MAX, "an index"), layer = lree_check_int(L, 3, 0, INT_MAX, "a layer");
  int y, years = lree_check_int(L, 4, 0, INT_MAX, "a number of years");
  lua_createtable(L, years, 0);
  for (y = 0; y < years; y++) {
    lua_pushnumber(L, g(c, i, layer, y));
    lua_rawseti(L, -2, y + 1);
  }
  return 1;
}

/* c:flow(f, layer, years), c:input(p, ...), c:residual(p, ...) -> arrays */
static int m_flow(lua_State *L) { return row(L, ree_chain_flow); }
static int m_input(lua_State *L) { return row(L, ree_chain_input); }
static int m_residual(lua_State *L) { return row(L, ree_chain_residual); }

static int m_close(lua_State *L) {
  ree_chain_free((ree_chain *)lree_take_box(L, 1, LREE_CHAIN));
  return 0;
}

static const luaL_Reg methods[] = {
  {"add_process", m_add_process},
  {"add_flow", m_add_flow},
  {"set", m_set},
  {"solve", m_solve},
  {"flow", m_flow},
  {"input", m_input},
  {"residual", m_residual},
  {"close", m_close},
  {NULL, NULL}
};

void lree_open_chain(lua_State *L) {
  lree_new_class(L, LREE_CHAIN, methods, m_close);
  lua_pushcfunction(L, l_chain);
  lua_setfield(L, -2, "chain");
}
