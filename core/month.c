/*
** month.c: a year of the crisis market, month by month (month.h has the
** equations).
*/
#include <math.h>
#include <string.h>

#include "month.h"

/* The price the holders expect: the perceived price, and phi months of
** the trend it shows against its past (a trend of ln(Ps / Pr) / tau_e a
** month: for prices that grow steadily at g a month, Ps lags them by about
** g tau_e in logarithm, and Pr lags Ps by as much). */
static double forecast(const ree_holders *h, const ree_month_params *p) {
  if (p->phi == 0.0) return h->expected;
  return h->expected * pow(h->expected / h->reference, p->phi / p->tau_e);
}

/* The holders' curve on one side at this month's desired cover, into
** `curve`; returns the fixed part, what they sell whatever the price. */
static double holders(ree_curve *curve, const ree_holders *h, double cover,
                      const ree_month_params *p) {
  curve->kind = REE_CURVE_ELASTIC;
  curve->a = cover * h->use / p->tau * pow(forecast(h, p), p->eta);
  curve->b = -p->eta;
  return -h->stock / p->tau;
}

/* Sets element e's market for month k; returns the share of its leakage
** that is uncovered products, which customs see. */
static double month_market(ree_month_element *e, const ree_month_params *p,
                           int k) {
  ree_market *m = &e->m;
  double enforced = p->enforced[k], r = p->risk[k];
  double smuggled = p->leak_l0 * (1.0 - enforced);
  double shifted = p->shifting[k] ? p->shift_l0 : 0.0;
  double l0 = smuggled + shifted;
  m->month = k + 1; /* (for messages) */
  if (e->has_fringe) m->fringe.a = e->fringe_a * (1.0 - enforced);
  if (e->offer != NULL) *e->offer = e->mined + e->mine_stock;
  m->stock_rw = holders(&m->hold_rw, &e->rw, p->cover_rw * (1.0 + p->theta_rw * r), p) + e->stock_rw;
  m->stock_cn = holders(&m->hold_cn, &e->cn, p->cover_cn * (1.0 + p->theta_cn * r), p) + e->stock_cn;
  m->leak_l0 = l0 > 0.0 ? l0 * e->leak_share : 0.0;
  m->leak_g = l0 > 0.0 ? p->leak_g : 1.0;
  return l0 > 0.0 ? shifted / l0 : 0.0;
}

/* What set s may export in month k (0-based): the quota released so far,
** less what was used, spread over the months until the next release. */
static double allowance(const ree_month_set *s, int k) {
  double released = 0.0;
  int j, next = REE_MONTHS;
  if (!s->tranches) return fmax(0.0, s->quota - s->used) / (REE_MONTHS - k);
  for (j = 0; j < REE_MONTHS; j++) {
    if (s->release[j] == 0.0) continue;
    if (j <= k)
      released += s->release[j];
    else if (j < next)
      next = j;
  }
  return fmax(0.0, s->quota * released - s->used) / (next - k);
}

/* One side's holders after the month (the perceived price and its
** reference each move from the month's start). */
static void hold(ree_holders *h, double price, double bought, double use,
                 double tau_e) {
  double perceived = h->expected;
  h->stock += bought;
  h->expected += (price - perceived) / tau_e;
  h->reference += (perceived - h->reference) / tau_e;
  h->use = use;
}

/* Records element e's month k from its cleared market r, and moves its
** state on. */
static void settle(ree_month_element *e, const ree_market_result *r,
                   const ree_month_params *p, int k,
                   double (*o)[REE_MONTHS]) {
  double offered = e->offer != NULL ? *e->offer : 0.0;
  double sold = r->p_rw < e->floor * (1.0 - 1e-9)
                  ? 0.0 : fmax(0.0, fmin(offered, r->s_rw - e->cheaper));
  /* the holders' own purchases: the market's buying into stock less the
  ** reserve's and the stockpiles' fixed part, which is not theirs to sell */
  double own_cn = r->bought_cn - e->stock_cn, own_rw = r->bought_rw - e->stock_rw;
  e->mine_stock = e->keep_unsold ? offered - sold : 0.0;
  e->m.near = r->p_free; /* next month's search starts there */
  hold(&e->cn, r->p_cn, own_cn, r->d_cn, p->tau_e);
  hold(&e->rw, r->p_rw, own_rw, r->d_rw, p->tau_e);
  o[REE_MO_P_CN][k] = r->p_cn, o[REE_MO_P_RW][k] = r->p_rw;
  o[REE_MO_D_CN][k] = r->d_cn, o[REE_MO_D_RW][k] = r->d_rw;
  o[REE_MO_S_CN][k] = r->s_cn, o[REE_MO_S_RW][k] = r->s_rw;
  o[REE_MO_FRINGE][k] = r->fringe, o[REE_MO_EXPORTS][k] = r->exports;
  o[REE_MO_LEGAL][k] = r->legal, o[REE_MO_LEAKAGE][k] = r->leakage;
  o[REE_MO_BOUGHT_CN][k] = own_cn, o[REE_MO_BOUGHT_RW][k] = own_rw;
  o[REE_MO_STOCK_CN][k] = e->cn.stock, o[REE_MO_STOCK_RW][k] = e->rw.stock;
  o[REE_MO_EXPECTED_CN][k] = forecast(&e->cn, p);
  o[REE_MO_EXPECTED_RW][k] = forecast(&e->rw, p);
}

/* Clears quota set s in month k: its members gathered into ms, cleared
** together under the month's allowance, their results into rs[]. */
static int clear_set(ree_month_element *els, int n, ree_month_set *sets,
                     int s, int k, ree_market *ms, ree_market_result *rs,
                     ree_market_result *joint, ree_month_out *out,
                     ree_err *err) {
  double allowed = allowance(&sets[s], k), licence;
  int i, count = 0, rc;
  for (i = 0; i < n; i++)
    if (els[i].set == s) ms[count++] = els[i].m;
  if (count == 0) return REE_OK;
  if ((rc = ree_market_clear_joint_near(ms, count, allowed, sets[s].licence,
                                        joint, &licence, err)) != REE_OK)
    return rc;
  sets[s].licence = licence;
  for (i = 0, count = 0; i < n; i++)
    if (els[i].set == s) {
      rs[i] = joint[count++];
      sets[s].used += rs[i].legal;
    }
  out->licence[s][k] = licence;
  out->allowance[s][k] = allowed;
  return REE_OK;
}

int ree_month_year(ree_month_element *els, int n, ree_month_set *sets,
                   int n_sets, const ree_month_params *p,
                   ree_month_out *out, ree_err *err) {
  ree_market *ms;
  ree_market_result *rs, *joint;
  double *seen;
  int i, k, s, rc = REE_OK;
  if (els == NULL || n < 1 || p == NULL || out == NULL || n_sets < 0 ||
      n_sets > REE_MONTH_SETS || (n_sets > 0 && sets == NULL))
    return ree_err_set(err, REE_EINVAL, "a month needs its markets");
  if (!(p->phi >= 0.0) || !isfinite(p->phi) || !(p->tau_e >= 1.0))
    return ree_err_set(err, REE_EDOMAIN, "a month needs tau_e of 1 month or "
                       "more and phi of 0 or more");
  for (i = 0; i < n; i++) {
    const char *name = els[i].m.name ? els[i].m.name : "?";
    if (els[i].set < -1 || els[i].set >= n_sets)
      return ree_err_set(err, REE_EINVAL, "market '%s': no quota set %d",
                         name, els[i].set + 1);
    if (p->phi > 0.0 && !(els[i].cn.expected > 0.0 && els[i].cn.reference > 0.0 &&
                          els[i].rw.expected > 0.0 && els[i].rw.reference > 0.0))
      return ree_err_set(err, REE_EDOMAIN, "market '%s': holders who "
                         "extrapolate need expected and reference prices "
                         "above 0", name);
  }
  ms = (ree_market *)ree_malloc((size_t)n * (2 * sizeof *rs + sizeof *ms + sizeof *seen));
  if (ms == NULL) return ree_err_set(err, REE_ENOMEM, "out of memory");
  rs = (ree_market_result *)(ms + n);
  joint = rs + n;
  seen = (double *)(joint + n);
  for (s = 0; s < n_sets; s++) sets[s].used = sets[s].licence = 0.0;
  for (k = 0; k < REE_MONTHS && rc == REE_OK; k++) {
    for (i = 0; i < n; i++) seen[i] = month_market(&els[i], p, k);
    for (s = 0; s < n_sets && rc == REE_OK; s++)
      rc = clear_set(els, n, sets, s, k, ms, rs, joint, out, err);
    for (i = 0; i < n && rc == REE_OK; i++)
      if (els[i].set < 0) rc = ree_market_clear(&els[i].m, &rs[i], err);
    if (rc != REE_OK) break;
    out->exports[k] = out->customs[k] = 0.0;
    for (i = 0; i < n; i++) {
      settle(&els[i], &rs[i], p, k, out->el[i]);
      out->exports[k] += rs[i].exports;
      out->customs[k] += rs[i].legal + rs[i].leakage * seen[i];
    }
  }
  ree_free(ms);
  return rc;
}
