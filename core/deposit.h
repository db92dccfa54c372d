/*
** deposit.h: a deposit's rare-earth distribution and the balance problem.
**
** A deposit yields all its rare earths in fixed proportions. Mining it for
** the element in shortest supply relative to need (the binding element)
** brings up every other element in surplus: mine for Dy, drown in Ce.
*/
#ifndef REE_DEPOSIT_H
#define REE_DEPOSIT_H

#include "element.h"
#include "ree_err.h"

typedef struct ree_deposit {
  /* Share of each rare earth in the deposit's total REO, by Z (0 for
  ** elements absent, unknown or not rare earths). */
  double reo_share[REE_ZMAX + 1];
  /* The share of the REO that the table does not assign to an element
  ** ("other heavy rare earths ~11%"): 1 - sum(reo_share), 0 or more. */
  double unassigned;
} ree_deposit;

/*
** Sets d from n (element, share) pairs, shares of `total` (100 for a
** table in % of REO). What the shares leave of the total is unassigned;
** with total <= 0 the shares are normalised to sum 1 instead. Errors:
** REE_EINVAL for a z that is not a rare earth or given twice,
** REE_EDOMAIN for a negative or non-finite share, an all-zero table, or
** shares that sum to more than total.
*/
int ree_deposit_init(ree_deposit *d, const int *z, const double *share,
                     int n, double total, ree_err *err);

/*
** Element mass (t of metal contained, by Z) in reo_t tonnes of the
** deposit's REO: share / oxide factor. element_t must hold REE_ZMAX + 1
** doubles; only rare earths are written, the rest set to 0.
*/
void ree_deposit_elements(const ree_deposit *d, double reo_t,
                          double *element_t);

/*
** The tonnes of the deposit's REO that supply every element of need_t (t
** of element, by Z, REE_ZMAX + 1 entries; non-rare-earths ignored), and the
** element that binds (needs the most REO). surplus_t (may be NULL) gets
** supply - need per element. Errors: REE_EDOMAIN for a negative or
** non-finite need, REE_ENOTFOUND naming an element that is needed but
** absent from the deposit. With no need, *reo_t is 0 and *binding_z 0.
*/
int ree_deposit_requirement(const ree_deposit *d, const double *need_t,
                            double *reo_t, int *binding_z, double *surplus_t,
                            ree_err *err);

#endif
