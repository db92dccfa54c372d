/*
** lree_deposit.c: deposits: the element output of their REO, and what it
** takes to supply a need (the binding element, the co-product surplus).
*/
#include "deposit.h"
#include "lree.h"
#include "lree_aux.h"

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

static const luaL_Reg funcs[] = {
  {"deposit_elements", l_deposit_elements},
  {"deposit_requirement", l_deposit_requirement},
  {NULL, NULL}
};

void lree_open_deposit(lua_State *L) { luaL_setfuncs(L, funcs, 0); }
