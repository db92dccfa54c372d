/*
** lree.h: shared declarations of the ree.core binding. The binding is
** mechanical: check every argument, call the core, push the results. The
** ergonomic API lives in scripts/ree/init.lua.
*/
#ifndef LREE_H
#define LREE_H

#include <lauxlib.h>
#include <lua.h>

#include "comp.h"

#define LREE_COMPOSITION "ree.Composition"

/* Each registers its functions into the module table at the stack top. */
void lree_open_comp(lua_State *L);
void lree_open_deposit(lua_State *L);
void lree_open_json(lua_State *L);
void lree_open_series(lua_State *L);
void lree_open_dsm(lua_State *L);
void lree_open_reconcile(lua_State *L);
void lree_open_chain(lua_State *L);
void lree_open_market(lua_State *L);

/* Element argument at idx: a symbol ("Nd") or an atomic number. Raises
** "unknown element 'Xx'" for a symbol that names none. */
int lree_check_element(lua_State *L, int idx);

/* The year at idx, an integer in REE_YEAR_MIN..REE_YEAR_MAX; raises
** "bad argument #idx (a year from 1000 to 9999 expected, got N)". */
int lree_check_year(lua_State *L, int idx);
/* The integer at idx, in lo..hi; raises naming what it counts. */
int lree_check_int(lua_State *L, int idx, lua_Integer lo, lua_Integer hi, const char *what);
/* Whether the value at idx is an integer year in range: for lookups,
** where a year outside is simply not there. */
int lree_to_year(lua_State *L, int idx, int *year);

/* Reads n numbers from the table at idx into a userdata it pushes (the GC
** owns them); a missing or non-number entry reads as NaN. */
double *lree_check_numbers(lua_State *L, int idx, int n);

/* Registers the metatable `name` for a class of userdata: methods as its
** __index, and close as both __gc and __close. */
void lree_new_class(lua_State *L, const char *name, const luaL_Reg *methods,
                    lua_CFunction close);

/* Pushes fail, msg, code (the io.open convention) and returns 3. */
int lree_fail(lua_State *L, const ree_err *err);

/* Pushes a new Composition userdata holding a copy of c. */
ree_comp *lree_push_comp(lua_State *L, const ree_comp *c);
ree_comp *lree_check_comp(lua_State *L, int idx);

/*
** Reads a table {Nd = x, ...} keyed by element symbols into by_z[0..118]
** (zeroed first). Raises, naming `what`, for a key that is not an element
** or a value that is not a number.
*/
void lree_check_element_table(lua_State *L, int idx, double *by_z,
                              const char *what);
/* Pushes {Nd = x, ...} for every non-zero entry of by_z. */
void lree_push_element_table(lua_State *L, const double *by_z);

#endif
