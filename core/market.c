/*
** market.c: clearing China / rest-of-world markets by bracketed bisection.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "market.h"

#define P_MIN 1e-9   /* US$/kg: the bracket never leaves [P_MIN, P_MAX] */
#define P_MAX 1e12
#define KG_PER_T 1000.0

double ree_curve_at(const ree_curve *c, double p) {
  int k;
  double q = 0.0;
  if (c == NULL) return 0.0;
  switch (c->kind) {
    case REE_CURVE_ELASTIC:
      return c->a * pow(p > P_MIN ? p : P_MIN, c->b);
    case REE_CURVE_LINEAR:
      q = c->a + c->b * p;
      return q > 0.0 ? q : 0.0;
    case REE_CURVE_STEPS:
      for (k = 0; k < c->n; k++)
        if (c->cost[k] <= p) q += c->cap[k];
      return q;
    default:
      return 0.0;
  }
}

/* When market m is, for messages: "2011", or "2011-05" in a month. */
#define WHEN_MAX 16
static const char *when(const ree_market *m, char *at) {
  if (m->month >= 1 && m->month <= 12)
    snprintf(at, WHEN_MAX, "%d-%02d", m->year, m->month);
  else
    snprintf(at, WHEN_MAX, "%d", m->year);
  return at;
}

static int check_curve(const ree_market *m, const ree_curve *c,
                       const char *what, int demand, ree_err *err) {
  char at[WHEN_MAX];
  int k;
  const char *name = m->name ? m->name : "?";
  if (c->kind == REE_CURVE_NONE) return REE_OK;
  if (c->kind == REE_CURVE_STEPS) {
    if (demand)
      return ree_err_set(err, REE_EDOMAIN, "market '%s', %s: %s cannot be a "
                         "merit order", name, when(m, at), what);
    if (c->n < 0 || (c->n > 0 && (c->cost == NULL || c->cap == NULL)))
      return ree_err_set(err, REE_EINVAL, "market '%s': %s has no steps",
                         name, what);
    for (k = 0; k < c->n; k++)
      if (!(c->cost[k] >= 0.0) || !(c->cap[k] >= 0.0) ||
          !isfinite(c->cost[k]) || !isfinite(c->cap[k]))
        return ree_err_set(err, REE_EDOMAIN, "market '%s', %s: %s: step %d "
                           "needs a cost and a capacity of 0 or more", name,
                           when(m, at), what, k + 1);
    return REE_OK;
  }
  if (c->kind != REE_CURVE_ELASTIC && c->kind != REE_CURVE_LINEAR)
    return ree_err_set(err, REE_EINVAL, "market '%s': %s: unknown curve",
                       name, what);
  if (!isfinite(c->a) || !isfinite(c->b) ||
      (c->kind == REE_CURVE_ELASTIC && c->a < 0.0))
    return ree_err_set(err, REE_EDOMAIN, "market '%s', %s: %s needs finite, "
                       "non-negative parameters", name, when(m, at), what);
  if (demand ? c->b > 0.0 : c->b < 0.0)
    return ree_err_set(err, REE_EDOMAIN, "market '%s', %s: %s must %s with "
                       "the price", name, when(m, at), what,
                       demand ? "fall" : "rise");
  return REE_OK;
}

static int check(const ree_market *m, ree_err *err) {
  const char *name = m->name ? m->name : "?";
  char at[WHEN_MAX];
  int rc;
  if ((rc = check_curve(m, &m->d_cn, "demand in China", 1, err)) ||
      (rc = check_curve(m, &m->s_cn, "supply in China", 0, err)) ||
      (rc = check_curve(m, &m->d_rw, "demand outside China", 1, err)) ||
      (rc = check_curve(m, &m->s_rw, "supply outside China", 0, err)) ||
      (rc = check_curve(m, &m->fringe, "the illegal fringe", 0, err)) ||
      (rc = check_curve(m, &m->hold_cn, "stock demand in China", 1, err)) ||
      (rc = check_curve(m, &m->hold_rw, "stock demand outside China", 1, err)))
    return rc;
  if (!(m->tax >= 0.0) || !(m->vat_lost >= 0.0) || !isfinite(m->tax) ||
      !isfinite(m->vat_lost))
    return ree_err_set(err, REE_EDOMAIN, "market '%s', %s: the export tax "
                       "and the lost VAT rebate must be 0 or more", name,
                       when(m, at));
  if (!(m->leak_l0 >= 0.0) || !(m->leak_g > 0.0 || m->leak_l0 == 0.0) ||
      !isfinite(m->leak_l0) || !isfinite(m->leak_g))
    return ree_err_set(err, REE_EDOMAIN, "market '%s', %s: leakage needs "
                       "l0 >= 0 and g > 0", name, when(m, at));
  if (!isfinite(m->stock_rw) || !isfinite(m->stock_cn))
    return ree_err_set(err, REE_EDOMAIN, "market '%s', %s: the stockpiles' "
                       "purchase must be a number", name, when(m, at));
  if (!(m->licence >= 0.0) || !isfinite(m->licence))
    return ree_err_set(err, REE_EDOMAIN, "market '%s', %s: the licence price "
                       "must be 0 or more", name, when(m, at));
  if (isnan(m->quota) || isnan(m->cap))
    return ree_err_set(err, REE_EDOMAIN, "market '%s', %s: the quota and "
                       "the cap must be numbers", name, when(m, at));
  return REE_OK;
}

/* Curve c at price p, given lp = log p: an elastic curve is then one exp
** instead of a pow (the solvers evaluate several curves at each price);
** its slope in log p, p c'(p), into *dl: b c for an elastic curve, b p
** for a linear one where it is positive, 0 for a merit order (flat
** between its steps) or below P_MIN (where curves are held flat). */
static double at_other(const ree_curve *c, double p, double *dl) {
  double q;
  *dl = 0.0;
  if (c->kind != REE_CURVE_LINEAR) return ree_curve_at(c, p);
  q = c->a + c->b * p;
  if (q <= 0.0) return 0.0;
  *dl = c->b * p;
  return q;
}

static inline double at(const ree_curve *c, double p, double lp, double *dl) {
  double q;
  if (c->kind != REE_CURVE_ELASTIC) return at_other(c, p, dl);
  q = c->a == 0.0 ? 0.0 : c->a * exp(c->b * lp);
  *dl = p > P_MIN ? c->b * q : 0.0;
  return q;
}

static double log_of(double p) { return log(p > P_MIN ? p : P_MIN); }

/* China's supply: what the cap allows, and the fringe beyond it; its
** slope in log p into *dl. */
static double supply_cn(const ree_market *m, double p, double lp, double *dl) {
  double ds, df, s = at(&m->s_cn, p, lp, &ds);
  if (m->cap >= 0.0 && s > m->cap) s = m->cap, ds = 0.0;
  s += at(&m->fringe, p, lp, &df);
  *dl = ds + df;
  return s;
}

/* What holders on one side buy into stock at price p (< 0: sell). */
static double bought(const ree_curve *hold, double fixed, double p) {
  return fixed + ree_curve_at(hold, p);
}

/* China's excess supply at p, and its slope in log p into *dl (NULL:
** not wanted); the rest of the world's excess demand likewise. */
static double excess_supply(const ree_market *m, double p, double *dl) {
  double lp = log_of(p), ds, dd, dh;
  double es = supply_cn(m, p, lp, &ds) - at(&m->d_cn, p, lp, &dd) - m->stock_cn -
              at(&m->hold_cn, p, lp, &dh);
  if (dl != NULL) *dl = ds - dd - dh;
  return es;
}

static double excess_demand(const ree_market *m, double p, double *dl) {
  double lp = log_of(p), dd, dh, ds;
  double ed = at(&m->d_rw, p, lp, &dd) + m->stock_rw + at(&m->hold_rw, p, lp, &dh) -
              at(&m->s_rw, p, lp, &ds);
  if (dl != NULL) *dl = dd + dh - ds;
  return ed;
}

static double leakage(const ree_market *m, double p_cn, double p_rw) {
  double gap = p_rw / p_cn - 1.0;
  if (m->leak_l0 == 0.0 || gap <= 0.0) return 0.0;
  return m->leak_l0 * pow(gap, m->leak_g);
}

/*
** A bracket [a, b] around a root, with the function's values at its ends,
** narrowed by Newton's step where the caller has one (a safeguarded
** Newton: taken only inside the bracket), else by regula falsi with the
** Illinois halving (an end kept twice has its value halved, so neither
** sticks; Dowell and Jarratt 1971), and by a bisection whenever three
** steps have not halved the bracket, so that a function that jumps (a
** merit order's steps) converges as surely as a smooth one. A step lands
** at least `tol` inside the bracket (Dekker's rule, as in Brent's zeroin):
** once a point falls within the tolerance of the root, the next one, tol
** beyond it, closes the bracket, where a secant or Newton would creep up
** on the root from one side.
*/
typedef struct falsi {
  double a, fa, b, fb, width;
  int side, step; /* the end the last step moved: +1 a, -1 b */
} falsi;

static void falsi_start(falsi *s, double a, double fa, double b, double fb) {
  s->a = a, s->fa = fa, s->b = b, s->fb = fb, s->width = b - a;
  s->side = s->step = 0;
}

/* The next point to try: Newton's (NAN: none) when it is inside, else
** the secant's, or the middle; tol inside. (Newton's steps do not count
** toward the bisection: they close in from one side, by design.) */
static double falsi_next(falsi *s, double tol, double newton) {
  double x = newton;
  if (!(x > s->a && x < s->b)) {
    x = (s->a * s->fb - s->b * s->fa) / (s->fb - s->fa);
    if (!(x > s->a && x < s->b) || (s->step % 3 == 2 && s->b - s->a > s->width / 2.0))
      x = (s->a + s->b) / 2.0;
    if (s->step % 3 == 2) s->width = s->b - s->a;
    s->step++;
  }
  if (s->b - s->a > 2.0 * tol) x = fmin(fmax(x, s->a + tol), s->b - tol);
  return x;
}

/* x, where the function is fx, replaces the end a (to_a) or b. */
static void falsi_keep(falsi *s, double x, double fx, int to_a) {
  if (to_a) {
    s->a = x, s->fa = fx;
    if (s->side > 0) s->fb /= 2.0;
    s->side = 1;
  } else {
    s->b = x, s->fb = fx;
    if (s->side < 0) s->fa /= 2.0;
    s->side = -1;
  }
}

/*
** Where a gap function may jump: a merit order's step adds its capacity at
** its cost, so China's side jumps at each cost c of s_cn (cn), and the rest
** of the world's, priced w p + L, where w p + L reaches a cost of s_rw (rw).
** Between jumps the gap is smooth and the falsi converges in a few steps;
** a root on a jump it could only narrow down by halving, some fifty times.
*/
typedef double (*fn)(const ree_market *m, double p, const double *arg, double *dl);

typedef struct jumps {
  int cn, rw;
  double w, L;
} jumps;

#define MAX_JUMPS 128 /* more steps than this: found by halving, as surely */

/* The least p at which w p + L >= c, exactly as the gap computes it. */
static double reaches(double c, double w, double L) {
  double p = (c - L) / w;
  if (!(p > 0.0)) return 0.0;
  while (w * p + L < c) p = nextafter(p, INFINITY);
  while (p > 0.0 && w * nextafter(p, 0.0) + L >= c) p = nextafter(p, 0.0);
  return p;
}

/* The jumps of m's gap, ascending, into at[]; their count (0: too many). */
static int jump_points(const ree_market *m, const jumps *j, double *at) {
  int n = 0, k, i;
  if (j == NULL) return 0;
  if ((j->cn && m->s_cn.kind == REE_CURVE_STEPS ? m->s_cn.n : 0) +
      (j->rw && m->s_rw.kind == REE_CURVE_STEPS ? m->s_rw.n : 0) > MAX_JUMPS)
    return 0;
  if (j->cn && m->s_cn.kind == REE_CURVE_STEPS)
    for (k = 0; k < m->s_cn.n; k++) at[n++] = m->s_cn.cost[k];
  if (j->rw && m->s_rw.kind == REE_CURVE_STEPS)
    for (k = 0; k < m->s_rw.n; k++) at[n++] = reaches(m->s_rw.cost[k], j->w, j->L);
  for (k = 1; k < n; k++) { /* insertion: a handful of steps */
    double x = at[k];
    for (i = k; i > 0 && at[i - 1] > x; i--) at[i] = at[i - 1];
    at[i] = x;
  }
  return n;
}

/*
** Narrows the bracket [*lo, *hi] (f < 0 at lo, >= 0 at hi) by halving the
** list of jumps in (lo, hi], until none is left inside; then, when f jumps
** across zero at hi, to the one double below it and returns 1: the root is
** the jump, hi (else 0). A jump at hi itself counts: a bracket from last
** month's root on a jump ends there, and the falsi would creep up to it.
*/
static int narrow_to_jumps(const ree_market *m, fn f, const double *arg,
                            const double *at, int n, double *lo,
                            double *f_lo, double *hi, double *f_hi) {
  int a = 0, b = n, mid, hi_jumps = 0;
  double below, f_below;
  while (a < n && at[a] <= *lo) a++;
  while (b > a && at[b - 1] > *hi) b--;
  if (a == b) return 0;
  while (a < b) {
    double fm;
    mid = a + (b - a) / 2;
    fm = f(m, at[mid], arg, NULL);
    if (fm < 0.0) {
      *lo = at[mid], *f_lo = fm, a = mid + 1;
    } else {
      *hi = at[mid], *f_hi = fm, b = mid, hi_jumps = 1;
    }
  }
  if (!hi_jumps) return 0;
  below = nextafter(*hi, 0.0);
  if (below <= *lo) return 1; /* lo is already the double below */
  f_below = f(m, below, arg, NULL);
  if (f_below < 0.0) {
    *lo = below, *f_lo = f_below;
    return 1;
  }
  *hi = below, *f_hi = f_below;
  return 0;
}

/*
** The price p in [P_MIN, P_MAX] where the increasing function f crosses
** zero, after widening a bracket from [*lo_io, *hi_io] (a guess; both 1
** US$/kg when there is none) by tens, by the bracket above in log p, its
** jumps j (NULL: none known) set apart first. The last bracket is left in
** *lo_io, *hi_io. Returns 0, or -1 when f never changes sign.
*/
static int root_bracket(const ree_market *m, fn f, const double *arg,
                        const jumps *j, double *out, double *lo_io,
                        double *hi_io) {
  /* a guess off the prices there are (one that overflowed with a wedge
  ** near zero, say) starts at their edge: lo /= 10 would never leave inf */
  double lo = fmin(fmax(*lo_io, P_MIN), P_MAX), hi = fmin(fmax(*hi_io, P_MIN), P_MAX);
  double f_lo, f_hi, at[MAX_JUMPS], newton = NAN, f_last = INFINITY;
  falsi s;
  int i, on_jump = 0;
  while ((f_lo = f(m, lo, arg, NULL)) > 0.0 && lo > P_MIN) lo /= 10.0;
  while ((f_hi = f(m, hi, arg, NULL)) < 0.0 && hi < P_MAX) hi *= 10.0;
  if (f_lo > 0.0 || f_hi < 0.0) return -1;
  if (f_lo < 0.0 && f_hi > 0.0)
    on_jump = narrow_to_jumps(m, f, arg, at, jump_points(m, j, at), &lo, &f_lo, &hi, &f_hi);
  falsi_start(&s, log(lo), f_lo, log(hi), f_hi);
  for (i = 0; i < 400 && hi / lo > 1.0 + 1e-15 && s.fa < 0.0 && s.fb > 0.0; i++) {
    double mid = exp(falsi_next(&s, 0.4e-15, newton)), f_mid, slope; /* (the loop stops at 1e-15) */
    if (!(mid > lo && mid < hi)) mid = sqrt(lo * hi);
    f_mid = f(m, mid, arg, &slope);
    /* Newton's next point in log p, from this one, while each of its steps
    ** at least halves |f| (the gaps rise: a slope that does not, none, or
    ** a kink that stalls it leaves the falsi to choose) */
    newton = slope > 0.0 && fabs(f_mid) < 0.5 * f_last ? log(mid) - f_mid / slope : NAN;
    f_last = fabs(f_mid);
    falsi_keep(&s, log(mid), f_mid, f_mid < 0.0);
    if (f_mid < 0.0)
      lo = mid;
    else
      hi = mid;
  }
  /* a jump across zero, or an end where f is exactly 0, is the root */
  *out = on_jump ? hi : s.fa == 0.0 ? lo : s.fb == 0.0 && s.fa < 0.0 ? hi : sqrt(lo * hi);
  *lo_io = lo;
  *hi_io = hi;
  return 0;
}

static int root(const ree_market *m, fn f, const double *arg, const jumps *j,
                double *out) {
  double lo = 1.0, hi = 1.0;
  return root_bracket(m, f, arg, j, out, &lo, &hi);
}

/* The jumps of each gap below. */
static const jumps CN_JUMPS = {1, 0, 1.0, 0.0}, RW_JUMPS = {0, 1, 1.0, 0.0},
                   FREE_JUMPS = {1, 1, 1.0, 0.0};

/*
** The quantity China sells where ES(p) meets ED(w p), p in [lo, hi] (the
** bisection's last bracket). On a step of a merit order one side jumps
** inside the bracket while the other is flat: the traded quantity is where
** the two ranges [ES(lo), ES(hi)] and [ED(w hi), ED(w lo)] overlap.
*/
static double crossing(const ree_market *m, double w, double lo, double hi) {
  double a = excess_supply(m, lo, NULL), b = excess_supply(m, hi, NULL);
  double c = excess_demand(m, w * hi + m->licence, NULL);
  double d = excess_demand(m, w * lo + m->licence, NULL);
  double from = a > c ? a : c, to = b < d ? b : d;
  return from <= to ? (from + to) / 2.0 : (a + b + c + d) / 4.0;
}

/* ES(p) - ED(w p + L): zero at the price with the wedge (arg[0] = w)
** and the licence L. (Each gap gives its slope in log p into *dl when dl
** is not NULL: d ED(q) / d log p is its slope in log q times w p / q.) */
static double tax_gap(const ree_market *m, double p, const double *w, double *dl) {
  double q = *w * p + m->licence, ds, dd;
  double gap = excess_supply(m, p, &ds) - excess_demand(m, q, &dd);
  if (dl != NULL) *dl = ds - dd * (*w * p / q);
  return gap;
}

/* ES(p) - ED(p): zero at the free-trade price. */
static double free_gap(const ree_market *m, double p, const double *unused, double *dl) {
  double ds, dd, gap = excess_supply(m, p, &ds) - excess_demand(m, p, &dd);
  (void)unused;
  if (dl != NULL) *dl = ds - dd;
  return gap;
}

/* target - ED(p), increasing: zero where the rest of the world's excess
** demand is the target (0: where it clears on its own). */
static double rw_gap(const ree_market *m, double p, const double *target, double *dl) {
  double dd, gap = *target - excess_demand(m, p, &dd);
  if (dl != NULL) *dl = -dd;
  return gap;
}

/* ES(p) - target: China's price for given exports (arg[0]). */
static double supply_gap(const ree_market *m, double p, const double *target, double *dl) {
  return excess_supply(m, p, dl) - *target;
}

/* With a binding quota, legal exports as a function of P_rw fall; this is
** Q - legal(P_rw), increasing (arg[0] = Q). The inner solve finds P_cn. */
static double quota_gap(const ree_market *m, double p_rw, const double *q, double *dl) {
  double total = excess_demand(m, p_rw, NULL), p_cn;
  if (dl != NULL) *dl = NAN; /* (an inner solve: no slope; the falsi steps) */
  if (root(m, supply_gap, &total, &CN_JUMPS, &p_cn) != 0) return -1.0; /* China cannot
                                                              ** supply: raise */
  return *q - (total - leakage(m, p_cn, p_rw));
}

/* The integral of curve c over [lo, hi], lo <= hi, in closed form. */
static double integral_open(const ree_curve *c, double lo, double hi) {
  double q = 0.0, u, v;
  int k;
  switch (c->kind) {
    case REE_CURVE_ELASTIC:
      if (c->b == -1.0) return c->a * log(hi / lo);
      return c->a / (c->b + 1.0) * (pow(hi, c->b + 1.0) - pow(lo, c->b + 1.0));
    case REE_CURVE_LINEAR: /* max(0, a + b p): only where it is positive */
      u = lo, v = hi;
      if (c->b > 0.0 && -c->a / c->b > u) u = -c->a / c->b;
      if (c->b < 0.0 && -c->a / c->b < v) v = -c->a / c->b;
      if (c->b == 0.0 && c->a <= 0.0) return 0.0;
      return u < v ? c->a * (v - u) + c->b / 2.0 * (v * v - u * u) : 0.0;
    case REE_CURVE_STEPS:
      for (k = 0; k < c->n; k++)
        if (c->cost[k] < hi) q += c->cap[k] * (hi - (c->cost[k] > lo ? c->cost[k] : lo));
      return q;
    default:
      return 0.0;
  }
}

/*
** The integral of min(c(p), cap) over [a, b] (cap < 0: no cap), exactly:
** a rising curve is integrated up to where it meets the cap (found by
** bisection, which a step needs), and the cap is flat beyond.
*/
static double integral(const ree_curve *c, double a, double b, double cap) {
  double lo = a < b ? a : b, hi = a < b ? b : a, sign = a < b ? 1.0 : -1.0;
  double x = lo, y = hi;
  int i;
  if (lo == hi) return 0.0;
  if (cap < 0.0 || ree_curve_at(c, hi) <= cap) return sign * integral_open(c, lo, hi);
  if (ree_curve_at(c, lo) >= cap) return sign * cap * (hi - lo);
  for (i = 0; i < 200 && y - x > 1e-15 * y; i++) {
    double mid = (x + y) / 2.0;
    if (ree_curve_at(c, mid) < cap)
      x = mid;
    else
      y = mid;
  }
  return sign * (integral_open(c, lo, y) + cap * (hi - y));
}

/* Consumer or producer surplus between two prices, in US$. */
static double area(const ree_curve *c, double a, double b, double cap) {
  return integral(c, a, b, cap) * KG_PER_T;
}

/* What does not depend on the licence price: the wedge, and the
** free-trade solve (the price, its last bracket, what trades there); and
** the last price the wedge cleared at, with its licence price, for the
** next solve at another licence price to start from. */
typedef struct free_trade {
  double w, p_free, lo, hi, total;
  int solved;
  double last_p, last_L;
} free_trade;

static int solve_free(const ree_market *m, free_trade *ft, ree_err *err) {
  char at[WHEN_MAX];
  double one = 1.0;
  ree_market free = *m;
  int rc;
  if ((rc = check(m, err)) != REE_OK) return rc;
  ft->w = (1.0 + m->tax) * (1.0 + m->vat_lost);
  ft->lo = ft->hi = 1.0;
  if (m->near > P_MIN && m->near < P_MAX) /* 10% either side, widened if missed */
    ft->lo = m->near / 1.1, ft->hi = m->near * 1.1;
  ft->solved = 0;
  if (root_bracket(m, free_gap, &one, &FREE_JUMPS, &ft->p_free, &ft->lo, &ft->hi) != 0)
    return ree_err_set(err, REE_ESINGULAR, "market '%s', %s: no price clears: "
                       "China's excess supply never meets the rest of the "
                       "world's excess demand", m->name ? m->name : "?",
                       when(m, at));
  free.licence = 0.0;
  ft->total = crossing(&free, 1.0, ft->lo, ft->hi);
  return REE_OK;
}

/*
** Without a binding quota: the regime the wedge leaves (China imports,
** exports with the wedge, or no trade), into r and the two prices.
*/
/*
** A bracket for China's price with the wedge at m's licence price L: after
** a solve at L0 whose price was p0, within [p0 - (L - L0) / w, p0] when L
** rises (China's price falls; FOB rises, by no more than L - L0), and the
** mirror when it falls; else from the free-trade bracket, where ED(w p +
** L) is no more than ED(p) and China's price is p_free - L over w or
** below. Either is a guess: root_bracket widens one that misses.
*/
static void wedge_bracket(const ree_market *m, const free_trade *ft,
                          double *lo, double *hi) {
  double w = ft->w, shift;
  if (ft->solved) {
    shift = (m->licence - ft->last_L) / w;
    *lo = (shift > 0.0 ? ft->last_p - shift : ft->last_p) * (1.0 - 1e-12);
    *hi = (shift < 0.0 ? ft->last_p - shift : ft->last_p) * (1.0 + 1e-12);
    if (*lo > P_MIN) return;
  }
  *hi = ft->hi;
  *lo = (ft->lo - m->licence) / w;
  if (!(*lo > P_MIN)) *lo = ft->lo / (10.0 * w);
}

static int clear_wedge(const ree_market *m, free_trade *ft,
                       ree_market_result *r, double *p_cn, double *p_rw,
                       ree_err *err) {
  const char *name = m->name ? m->name : "?";
  char at[WHEN_MAX];
  double zero = 0.0, total = ft->total, lo, hi, w = ft->w;
  jumps j; /* the wedge's: China's costs, and the rest of the world's at w p + L */
  r->p_free = ft->p_free;
  if (total < 0.0) {
    /* the rest of the world has a surplus at the free-trade price: China
    ** imports it, and its export policy has nothing to act on */
    *p_cn = *p_rw = r->p_free;
    r->imports = -total;
    return REE_OK;
  }
  wedge_bracket(m, ft, &lo, &hi);
  j.cn = j.rw = 1, j.w = w, j.L = m->licence;
  if (root_bracket(m, tax_gap, &w, &j, p_cn, &lo, &hi) != 0)
    return ree_err_set(err, REE_ESINGULAR, "market '%s', %s: no price "
                       "clears with a wedge of %g", name, when(m, at), w);
  ft->solved = 1, ft->last_p = *p_cn, ft->last_L = m->licence;
  *p_rw = w * *p_cn + m->licence;
  total = crossing(m, w, lo, hi);
  if (total < 0.0) {
    /* the wedge is wider than the gap between the two closed markets:
    ** no trade, each side clears on its own */
    if (root(m, supply_gap, &zero, &CN_JUMPS, p_cn) != 0 ||
        root(m, rw_gap, &zero, &RW_JUMPS, p_rw) != 0)
      return ree_err_set(err, REE_ESINGULAR, "market '%s', %s: no price "
                         "clears without trade", name, when(m, at));
    return REE_OK;
  }
  r->leakage = leakage(m, *p_cn, *p_rw);
  if (r->leakage > total) r->leakage = total;
  r->legal = total - r->leakage;
  return REE_OK;
}

/*
** The quota binds: P_rw rises until legal exports fit it; without leakage
** that is ED(P_rw) = Q, one solve instead of one in another.
*/
static int bind_quota(const ree_market *m, double w, ree_market_result *r,
                      double *p_cn, double *p_rw, ree_err *err) {
  const char *name = m->name ? m->name : "?";
  char at[WHEN_MAX];
  double total;
  int no_root = m->leak_l0 == 0.0 ? root(m, rw_gap, &m->quota, &RW_JUMPS, p_rw)
                                  : root(m, quota_gap, &m->quota, NULL, p_rw);
  if (no_root != 0 || *p_rw < w * *p_cn + m->licence)
    return ree_err_set(err, REE_ESINGULAR, "market '%s', %s: no price "
                       "clears under a quota of %g t", name, when(m, at),
                       m->quota);
  /* (on a step of a merit order ED jumps across Q: the quota is what
  ** trades) */
  total = m->leak_l0 == 0.0 ? m->quota : excess_demand(m, *p_rw, NULL);
  if (root(m, supply_gap, &total, &CN_JUMPS, p_cn) != 0)
    return ree_err_set(err, REE_ESINGULAR, "market '%s', %s: China cannot "
                       "supply %g t of exports", name, when(m, at), total);
  r->leakage = leakage(m, *p_cn, *p_rw);
  r->legal = m->quota;
  r->quota_binding = 1;
  r->quota_rent = (*p_rw - w * *p_cn) * m->quota * KG_PER_T;
  return REE_OK;
}

/*
** At the clearing prices: the quantities, China's revenues and the
** welfare changes against free trade (consumers and producers on each
** side; China also keeps the tax, the quota rent and what smugglers earn).
*/
static int settle(const ree_market *m, ree_market_result *r, double p_cn,
                  double p_rw, ree_err *err) {
  char at[WHEN_MAX];
  r->p_cn = p_cn;
  r->p_rw = p_rw;
  r->exports = r->legal + r->leakage - r->imports;
  r->d_cn = ree_curve_at(&m->d_cn, p_cn);
  r->fringe = ree_curve_at(&m->fringe, p_cn);
  r->bought_cn = bought(&m->hold_cn, m->stock_cn, p_cn);
  r->s_cn = r->d_cn + r->bought_cn + r->exports - r->fringe; /* legal
                                                               ** supply, as used */
  r->d_rw = ree_curve_at(&m->d_rw, p_rw);
  r->bought_rw = bought(&m->hold_rw, m->stock_rw, p_rw);
  r->s_rw = r->d_rw + r->bought_rw - r->exports;
  r->tax_revenue = m->tax * p_cn * r->legal * KG_PER_T;
  r->vat_revenue = m->vat_lost * (1.0 + m->tax) * p_cn * r->legal * KG_PER_T;
  r->tax_equivalent = p_rw / ((1.0 + m->vat_lost) * p_cn) - 1.0;
  r->d_cs_cn = area(&m->d_cn, p_cn, r->p_free, -1.0);
  r->d_ps_cn = -(area(&m->s_cn, p_cn, r->p_free, m->cap) +
                 area(&m->fringe, p_cn, r->p_free, -1.0));
  r->d_cs_rw = -area(&m->d_rw, r->p_free, p_rw, -1.0);
  r->d_ps_rw = area(&m->s_rw, r->p_free, p_rw, -1.0);
  r->deadweight = -(r->d_cs_cn + r->d_ps_cn + r->tax_revenue +
                    r->vat_revenue + r->quota_rent +
                    (p_rw - p_cn) * r->leakage * KG_PER_T + r->d_cs_rw +
                    r->d_ps_rw);
  /* finite parameters can still overflow on the way (leakage l0 gap^g
  ** with a large g, a curve far out): that is no solution, never a NaN */
  if (!isfinite(r->exports) || !isfinite(r->s_cn) || !isfinite(r->s_rw) ||
      !isfinite(r->deadweight))
    return ree_err_set(err, REE_EDOMAIN, "market '%s', %s: the quantities "
                       "overflow at the clearing prices (%g and %g US$/kg): "
                       "the curves or the leakage give no finite solution",
                       m->name ? m->name : "?", when(m, at), p_cn, p_rw);
  return REE_OK;
}

/* The prices and quantities of market m at its licence price (no
** welfare): the regime, then the quota if it binds. */
static int clear_prices(const ree_market *m, free_trade *ft,
                        ree_market_result *r, double *p_cn, double *p_rw,
                        ree_err *err) {
  int rc;
  memset(r, 0, sizeof *r);
  if ((rc = clear_wedge(m, ft, r, p_cn, p_rw, err)) != REE_OK) return rc;
  if (m->quota >= 0.0 && r->legal > m->quota)
    return bind_quota(m, ft->w, r, p_cn, p_rw, err);
  r->quota_rent = m->licence * r->legal * KG_PER_T; /* the shared quota's */
  return REE_OK;
}

int ree_market_clear(const ree_market *m, ree_market_result *r, ree_err *err) {
  free_trade ft;
  double p_cn, p_rw;
  int rc;
  if (m == NULL || r == NULL) return ree_err_set(err, REE_EINVAL, "no market");
  if ((rc = solve_free(m, &ft, err)) != REE_OK ||
      (rc = clear_prices(m, &ft, r, &p_cn, &p_rw, err)) != REE_OK)
    return rc;
  return settle(m, r, p_cn, p_rw, err);
}

/*
** The search for the licence price of markets that share a quota: each
** clearing at a licence price L gives the legal exports' excess over the
** quota, g(L), which falls as L rises. The last clearing with g <= 0 is
** kept: it is the falsi's upper end, so the answer, at the end, is the
** clearing already made there and needs only its welfare.
*/
typedef struct joint {
  const ree_market *ms;
  free_trade *ft;
  int n;
  double quota;
  ree_market_result *rs, *kept; /* the last clearing's, the kept one's */
  double kept_L;
} joint;

/* Where the search stops: exports within this share of the quota below it
** (each market's prices are solved to the last digits, but the exports'
** sum carries their rounding, some 1e-13 of the quota: a bracket narrowed
** to the licence price's last digits would narrow on noise) */
#define G_TOL 1e-11

/* Every market at licence price L (no welfare): g(L) into *g; the
** clearing kept when g <= 0. */
static int clear_at(joint *j, double L, double *g, ree_err *err) {
  double legal = 0.0;
  int i, rc;
  for (i = 0; i < j->n; i++) {
    ree_market m = j->ms[i];
    m.licence = L;
    if ((rc = clear_prices(&m, &j->ft[i], &j->rs[i], &j->rs[i].p_cn, &j->rs[i].p_rw, err)) != REE_OK)
      return rc;
    legal += j->rs[i].legal;
  }
  *g = legal - j->quota;
  if (*g <= 0.0) {
    memcpy(j->kept, j->rs, (size_t)j->n * sizeof *j->rs);
    j->kept_L = L;
  }
  return REE_OK;
}

/*
** A bracket [*lo, *hi] of the licence price, g(lo) > 0 >= g(hi); *hi = 0
** when the quota is slack at no licence price. Without a guess it grows
** from 1 US$/kg by tens. From a guess (last month's, near this month's)
** it steps away from it, up or down as g there says, by a factor that
** squares each step (2, 4, 16, 256, ...: a closer first step, 1.05 or
** 1.2, was measured to cost more clearings than it saves); downward, past
** a thousandth of the guess, it tries 0, where the quota may be slack.
*/
#define GUESS_STEP 2.0

static int bracket(joint *j, double guess, double *lo, double *g_lo,
                   double *hi, double *g_hi, ree_err *err) {
  double step = guess > 0.0 ? GUESS_STEP : 10.0, g;
  int rc;
  *lo = 0.0, *hi = guess > 0.0 ? fmin(guess, P_MAX) : 1.0;
  if (guess > 0.0) {
    if ((rc = clear_at(j, *hi, &g, err)) != REE_OK) return rc;
    if (g > 0.0) {
      *lo = *hi, *g_lo = g, *hi *= step;
    } else {
      for (*g_hi = g; *hi > guess * 1e-3; step *= step) {
        double x = *hi / step;
        if ((rc = clear_at(j, x, &g, err)) != REE_OK) return rc;
        if (g > 0.0) return *lo = x, *g_lo = g, REE_OK;
        *hi = x, *g_hi = g;
      }
    }
  }
  if (*lo == 0.0) { /* no guess, or the answer is far below it: is it slack? */
    if ((rc = clear_at(j, 0.0, g_lo, err)) != REE_OK) return rc;
    if (*g_lo <= 0.0) *hi = 0.0;
    if (*g_lo <= 0.0 || guess > 0.0) return REE_OK;
  }
  for (;; step = guess > 0.0 ? step * step : step) {
    if ((rc = clear_at(j, *hi, g_hi, err)) != REE_OK) return rc;
    if (*g_hi <= 0.0) return REE_OK;
    if (*hi > P_MAX)
      return ree_err_set(err, REE_ESINGULAR, "no licence price brings exports "
                         "down to the shared quota of %g t", j->quota);
    *lo = *hi, *g_lo = *g_hi, *hi *= step;
  }
}

int ree_market_clear_joint(const ree_market *ms, int n, double quota,
                           ree_market_result *rs, double *licence,
                           ree_err *err) {
  return ree_market_clear_joint_near(ms, n, quota, 0.0, rs, licence, err);
}

int ree_market_clear_joint_near(const ree_market *ms, int n, double quota,
                                double guess, ree_market_result *rs,
                                double *licence, ree_err *err) {
  joint j;
  double lo, g_lo, hi, g_hi, g;
  falsi s;
  int i, rc = REE_OK;
  if (ms == NULL || rs == NULL || licence == NULL || n < 1)
    return ree_err_set(err, REE_EINVAL, "no markets");
  if (!(quota >= 0.0) || !isfinite(quota))
    return ree_err_set(err, REE_EDOMAIN, "a shared quota must be 0 t or more, "
                       "not %g", quota);
  if (!(guess >= 0.0) || !isfinite(guess))
    return ree_err_set(err, REE_EDOMAIN, "a licence price to start from must "
                       "be 0 US$/kg or more, not %g", guess);
  *licence = 0.0;
  j.ms = ms, j.n = n, j.quota = quota, j.rs = rs;
  j.ft = (free_trade *)ree_malloc((size_t)n * (sizeof *j.ft + sizeof *j.kept));
  if (j.ft == NULL) return ree_err_set(err, REE_ENOMEM, "out of memory");
  j.kept = (ree_market_result *)(j.ft + n);
  for (i = 0; i < n && rc == REE_OK; i++) rc = solve_free(&ms[i], &j.ft[i], err);
  if (rc == REE_OK) rc = bracket(&j, guess, &lo, &g_lo, &hi, &g_hi, err);
  if (rc == REE_OK && hi > 0.0) {
    /* legal exports fall as the licence price rises: the falsi narrows the
    ** bracket to the price where they meet the quota */
    falsi_start(&s, lo, g_lo, hi, g_hi);
    for (i = 0; i < 200 && s.b - s.a > 1e-13 * s.b && -g_hi > G_TOL * quota && rc == REE_OK; i++) {
      double mid = falsi_next(&s, 0.4e-13 * s.b, NAN);
      if ((rc = clear_at(&j, mid, &g, err)) == REE_OK) falsi_keep(&s, mid, g, g > 0.0);
      if (g <= 0.0) g_hi = g;
    }
  }
  /* the answer, with its welfare: the kept clearing (licence 0: slack) */
  for (i = 0; i < n && rc == REE_OK; i++) {
    ree_market m = ms[i];
    m.licence = j.kept_L;
    rs[i] = j.kept[i];
    rc = settle(&m, &rs[i], rs[i].p_cn, rs[i].p_rw, err);
    if (j.kept_L > 0.0) rs[i].quota_binding = 1;
  }
  if (rc == REE_OK) *licence = j.kept_L;
  ree_free(j.ft);
  return rc;
}
