/*
** market.h: clearing one element's market between China and the rest of
** the world (RoW) in one year, with China's export policy.
**
**   China's excess supply:     ES(P_cn) = min(S_cn(P_cn), cap) + F(P_cn) - D_cn(P_cn)
**   RoW's excess demand:       ED(P_rw) = D_rw(P_rw) - S_rw(P_rw)
**   Exports clear them:        ES(P_cn) = ED(P_rw) = legal exports + leakage
**   Legal exports pay a wedge: P_rw = (1 + x)(1 + v) P_cn   (export tax x,
**                              lost VAT rebate v), unless a quota binds
**   A binding quota Q:         legal exports = Q; P_rw rises above the
**                              wedge and licence holders earn the rent
**                              (P_rw - (1 + x)(1 + v) P_cn) Q
**   Leakage (smuggling):       L = l0 * max(0, P_rw / P_cn - 1)^g
**   Stocks:                    holders on each side buy into stock (or sell
**                              out of it) a fixed amount plus what a
**                              price-dependent curve says, e.g. the gap to
**                              a desired stock that is smaller when the
**                              price is high: purchases join demand
**   Two other regimes:         when the rest of the world has a surplus
**                              at the free-trade price, China imports it
**                              (no import barrier: P_cn = P_rw); when the
**                              wedge exceeds the gap between the closed
**                              markets, there is no trade and each clears
**                              on its own
**
** F is China's illegal fringe, which the cap does not hold. Equations and
** sources: docs/MODELS.md, sections 1.2, 1.3 and 5.2.
** Prices are in US$/kg, quantities in t; every curve is increasing
** (supply) or decreasing (demand) in its price, so each solve is a
** bracketed bisection that cannot fail to converge.
*/
#ifndef REE_MARKET_H
#define REE_MARKET_H

#include "ree_err.h"

enum {
  REE_CURVE_NONE,      /* zero everywhere */
  REE_CURVE_ELASTIC,   /* q = a * p^b   (b > 0 supply, b < 0 demand) */
  REE_CURVE_LINEAR,    /* q = max(0, a + b p) */
  REE_CURVE_STEPS      /* merit order: sum of cap[k] where cost[k] <= p */
};

typedef struct ree_curve {
  int kind;
  double a, b;
  const double *cost, *cap; /* REE_CURVE_STEPS: n steps, borrowed */
  int n;
} ree_curve;

/* The quantity of curve c at price p (>= 0). */
double ree_curve_at(const ree_curve *c, double p);

typedef struct ree_market {
  const char *name;  /* for messages: "Dy" */
  int year;          /* for messages */
  int month;         /* for messages too: 1-12 in a month's market, 0 in a year's */
  ree_curve d_cn, s_cn, d_rw, s_rw;
  ree_curve fringe;  /* China's illegal supply, outside the cap */
  double tax;        /* export tax x, fraction (0 none) */
  double vat_lost;   /* export VAT rebate withdrawn v, fraction */
  double quota;      /* t of legal exports; negative: no quota */
  double cap;        /* t of legal Chinese supply; negative: no cap */
  double leak_l0, leak_g;
  double stock_rw;   /* t that stockpiles outside China buy (> 0) or
                        release (< 0) this year, whatever the price; not
                        in the consumers' surplus */
  double stock_cn;   /* the same for holders in China */
  ree_curve hold_rw, hold_cn; /* what holders buy besides, as a falling
                        curve of their side's price (none: zero); with
                        stock_* < 0 for what they sell whatever the
                        price, a stock-management rule (B(P) = S*(P)/tau
                        - S/tau) fits; not in the consumers' surplus */
  double licence;    /* US$/kg an exporter pays for a share of a quota
                        several markets share (0: none); see
                        ree_market_clear_joint */
  double near;       /* US$/kg: a price near the free-trade one, where its
                        search starts (0: none; last month's, say) */
} ree_market;

typedef struct ree_market_result {
  double p_cn, p_rw;                  /* US$/kg */
  double exports, legal, leakage;     /* t; exports are net: legal +
                                         leakage - imports */
  double imports;                     /* t China imports (then exports < 0) */
  double d_cn, s_cn, fringe, d_rw, s_rw;
  double bought_cn, bought_rw;        /* t into stock (< 0: out of it) */
  int quota_binding;
  double quota_rent;                  /* US$: (P_rw - w P_cn) Q, t * US$/kg * 1000 */
  double tax_revenue;                 /* US$: x P_cn legal */
  double vat_revenue;                 /* US$: the VAT not refunded, v (1 + x) P_cn legal */
  double tax_equivalent;              /* P_rw / ((1 + v) P_cn) - 1 */
  double p_free;                      /* the free-trade price */
  /* welfare changes against free trade, US$; China's includes tax and rent */
  double d_cs_cn, d_ps_cn, d_cs_rw, d_ps_rw, deadweight;
} ree_market_result;

/*
** Clears m into r. Errors: REE_EDOMAIN for a negative or non-finite
** parameter or a curve of the wrong slope, naming it; REE_ESINGULAR when no
** price clears, saying which market, which year and why:
**   "market 'Dy', 2011: no price clears: ..."
*/
int ree_market_clear(const ree_market *m, ree_market_result *r, ree_err *err);

/*
** Clears n markets under one export quota of `quota` t for all of them
** together (China's quotas were tonnes of rare earths, whatever the
** element): exporters bid for the quota, so every tonne exported carries
** the same licence price L (US$/kg, out in *licence) and P_rw = w P_cn + L
** in each. L is 0 when the quota is slack; otherwise it is the price at
** which the legal exports add up to the quota. The per-market quotas of
** ms[] still apply. Errors as ree_market_clear's, for the market at fault.
*/
int ree_market_clear_joint(const ree_market *ms, int n, double quota,
                           ree_market_result *rs, double *licence,
                           ree_err *err);

/*
** The same, the search for the licence price starting from `guess` (US$/kg;
** 0: none), last month's say: the answer is the same, found sooner when
** the guess is near it. Errors as ree_market_clear_joint's, and
** REE_EDOMAIN for a negative or non-finite guess.
*/
int ree_market_clear_joint_near(const ree_market *ms, int n, double quota,
                                double guess, ree_market_result *rs,
                                double *licence, ree_err *err);

#endif
