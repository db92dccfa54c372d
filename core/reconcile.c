/*
** reconcile.c: weighted-least-squares reconciliation of linear balances.
**
** Dense linear algebra throughout: the systems of a material-flow model
** are small (hundreds of flows), and dense elimination with partial
** pivoting is exact enough and simple to check.
*/
#include <math.h>
#include <string.h>

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
  double *w;      /* [k][n + 1]: the constraints, then their right side */
  double *m;      /* [r][r + n_measured + 1] */
  double *qhat;   /* [nm][nm]: covariance of the reconciled values */
  int *pivot_of;  /* [n]: the row that determines unknown flow j, or -1 */
  int *measured;  /* [nm]: the measured (and exact) flows' indices */
  int *reduced;   /* [k]: rows that hold measured flows only */
  char *used;     /* [k]: rows already taken by an unknown */
} work;

static void release(work *s) {
  ree_free(s->w);
  ree_free(s->m);
  ree_free(s->qhat);
  ree_free(s->pivot_of);
  ree_free(s->measured);
  ree_free(s->reduced);
  ree_free(s->used);
}

static int is_unknown(double sd) { return !(sd >= 0.0); }

/* Row operation: row[i] -= f * row[p], over `width` columns. */
static void subtract(double *row_i, const double *row_p, double f, int width) {
  int j;
  for (j = 0; j < width; j++) row_i[j] -= f * row_p[j];
}

int ree_reconcile(const ree_recon_problem *p, ree_recon_result *r,
                  int *bad_flow, ree_err *err) {
  work s;
  int n, k, width, i, j, row, nm = 0, nr = 0, rank, rc = REE_OK;
  double scale = 0.0;
  memset(&s, 0, sizeof s);
  if (bad_flow != NULL) *bad_flow = -1;
  if (p == NULL || r == NULL || p->flows < 1 || p->constraints < 0 ||
      (p->constraints > 0 && (p->a == NULL || p->c == NULL)) ||
      p->value == NULL || p->sd == NULL || r->value == NULL || r->sd == NULL)
    return ree_err_set(err, REE_EINVAL, "no reconciliation problem");
  n = p->flows;
  k = p->constraints;
  width = n + 1;
  for (i = 0; i < k * n; i++)
    if (!isfinite(p->a[i]))
      return ree_err_set(err, REE_EDOMAIN, "a coefficient is not a number");
  for (j = 0; j < n; j++)
    if (!is_unknown(p->sd[j]) && !isfinite(p->value[j])) {
      if (bad_flow != NULL) *bad_flow = j;
      return ree_err_set(err, REE_EDOMAIN,
                         "flow %d is measured but its value is not a number",
                         j);
    }
  s.w = (double *)ree_malloc((size_t)(k > 0 ? k : 1) * (size_t)width *
                             sizeof(double));
  s.pivot_of = (int *)ree_malloc((size_t)n * sizeof(int));
  s.measured = (int *)ree_malloc((size_t)n * sizeof(int));
  s.reduced = (int *)ree_malloc((size_t)(k > 0 ? k : 1) * sizeof(int));
  s.used = (char *)ree_malloc((size_t)(k > 0 ? k : 1));
  if (s.w == NULL || s.pivot_of == NULL || s.measured == NULL ||
      s.reduced == NULL || s.used == NULL) {
    rc = ree_err_set(err, REE_ENOMEM, "out of memory");
    goto done;
  }
  for (i = 0; i < k; i++) {
    memcpy(&s.w[i * width], &p->a[i * n], (size_t)n * sizeof(double));
    s.w[i * width + n] = p->c[i];
    for (j = 0; j < n; j++) scale = fmax(scale, fabs(p->a[i * n + j]));
  }
  if (scale == 0.0) scale = 1.0;
  /*
  ** 1. Gauss-Jordan on the unknown flows' columns: each unknown gets a row
  **    that expresses it by measured flows; the rows left over constrain
  **    measured flows only.
  */
  {
    char *used = s.used;
    memset(used, 0, (size_t)(k > 0 ? k : 1));
    for (j = 0; j < n; j++) {
      int best = -1;
      s.pivot_of[j] = -1;
      if (!is_unknown(p->sd[j])) {
        s.measured[nm++] = j;
        continue;
      }
      for (i = 0; i < k; i++)
        if (!used[i] && fabs(s.w[i * width + j]) > TOL * scale &&
            (best < 0 || fabs(s.w[i * width + j]) > fabs(s.w[best * width + j])))
          best = i;
      if (best < 0) {
        if (bad_flow != NULL) *bad_flow = j;
        rc = ree_err_set(err, REE_ESINGULAR, "flow %d is unknown and the "
                         "balances do not determine it", j);
        goto done;
      }
      used[best] = 1;
      s.pivot_of[j] = best;
      {
        double d = s.w[best * width + j];
        int c;
        for (c = 0; c < width; c++) s.w[best * width + c] /= d;
      }
      for (i = 0; i < k; i++)
        if (i != best && s.w[i * width + j] != 0.0)
          subtract(&s.w[i * width], &s.w[best * width], s.w[i * width + j],
                   width);
    }
    for (i = 0, row = 0; i < k; i++)
      if (!used[i]) s.reduced[row++] = i;
    nr = row;
  }
  /* an unknown that another unknown's row still holds was left free */
  for (j = 0; j < n; j++)
    if (s.pivot_of[j] >= 0) {
      int j2;
      for (j2 = 0; j2 < n; j2++)
        if (j2 != j && is_unknown(p->sd[j2]) &&
            fabs(s.w[s.pivot_of[j] * width + j2]) > TOL * scale) {
          if (bad_flow != NULL) *bad_flow = j2;
          rc = ree_err_set(err, REE_ESINGULAR, "flow %d is unknown and the "
                           "balances do not determine it", j2);
          goto done;
        }
    }
  /*
  ** 2. Reduce the leftover rows to independent ones (Gaussian elimination
  **    over the measured columns); a row that vanishes must have a zero
  **    right side, or the balances contradict each other.
  */
  rank = 0;
  for (j = 0; j < nm && rank < nr; j++) {
    int col = s.measured[j], best = -1, t;
    for (t = rank; t < nr; t++) {
      int ri = s.reduced[t];
      if (fabs(s.w[ri * width + col]) > TOL * scale &&
          (best < 0 ||
           fabs(s.w[ri * width + col]) > fabs(s.w[s.reduced[best] * width + col])))
        best = t;
    }
    if (best < 0) continue;
    t = s.reduced[rank];
    s.reduced[rank] = s.reduced[best];
    s.reduced[best] = t;
    for (t = rank + 1; t < nr; t++) {
      int ri = s.reduced[t], rp = s.reduced[rank];
      double f = s.w[ri * width + col] / s.w[rp * width + col];
      if (f != 0.0) subtract(&s.w[ri * width], &s.w[rp * width], f, width);
    }
    rank++;
  }
  for (i = rank; i < nr; i++)
    if (fabs(s.w[s.reduced[i] * width + n]) > TOL * scale * 1e3) {
      rc = ree_err_set(err, REE_EDOMAIN, "balance %d cannot hold: it "
                       "contradicts the others", s.reduced[i]);
      goto done;
    }
  /*
  ** 3. Adjust the measured flows: M = R Q R', lambda = M^-1 (R x~ - c),
  **    x^ = x~ - Q R' lambda, Q^ = Q - Q R' M^-1 R Q.
  */
  {
    int mw = rank + nm + 1, t, u, v;
    double *m;
    s.m = (double *)ree_malloc((size_t)(rank > 0 ? rank : 1) * (size_t)mw *
                               sizeof(double));
    s.qhat = (double *)ree_malloc((size_t)(nm > 0 ? nm : 1) *
                                  (size_t)(nm > 0 ? nm : 1) * sizeof(double));
    if (s.m == NULL || s.qhat == NULL) {
      rc = ree_err_set(err, REE_ENOMEM, "out of memory");
      goto done;
    }
    m = s.m;
    /* [M | R Q | R x~ - c] */
    for (t = 0; t < rank; t++) {
      const double *rt = &s.w[s.reduced[t] * width];
      double residual = -rt[n];
      for (u = 0; u < rank; u++) {
        const double *ru = &s.w[s.reduced[u] * width];
        double sum = 0.0;
        for (v = 0; v < nm; v++) {
          double sd = p->sd[s.measured[v]];
          sum += rt[s.measured[v]] * sd * sd * ru[s.measured[v]];
        }
        m[t * mw + u] = sum;
      }
      for (v = 0; v < nm; v++) {
        double sd = p->sd[s.measured[v]];
        m[t * mw + rank + v] = rt[s.measured[v]] * sd * sd;
        residual += rt[s.measured[v]] * p->value[s.measured[v]];
      }
      m[t * mw + rank + nm] = residual;
    }
    /* solve M [X | lambda] = [R Q | e] by Gauss-Jordan */
    for (t = 0; t < rank; t++) {
      int best = t;
      double d;
      for (u = t + 1; u < rank; u++)
        if (fabs(m[u * mw + t]) > fabs(m[best * mw + t])) best = u;
      if (fabs(m[best * mw + t]) < 1e-300) {
        /* every flow in this balance is exact: it must hold as it is */
        if (fabs(m[best * mw + mw - 1]) > TOL * scale * 1e3) {
          rc = ree_err_set(err, REE_EDOMAIN, "balance %d cannot hold: its "
                           "flows are exact", s.reduced[t]);
          goto done;
        }
        continue;
      }
      if (best != t)
        for (v = 0; v < mw; v++) {
          double tmp = m[t * mw + v];
          m[t * mw + v] = m[best * mw + v];
          m[best * mw + v] = tmp;
        }
      d = m[t * mw + t];
      for (v = 0; v < mw; v++) m[t * mw + v] /= d;
      for (u = 0; u < rank; u++)
        if (u != t && m[u * mw + t] != 0.0)
          subtract(&m[u * mw], &m[t * mw], m[u * mw + t], mw);
    }
    /* chi2 = e' lambda, over the balances that hold measured flows */
    r->chi2 = 0.0;
    r->df = 0;
    for (t = 0; t < rank; t++) {
      const double *rt = &s.w[s.reduced[t] * width];
      double e = -rt[n];
      for (v = 0; v < nm; v++) e += rt[s.measured[v]] * p->value[s.measured[v]];
      if (m[t * mw + t] == 0.0) continue; /* an exact balance */
      r->chi2 += e * m[t * mw + mw - 1];
      r->df++;
    }
    r->p_value = ree_chi2_sf(r->chi2, r->df);
    /* x^ and Q^ for the measured flows */
    for (v = 0; v < nm; v++) {
      int f = s.measured[v];
      double sd_f = p->sd[f], adjust = 0.0;
      for (t = 0; t < rank; t++)
        adjust += s.w[s.reduced[t] * width + f] * sd_f * sd_f *
                  m[t * mw + mw - 1];
      r->value[f] = p->value[f] - adjust;
      for (u = 0; u < nm; u++) {
        int g = s.measured[u];
        double sum = 0.0;
        for (t = 0; t < rank; t++)
          sum += s.w[s.reduced[t] * width + f] * sd_f * sd_f *
                 m[t * mw + rank + u];
        s.qhat[v * nm + u] = (f == g ? sd_f * sd_f : 0.0) - sum;
      }
      r->sd[f] = sqrt(fmax(s.qhat[v * nm + v], 0.0));
      if (r->z != NULL) {
        double shrink = sd_f * sd_f - s.qhat[v * nm + v];
        r->z[f] = shrink > 1e-300 ? (r->value[f] - p->value[f]) / sqrt(shrink)
                                  : 0.0;
      }
    }
  }
  /* 4. The unknowns from their rows: y = c - H x^, Var(y) = H Q^ H'. */
  for (j = 0; j < n; j++) {
    const double *row_j;
    double y, var = 0.0;
    int v, u;
    if (s.pivot_of[j] < 0) continue;
    row_j = &s.w[s.pivot_of[j] * width];
    y = row_j[n];
    for (v = 0; v < nm; v++) y -= row_j[s.measured[v]] * r->value[s.measured[v]];
    for (v = 0; v < nm; v++)
      for (u = 0; u < nm; u++)
        var += row_j[s.measured[v]] * s.qhat[v * nm + u] *
               row_j[s.measured[u]];
    r->value[j] = y;
    r->sd[j] = sqrt(fmax(var, 0.0));
    if (r->z != NULL) r->z[j] = 0.0;
  }
  /* 5. Every balance holds by construction, unless exact flows that the
  **    elimination could not weigh contradict one: say so, never hand out
  **    values that break a balance. */
  for (i = 0; i < k; i++) {
    double sum = -p->c[i], size = fabs(p->c[i]);
    for (j = 0; j < n; j++) {
      sum += p->a[i * n + j] * r->value[j];
      size += fabs(p->a[i * n + j] * r->value[j]);
    }
    if (!(fabs(sum) <= 1e-7 * size + TOL * scale)) {
      rc = ree_err_set(err, REE_EDOMAIN, "balance %d cannot hold: its exact flows contradict it", i);
      goto done;
    }
  }
done:
  release(&s);
  return rc;
}
