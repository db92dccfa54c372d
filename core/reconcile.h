/*
** reconcile.h: data reconciliation by weighted least squares, as STAN does
** it (Cencic 2016) for linear balances.
**
** Flows are measured (a value and a standard uncertainty), exact (an
** uncertainty of 0) or unknown (a negative or NaN uncertainty). Constraints
** are linear: A x = c (for a process: inputs - outputs = stock change).
** Unknown flows are eliminated by row reduction; the measured ones are then
** adjusted, each by as little as its uncertainty allows, until every
** balance holds: x^ = x~ - Q A'(A Q A')^-1 (A x~ - c). The unknowns follow
** from the adjusted values. A chi-square test of the adjustments says
** whether they are larger than the uncertainties make plausible (a gross
** error in some measurement).
*/
#ifndef REE_RECONCILE_H
#define REE_RECONCILE_H

#include "ree_err.h"

typedef struct ree_recon_problem {
  int flows;           /* n, the columns */
  int constraints;     /* k, the rows */
  const double *a;     /* [k][n], row by row */
  const double *c;     /* [k] */
  const double *value; /* [n]: measured values (unknown flows: ignored) */
  const double *sd;    /* [n]: >0 measured, 0 exact, <0 or NaN unknown */
} ree_recon_problem;

typedef struct ree_recon_result {
  double *value;  /* [n], caller's: reconciled and computed values */
  double *sd;     /* [n], caller's: their standard uncertainties */
  double *z;      /* [n], caller's, may be NULL: each measured flow's
                  ** adjustment over its standard deviation (0 when not
                  ** adjusted); the largest |z| points at a gross error */
  double chi2;    /* the test statistic */
  int df;         /* its degrees of freedom: independent redundant balances */
  double p_value; /* P(chi2 >= the statistic) with df degrees of freedom */
} ree_recon_result;

/*
** Reconciles p into r. Errors: REE_EDOMAIN for a non-finite coefficient
** or a negative measured value's uncertainty that is not a number;
** REE_ESINGULAR naming the first unknown flow (by 0-based index, in the
** message "flow N") that the balances cannot determine; REE_EDOMAIN when
** balances among exact flows contradict each other ("balance N cannot
** hold"); REE_ENOMEM. Work space is allocated and freed inside.
*/
int ree_reconcile(const ree_recon_problem *p, ree_recon_result *r,
                  int *bad_flow, ree_err *err);

/* P(X >= x) for X chi-square distributed with df degrees of freedom. */
double ree_chi2_sf(double x, int df);

#endif
