/*
** lree.h: the parts of the ree.core binding, which lree_init.c opens. The
** binding is mechanical: check every argument, call the core, push the
** results (helpers: lree_aux.h). The ergonomic API lives in
** scripts/ree/init.lua.
*/
#ifndef LREE_H
#define LREE_H

#include <lauxlib.h>
#include <lua.h>

#include "comp.h"

/* Each registers its functions into the module table at the stack top. */
void lree_open_element(lua_State *L);
void lree_open_comp(lua_State *L);
void lree_open_deposit(lua_State *L);
void lree_open_json(lua_State *L);
void lree_open_series(lua_State *L);
void lree_open_dsm(lua_State *L);
void lree_open_reconcile(lua_State *L);
void lree_open_chain(lua_State *L);
void lree_open_market(lua_State *L);
void lree_open_optim(lua_State *L);
void lree_open_linalg(lua_State *L);

/* Compositions (lree_comp.c), which other parts take and give: a new
** Composition userdata holding a copy of c; the Composition at idx. */
ree_comp *lree_push_comp(lua_State *L, const ree_comp *c);
ree_comp *lree_check_comp(lua_State *L, int idx);

#endif
