/*
** optim.c: Nelder-Mead in the unit box.
*/
#include <math.h>
#include <string.h>

#include "optim.h"

#define RESTARTS 3

enum { GO = 0, STOPPED = 1, SPENT = 2 };

typedef struct search {
  const ree_optim *o;
  ree_objective f;
  void *ctx;
  int n, evals, max_evals;
  double ftol, xtol;
  double *x;          /* [n]: a point in the parameters' own units */
  double *best_u;     /* [n]: the best point so far, in the box */
  double best_f;
} search;

/* f at u (clamped into the box first); NaN and infinity count as +inf. */
static int eval(search *s, double *u, double *fu) {
  int i;
  if (s->evals >= s->max_evals) return SPENT;
  for (i = 0; i < s->n; i++) {
    u[i] = u[i] < 0.0 ? 0.0 : (u[i] > 1.0 ? 1.0 : u[i]);
    s->x[i] = s->o->lo[i] + (s->o->hi[i] - s->o->lo[i]) * u[i];
  }
  s->evals++;
  if (s->f(s->x, fu, s->ctx) != 0) return STOPPED;
  if (!(*fu < INFINITY)) *fu = INFINITY; /* NaN too */
  if (*fu < s->best_f) {
    s->best_f = *fu;
    memcpy(s->best_u, u, (size_t)s->n * sizeof(double));
  }
  return GO;
}

/* Vertices (rows of v, n + 1 of them) in order of their values. */
static void sort_vertices(int n, double *v, double *fv, double *tmp) {
  int i, j;
  for (i = 1; i <= n; i++)
    for (j = i; j > 0 && fv[j] < fv[j - 1]; j--) {
      double t = fv[j];
      fv[j] = fv[j - 1];
      fv[j - 1] = t;
      memcpy(tmp, &v[j * n], (size_t)n * sizeof(double));
      memcpy(&v[j * n], &v[(j - 1) * n], (size_t)n * sizeof(double));
      memcpy(&v[(j - 1) * n], tmp, (size_t)n * sizeof(double));
    }
}

static int converged(const search *s, const double *v, const double *fv) {
  int i, j, n = s->n;
  double size = 0.0;
  for (j = 1; j <= n; j++)
    for (i = 0; i < n; i++) size = fmax(size, fabs(v[j * n + i] - v[i]));
  if (size <= 1e-14) return 1; /* collapsed: nothing left to search */
  return size <= s->xtol && fv[n] - fv[0] <= s->ftol * (fabs(fv[0]) + s->ftol);
}

/* p = c + t (q - c), the point t of the way from centroid c through q. */
static void along(int n, const double *c, const double *q, double t, double *p) {
  int i;
  for (i = 0; i < n; i++) p[i] = c[i] + t * (q[i] - c[i]);
}

/*
** One Nelder-Mead search from s->best_u with a simplex of the given step;
** work: (n + 1) * n + (n + 1) + 4 n doubles.
*/
static int simplex_search(search *s, double step, double *work) {
  int n = s->n, i, j, rc;
  double *v = work, *fv = v + (n + 1) * n, *c = fv + n + 1, *p = c + n,
         *q = p + n, *tmp = q + n, fp, fq;
  for (j = 0; j <= n; j++) {
    memcpy(&v[j * n], s->best_u, (size_t)n * sizeof(double));
    if (j > 0) v[j * n + j - 1] += v[j * n + j - 1] + step <= 1.0 ? step : -step;
    if ((rc = eval(s, &v[j * n], &fv[j])) != GO) return rc;
  }
  for (;;) {
    double *worst = &v[n * n];
    sort_vertices(n, v, fv, tmp);
    if (converged(s, v, fv)) return GO;
    for (i = 0; i < n; i++) {
      c[i] = 0.0;
      for (j = 0; j < n; j++) c[i] += v[j * n + i] / n;
    }
    along(n, c, worst, -1.0, p); /* reflection */
    if ((rc = eval(s, p, &fp)) != GO) return rc;
    if (fp < fv[0]) {
      along(n, c, worst, -2.0, q); /* expansion */
      if ((rc = eval(s, q, &fq)) != GO) return rc;
      if (fq < fp) memcpy(p, q, (size_t)n * sizeof(double)), fp = fq;
    } else if (!(fp < fv[n - 1])) {
      /* contraction: outside the simplex if the reflection helped at all */
      along(n, c, fp < fv[n] ? p : worst, 0.5, q);
      if ((rc = eval(s, q, &fq)) != GO) return rc;
      if (fq < (fp < fv[n] ? fp : fv[n])) {
        memcpy(p, q, (size_t)n * sizeof(double)), fp = fq;
      } else { /* shrink toward the best vertex */
        for (j = 1; j <= n; j++) {
          along(n, v, &v[j * n], 0.5, &v[j * n]);
          if ((rc = eval(s, &v[j * n], &fv[j])) != GO) return rc;
        }
        continue;
      }
    }
    memcpy(worst, p, (size_t)n * sizeof(double));
    fv[n] = fp;
  }
}

static int check_problem(const ree_optim *o, const double *x, ree_err *err) {
  int i;
  if (o->n < 1 || o->n > REE_OPTIM_MAX || o->lo == NULL || o->hi == NULL)
    return ree_err_set(err, REE_EINVAL, "a minimisation takes 1 to %d "
                       "parameters with bounds", REE_OPTIM_MAX);
  for (i = 0; i < o->n; i++) {
    if (!isfinite(o->lo[i]) || !isfinite(o->hi[i]) || !(o->lo[i] < o->hi[i]))
      return ree_err_set(err, REE_EINVAL, "parameter %d needs finite bounds "
                         "lo < hi, not %g and %g", i + 1, o->lo[i], o->hi[i]);
    if (!(x[i] >= o->lo[i] && x[i] <= o->hi[i]))
      return ree_err_set(err, REE_EDOMAIN, "parameter %d starts at %g, "
                         "outside its bounds [%g, %g]", i + 1, x[i], o->lo[i],
                         o->hi[i]);
  }
  return REE_OK;
}

int ree_minimize(const ree_optim *o, ree_objective f, void *ctx, double *x,
                 ree_optim_result *r, ree_err *err) {
  search s;
  double *work, f0 = INFINITY, *u;
  int n, i, rc = GO, round;
  if (o == NULL || f == NULL || x == NULL || r == NULL)
    return ree_err_set(err, REE_EINVAL, "no minimisation");
  if ((rc = check_problem(o, x, err)) != REE_OK) return rc;
  n = o->n;
  memset(&s, 0, sizeof s);
  s.o = o, s.f = f, s.ctx = ctx, s.n = n;
  s.max_evals = o->max_evals > 0 ? o->max_evals : 200 * n + 200;
  s.ftol = o->ftol > 0.0 ? o->ftol : 1e-10;
  s.xtol = o->xtol > 0.0 ? o->xtol : 1e-7;
  s.best_f = INFINITY;
  /* the simplex search's work space, then x, the best point and the start */
  work = (double *)ree_malloc((size_t)((n + 1) * n + (n + 1) + 7 * n) *
                              sizeof(double));
  if (work == NULL) return ree_err_set(err, REE_ENOMEM, "out of memory");
  s.x = work + (n + 1) * n + (n + 1) + 4 * n;
  s.best_u = s.x + n;
  u = s.best_u + n;
  for (i = 0; i < n; i++) u[i] = (x[i] - o->lo[i]) / (o->hi[i] - o->lo[i]);
  memcpy(s.best_u, u, (size_t)n * sizeof(double));
  rc = eval(&s, u, &f0);
  if (rc == GO && f0 == INFINITY) {
    ree_free(work);
    return ree_err_set(err, REE_EDOMAIN, "the function is not a number at "
                       "the start");
  }
  for (round = 0; rc == GO && round <= RESTARTS; round++) {
    double before = s.best_f;
    rc = simplex_search(&s, round == 0 ? 0.1 : 0.05, work);
    /* a restart that finds nothing better ends the search */
    if (rc == GO && round > 0 &&
        !(s.best_f < before - s.ftol * (fabs(before) + s.ftol)))
      break;
  }
  for (i = 0; i < n; i++) x[i] = o->lo[i] + (o->hi[i] - o->lo[i]) * s.best_u[i];
  r->f = s.best_f;
  r->evals = s.evals;
  ree_free(work);
  if (rc == STOPPED)
    return ree_err_set(err, REE_EINVAL, "stopped by the function");
  if (rc == SPENT)
    return ree_err_set(err, REE_ELIMIT, "no convergence in %d evaluations "
                       "(best %g)", s.evals, r->f);
  return REE_OK;
}
