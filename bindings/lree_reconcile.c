/*
** lree_reconcile.c: reconcile(a, c, values, sds) over plain arrays; the
** facade (scripts/ree/reconcile.lua) builds them from a flow network.
*/
#include <math.h>

#include "lree.h"
#include "lree_aux.h"
#include "reconcile.h"

/*
** reconcile(a, c, values, sds) -> values, sds, z, chi2, df, p_value
** or fail, msg, code, bad_flow (1-based, or nil). a: k*n coefficients, row
** by row.
*/
static int l_reconcile(lua_State *L) {
  int n = (int)luaL_len(L, 3), k = (int)luaL_len(L, 2), bad = -1;
  ree_recon_problem p;
  ree_recon_result r;
  ree_err err;
  luaL_argcheck(L, luaL_len(L, 1) == (lua_Integer)k * n, 1, "k * n coefficients");
  luaL_argcheck(L, luaL_len(L, 4) == n, 4, "one uncertainty per flow");
  p.flows = n;
  p.constraints = k;
  p.a = lree_check_numbers(L, 1, k * n);
  p.c = lree_check_numbers(L, 2, k);
  p.value = lree_check_numbers(L, 3, n);
  p.sd = lree_check_numbers(L, 4, n);
  r.value = (double *)lua_newuserdatauv(L, (size_t)(n > 0 ? n : 1) * sizeof(double), 0);
  r.sd = (double *)lua_newuserdatauv(L, (size_t)(n > 0 ? n : 1) * sizeof(double), 0);
  r.z = (double *)lua_newuserdatauv(L, (size_t)(n > 0 ? n : 1) * sizeof(double), 0);
  if (ree_reconcile(&p, &r, &bad, &err) != REE_OK) {
    lree_fail(L, &err);
    if (bad >= 0)
      lua_pushinteger(L, bad + 1);
    else
      lua_pushnil(L);
    return 4;
  }
  lree_push_numbers(L, r.value, n);
  lree_push_numbers(L, r.sd, n);
  lree_push_numbers(L, r.z, n);
  lua_pushnumber(L, r.chi2);
  lua_pushinteger(L, r.df);
  lua_pushnumber(L, r.p_value);
  return 6;
}

/* chi2_sf(x, df) -> P(X >= x) */
static int l_chi2_sf(lua_State *L) {
  lua_pushnumber(L, ree_chi2_sf(luaL_checknumber(L, 1), (int)luaL_checkinteger(L, 2)));
  return 1;
}

static const luaL_Reg funcs[] = {
  {"reconcile", l_reconcile},
  {"chi2_sf", l_chi2_sf},
  {NULL, NULL}
};

void lree_open_reconcile(lua_State *L) { luaL_setfuncs(L, funcs, 0); }
