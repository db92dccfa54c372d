/*
** lree_init.c: luaopen_ree_core, the list of the module's parts (as
** linit.c is Lua's): each part registers its functions into the module
** table. A new part adds one line here and its opener to lree.h.
*/
#include <string.h>

#include "lree.h"
#include "lree_aux.h"
#include "ree_err.h"

int luaopen_ree_core(lua_State *L);

int luaopen_ree_core(lua_State *L) {
  /* the binding and the core it was compiled against must agree */
  if (strcmp(ree_version(), REE_VERSION_STRING) != 0)
    return luaL_error(L, "ree.core %s loaded with libree %s",
                      REE_VERSION_STRING, ree_version());
  lua_newtable(L);
  lree_open_element(L);
  lree_open_comp(L);
  lree_open_deposit(L);
  lree_open_json(L);
  lree_open_series(L);
  lree_open_dsm(L);
  lree_open_reconcile(L);
  lree_open_chain(L);
  lree_open_market(L);
  lree_open_optim(L);
  lree_open_linalg(L);
  lua_pushliteral(L, "ree.core");
  lua_setfield(L, -2, "_NAME");
  lua_pushliteral(L, REE_VERSION_STRING);
  lua_setfield(L, -2, "_VERSION");
  lua_pushinteger(L, REE_ZMAX);
  lua_setfield(L, -2, "ZMAX");
  return 1;
}
