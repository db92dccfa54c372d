/*
** reconcile.c: weighted-least-squares reconciliation of linear balances.
**
** The steps, each a function below: eliminate the unknown flows, reduce
** the balances left to independent ones, adjust the measured flows, derive
** the unknowns, check every balance. The elimination is linalg.c's.
*/
#include <math.h>
#include <string.h>

#include "linalg.h"
#include "reconcile.h"

#define TOL 1e-10

/* {==================================================================
** The chi-square distribution: the regularised upper incomplete gamma
** function, by its series below a + 1 and its continued fraction above
** (Press et al., Numerical Recipes, 6.2).
** =================================================================== */

static double gamma_series(double a, double x) {
  double sum = 1.0 / a, term = sum, ap = a;
  int i;
  for (i = 0; i < 1000; i++) {
    ap += 1.0;
    term *= x / ap;
    sum += term;
    if (fabs(term) < fabs(sum) * 1e-16) break;
  }
  return sum * exp(-x + a * log(x) - lgamma(a)); /* the lower P(a, x) */
}

static double gamma_fraction(double a, double x) {
  double b = x + 1.0 - a, c = 1.0 / 1e-300, d = 1.0 / b, h = d;
  int i;
  for (i = 1; i < 1000; i++) {
    double an = -i * (i - a), delta;
    b += 2.0;
    d = an * d + b;
    if (fabs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (fabs(c) < 1e-300) c = 1e-300;
    d = 1.0 / d;
    delta = d * c;
    h *= delta;
    if (fabs(delta - 1.0) < 1e-16) break;
  }
  return exp(-x + a * log(x) - lgamma(a)) * h; /* the upper Q(a, x) */
}

double ree_chi2_sf(double x, int df) {
  double a = df / 2.0, half = x / 2.0;
  if (df <= 0) return 1.0;
  if (!(x > 0.0)) return 1.0;
  if (half < a + 1.0) return 1.0 - gamma_series(a, half);
  return gamma_fraction(a, half);
}

/* }================================================================== */

typedef struct work {
  const ree_recon_problem *p;
  int n, k, width;  /* flows, balances, n + 1 */
  double scale;     /* the largest coefficient */
  double *w;        /* [k][n + 1]: the balances, then their right side */
  double *m;        /* [weighed][weighed + nm + 1]: the normal equations */
  double *qhat;     /* [nm][nm]: covariance of the reconciled values */
  int *pivot_of;    /* [n]: the row that determines unknown flow j, or -1 */
  int *measured;    /* [nm]: the measured flows, the nw weighed ones (an
                    ** uncertainty above 0) first, then the exact ones */
  int nm, nw;
  int *reduced;     /* [k]: rows left after the unknowns, independent first */
  int nr, weighed;  /* rows left; of them, those that weigh measured flows */
  int *nz, *nz_n;   /* [weighed][nm], [weighed]: each weighing row's measured
                    ** flows with a coefficient (places in measured[]) */
  int *in_row, *in_row_n; /* [nm][weighed], [nm]: the rows each measured flow is in */
} work;

static void release(work *s) {
  ree_free(s->w);
  ree_free(s->m);
  ree_free(s->qhat);
  ree_free(s->pivot_of);
  ree_free(s->measured);
  ree_free(s->reduced);
  ree_free(s->nz);
  ree_free(s->nz_n);
  ree_free(s->in_row);
  ree_free(s->in_row_n);
}

static int is_unknown(double sd) { return !(sd >= 0.0); }

static int check_problem(const ree_recon_problem *p, const ree_recon_result *r,
                         int *bad_flow, ree_err *err) {
  int i, j;
  if (p == NULL || r == NULL || p->flows < 1 || p->constraints < 0 ||
      (p->constraints > 0 && (p->a == NULL || p->c == NULL)) ||
      p->value == NULL || p->sd == NULL || r->value == NULL || r->sd == NULL)
    return ree_err_set(err, REE_EINVAL, "no reconciliation problem");
  for (i = 0; i < p->constraints * p->flows; i++)
    if (!isfinite(p->a[i]))
      return ree_err_set(err, REE_EDOMAIN, "a coefficient is not a number");
  for (j = 0; j < p->flows; j++)
    if (!is_unknown(p->sd[j]) && !isfinite(p->value[j])) {
      if (bad_flow != NULL) *bad_flow = j;
      return ree_err_set(err, REE_EDOMAIN,
                         "flow %d is measured but its value is not a number",
                         j);
    }
  return REE_OK;
}

/* The work space, and the balances copied into s->w. */
static int prepare(work *s, const ree_recon_problem *p, ree_err *err) {
  int i, j, n = p->flows, k = p->constraints, rows = k > 0 ? k : 1;
  memset(s, 0, sizeof *s);
  s->p = p;
  s->n = n;
  s->k = k;
  s->width = n + 1;
  s->w = (double *)ree_malloc((size_t)rows * (size_t)s->width * sizeof(double));
  s->pivot_of = (int *)ree_malloc((size_t)n * sizeof(int));
  s->measured = (int *)ree_malloc((size_t)n * sizeof(int));
  s->reduced = (int *)ree_malloc((size_t)rows * sizeof(int));
  if (s->w == NULL || s->pivot_of == NULL || s->measured == NULL ||
      s->reduced == NULL)
    return ree_err_set(err, REE_ENOMEM, "out of memory");
  for (i = 0; i < k; i++) {
    memcpy(&s->w[i * s->width], &p->a[i * n], (size_t)n * sizeof(double));
    s->w[i * s->width + n] = p->c[i];
    for (j = 0; j < n; j++) s->scale = fmax(s->scale, fabs(p->a[i * n + j]));
  }
  if (s->scale == 0.0) s->scale = 1.0;
  /* the measured flows, those with an uncertainty to weigh first */
  for (j = 0; j < n; j++)
    if (p->sd[j] > 0.0) s->measured[s->nm++] = j;
  s->nw = s->nm;
  for (j = 0; j < n; j++)
    if (p->sd[j] == 0.0) s->measured[s->nm++] = j;
  return REE_OK;
}

static int undetermined(int j, int *bad_flow, ree_err *err) {
  if (bad_flow != NULL) *bad_flow = j;
  return ree_err_set(err, REE_ESINGULAR, "flow %d is unknown and the "
                     "balances do not determine it", j);
}

/*
** 1. Gauss-Jordan on the unknown flows' columns: each unknown takes a row
**    that expresses it by measured flows; the rows left over (s->reduced,
**    in their order) constrain measured flows only.
*/
static int eliminate_unknowns(work *s, int *bad_flow, ree_err *err) {
  int i, j, t, width = s->width;
  const double *sd = s->p->sd;
  for (i = 0; i < s->k; i++) s->reduced[i] = i;
  s->nr = s->k;
  for (j = 0; j < s->n; j++) {
    s->pivot_of[j] = -1;
    if (!is_unknown(sd[j])) continue;
    t = ree_la_pivot(s->w, width, s->reduced, s->nr, j, TOL * s->scale);
    if (t < 0) return undetermined(j, bad_flow, err);
    s->pivot_of[j] = s->reduced[t];
    memmove(&s->reduced[t], &s->reduced[t + 1],
            (size_t)(s->nr - t - 1) * sizeof(int));
    s->nr--;
    ree_la_jordan(s->w, width, s->k, s->pivot_of[j], j);
  }
  /* an unknown that another unknown's row still holds was left free */
  for (j = 0; j < s->n; j++) {
    int j2;
    if (s->pivot_of[j] < 0) continue;
    for (j2 = 0; j2 < s->n; j2++)
      if (j2 != j && is_unknown(sd[j2]) &&
          fabs(s->w[s->pivot_of[j] * width + j2]) > TOL * s->scale)
        return undetermined(j2, bad_flow, err);
  }
  return REE_OK;
}

/* Row r's residual at the measured values: a x~ - c over measured flows. */
static double residual(const work *s, const double *row) {
  double e = -row[s->n];
  int v;
  for (v = 0; v < s->nm; v++)
    e += row[s->measured[v]] * s->p->value[s->measured[v]];
  return e;
}

/*
** Gaussian elimination of the rows s->reduced[rank..nr) over the columns
** of the measured flows from..to-1; returns the rank reached.
*/
static int eliminate_columns(work *s, int from, int to, int rank) {
  int v, t, width = s->width;
  for (v = from; v < to && rank < s->nr; v++) {
    int col = s->measured[v], *rows = &s->reduced[rank], left = s->nr - rank;
    int best = ree_la_pivot(s->w, width, rows, left, col, TOL * s->scale);
    const double *pivot;
    if (best < 0) continue;
    t = rows[0], rows[0] = rows[best], rows[best] = t;
    pivot = &s->w[rows[0] * width];
    for (t = 1; t < left; t++) {
      double *row = &s->w[rows[t] * width], f = row[col] / pivot[col];
      if (f != 0.0) ree_la_subtract(row, pivot, f, width);
    }
    rank++;
  }
  return rank;
}

/*
** 2. Reduce the leftover rows to independent ones over the measured
**    columns, the weighed flows' first. The rows that pivot on a weighed
**    flow (the first s->weighed) are the balances reconciliation adjusts;
**    a row that pivots on an exact flow holds exact flows only and must
**    hold as it is; a row that vanishes must have a zero right side, or
**    it contradicts the others.
*/
static int reduce_rows(work *s, ree_err *err) {
  double tol = TOL * s->scale * 1e3;
  int t, rank;
  s->weighed = eliminate_columns(s, 0, s->nw, 0);
  rank = eliminate_columns(s, s->nw, s->nm, s->weighed);
  for (t = rank; t < s->nr; t++)
    if (fabs(s->w[s->reduced[t] * s->width + s->n]) > tol)
      return ree_err_set(err, REE_EDOMAIN, "balance %d cannot hold: it "
                         "contradicts the others", s->reduced[t]);
  for (t = s->weighed; t < rank; t++)
    if (fabs(residual(s, &s->w[s->reduced[t] * s->width])) > tol)
      return ree_err_set(err, REE_EDOMAIN, "balance %d cannot hold: its "
                         "flows are exact", s->reduced[t]);
  return REE_OK;
}

/*
** 3. Adjust the measured flows over the weighed balances R:
**    M = R Q R', [X | lambda] = M^-1 [R Q | R x~ - c],
**    x^ = x~ - Q R' lambda, Q^ = Q - Q R' X, chi2 = (R x~ - c)' lambda.
**    R's rows are independent over the weighed flows, so M is positive
**    definite.
*/
static int adjust_measured(work *s, ree_recon_result *r, ree_err *err) {
  const double *sd = s->p->sd, *value = s->p->value;
  int nb = s->weighed, nm = s->nm, mw = nb + nm + 1, t, u, v, e;
  double *m;
  size_t rows = (size_t)(nb > 0 ? nb : 1), cols = (size_t)(nm > 0 ? nm : 1);
  s->m = (double *)ree_malloc(rows * (size_t)mw * sizeof(double));
  s->qhat = (double *)ree_malloc(cols * cols * sizeof(double));
  s->nz = (int *)ree_malloc(rows * cols * sizeof(int));
  s->nz_n = (int *)ree_malloc(rows * sizeof(int));
  s->in_row = (int *)ree_malloc(cols * rows * sizeof(int));
  s->in_row_n = (int *)ree_malloc(cols * sizeof(int));
  if (s->m == NULL || s->qhat == NULL || s->nz == NULL || s->nz_n == NULL || s->in_row == NULL ||
      s->in_row_n == NULL)
    return ree_err_set(err, REE_ENOMEM, "out of memory");
  m = s->m;
  /* balances name few flows: the sums below run over their nonzero
  ** coefficients only, the same sums in the same order as over all */
  for (v = 0; v < nm; v++) s->in_row_n[v] = 0;
  for (t = 0; t < nb; t++) {
    const double *rt = &s->w[s->reduced[t] * s->width];
    s->nz_n[t] = 0;
    for (v = 0; v < nm; v++)
      if (rt[s->measured[v]] != 0.0) {
        s->nz[(size_t)t * cols + (size_t)s->nz_n[t]++] = v;
        s->in_row[(size_t)v * rows + (size_t)s->in_row_n[v]++] = t;
      }
  }
  for (t = 0; t < nb; t++) {
    const double *rt = &s->w[s->reduced[t] * s->width];
    for (u = 0; u < nb; u++) {
      const double *ru = &s->w[s->reduced[u] * s->width];
      double sum = 0.0;
      for (e = 0; e < s->nz_n[t]; e++) {
        int f = s->measured[s->nz[(size_t)t * cols + (size_t)e]];
        sum += rt[f] * sd[f] * sd[f] * ru[f];
      }
      m[t * mw + u] = sum;
    }
    for (v = 0; v < nm; v++) {
      int f = s->measured[v];
      m[t * mw + nb + v] = rt[f] * sd[f] * sd[f];
    }
    m[t * mw + mw - 1] = residual(s, rt);
  }
  if ((t = ree_la_solve(m, nb, mw, 0.0)) >= 0)
    return ree_err_set(err, REE_EDOMAIN, "balance %d cannot be weighed: "
                       "the weights of its flows vanish in floating point",
                       s->reduced[t]);
  r->chi2 = 0.0;
  r->df = nb;
  for (t = 0; t < nb; t++)
    r->chi2 += residual(s, &s->w[s->reduced[t] * s->width]) * m[t * mw + mw - 1];
  r->p_value = ree_chi2_sf(r->chi2, r->df);
  for (v = 0; v < nm; v++) {
    int f = s->measured[v];
    double q = sd[f] * sd[f], adjust = 0.0, shrink;
    const int *rows_of = &s->in_row[(size_t)v * rows];
    for (e = 0; e < s->in_row_n[v]; e++) {
      t = rows_of[e];
      adjust += s->w[s->reduced[t] * s->width + f] * q * m[t * mw + mw - 1];
    }
    r->value[f] = value[f] - adjust;
    for (u = 0; u < nm; u++) {
      double sum = 0.0;
      for (e = 0; e < s->in_row_n[v]; e++) {
        t = rows_of[e];
        sum += s->w[s->reduced[t] * s->width + f] * q * m[t * mw + nb + u];
      }
      s->qhat[v * nm + u] = (u == v ? q : 0.0) - sum;
    }
    r->sd[f] = sqrt(fmax(s->qhat[v * nm + v], 0.0));
    shrink = q - s->qhat[v * nm + v];
    if (r->z != NULL)
      r->z[f] = shrink > 1e-300 ? (r->value[f] - value[f]) / sqrt(shrink) : 0.0;
  }
  return REE_OK;
}

/* 4. The unknowns from their rows: y = c - H x^, Var(y) = H Q^ H'. */
static void derive_unknowns(const work *s, ree_recon_result *r) {
  int j, u, v, nm = s->nm;
  for (j = 0; j < s->n; j++) {
    const double *row;
    double y, var = 0.0;
    if (s->pivot_of[j] < 0) continue;
    row = &s->w[s->pivot_of[j] * s->width];
    y = row[s->n];
    for (v = 0; v < nm; v++) y -= row[s->measured[v]] * r->value[s->measured[v]];
    for (v = 0; v < nm; v++)
      for (u = 0; u < nm; u++)
        var += row[s->measured[v]] * s->qhat[v * nm + u] * row[s->measured[u]];
    r->value[j] = y;
    r->sd[j] = sqrt(fmax(var, 0.0));
    if (r->z != NULL) r->z[j] = 0.0;
  }
}

/*
** 5. Every balance holds by construction, unless exact flows that the
**    elimination could not weigh contradict one: say so, never hand out
**    values that break a balance.
*/
static int check_balances(const work *s, const ree_recon_result *r,
                          ree_err *err) {
  const ree_recon_problem *p = s->p;
  int i, j;
  for (i = 0; i < s->k; i++) {
    double sum = -p->c[i], size = fabs(p->c[i]);
    for (j = 0; j < s->n; j++) {
      sum += p->a[i * s->n + j] * r->value[j];
      size += fabs(p->a[i * s->n + j] * r->value[j]);
    }
    if (!(fabs(sum) <= 1e-7 * size + TOL * s->scale))
      return ree_err_set(err, REE_EDOMAIN, "balance %d cannot hold: its "
                         "exact flows contradict it", i);
  }
  return REE_OK;
}

int ree_reconcile(const ree_recon_problem *p, ree_recon_result *r,
                  int *bad_flow, ree_err *err) {
  work s;
  int rc;
  if (bad_flow != NULL) *bad_flow = -1;
  if ((rc = check_problem(p, r, bad_flow, err)) != REE_OK) return rc;
  if ((rc = prepare(&s, p, err)) == REE_OK &&
      (rc = eliminate_unknowns(&s, bad_flow, err)) == REE_OK &&
      (rc = reduce_rows(&s, err)) == REE_OK &&
      (rc = adjust_measured(&s, r, err)) == REE_OK) {
    derive_unknowns(&s, r);
    rc = check_balances(&s, r, err);
  }
  release(&s);
  return rc;
}
