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
  process *proc; /* [proc_cap], grown as processes come */
  flow *flows;    /* [flow_cap] */
  int proc_cap, flow_cap;
  int *proc_slots, *flow_slots; /* name tables: index + 1, 0 empty */
  int proc_slot_n, flow_slot_n;
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
  return c;
}

void ree_chain_free(ree_chain *c) {
  int i;
  if (c == NULL) return;
  for (i = 0; i < c->nf; i++) ree_free(c->flows[i].coef);
  ree_free(c->flows);
  ree_free(c->proc);
  ree_free(c->proc_slots);
  ree_free(c->flow_slots);
  ree_free(c->x);
  ree_free(c->f);
  ree_free(c->res);
  ree_free(c);
}

/* Makes room for one more of an array of *cap items of size bytes
** (doubling), keeping what it holds. Returns REE_OK or REE_ENOMEM. */
static int grow(void **array, int *cap, int count, size_t size, ree_err *err) {
  int want;
  void *bigger;
  if (count < *cap) return REE_OK;
  want = *cap > 0 ? 2 * *cap : 16;
  bigger = ree_malloc((size_t)want * size);
  if (bigger == NULL) return ree_err_set(err, REE_ENOMEM, "out of memory");
  if (*array != NULL) memcpy(bigger, *array, (size_t)count * size);
  ree_free(*array);
  *array = bigger;
  *cap = want;
  return REE_OK;
}

/* {==================================================================
** Names to indices, by open addressing (FNV-1a, linear probing), so that
** a chain of thousands of processes is built in time linear in them.
** =================================================================== */

static unsigned name_hash(const char *s) {
  unsigned h = 2166136261u;
  while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
  return h;
}

/* The name of entry i of a table: a process's or a flow's. */
static const char *name_at(const ree_chain *c, int flows, int i) {
  return flows ? c->flows[i].name : c->proc[i].name;
}

/* The index of name in a table, or -1. */
static int find_name(const ree_chain *c, int flows, const char *name) {
  const int *slots = flows ? c->flow_slots : c->proc_slots;
  int n = flows ? c->flow_slot_n : c->proc_slot_n;
  unsigned k;
  if (n == 0) return -1;
  for (k = name_hash(name) & (unsigned)(n - 1); slots[k] != 0; k = (k + 1) & (unsigned)(n - 1))
    if (strcmp(name_at(c, flows, slots[k] - 1), name) == 0) return slots[k] - 1;
  return -1;
}

/* Enters entry i (its name already stored) into a table, doubling the
** table when it is half full. */
static int add_name(ree_chain *c, int flows, int i, ree_err *err) {
  int **slots = flows ? &c->flow_slots : &c->proc_slots;
  int *n = flows ? &c->flow_slot_n : &c->proc_slot_n, j;
  unsigned k;
  if (2 * (i + 1) > *n) {
    int size = *n > 0 ? 2 * *n : 32;
    int *bigger = (int *)ree_malloc((size_t)size * sizeof(int));
    if (bigger == NULL) return ree_err_set(err, REE_ENOMEM, "out of memory");
    memset(bigger, 0, (size_t)size * sizeof(int));
    ree_free(*slots);
    *slots = bigger;
    *n = size;
    for (j = 0; j < i; j++) { /* the entries before, again */
      for (k = name_hash(name_at(c, flows, j)) & (unsigned)(size - 1); bigger[k] != 0; k = (k + 1) & (unsigned)(size - 1)) {}
      bigger[k] = j + 1;
    }
  }
  for (k = name_hash(name_at(c, flows, i)) & (unsigned)(*n - 1); (*slots)[k] != 0; k = (k + 1) & (unsigned)(*n - 1)) {}
  (*slots)[k] = i + 1;
  return REE_OK;
}

/* }================================================================== */

static int check_name(const char *name, ree_err *err) {
  size_t len = name == NULL ? 0 : strlen(name);
  if (len == 0 || len >= REE_CHAIN_NAME_MAX)
    return ree_err_set(err, REE_EINVAL, "a name has 1 to %d characters",
                       REE_CHAIN_NAME_MAX - 1);
  return REE_OK;
}

int ree_chain_add_process(ree_chain *c, const char *name, int mode,
                          ree_err *err) {
  int rc;
  if (c == NULL) return ree_err_set(err, REE_EINVAL, "no chain");
  if ((rc = check_name(name, err)) != REE_OK) return rc;
  if (mode != REE_PUSH && mode != REE_PULL)
    return ree_err_set(err, REE_EINVAL, "process '%s': mode must be push or "
                       "pull", name);
  if (find_name(c, 0, name) >= 0)
    return ree_err_set(err, REE_EINVAL, "process '%s' is defined twice", name);
  if (c->np >= REE_CHAIN_MAX_PROCESSES)
    return ree_err_set(err, REE_ELIMIT, "more than %d processes",
                       REE_CHAIN_MAX_PROCESSES);
  if ((rc = grow((void **)&c->proc, &c->proc_cap, c->np, sizeof(process), err)) != REE_OK) return rc;
  strcpy(c->proc[c->np].name, name);
  c->proc[c->np].mode = mode;
  if ((rc = add_name(c, 0, c->np, err)) != REE_OK) return rc;
  c->solved = 0;
  return c->np++;
}

int ree_chain_add_flow(ree_chain *c, const char *name, int from, int to,
                       int def, ree_err *err) {
  flow *fl;
  int rc;
  size_t cells;
  if (c == NULL) return ree_err_set(err, REE_EINVAL, "no chain");
  if ((rc = check_name(name, err)) != REE_OK) return rc;
  if (find_name(c, 1, name) >= 0)
    return ree_err_set(err, REE_EINVAL, "flow '%s' is defined twice", name);
  if (c->nf >= REE_CHAIN_MAX_FLOWS)
    return ree_err_set(err, REE_ELIMIT, "more than %d flows",
                       REE_CHAIN_MAX_FLOWS);
  if (from < REE_OUTSIDE || from >= c->np || to < REE_STOCK || to >= c->np ||
      def < REE_DEF_TC || def > REE_DEF_VALUE)
    return ree_err_set(err, REE_EINVAL, "flow '%s': bad ends or definition",
                       name);
  if ((rc = grow((void **)&c->flows, &c->flow_cap, c->nf, sizeof(flow), err)) != REE_OK) return rc;
  cells = (size_t)c->years * (size_t)c->layers;
  fl = &c->flows[c->nf];
  fl->coef = (double *)ree_malloc(cells * sizeof(double));
  if (fl->coef == NULL) return ree_err_set(err, REE_ENOMEM, "out of memory");
  memset(fl->coef, 0, cells * sizeof(double));
  strcpy(fl->name, name);
  fl->from = from;
  fl->to = to;
  fl->def = def;
  if ((rc = add_name(c, 1, c->nf, err)) != REE_OK) {
    ree_free(fl->coef); /* not added: nothing of it stays */
    fl->coef = NULL;
    return rc;
  }
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
** pass over a layer scans every flow for every process: a process's flows
** are in_list[in_start[p] .. in_start[p + 1] - 1], in the order added. */
typedef struct adjacency {
  int *in_start, *out_start; /* [np + 1] */
  int *in_list, *out_list;   /* [nf] */
} adjacency;

/* Fills a (its arrays allocated) by counting: O(processes + flows). */
static void build_adjacency(const ree_chain *c, adjacency *a) {
  int p, i;
  for (p = 0; p <= c->np; p++) a->in_start[p] = a->out_start[p] = 0;
  for (i = 0; i < c->nf; i++) { /* how many each process has, one place on */
    if (c->flows[i].to >= 0) a->in_start[c->flows[i].to + 1]++;
    if (c->flows[i].from >= 0) a->out_start[c->flows[i].from + 1]++;
  }
  for (p = 0; p < c->np; p++) { /* where each process's list begins */
    a->in_start[p + 1] += a->in_start[p];
    a->out_start[p + 1] += a->out_start[p];
  }
  for (i = 0; i < c->nf; i++) { /* in the flows' order; each start moves to its list's end */
    if (c->flows[i].to >= 0) a->in_list[a->in_start[c->flows[i].to]++] = i;
    if (c->flows[i].from >= 0) a->out_list[a->out_start[c->flows[i].from]++] = i;
  }
  for (p = c->np; p > 0; p--) { /* and back: a list begins where the one before ended */
    a->in_start[p] = a->in_start[p - 1];
    a->out_start[p] = a->out_start[p - 1];
  }
  a->in_start[0] = a->out_start[0] = 0;
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
** A loop that keeps everything: the processes that p's flows reach and
** that reach p back (its strongly connected component in the flow
** graph), to name them in an error.
** =================================================================== */

/* Marks in seen[] (bit `bit`) every process reachable from p along flows,
** forward or backward: a fixpoint over the flows, no recursion. */
static void reach(const ree_chain *c, int p, int forward, unsigned char *seen, int bit) {
  int changed = 1, i;
  seen[p] |= (unsigned char)bit;
  while (changed) {
    changed = 0;
    for (i = 0; i < c->nf; i++) {
      int a = forward ? c->flows[i].from : c->flows[i].to, b = forward ? c->flows[i].to : c->flows[i].from;
      if (a < 0 || b < 0 || !(seen[a] & bit) || (seen[b] & bit)) continue;
      seen[b] |= (unsigned char)bit;
      changed = 1;
    }
  }
}

static int singular(const ree_chain *c, int p, ree_err *err) {
  char names[REE_ERRMSG_MAX] = "";
  int v, count = 0;
  unsigned char *seen = (unsigned char *)ree_malloc((size_t)c->np);
  if (seen != NULL) {
    memset(seen, 0, (size_t)c->np);
    reach(c, p, 1, seen, 1);
    reach(c, p, 0, seen, 2);
  }
  for (v = 0; v < c->np; v++) {
    size_t used = strlen(names);
    if (v != p && (seen == NULL || seen[v] != 3)) continue;
    snprintf(names + used, sizeof names - used, "%s'%s'", count ? ", " : "",
             c->proc[v].name);
    count++;
  }
  ree_free(seen);
  if (count > 1)
    return ree_err_set(err, REE_ESINGULAR, "no steady state: the loop through "
                       "%s keeps everything it receives", names);
  return ree_err_set(err, REE_ESINGULAR, "no solution: process %s is not "
                     "determined by the flows around it", names);
}

/* }================================================================== */

/* {==================================================================
** The system, sparse. Each flow is a linear form in the process inputs X
** with few terms (a transfer coefficient or a split: one; a pulled share:
** its destination and that one's other inflows), and each process's
** balance is a row of few terms. The rows' dependencies form a graph
** whose strongly connected components, taken dependencies first, cut the
** system into blocks solved one after another: a chain without loops is
** one division a process, a recycling loop one small dense block. The
** work grows with the flows and the loops, not with the square of the
** processes.
** =================================================================== */

/* The work space of a solve, sized once for the chain's shape. */
typedef struct workspace {
  adjacency adj;
  int *fs, *fe;     /* [nf]: each flow's form's terms, fs[i] .. fe[i] - 1 */
  int *fk;          /* [form terms]: the process whose X a term multiplies */
  double *fv, *f0;  /* the terms' coefficients; [nf] the forms' constants */
  int *rs;          /* [np + 1]: each row's terms */
  int *rk;          /* [row terms] */
  double *rv, *rhs; /* the terms' coefficients; [np] the right sides */
  double *y;        /* [np]: 1 - each process's transfer coefficients */
  double *acc;      /* [np]: a row or form being summed, scattered */
  int *used, *mark; /* [np]: which entries of acc are in use */
  int *num, *low, *stack, *on, *cursor, *members; /* Tarjan over the rows */
  double *block;    /* a dense block and its right side, b x (b + 1) */
  size_t block_cap; /* doubles block holds */
} workspace;

static void workspace_free(workspace *w) {
  if (w == NULL) return;
  ree_free(w->adj.in_start), ree_free(w->adj.out_start), ree_free(w->adj.in_list), ree_free(w->adj.out_list);
  ree_free(w->fs), ree_free(w->fe), ree_free(w->fk), ree_free(w->fv), ree_free(w->f0);
  ree_free(w->rs), ree_free(w->rk), ree_free(w->rv), ree_free(w->rhs);
  ree_free(w->y), ree_free(w->acc), ree_free(w->used), ree_free(w->mark);
  ree_free(w->num), ree_free(w->low), ree_free(w->stack), ree_free(w->on), ree_free(w->cursor);
  ree_free(w->members), ree_free(w->block);
  ree_free(w);
}

/* At most how many terms the flows' forms and the balance rows take. */
static int term_bounds(const ree_chain *c, const adjacency *adj, size_t *forms, size_t *rows) {
  size_t *form = NULL, total = 0, row_total = 0;
  int i, p, k;
  form = (size_t *)ree_malloc((size_t)(c->nf > 0 ? c->nf : 1) * sizeof(size_t));
  if (form == NULL) return REE_ENOMEM;
  for (i = 0; i < c->nf; i++) {
    const flow *fl = &c->flows[i];
    form[i] = 1;
    if (fl->def == REE_DEF_PULL)
      for (k = adj->in_start[fl->to]; k < adj->in_start[fl->to + 1]; k++)
        if (c->flows[adj->in_list[k]].def != REE_DEF_PULL) form[i] += 1;
    total += form[i];
  }
  for (p = 0; p < c->np; p++) {
    size_t r = 1;
    for (k = adj->in_start[p]; k < adj->in_start[p + 1]; k++) r += form[adj->in_list[k]];
    for (k = adj->out_start[p]; k < adj->out_start[p + 1]; k++) r += form[adj->out_list[k]];
    row_total += r < (size_t)c->np ? r : (size_t)c->np;
  }
  ree_free(form);
  *forms = total + 1;
  *rows = row_total + 1;
  return REE_OK;
}

static workspace *workspace_new(const ree_chain *c) {
  size_t np = (size_t)c->np, nf = (size_t)(c->nf > 0 ? c->nf : 1), nfterms, nrterms, p;
  workspace *w = (workspace *)ree_malloc(sizeof *w);
  if (w == NULL) return NULL;
  memset(w, 0, sizeof *w);
  w->adj.in_start = (int *)ree_malloc((np + 1) * sizeof(int));
  w->adj.out_start = (int *)ree_malloc((np + 1) * sizeof(int));
  w->adj.in_list = (int *)ree_malloc(nf * sizeof(int));
  w->adj.out_list = (int *)ree_malloc(nf * sizeof(int));
  if (!w->adj.in_start || !w->adj.out_start || !w->adj.in_list || !w->adj.out_list) {
    workspace_free(w);
    return NULL;
  }
  build_adjacency(c, &w->adj);
  if (term_bounds(c, &w->adj, &nfterms, &nrterms) != REE_OK) {
    workspace_free(w);
    return NULL;
  }
  w->fs = (int *)ree_malloc(nf * sizeof(int));
  w->fe = (int *)ree_malloc(nf * sizeof(int));
  w->fk = (int *)ree_malloc(nfterms * sizeof(int));
  w->fv = (double *)ree_malloc(nfterms * sizeof(double));
  w->f0 = (double *)ree_malloc(nf * sizeof(double));
  w->rs = (int *)ree_malloc((np + 1) * sizeof(int));
  w->rk = (int *)ree_malloc(nrterms * sizeof(int));
  w->rv = (double *)ree_malloc(nrterms * sizeof(double));
  w->rhs = (double *)ree_malloc(np * sizeof(double));
  w->y = (double *)ree_malloc(np * sizeof(double));
  w->acc = (double *)ree_malloc(np * sizeof(double));
  w->used = (int *)ree_malloc(np * sizeof(int));
  w->mark = (int *)ree_malloc(np * sizeof(int));
  w->num = (int *)ree_malloc(np * sizeof(int));
  w->low = (int *)ree_malloc(np * sizeof(int));
  w->stack = (int *)ree_malloc(np * sizeof(int));
  w->on = (int *)ree_malloc(np * sizeof(int));
  w->cursor = (int *)ree_malloc(np * sizeof(int));
  w->members = (int *)ree_malloc(np * sizeof(int));
  if (!w->fs || !w->fe || !w->fk || !w->fv || !w->f0 || !w->rs || !w->rk || !w->rv || !w->rhs || !w->y ||
      !w->acc || !w->used || !w->mark || !w->num || !w->low || !w->stack || !w->on || !w->cursor ||
      !w->members) {
    workspace_free(w);
    return NULL;
  }
  for (p = 0; p < np; p++) w->acc[p] = 0.0, w->mark[p] = 0;
  return w;
}

/* acc[k] += v, remembering k. */
static void scatter(workspace *w, int *n, int k, double v) {
  if (!w->mark[k]) w->mark[k] = 1, w->used[(*n)++] = k;
  w->acc[k] += v;
}

/* Writes the scattered terms out at *to (index, value) and clears them;
** returns how many. A term that cancels to 0 is dropped. */
static int gather(workspace *w, int n, int *index, double *value) {
  int t, out = 0;
  for (t = 0; t < n; t++) {
    int k = w->used[t];
    if (w->acc[k] != 0.0) index[out] = k, value[out++] = w->acc[k];
    w->acc[k] = 0.0, w->mark[k] = 0;
  }
  return out;
}

/*
** The linear form of each flow in the inputs X, for one layer and year:
** flow i = the sum of fv * X(fk) over its terms, + f0[i]. A pulled flow
** is its share of what its destination needs beyond its inflows that are
** not pulled, whose forms come first.
*/
static void linear_forms(const ree_chain *c, workspace *w, int layer, int year) {
  const adjacency *adj = &w->adj;
  int i, j, k, n = 0;
  for (i = 0; i < c->nf; i++) {
    const flow *fl = &c->flows[i];
    double v = coef(c, i, layer, year);
    w->fs[i] = w->fe[i] = n;
    w->f0[i] = 0.0;
    if (fl->def == REE_DEF_TC) w->fk[n] = fl->from, w->fv[n++] = v;
    else if (fl->def == REE_DEF_SPLIT) w->fk[n] = fl->from, w->fv[n++] = v * w->y[fl->from];
    else if (fl->def == REE_DEF_VALUE) w->f0[i] = v;
    w->fe[i] = n;
  }
  for (i = 0; i < c->nf; i++) {
    const flow *fl = &c->flows[i];
    double v;
    int used = 0, t;
    if (fl->def != REE_DEF_PULL) continue;
    v = coef(c, i, layer, year);
    /* v * (X(to) - the inflows of `to` that are not pulled) */
    scatter(w, &used, fl->to, v);
    for (k = adj->in_start[fl->to]; k < adj->in_start[fl->to + 1]; k++) {
      j = adj->in_list[k];
      if (c->flows[j].def == REE_DEF_PULL) continue;
      for (t = w->fs[j]; t < w->fe[j]; t++) scatter(w, &used, w->fk[t], -v * w->fv[t]);
      w->f0[i] -= v * w->f0[j];
    }
    w->fs[i] = n;
    n += gather(w, used, &w->fk[n], &w->fv[n]);
    w->fe[i] = n;
  }
}

/*
** One balance row a process: a pushed process takes in what flows in; a
** pulled one sends y X out through its flows that are not transfer
** coefficients. Returns the largest coefficient, the scale of the system.
*/
static double balance_rows(const ree_chain *c, workspace *w) {
  const adjacency *adj = &w->adj;
  int p, k, t, n = 0;
  double scale = 0.0;
  for (p = 0; p < c->np; p++) {
    int used = 0, first = n;
    double right = 0.0;
    w->rs[p] = n;
    if (c->proc[p].mode == REE_PUSH) {
      scatter(w, &used, p, 1.0);
      for (k = adj->in_start[p]; k < adj->in_start[p + 1]; k++) {
        int i = adj->in_list[k];
        for (t = w->fs[i]; t < w->fe[i]; t++) scatter(w, &used, w->fk[t], -w->fv[t]);
        right += w->f0[i];
      }
    } else {
      scatter(w, &used, p, w->y[p]);
      for (k = adj->out_start[p]; k < adj->out_start[p + 1]; k++) {
        int i = adj->out_list[k];
        if (c->flows[i].def == REE_DEF_TC) continue;
        for (t = w->fs[i]; t < w->fe[i]; t++) scatter(w, &used, w->fk[t], -w->fv[t]);
        right += w->f0[i];
      }
    }
    n += gather(w, used, &w->rk[n], &w->rv[n]);
    w->rhs[p] = right;
    scale = fmax(scale, fabs(right));
    for (t = first; t < n; t++) scale = fmax(scale, fabs(w->rv[t]));
  }
  w->rs[c->np] = n;
  return scale == 0.0 ? 1.0 : scale;
}

/* Solves the rows of one block (its processes in members[0..b-1]): the
** terms of processes solved before move to the right side. Returns -1, or
** the member that is not determined. */
static int solve_block(workspace *w, const int *members, int b, double *x, double tol) {
  int r, t, wd = b + 1;
  if (b == 1) { /* most blocks: one process, one division */
    int p = members[0];
    double diag = 0.0, right = w->rhs[p];
    for (t = w->rs[p]; t < w->rs[p + 1]; t++) {
      if (w->rk[t] == p) diag = w->rv[t];
      else right -= w->rv[t] * x[w->rk[t]];
    }
    if (!(fabs(diag) > tol)) return 0;
    x[p] = right / diag;
    return -1;
  }
  if ((size_t)b * (size_t)wd > w->block_cap) {
    ree_free(w->block);
    w->block_cap = (size_t)b * (size_t)wd;
    w->block = (double *)ree_malloc(w->block_cap * sizeof(double));
    if (w->block == NULL) {
      w->block_cap = 0;
      return -2;
    }
  }
  for (r = 0; r < b; r++) w->num[members[r]] = r; /* a process's place in the block */
  memset(w->block, 0, (size_t)b * (size_t)wd * sizeof(double));
  for (r = 0; r < b; r++) {
    int p = members[r];
    double *row = &w->block[(size_t)r * (size_t)wd];
    row[b] = w->rhs[p];
    for (t = w->rs[p]; t < w->rs[p + 1]; t++) {
      int k = w->rk[t];
      if (w->low[k] == w->low[p]) row[w->num[k]] += w->rv[t];
      else row[b] -= w->rv[t] * x[k];
    }
  }
  if ((t = ree_la_solve(w->block, b, wd, tol)) >= 0) return t;
  for (r = 0; r < b; r++) x[members[r]] = w->block[(size_t)r * (size_t)wd + b];
  return -1;
}

/*
** Solves the rows block by block: Tarjan's strongly connected components
** of the graph in which row p points to every process its terms name,
** each found after those it depends on, so each block is solved from
** blocks already solved. Iterative, so that long chains need no deep
** stack. Returns -1, or a process that is not determined (-2: memory).
*/
static int solve_rows(const ree_chain *c, workspace *w, double *x, double tol) {
  int np = c->np, v, next = 0, top = 0;
  for (v = 0; v < np; v++) w->num[v] = -1, w->on[v] = 0;
  for (v = 0; v < np; v++) {
    int depth = 0;
    if (w->num[v] >= 0) continue;
    /* the call stack of the depth-first search, in members[] */
    w->members[depth++] = v;
    w->num[v] = w->low[v] = next++;
    w->stack[top++] = v, w->on[v] = 1;
    w->cursor[v] = w->rs[v];
    while (depth > 0) {
      int u = w->members[depth - 1];
      if (w->cursor[u] < w->rs[u + 1]) {
        int k = w->rk[w->cursor[u]++];
        if (w->num[k] < 0) {
          w->members[depth++] = k;
          w->num[k] = w->low[k] = next++;
          w->stack[top++] = k, w->on[k] = 1;
          w->cursor[k] = w->rs[k];
        } else if (w->on[k] && w->num[k] < w->low[u]) {
          w->low[u] = w->num[k];
        }
        continue;
      }
      depth--;
      if (depth > 0) {
        int parent = w->members[depth - 1];
        if (w->low[u] < w->low[parent]) w->low[parent] = w->low[u];
      }
      if (w->low[u] == w->num[u]) { /* u heads a component: pop and solve it */
        int b = 0, bad, k;
        const int *block;
        do {
          k = w->stack[--top];
          w->on[k] = 0;
          b++;
        } while (k != u);
        block = &w->stack[top];
        /* its members share low[] = the head's number: the block's mark
        ** (solve_block then uses their num[] as scratch: they are done) */
        for (k = 0; k < b; k++) w->low[block[k]] = w->num[u];
        bad = solve_block(w, block, b, x, tol);
        if (bad != -1) return bad == -2 ? -2 : block[bad];
      }
    }
  }
  return -1;
}

/*
** The flows from the solved inputs x into fv, none of them negative, and
** each process's residual (what enters less what leaves) into res.
*/
static int flows_and_residuals(const ree_chain *c, const workspace *w, int layer, int year,
                               const double *x, double scale, double *fv, double *res, ree_err *err) {
  const adjacency *adj = &w->adj;
  int i, j, p, t;
  for (i = 0; i < c->nf; i++) {
    double v = w->f0[i];
    for (t = w->fs[i]; t < w->fe[i]; t++) v += w->fv[t] * x[w->fk[t]];
    fv[i] = v;
    if (v < -1e-9 * (fabs(w->f0[i]) + 1.0) * scale)
      return ree_err_set(err, REE_EDOMAIN, "flow '%s' would be negative "
                         "(%.6g) (layer %d, year %d)", c->flows[i].name, v,
                         layer, year);
  }
  for (p = 0; p < c->np; p++) {
    double r = 0.0;
    for (j = adj->in_start[p]; j < adj->in_start[p + 1]; j++) r += fv[adj->in_list[j]];
    for (j = adj->out_start[p]; j < adj->out_start[p + 1]; j++) r -= fv[adj->out_list[j]];
    res[p] = r;
  }
  return REE_OK;
}

/* Solves one layer and year: the flows' forms in the inputs X, one
** balance a process, X block by block. */
static int solve_one(ree_chain *c, workspace *w, int layer, int year, ree_err *err) {
  int np = c->np, rc, bad;
  size_t base = ((size_t)year * (size_t)c->layers + (size_t)layer);
  double *x = &c->x[base * (size_t)np], scale;
  if ((rc = check_layer(c, &w->adj, layer, year, w->y, err)) != REE_OK) return rc;
  linear_forms(c, w, layer, year);
  scale = balance_rows(c, w);
  bad = solve_rows(c, w, x, 1e-12 * scale);
  if (bad == -2) return ree_err_set(err, REE_ENOMEM, "out of memory");
  if (bad >= 0) return singular(c, bad, err);
  return flows_and_residuals(c, w, layer, year, x, scale, &c->f[base * (size_t)c->nf],
                             &c->res[base * (size_t)np], err);
}

int ree_chain_solve(ree_chain *c, ree_err *err) {
  workspace *w = NULL;
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
  c->solved = 0;
  if (c->x == NULL || c->f == NULL || c->res == NULL || (w = workspace_new(c)) == NULL) {
    rc = ree_err_set(err, REE_ENOMEM, "out of memory");
    goto done;
  }
  for (year = 0; year < c->years && rc == REE_OK; year++)
    for (layer = 0; layer < c->layers && rc == REE_OK; layer++)
      rc = solve_one(c, w, layer, year, err);
  c->solved = rc == REE_OK;
done:
  workspace_free(w);
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
