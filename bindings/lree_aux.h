/*
** lree_aux.h: helpers shared by every part of the ree.core binding
** (lree_aux.c). Misuse raises, with the argument named; see
** docs/ARCHITECTURE.md for the binding's error rule.
*/
#ifndef LREE_AUX_H
#define LREE_AUX_H

#include <lauxlib.h>
#include <lua.h>

#include "ree_err.h"

/* Element argument at idx: a symbol ("Nd") or an atomic number. Raises
** "unknown element 'Xx'" for a symbol that names none. */
int lree_check_element(lua_State *L, int idx);

/* The year at idx, an integer in REE_YEAR_MIN..REE_YEAR_MAX; raises
** "bad argument #idx (a year from 0 to 9999 expected, got N)". */
int lree_check_year(lua_State *L, int idx);
/* The integer at idx, in lo..hi; raises naming what it counts. */
int lree_check_int(lua_State *L, int idx, lua_Integer lo, lua_Integer hi, const char *what);
/* Whether the value at idx is an integer year in range: for lookups,
** where a year outside is simply not there. */
int lree_to_year(lua_State *L, int idx, int *year);

/* Reads n numbers from the table at idx into a userdata it pushes (the GC
** owns them); a missing or non-number entry reads as NaN. */
double *lree_check_numbers(lua_State *L, int idx, int n);

/*
** A box: a userdata of class `name` that owns one core object, NULL until
** the object exists and again once it is freed, so that the GC frees
** whatever a raise leaves behind, once. lree_new_box pushes an empty one;
** lree_check_box returns the object, raising "attempt to use a closed
** <what>" when there is none; lree_take_box empties the box and returns
** what it held (NULL: nothing), for a __gc or __close that frees it.
*/
typedef struct lree_box {
  void *p;
} lree_box;
lree_box *lree_new_box(lua_State *L, const char *name);
void *lree_check_box(lua_State *L, int idx, const char *name, const char *what);
void *lree_take_box(lua_State *L, int idx, const char *name);

/* Pushes { v[0], ..., v[n-1] } (NaN stays NaN). */
void lree_push_numbers(lua_State *L, const double *v, int n);

/* Registers the metatable `name` for a class of userdata: methods as its
** __index, and close as both __gc and __close. */
void lree_new_class(lua_State *L, const char *name, const luaL_Reg *methods,
                    lua_CFunction close);

/*
** The binding's one error rule: misuse (a wrong type, an index, year or
** size out of bounds, an unknown name, a malformed definition) raises;
** data that cannot be computed (a text that does not parse, a system with
** no solution, numbers with no answer) returns fail, message, code, the
** io.open convention with the code's short name (ree_err_name: "syntax",
** "singular", ...). lree_fail pushes those three and returns 3.
*/
int lree_fail(lua_State *L, const ree_err *err);

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
