/*
** lree_linalg.c: ree.core.solve, the core's LU solve for small dense
** systems (core/linalg.h).
*/
#include <math.h>
#include <string.h>

#include "linalg.h"
#include "lree.h"
#include "lree_aux.h"

/*
** solve(a, b, n [, tol]) -> x: A X = B for the n x n matrix a and the
** n x m matrix b, both flat and row by row (m = #b / n); x likewise. Or
** fail, msg, "singular", k: column k (1-based) has no pivot above tol
** (default 1e-12 of the largest entry of a).
*/
static int l_solve(lua_State *L) {
  int n = lree_check_int(L, 3, 1, 1000, "a number of rows"), m, w, i, j, bad;
  double tol, scale = 0.0, *a, *b, *work;
  lua_Integer nb = luaL_len(L, 2);
  luaL_argcheck(L, luaL_len(L, 1) == (lua_Integer)n * n, 1, "n * n coefficients");
  luaL_argcheck(L, nb >= n && nb % n == 0, 2, "n * m right sides");
  m = (int)(nb / n);
  w = n + m;
  tol = luaL_optnumber(L, 4, -1.0);
  lua_settop(L, 4);
  a = lree_check_numbers(L, 1, n * n);
  b = lree_check_numbers(L, 2, n * m);
  work = (double *)lua_newuserdatauv(L, (size_t)n * (size_t)w * sizeof(double), 0);
  for (i = 0; i < n; i++) {
    memcpy(&work[i * w], &a[i * n], (size_t)n * sizeof(double));
    memcpy(&work[i * w + n], &b[i * m], (size_t)m * sizeof(double));
    for (j = 0; j < n; j++) scale = fmax(scale, fabs(a[i * n + j]));
  }
  if (tol < 0.0) tol = 1e-12 * scale;
  if ((bad = ree_la_solve(work, n, w, tol)) >= 0) {
    luaL_pushfail(L);
    lua_pushfstring(L, "column %d has no pivot", bad + 1);
    lua_pushstring(L, ree_err_name(REE_ESINGULAR));
    lua_pushinteger(L, bad + 1);
    return 4;
  }
  lua_createtable(L, n * m, 0);
  for (i = 0; i < n; i++)
    for (j = 0; j < m; j++) {
      lua_pushnumber(L, work[i * w + n + j]);
      lua_rawseti(L, -2, i * m + j + 1);
    }
  return 1;
}

static const luaL_Reg funcs[] = {
  {"solve", l_solve},
  {NULL, NULL}
};

void lree_open_linalg(lua_State *L) { luaL_setfuncs(L, funcs, 0); }
