/*
** month.h: a year of the crisis market, month by month (docs/MODELS.md,
** section 8; models/market_month.lua states the same equations in Lua and
** is this unit's oracle in spec/models/09-crisis_spec.lua).
**
** Each month k, for each element:
**   holders' stocks  on each side, stock S, expected price Pe, monthly use
**                    C: they buy B(P) = (S*(P) - S) / tau toward
**                    S*(P) = cover (1 + theta R_k) C (P / Pe)^(-eta),
**                    where Pe = Ps (Ps / Pr)^(phi / tau_e): the perceived
**                    price Ps, and the trend it shows against its own
**                    past, Pr, extrapolated phi months ahead (phi = 0:
**                    Pe = Ps, expectations that only adapt)
**   China's fringe   its full-strength curve, less the share enforced_k
**                    stops
**   leakage          smuggling l0 (1 - enforced_k), and shift_l0 of
**                    uncovered products in the months shifting_k is set
**   mines outside    their month's output and what they kept unsold,
**   China            offered at the floor price
** then each quota set clears under its allowance (ree_market_clear_joint):
**   no tranches      what is left of the year's quota over the months left
**   tranches         what has been released so far, less what was used,
**                    over the months until the next release
** and the elements in no set clear alone. After the month: S += B (the
** holders' own purchases: what the state reserve and stockpiles buy is
** theirs, not the holders' to sell, and is no part of S),
** Ps += (P - Ps) / tau_e and Pr += (Ps - Pr) / tau_e (both from the month's
** start: Sterman's TREND, its horizon tau_e), C = the month's use, and the
** mines keep (or dispose of) what they did not sell.
*/
#ifndef REE_MONTH_H
#define REE_MONTH_H

#include "market.h"

#define REE_MONTHS 12
#define REE_MONTH_SETS 8

typedef struct ree_holders {
  double stock;    /* t REO held */
  double expected; /* US$/kg: the price the holders perceive, Ps */
  double reference; /* US$/kg: Ps's own smoothed past, Pr (the trend's base) */
  double use;      /* t REO a month: last month's use */
} ree_holders;

typedef struct ree_month_element {
  ree_market m;      /* the year's market in a month's share; the month
                        sets its fringe.a, hold_*, stock_*, leak_* */
  int has_fringe;    /* 0: no fringe (before the mining quotas) */
  double fringe_a;   /* the fringe's a with no enforcement */
  double *offer;     /* the cap of the step of m.s_rw that offers the
                        mines' output at the floor price (NULL: none) */
  double floor;      /* that price, US$/kg */
  double cheaper;    /* t a month mines cheaper than the floor offer */
  double mined;      /* t a month the mines outside China produce */
  double stock_rw;   /* t a month stockpiles outside China buy whatever
                        the price (kept apart from the holders' stock) */
  double stock_cn;   /* the same in China: the state reserve */
  double leak_share; /* the element's share of the month's leakage */
  int keep_unsold;   /* 1: the mines stock what they do not sell */
  int set;           /* its quota set, -1: none */
  /* carried from month to month, and by the caller from year to year */
  ree_holders cn, rw;
  double mine_stock; /* t the mines kept unsold */
} ree_month_element;

typedef struct ree_month_set {
  double quota;                 /* t of legal exports in the year */
  int tranches;                 /* 0: released evenly through the year */
  double release[REE_MONTHS];   /* the share of the quota each month
                                   releases (with tranches) */
  double used;                  /* t used so far this year */
  double licence;               /* US$/kg last month (where the next
                                   month's search starts) */
} ree_month_set;

typedef struct ree_month_params {
  double cover_rw, theta_rw;    /* months of use outside China; their rise at full risk */
  double cover_cn, theta_cn;    /* the same in China */
  double eta, tau, tau_e;       /* desired stock's price elasticity;
                                   months to close the gap; months
                                   expectations take to follow */
  double phi;                   /* months of trend the holders extrapolate
                                   (0: none) */
  double leak_l0, leak_g;       /* smuggling at FOB twice China's price;
                                   its exponent in the gap */
  double shift_l0;              /* uncovered products, the same way */
  double risk[REE_MONTHS];      /* the supply-risk index, in [0, 1] */
  double enforced[REE_MONTHS];  /* the share of fringe and smuggling stopped */
  int shifting[REE_MONTHS];     /* 1: uncovered products leak this month */
} ree_month_params;

/* What one element's month gives, each REE_MONTHS long. */
enum {
  REE_MO_P_CN, REE_MO_P_RW, REE_MO_D_CN, REE_MO_D_RW, REE_MO_S_CN,
  REE_MO_S_RW, REE_MO_FRINGE, REE_MO_EXPORTS, REE_MO_LEGAL, REE_MO_LEAKAGE,
  REE_MO_BOUGHT_CN, REE_MO_BOUGHT_RW, /* the holders' own purchases */
  REE_MO_STOCK_CN, REE_MO_STOCK_RW,
  REE_MO_EXPECTED_CN, REE_MO_EXPECTED_RW, /* Pe, what the holders expect */
  REE_MO_FIELDS
};

typedef struct ree_month_out {
  double (*el)[REE_MO_FIELDS][REE_MONTHS];  /* one per element */
  double licence[REE_MONTH_SETS][REE_MONTHS];   /* US$/kg */
  double allowance[REE_MONTH_SETS][REE_MONTHS]; /* t */
  double exports[REE_MONTHS];   /* t, all elements */
  double customs[REE_MONTHS];   /* t customs see: legal, and uncovered
                                   products */
} ree_month_out;

/*
** Runs the twelve months of a year: n elements (their state moved to the
** year's end), n_sets quota sets (at most REE_MONTH_SETS). Errors: those of
** ree_market_clear and ree_market_clear_joint, for the market at fault;
** REE_EINVAL for a set index out of range.
*/
int ree_month_year(ree_month_element *els, int n, ree_month_set *sets,
                   int n_sets, const ree_month_params *p,
                   ree_month_out *out, ree_err *err);

#endif
