/*
** lree_element.c: ree.core.element and ree.core.version.
*/
#include "element.h"
#include "lree.h"
#include "lree_aux.h"

/* element(symbol | z) -> { z, symbol, name, mass, mass_is_mass_number,
** oxide, oxide_factor } or fail, msg */
static int l_element(lua_State *L) {
  const ree_element *e;
  char oxide[16];
  int z;
  if (lua_type(L, 1) == LUA_TSTRING) {
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    z = ree_element_lookup(s, len);
    if (z == 0) {
      luaL_pushfail(L);
      lua_pushfstring(L, "unknown element '%s'", s);
      return 2;
    }
  } else {
    z = lree_check_element(L, 1);
  }
  e = ree_element_by_z(z);
  lua_createtable(L, 0, 7);
  lua_pushinteger(L, e->z);
  lua_setfield(L, -2, "z");
  lua_pushstring(L, e->symbol);
  lua_setfield(L, -2, "symbol");
  lua_pushstring(L, e->name);
  lua_setfield(L, -2, "name");
  lua_pushnumber(L, e->mass);
  lua_setfield(L, -2, "mass");
  lua_pushboolean(L, e->mass_is_mass_number);
  lua_setfield(L, -2, "mass_is_mass_number");
  lua_pushboolean(L, ree_element_is_ree(z));
  lua_setfield(L, -2, "ree");
  if (ree_oxide_formula(z, oxide, sizeof oxide) == REE_OK) {
    lua_pushstring(L, oxide);
    lua_setfield(L, -2, "oxide");
    lua_pushnumber(L, ree_oxide_factor(z));
    lua_setfield(L, -2, "oxide_factor");
  }
  return 1;
}

static int l_version(lua_State *L) {
  lua_pushstring(L, ree_version());
  return 1;
}

static const luaL_Reg funcs[] = {
  {"element", l_element},
  {"version", l_version},
  {NULL, NULL}
};

void lree_open_element(lua_State *L) { luaL_setfuncs(L, funcs, 0); }
