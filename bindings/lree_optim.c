/*
** lree_optim.c: ree.core.minimize, the core's bounded Nelder-Mead with a
** Lua function to minimise.
*/
#include <math.h>

#include "lree.h"
#include "lree_aux.h"
#include "optim.h"

typedef struct call {
  lua_State *L;
  int fn;      /* stack index of the function */
  int n;       /* its number of arguments */
  int failed;  /* the function raised: its error is on the stack */
} call;

/* Calls f(x1, ..., xn) under pcall; a raise stops the minimisation and
** leaves its error on the stack for l_minimize to raise again once the
** core has freed its work space. */
static int objective(const double *x, double *value, void *ctx) {
  call *c = (call *)ctx;
  lua_State *L = c->L;
  int i, n = c->n;
  lua_pushvalue(L, c->fn);
  for (i = 0; i < n; i++) lua_pushnumber(L, x[i]);
  if (lua_pcall(L, n, 1, 0) != LUA_OK) {
    c->failed = 1;
    return 1;
  }
  *value = lua_isnumber(L, -1) ? lua_tonumber(L, -1) : (double)NAN;
  lua_pop(L, 1);
  return 0;
}

/*
** minimize(f, x0, lo, hi [, max_evals [, ftol [, xtol]]]) -> x, f(x), evals
** or fail, msg, code, best x, its f: f takes the n parameters and returns
** a number (NaN or inf: a point to avoid); a raise in f is raised again.
*/
static int l_minimize(lua_State *L) {
  int n = (int)luaL_len(L, 2), rc;
  double *x, *lo, *hi;
  ree_optim o;
  ree_optim_result r;
  ree_err err;
  call c;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  luaL_argcheck(L, n >= 1 && n <= REE_OPTIM_MAX, 2, "1 to 32 parameters");
  luaL_argcheck(L, luaL_len(L, 3) == n && luaL_len(L, 4) == n, 3, "one bound of each kind a parameter");
  o.max_evals = lua_isnoneornil(L, 5) ? 0 : lree_check_int(L, 5, 1, 100000000, "a number of evaluations");
  o.ftol = luaL_optnumber(L, 6, 0.0);
  o.xtol = luaL_optnumber(L, 7, 0.0);
  lua_settop(L, 7); /* the arrays below go above the arguments */
  x = lree_check_numbers(L, 2, n);
  lo = lree_check_numbers(L, 3, n);
  hi = lree_check_numbers(L, 4, n);
  o.n = n;
  o.lo = lo;
  o.hi = hi;
  c.L = L;
  c.fn = 1;
  c.n = n;
  c.failed = 0;
  rc = ree_minimize(&o, objective, &c, x, &r, &err);
  if (c.failed) return lua_error(L);
  if (rc != REE_OK) {
    lree_fail(L, &err);
    if (rc != REE_ELIMIT) return 3;
    lree_push_numbers(L, x, n); /* the best point so far, and its value */
    lua_pushnumber(L, r.f);
    return 5;
  }
  lree_push_numbers(L, x, n);
  lua_pushnumber(L, r.f);
  lua_pushinteger(L, r.evals);
  return 3;
}

static const luaL_Reg funcs[] = {
  {"minimize", l_minimize},
  {NULL, NULL}
};

void lree_open_optim(lua_State *L) { luaL_setfuncs(L, funcs, 0); }
