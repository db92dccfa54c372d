/*
** dsm.h: dynamic stock models: products in use, by cohort.
**
** A cohort is what entered use in one year. Its survival S(a), the share
** still in use a years after the year it entered, follows a lifetime
** distribution evaluated at whole ages as ODYM does (fixed lifetime L:
** S(a) = 1 for a < L, else 0). Each year, every cohort shrinks by its
** conditional survival S(a)/S(a-1); what leaves is the outflow.
**
** Inflow-driven: the inflow is given. Stock-driven: the stock is given and
** the inflow follows; where the stock falls faster than cohorts retire,
** the inflow is 0, never negative, and the excess retires early from the
** oldest cohorts (ODYM issue #10 shows what negative inflows do). Either
** way every year balances: inflow - outflow = stock change.
*/
#ifndef REE_DSM_H
#define REE_DSM_H

#include "ree_err.h"

enum {
  REE_LIFETIME_FIXED,     /* a: years (>= 1) */
  REE_LIFETIME_NORMAL,    /* a: mean, b: standard deviation, years */
  REE_LIFETIME_WEIBULL,   /* a: shape k, b: scale lambda, years */
  REE_LIFETIME_LOGNORMAL  /* a: mean, b: standard deviation of the lifetime */
};

typedef struct ree_lifetime {
  int kind;
  double a, b;
} ree_lifetime;

/* REE_OK, or REE_EDOMAIN naming the parameter out of range. */
int ree_lifetime_check(const ree_lifetime *lt, ree_err *err);

/* S(age): the share of a cohort still in use at a whole age >= 0. */
double ree_lifetime_survival(const ree_lifetime *lt, int age);

typedef struct ree_dsm ree_dsm;

/*
** A model over the years first_year .. first_year + years - 1 (years from 1
** to REE_YEARS_MAX), with no initial stock. Caller frees with ree_dsm_free. NULL on error:
** REE_EDOMAIN for a bad lifetime or span, REE_ENOMEM.
*/
ree_dsm *ree_dsm_new(int first_year, int years, const ree_lifetime *lt,
                     ree_err *err);
/* NULL is harmless. */
void ree_dsm_free(ree_dsm *m);

/*
** The stock in use at the start of the first year, by the year each cohort
** entered: amounts[i] entered in first_cohort + i (all before first_year).
** Call before solving. Errors: REE_EDOMAIN for a negative or non-finite
** amount, a cohort not before the first year, or one older than the
** lifetime allows ("cohort 1990 should have left use by 2005").
*/
int ree_dsm_set_initial(ree_dsm *m, int first_cohort, int n,
                        const double *amounts, ree_err *err);

/* Solves with inflow[year - first_year] given. REE_EDOMAIN for a negative
** or non-finite inflow, naming its year. */
int ree_dsm_inflow_driven(ree_dsm *m, const double *inflow, ree_err *err);

/* Solves with the stock at the end of each year given. REE_EDOMAIN for a
** negative or non-finite stock, naming its year. */
int ree_dsm_stock_driven(ree_dsm *m, const double *stock, ree_err *err);

/* Results, after a solve; 0 for a year outside the span. */
double ree_dsm_inflow(const ree_dsm *m, int year);
double ree_dsm_outflow(const ree_dsm *m, int year);
double ree_dsm_stock(const ree_dsm *m, int year);      /* at the end of year */
double ree_dsm_retired_early(const ree_dsm *m, int year);

/* The range of cohorts: initial ones first, then one per model year. */
int ree_dsm_first_cohort(const ree_dsm *m);
int ree_dsm_cohort_count(const ree_dsm *m);
/* How many years the model spans: what inflow- and stock-driven take. */
int ree_dsm_year_count(const ree_dsm *m);

/* What cohort holds at the end of year, and what left it during year. */
double ree_dsm_cohort_stock(const ree_dsm *m, int year, int cohort);
double ree_dsm_cohort_outflow(const ree_dsm *m, int year, int cohort);

/*
** Sums over cohorts weighted by w[cohort - w_first] (a mass fraction by
** vintage, say): so the end-of-life Dy of 2025 carries the Dy content of
** each vintage that leaves. Cohorts outside w count with weight 0.
*/
double ree_dsm_outflow_weighted(const ree_dsm *m, int year, const double *w,
                                int w_first, int w_count);
double ree_dsm_stock_weighted(const ree_dsm *m, int year, const double *w,
                              int w_first, int w_count);

#endif
