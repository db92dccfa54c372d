/*
** route.c: backward and forward walks along a chain of stages.
*/
#include <math.h>
#include <string.h>

#include "route.h"

typedef struct stage {
  char name[REE_STAGE_NAME_MAX];
  double yield;
  double recycled;
  int returns_to;
} stage;

struct ree_route {
  int count;
  stage stage[REE_ROUTE_MAX_STAGES];
};

ree_route *ree_route_new(void) {
  ree_route *r = (ree_route *)ree_malloc(sizeof *r);
  if (r != NULL) r->count = 0;
  return r;
}

void ree_route_free(ree_route *r) { ree_free(r); }

int ree_route_stage_count(const ree_route *r) {
  return r == NULL ? 0 : r->count;
}

const char *ree_route_stage_name(const ree_route *r, int i) {
  if (r == NULL || i < 0 || i >= r->count) return NULL;
  return r->stage[i].name;
}

int ree_route_find(const ree_route *r, const char *name) {
  int i;
  if (r == NULL || name == NULL) return -1;
  for (i = 0; i < r->count; i++)
    if (strcmp(r->stage[i].name, name) == 0) return i;
  return -1;
}

int ree_route_add_stage(ree_route *r, const char *name, double yield,
                        double recycled, int returns_to, ree_err *err) {
  stage *s;
  size_t len = name == NULL ? 0 : strlen(name);
  if (r == NULL) return ree_err_set(err, REE_EINVAL, "no route");
  if (len == 0 || len >= REE_STAGE_NAME_MAX)
    return ree_err_set(err, REE_EINVAL,
                       "stage name must have 1 to %d characters",
                       REE_STAGE_NAME_MAX - 1);
  if (ree_route_find(r, name) >= 0)
    return ree_err_set(err, REE_EINVAL, "stage '%s' is defined twice", name);
  if (r->count >= REE_ROUTE_MAX_STAGES)
    return ree_err_set(err, REE_ELIMIT, "more than %d stages",
                       REE_ROUTE_MAX_STAGES);
  if (!(yield > 0.0 && yield <= 1.0))
    return ree_err_set(err, REE_EDOMAIN,
                       "stage '%s': yield must be in (0, 1], got %g", name,
                       yield);
  if (!(recycled >= 0.0 && recycled <= 1.0))
    return ree_err_set(err, REE_EDOMAIN,
                       "stage '%s': recycled share must be in [0, 1], got %g",
                       name, recycled);
  if (recycled > 0.0 && (returns_to < 0 || returns_to > r->count))
    return ree_err_set(err, REE_EINVAL,
                       "stage '%s': scrap must return to this stage or one "
                       "upstream of it", name);
  s = &r->stage[r->count];
  memcpy(s->name, name, len + 1);
  s->yield = yield;
  s->recycled = recycled;
  s->returns_to = recycled > 0.0 ? returns_to : r->count;
  return r->count++;
}

static int check_walk(const ree_route *r, int entry, double amount,
                      const ree_stage_flow *flows, ree_err *err) {
  if (r == NULL || flows == NULL)
    return ree_err_set(err, REE_EINVAL, "no route");
  if (r->count == 0) return ree_err_set(err, REE_EINVAL, "route has no stages");
  if (entry < 0 || entry >= r->count)
    return ree_err_set(err, REE_EINVAL, "no stage with index %d", entry);
  if (!isfinite(amount) || amount < 0.0)
    return ree_err_set(err, REE_EDOMAIN,
                       "amount must be a non-negative number, got %g", amount);
  return REE_OK;
}

static int target_of(const ree_route *r, int i, int entry) {
  int t = r->stage[i].returns_to;
  return t < entry ? entry : t;
}

/* Fills every flow of stage i from its input and the recycled share. */
static void split_input(const ree_route *r, int i, ree_stage_flow *f) {
  f->output = r->stage[i].yield * f->input;
  f->scrap = f->input - f->output;
  f->recycled_out = r->stage[i].recycled * f->scrap;
  f->lost = f->scrap - f->recycled_out;
}

int ree_route_backward(const ree_route *r, int entry, double product,
                       ree_stage_flow *flows, ree_err *err) {
  int i, m, rc;
  double needed = product; /* output asked of stage i */
  if ((rc = check_walk(r, entry, product, flows, err)) != REE_OK) return rc;
  memset(flows, 0, (size_t)r->count * sizeof *flows);
  /*
  ** Walking upstream, every stage that returns scrap to stage i lies at or
  ** below i, so its flows are known by the time stage i needs them.
  */
  for (i = r->count - 1; i >= entry; i--) {
    ree_stage_flow *f = &flows[i];
    f->input = needed / r->stage[i].yield;
    f->output = needed; /* exactly what was asked, not y * (needed / y) */
    f->scrap = f->input - f->output;
    f->recycled_out = r->stage[i].recycled * f->scrap;
    f->lost = f->scrap - f->recycled_out;
    for (m = i; m < r->count; m++)
      if (target_of(r, m, entry) == i) f->recycled_in += flows[m].recycled_out;
    f->upstream = f->input - f->recycled_in;
    needed = f->upstream;
  }
  return REE_OK;
}

/*
** Solves (I - A) x = b for the stage inputs x[entry..count), where A holds
** the yields (stage i-1 feeds i) and the recycle shares (stage m feeds its
** target). Gaussian elimination with partial pivoting on at most 16 rows.
*/
int ree_route_forward(const ree_route *r, int entry, double feed,
                      ree_stage_flow *flows, ree_err *err) {
  double a[REE_ROUTE_MAX_STAGES][REE_ROUTE_MAX_STAGES + 1];
  double x[REE_ROUTE_MAX_STAGES];
  int n, i, j, k, m, rc;
  if ((rc = check_walk(r, entry, feed, flows, err)) != REE_OK) return rc;
  n = r->count - entry;
  memset(a, 0, sizeof a);
  for (i = 0; i < n; i++) {
    int si = entry + i;
    a[i][i] += 1.0;
    if (i > 0) a[i][i - 1] -= r->stage[si - 1].yield;
    for (m = si; m < r->count; m++)
      if (target_of(r, m, entry) == si)
        a[i][m - entry] -= r->stage[m].recycled * (1.0 - r->stage[m].yield);
    a[i][n] = (i == 0) ? feed : 0.0;
  }
  for (k = 0; k < n; k++) {
    int pivot = k;
    for (i = k + 1; i < n; i++)
      if (fabs(a[i][k]) > fabs(a[pivot][k])) pivot = i;
    if (fabs(a[pivot][k]) < 1e-12)
      return ree_err_set(err, REE_ESINGULAR,
                         "stage '%s' recycles all it receives; no steady "
                         "state", r->stage[entry + k].name);
    if (pivot != k)
      for (j = 0; j <= n; j++) {
        double t = a[k][j];
        a[k][j] = a[pivot][j];
        a[pivot][j] = t;
      }
    for (i = k + 1; i < n; i++) {
      double f = a[i][k] / a[k][k];
      for (j = k; j <= n; j++) a[i][j] -= f * a[k][j];
    }
  }
  for (i = n - 1; i >= 0; i--) {
    double s = a[i][n];
    for (j = i + 1; j < n; j++) s -= a[i][j] * x[j];
    x[i] = s / a[i][i];
  }
  memset(flows, 0, (size_t)r->count * sizeof *flows);
  for (i = entry; i < r->count; i++) {
    flows[i].input = x[i - entry];
    split_input(r, i, &flows[i]);
  }
  for (i = entry; i < r->count; i++) {
    flows[i].upstream = (i == entry) ? feed : flows[i - 1].output;
    for (m = i; m < r->count; m++)
      if (target_of(r, m, entry) == i)
        flows[i].recycled_in += flows[m].recycled_out;
  }
  return REE_OK;
}

double ree_stage_residual(const ree_stage_flow *f) {
  if (f == NULL) return 0.0;
  return (f->upstream + f->recycled_in) -
         (f->output + f->recycled_out + f->lost);
}
