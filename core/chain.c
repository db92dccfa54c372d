/*
** chain.c: building and solving the mass-balance graph.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chain.h"
#include "linalg.h"

#define SUM_TOL 1e-9

typedef struct process {
  char name[REE_CHAIN_NAME_MAX];
  int mode;
} process;

typedef struct flow {
  char name[REE_CHAIN_NAME_MAX];
  int from, to, def;
  double *coef; /* [years][layers] */
} flow;

struct ree_chain {
  int layers, years, np, nf;
  process proc[REE_CHAIN_MAX_PROCESSES];
  flow *flows; /* [REE_CHAIN_MAX_FLOWS] */
  double *x;   /* [years][layers][np], after a solve */
  double *f;   /* [years][layers][nf], after a solve */
  double *res; /* [years][layers][np] */
  int solved;
};

ree_chain *ree_chain_new(int layers, int years, ree_err *err) {
  ree_chain *c;
  if (layers < 1 || layers > 118 || years < 1 || years > 1000) {
    ree_err_set(err, REE_EINVAL, "a chain has 1 to 118 layers and 1 to 1000 "
                "years, not %d and %d", layers, years);
    return NULL;
  }
  c = (ree_chain *)ree_malloc(sizeof *c);
  if (c == NULL) {
    ree_err_set(err, REE_ENOMEM, "out of memory");
    return NULL;
  }
  memset(c, 0, sizeof *c);
  c->layers = layers;
  c->years = years;
  c->flows = (flow *)ree_malloc(REE_CHAIN_MAX_FLOWS * sizeof(flow));
  if (c->flows == NULL) {
    ree_free(c);
    ree_err_set(err, REE_ENOMEM, "out of memory");
    return NULL;
  }
  return c;
}

void ree_chain_free(ree_chain *c) {
  int i;
  if (c == NULL) return;
  for (i = 0; i < c->nf; i++) ree_free(c->flows[i].coef);
  ree_free(c->flows);
  ree_free(c->x);
  ree_free(c->f);
  ree_free(c->res);
  ree_free(c);
}

static int check_name(const char *name, ree_err *err) {
  size_t len = name == NULL ? 0 : strlen(name);
  if (len == 0 || len >= REE_CHAIN_NAME_MAX)
    return ree_err_set(err, REE_EINVAL, "a name has 1 to %d characters",
                       REE_CHAIN_NAME_MAX - 1);
  return REE_OK;
}

int ree_chain_add_process(ree_chain *c, const char *name, int mode,
                          ree_err *err) {
  int i, rc;
  if (c == NULL) return ree_err_set(err, REE_EINVAL, "no chain");
  if ((rc = check_name(name, err)) != REE_OK) return rc;
  if (mode != REE_PUSH && mode != REE_PULL)
    return ree_err_set(err, REE_EINVAL, "process '%s': mode must be push or "
                       "pull", name);
  for (i = 0; i < c->np; i++)
    if (strcmp(c->proc[i].name, name) == 0)
      return ree_err_set(err, REE_EINVAL, "process '%s' is defined twice",
                         name);
  if (c->np >= REE_CHAIN_MAX_PROCESSES)
    return ree_err_set(err, REE_ELIMIT, "more than %d processes",
                       REE_CHAIN_MAX_PROCESSES);
  strcpy(c->proc[c->np].name, name);
  c->proc[c->np].mode = mode;
  c->solved = 0;
  return c->np++;
}

int ree_chain_add_flow(ree_chain *c, const char *name, int from, int to,
                       int def, ree_err *err) {
  flow *fl;
  int i, rc;
  size_t cells;
  if (c == NULL) return ree_err_set(err, REE_EINVAL, "no chain");
  if ((rc = check_name(name, err)) != REE_OK) return rc;
  for (i = 0; i < c->nf; i++)
    if (strcmp(c->flows[i].name, name) == 0)
      return ree_err_set(err, REE_EINVAL, "flow '%s' is defined twice", name);
  if (c->nf >= REE_CHAIN_MAX_FLOWS)
    return ree_err_set(err, REE_ELIMIT, "more than %d flows",
                       REE_CHAIN_MAX_FLOWS);
  if (from < REE_OUTSIDE || from >= c->np || to < REE_STOCK || to >= c->np ||
      def < REE_DEF_TC || def > REE_DEF_VALUE)
    return ree_err_set(err, REE_EINVAL, "flow '%s': bad ends or definition",
                       name);
  cells = (size_t)c->years * (size_t)c->layers;
  fl = &c->flows[c->nf];
  fl->coef = (double *)ree_malloc(cells * sizeof(double));
  if (fl->coef == NULL) return ree_err_set(err, REE_ENOMEM, "out of memory");
  memset(fl->coef, 0, cells * sizeof(double));
  strcpy(fl->name, name);
  fl->from = from;
  fl->to = to;
  fl->def = def;
  c->solved = 0;
  return c->nf++;
}

int ree_chain_set(ree_chain *c, int f, int layer, int year, double value,
                  ree_err *err) {
  if (c == NULL || f < 0 || f >= c->nf || layer < 0 || layer >= c->layers ||
      year < 0 || year >= c->years)
    return ree_err_set(err, REE_EINVAL, "no such flow, layer or year");
  if (!isfinite(value))
    return ree_err_set(err, REE_EDOMAIN, "flow '%s': coefficient is not a "
                       "number", c->flows[f].name);
  c->flows[f].coef[(size_t)year * (size_t)c->layers + (size_t)layer] = value;
  c->solved = 0;
  return REE_OK;
}

/* Each process's inflows and outflows, built once per solve, so that no
** pass over a layer scans every flow for every process. */
typedef struct adjacency {
  int in_start[REE_CHAIN_MAX_PROCESSES + 1];
  int out_start[REE_CHAIN_MAX_PROCESSES + 1];
  int in_list[REE_CHAIN_MAX_FLOWS];
  int out_list[REE_CHAIN_MAX_FLOWS];
} adjacency;

static void build_adjacency(const ree_chain *c, adjacency *a) {
  int p, i, nin = 0, nout = 0;
  for (p = 0; p < c->np; p++) {
    a->in_start[p] = nin;
    a->out_start[p] = nout;
    for (i = 0; i < c->nf; i++) {
      if (c->flows[i].to == p) a->in_list[nin++] = i;
      if (c->flows[i].from == p) a->out_list[nout++] = i;
    }
  }
  a->in_start[c->np] = nin;
  a->out_start[c->np] = nout;
}

/* {==================================================================
** Checks
** =================================================================== */

static double coef(const ree_chain *c, int f, int layer, int year) {
  return c->flows[f].coef[(size_t)year * (size_t)c->layers + (size_t)layer];
}

static int check_definitions(const ree_chain *c, ree_err *err) {
  int i;
  for (i = 0; i < c->nf; i++) {
    const flow *fl = &c->flows[i];
    const char *n = fl->name;
    if (fl->to == REE_STOCK && fl->def != REE_DEF_TC)
      return ree_err_set(err, REE_EDOMAIN, "flow '%s': a stock takes a "
                         "transfer coefficient of its process", n);
    switch (fl->def) {
      case REE_DEF_TC:
        if (fl->from < 0)
          return ree_err_set(err, REE_EDOMAIN, "flow '%s': a transfer "
                             "coefficient needs a source process", n);
        break;
      case REE_DEF_SPLIT:
        if (fl->from < 0 || c->proc[fl->from].mode != REE_PUSH)
          return ree_err_set(err, REE_EDOMAIN, "flow '%s': a split needs a "
                             "pushing source process", n);
        break;
      case REE_DEF_PULL:
        if (fl->to < 0 || c->proc[fl->to].mode != REE_PULL)
          return ree_err_set(err, REE_EDOMAIN, "flow '%s': a pulled flow "
                             "needs a pulling destination", n);
        if (fl->from >= 0 && c->proc[fl->from].mode != REE_PULL)
          return ree_err_set(err, REE_EDOMAIN, "flow '%s': a pulled flow "
                             "comes from outside or from a pulling process",
                             n);
        break;
      default: /* a given value */
        if (fl->from >= 0 && c->proc[fl->from].mode == REE_PUSH)
          return ree_err_set(err, REE_EDOMAIN, "flow '%s': a pushing "
                             "process sends its product by splits, not given "
                             "values", n);
    }
  }
  return REE_OK;
}

/* Yields y = 1 - transfer coefficients, and the sums each mode needs. */
static int check_layer(const ree_chain *c, const adjacency *adj, int layer,
                       int year, double *y, ree_err *err) {
  int p, i, k;
  for (i = 0; i < c->nf; i++) {
    double v = coef(c, i, layer, year);
    if (v < 0.0 && c->flows[i].def != REE_DEF_VALUE)
      return ree_err_set(err, REE_EDOMAIN, "flow '%s': negative coefficient "
                         "%g (layer %d, year %d)", c->flows[i].name, v, layer,
                         year);
  }
  for (p = 0; p < c->np; p++) {
    double tc = 0.0, split = 0.0, pull = 0.0;
    int splits = 0, pulls = 0, product_out = 0;
    for (k = adj->out_start[p]; k < adj->out_start[p + 1]; k++) {
      int def = c->flows[i = adj->out_list[k]].def;
      double v = coef(c, i, layer, year);
      if (def == REE_DEF_TC) tc += v;
      else product_out++;
      if (def == REE_DEF_SPLIT) split += v, splits++;
    }
    for (k = adj->in_start[p]; k < adj->in_start[p + 1]; k++) {
      i = adj->in_list[k];
      if (c->flows[i].def == REE_DEF_PULL) pull += coef(c, i, layer, year), pulls++;
    }
    if (tc > 1.0 + SUM_TOL)
      return ree_err_set(err, REE_EDOMAIN, "process '%s': transfer "
                         "coefficients sum to %.10g, more than 1 (layer %d, "
                         "year %d)", c->proc[p].name, tc, layer, year);
    y[p] = tc >= 1.0 ? 0.0 : 1.0 - tc;
    if (c->proc[p].mode == REE_PUSH) {
      if (splits > 0 && fabs(split - 1.0) > SUM_TOL)
        return ree_err_set(err, REE_EDOMAIN, "process '%s': splits sum to "
                           "%.10g, not 1 (layer %d, year %d)",
                           c->proc[p].name, split, layer, year);
      if (splits == 0 && y[p] > SUM_TOL)
        return ree_err_set(err, REE_EDOMAIN, "process '%s': %.10g of its "
                           "input has nowhere to go (layer %d, year %d)",
                           c->proc[p].name, y[p], layer, year);
    } else {
      if (pulls == 0 || fabs(pull - 1.0) > SUM_TOL)
        return ree_err_set(err, REE_EDOMAIN, "process '%s': pulled shares sum "
                           "to %.10g, not 1 (layer %d, year %d)",
                           c->proc[p].name, pull, layer, year);
      if (product_out > 0 && y[p] <= SUM_TOL)
        return ree_err_set(err, REE_EDOMAIN, "process '%s' must deliver but "
                           "its transfer coefficients leave it nothing "
                           "(layer %d, year %d)", c->proc[p].name, layer,
                           year);
    }
  }
  return REE_OK;
}

/* }================================================================== */

/* {==================================================================
** A loop that keeps everything: Tarjan's strongly connected components,
** to name the processes of the loop in an error.
** =================================================================== */

typedef struct tarjan {
  const ree_chain *c;
  int index[REE_CHAIN_MAX_PROCESSES], low[REE_CHAIN_MAX_PROCESSES];
  int on[REE_CHAIN_MAX_PROCESSES], stack[REE_CHAIN_MAX_PROCESSES];
  int comp[REE_CHAIN_MAX_PROCESSES];
  int next, top, ncomp;
} tarjan;

static void strongconnect(tarjan *t, int v) {
  int i;
  t->index[v] = t->low[v] = t->next++;
  t->stack[t->top++] = v;
  t->on[v] = 1;
  for (i = 0; i < t->c->nf; i++) {
    int w = t->c->flows[i].to;
    if (t->c->flows[i].from != v || w < 0) continue;
    if (t->index[w] < 0) {
      strongconnect(t, w);
      if (t->low[w] < t->low[v]) t->low[v] = t->low[w];
    } else if (t->on[w] && t->index[w] < t->low[v]) {
      t->low[v] = t->index[w];
    }
  }
  if (t->low[v] == t->index[v]) {
    int w;
    do {
      w = t->stack[--t->top];
      t->on[w] = 0;
      t->comp[w] = t->ncomp;
    } while (w != v);
    t->ncomp++;
  }
}

static int singular(const ree_chain *c, int p, ree_err *err) {
  tarjan t;
  char names[REE_ERRMSG_MAX] = "";
  int v, count = 0;
  memset(&t, 0, sizeof t);
  t.c = c;
  for (v = 0; v < c->np; v++) t.index[v] = -1;
  for (v = 0; v < c->np; v++)
    if (t.index[v] < 0) strongconnect(&t, v);
  for (v = 0; v < c->np; v++) {
    size_t used = strlen(names);
    if (t.comp[v] != t.comp[p]) continue;
    snprintf(names + used, sizeof names - used, "%s'%s'", count ? ", " : "",
             c->proc[v].name);
    count++;
  }
  if (count > 1)
    return ree_err_set(err, REE_ESINGULAR, "no steady state: the loop through "
                       "%s keeps everything it receives", names);
  return ree_err_set(err, REE_ESINGULAR, "no solution: process %s is not "
                     "determined by the flows around it", names);
}

/* }================================================================== */

/*
** The linear form of each flow in the inputs X, for one layer and year:
** flow i = alpha[i] . X + beta[i] (alpha: [nf][np], beta: [nf]). Flows
** that do not depend on a pull come first, then the pulled ones.
*/
static void linear_forms(const ree_chain *c, const adjacency *adj, int layer,
                         int year, const double *y, double *alpha,
                         double *beta) {
  int np = c->np, nf = c->nf, i, j, p, k;
  memset(alpha, 0, (size_t)nf * (size_t)np * sizeof(double));
  memset(beta, 0, (size_t)nf * sizeof(double));
  for (i = 0; i < nf; i++) {
    const flow *fl = &c->flows[i];
    double v = coef(c, i, layer, year);
    if (fl->def == REE_DEF_TC) alpha[i * np + fl->from] = v;
    if (fl->def == REE_DEF_SPLIT) alpha[i * np + fl->from] = v * y[fl->from];
    if (fl->def == REE_DEF_VALUE) beta[i] = v;
  }
  for (i = 0; i < nf; i++) {
    const flow *fl = &c->flows[i];
    double v = coef(c, i, layer, year);
    if (fl->def != REE_DEF_PULL) continue;
    /* v * (X(to) - the inflows of `to` that are not pulled) */
    alpha[i * np + fl->to] = v;
    for (p = adj->in_start[fl->to]; p < adj->in_start[fl->to + 1]; p++) {
      j = adj->in_list[p];
      if (c->flows[j].def == REE_DEF_PULL) continue;
      for (k = 0; k < np; k++) alpha[i * np + k] -= v * alpha[j * np + k];
      beta[i] -= v * beta[j];
    }
  }
}

/* row -= the linear form of flow i, its constant to the right side */
static void move_flow(double *row, int np, const double *alpha,
                      const double *beta, int i) {
  ree_la_subtract(row, &alpha[i * np], 1.0, np);
  row[np] += beta[i];
}

/*
** One balance row per process into m ([np][np + 1], X's coefficients and
** the right side): a pushed process takes in what flows in; a pulled one
** sends y X out through its flows that are not transfer coefficients.
** Returns the largest coefficient, the scale of the system.
*/
static double balance_rows(const ree_chain *c, const adjacency *adj,
                           const double *y, const double *alpha,
                           const double *beta, double *m) {
  int np = c->np, w = np + 1, p, j, k;
  double scale = 0.0;
  memset(m, 0, (size_t)np * (size_t)w * sizeof(double));
  for (p = 0; p < np; p++) {
    double *row = &m[p * w];
    if (c->proc[p].mode == REE_PUSH) {
      row[p] = 1.0;
      for (j = adj->in_start[p]; j < adj->in_start[p + 1]; j++)
        move_flow(row, np, alpha, beta, adj->in_list[j]);
    } else {
      row[p] = y[p];
      for (j = adj->out_start[p]; j < adj->out_start[p + 1]; j++)
        if (c->flows[adj->out_list[j]].def != REE_DEF_TC)
          move_flow(row, np, alpha, beta, adj->out_list[j]);
    }
    for (k = 0; k < w; k++) scale = fmax(scale, fabs(row[k]));
  }
  return scale == 0.0 ? 1.0 : scale;
}

/*
** The flows from the solved inputs x into fv, none of them negative, and
** each process's residual (what enters less what leaves) into res.
*/
static int flows_and_residuals(const ree_chain *c, const adjacency *adj,
                               int layer, int year, const double *alpha,
                               const double *beta, const double *x,
                               double scale, double *fv, double *res,
                               ree_err *err) {
  int np = c->np, i, j, k, p;
  for (i = 0; i < c->nf; i++) {
    double v = beta[i];
    for (k = 0; k < np; k++) v += alpha[i * np + k] * x[k];
    fv[i] = v;
    if (v < -1e-9 * (fabs(beta[i]) + 1.0) * scale)
      return ree_err_set(err, REE_EDOMAIN, "flow '%s' would be negative "
                         "(%.6g) (layer %d, year %d)", c->flows[i].name, v,
                         layer, year);
  }
  for (p = 0; p < np; p++) {
    double r = 0.0;
    for (j = adj->in_start[p]; j < adj->in_start[p + 1]; j++)
      r += fv[adj->in_list[j]];
    for (j = adj->out_start[p]; j < adj->out_start[p + 1]; j++)
      r -= fv[adj->out_list[j]];
    res[p] = r;
  }
  return REE_OK;
}

/*
** Solves one layer and year: the flows' linear forms in the inputs X, one
** balance per process, X from them. alpha: [nf][np], beta: [nf],
** m: [np][np + 1], the caller's work space.
*/
static int solve_one(ree_chain *c, const adjacency *adj, int layer, int year,
                     double *alpha, double *beta, double *m, double *y,
                     ree_err *err) {
  int np = c->np, w = np + 1, p, rc, bad;
  size_t base = ((size_t)year * (size_t)c->layers + (size_t)layer);
  double *x = &c->x[base * (size_t)np], scale;
  if ((rc = check_layer(c, adj, layer, year, y, err)) != REE_OK) return rc;
  linear_forms(c, adj, layer, year, y, alpha, beta);
  scale = balance_rows(c, adj, y, alpha, beta, m);
  if ((bad = ree_la_solve(m, np, w, 1e-12 * scale)) >= 0)
    return singular(c, bad, err);
  for (p = 0; p < np; p++) x[p] = m[p * w + np];
  return flows_and_residuals(c, adj, layer, year, alpha, beta, x, scale,
                             &c->f[base * (size_t)c->nf],
                             &c->res[base * (size_t)np], err);
}

int ree_chain_solve(ree_chain *c, ree_err *err) {
  double *alpha = NULL, *beta = NULL, *m = NULL, y[REE_CHAIN_MAX_PROCESSES];
  adjacency *adj = NULL;
  size_t cells;
  int layer, year, rc = REE_OK;
  if (c == NULL) return ree_err_set(err, REE_EINVAL, "no chain");
  if (c->np == 0) return ree_err_set(err, REE_EDOMAIN, "the chain has no "
                                     "processes");
  if ((rc = check_definitions(c, err)) != REE_OK) return rc;
  cells = (size_t)c->years * (size_t)c->layers;
  ree_free(c->x);
  ree_free(c->f);
  ree_free(c->res);
  c->x = (double *)ree_malloc(cells * (size_t)c->np * sizeof(double));
  c->f = (double *)ree_malloc(cells * (size_t)(c->nf > 0 ? c->nf : 1) *
                              sizeof(double));
  c->res = (double *)ree_malloc(cells * (size_t)c->np * sizeof(double));
  alpha = (double *)ree_malloc((size_t)(c->nf > 0 ? c->nf : 1) *
                               (size_t)c->np * sizeof(double));
  beta = (double *)ree_malloc((size_t)(c->nf > 0 ? c->nf : 1) *
                              sizeof(double));
  m = (double *)ree_malloc((size_t)c->np * (size_t)(c->np + 1) *
                           sizeof(double));
  adj = (adjacency *)ree_malloc(sizeof *adj);
  c->solved = 0;
  if (c->x == NULL || c->f == NULL || c->res == NULL || alpha == NULL ||
      beta == NULL || m == NULL || adj == NULL) {
    rc = ree_err_set(err, REE_ENOMEM, "out of memory");
    goto done;
  }
  build_adjacency(c, adj);
  for (year = 0; year < c->years && rc == REE_OK; year++)
    for (layer = 0; layer < c->layers && rc == REE_OK; layer++)
      rc = solve_one(c, adj, layer, year, alpha, beta, m, y, err);
  c->solved = rc == REE_OK;
done:
  ree_free(alpha);
  ree_free(beta);
  ree_free(m);
  ree_free(adj);
  return rc;
}

int ree_chain_process_count(const ree_chain *c) { return c ? c->np : 0; }
int ree_chain_flow_count(const ree_chain *c) { return c ? c->nf : 0; }

const char *ree_chain_process_name(const ree_chain *c, int p) {
  return (c && p >= 0 && p < c->np) ? c->proc[p].name : NULL;
}

const char *ree_chain_flow_name(const ree_chain *c, int f) {
  return (c && f >= 0 && f < c->nf) ? c->flows[f].name : NULL;
}

void ree_chain_flow_ends(const ree_chain *c, int f, int *from, int *to,
                         int *def) {
  if (c == NULL || f < 0 || f >= c->nf) return;
  if (from) *from = c->flows[f].from;
  if (to) *to = c->flows[f].to;
  if (def) *def = c->flows[f].def;
}

static int solved_cell(const ree_chain *c, int layer, int year, size_t *base) {
  if (c == NULL || !c->solved || layer < 0 || layer >= c->layers ||
      year < 0 || year >= c->years)
    return 0;
  *base = (size_t)year * (size_t)c->layers + (size_t)layer;
  return 1;
}

double ree_chain_flow(const ree_chain *c, int f, int layer, int year) {
  size_t base;
  if (!solved_cell(c, layer, year, &base) || f < 0 || f >= c->nf) return NAN;
  return c->f[base * (size_t)c->nf + (size_t)f];
}

double ree_chain_input(const ree_chain *c, int p, int layer, int year) {
  size_t base;
  if (!solved_cell(c, layer, year, &base) || p < 0 || p >= c->np) return NAN;
  return c->x[base * (size_t)c->np + (size_t)p];
}

double ree_chain_residual(const ree_chain *c, int p, int layer, int year) {
  size_t base;
  if (!solved_cell(c, layer, year, &base) || p < 0 || p >= c->np) return NAN;
  return c->res[base * (size_t)c->np + (size_t)p];
}
