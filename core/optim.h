/*
** optim.h: minimising a function of a few bounded parameters without
** derivatives, for calibration: each evaluation is a scenario run, so the
** function is cheap to call but has no gradient and may be flat or kinked
** where a cap or a quota starts to bind.
**
** Nelder-Mead (Lagarias et al. 1998, SIAM J. Optim. 9:112: reflection 1,
** expansion 2, contraction 1/2, shrink 1/2) in the unit box, each
** parameter mapped from [lo, hi] onto [0, 1] and every trial point clamped
** into the box, so the function is never called outside the bounds. On
** convergence it restarts once from the best point with a fresh simplex,
** which frees a simplex that collapsed onto a face of the box or a ridge.
*/
#ifndef REE_OPTIM_H
#define REE_OPTIM_H

#include "ree_err.h"

/*
** The function to minimise: *value at x (n parameters, inside the
** bounds). NaN or infinity marks a point to avoid (a run without a
** solution). A non-zero return stops the minimisation at once (the
** caller's own error, kept in ctx).
*/
typedef int (*ree_objective)(const double *x, double *value, void *ctx);

typedef struct ree_optim {
  int n;                  /* parameters, 1 to REE_OPTIM_MAX */
  const double *lo, *hi;  /* [n] finite bounds, lo < hi */
  int max_evals;          /* evaluations allowed; 0: 200 n + 200 */
  double ftol;            /* converged when the simplex's values differ by
                          ** at most ftol (|f| + ftol); 0: 1e-10 */
  double xtol;            /* ... and its vertices by at most xtol of each
                          ** range; 0: 1e-7 */
} ree_optim;

typedef struct ree_optim_result {
  double f;       /* the best value found */
  int evals;      /* evaluations used */
} ree_optim_result;

#define REE_OPTIM_MAX 32

/*
** Minimises f from x (in: the start, inside the bounds; out: the best
** point found) and fills r. Errors: REE_EINVAL for bounds that are not
** finite with lo < hi, or n out of range; REE_EDOMAIN naming the
** parameter that starts outside its bounds, or when f is not a number at
** the start; REE_ELIMIT when max_evals pass before convergence (x and r
** then hold the best so far); REE_EINVAL when f asks to stop; REE_ENOMEM.
*/
int ree_minimize(const ree_optim *o, ree_objective f, void *ctx, double *x,
                 ree_optim_result *r, ree_err *err);

#endif
