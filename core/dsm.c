/*
** dsm.c: dynamic stock models, year by year and cohort by cohort. A run
** evaluates the survival function once an age (a table), not twice a
** cohort-year cell: the time is the cells' count, cohorts x years, with
** one division each, and the results are the same to the bit. The years
** are bounded by the core's year range only (memory: two cells of a
** double a cohort-year).
*/
#include <math.h>
#include <string.h>

#include "dsm.h"

#define MAX_YEARS REE_YEARS_MAX

struct ree_dsm {
  int first_year, years;
  int first_cohort, cohorts; /* initial cohorts, then one per year */
  ree_lifetime lt;
  double *initial;   /* [n_initial]: stock at the start, from first_cohort */
  int n_initial;
  double *inflow;    /* [years] */
  double *retired;   /* [years]: early retirement */
  double *stock_total, *outflow_total; /* [years]: the rows' sums */
  double *stock;     /* by year, the cohorts in use: row t holds the
                        first_year - first_cohort + t + 1 cohorts that
                        have entered by then (later ones hold nothing).
                        A cohort's outflow is what its stock lost: the
                        row before less this one (the inflow less the
                        stock, the year it enters) */
};

int ree_lifetime_check(const ree_lifetime *lt, ree_err *err) {
  if (lt == NULL) return ree_err_set(err, REE_EINVAL, "no lifetime");
  switch (lt->kind) {
    case REE_LIFETIME_FIXED:
      if (!(lt->a >= 1.0) || lt->a != floor(lt->a) || lt->a > MAX_YEARS)
        return ree_err_set(err, REE_EDOMAIN,
                           "a fixed lifetime must be a whole number of "
                           "years, at least 1, got %g", lt->a);
      return REE_OK;
    case REE_LIFETIME_NORMAL:
    case REE_LIFETIME_LOGNORMAL:
      if (!(lt->a > 0.0) || !isfinite(lt->a))
        return ree_err_set(err, REE_EDOMAIN,
                           "the mean lifetime must be positive, got %g",
                           lt->a);
      if (!(lt->b > 0.0) || !isfinite(lt->b))
        return ree_err_set(err, REE_EDOMAIN,
                           "the standard deviation must be positive, got %g",
                           lt->b);
      return REE_OK;
    case REE_LIFETIME_WEIBULL:
      if (!(lt->a > 0.0) || !isfinite(lt->a) || !(lt->b > 0.0) ||
          !isfinite(lt->b))
        return ree_err_set(err, REE_EDOMAIN,
                           "a Weibull lifetime needs a positive shape and "
                           "scale, got %g and %g", lt->a, lt->b);
      return REE_OK;
    default:
      return ree_err_set(err, REE_EDOMAIN, "unknown lifetime kind %d",
                         lt->kind);
  }
}

double ree_lifetime_survival(const ree_lifetime *lt, int age) {
  double a = age;
  if (age < 0) return 1.0;
  switch (lt->kind) {
    case REE_LIFETIME_FIXED:
      return a < lt->a ? 1.0 : 0.0;
    case REE_LIFETIME_NORMAL:
      return 0.5 * erfc((a - lt->a) / (lt->b * sqrt(2.0)));
    case REE_LIFETIME_WEIBULL:
      return exp(-pow(a / lt->b, lt->a));
    default: { /* lognormal from the mean and deviation of the lifetime */
      double s2 = log(1.0 + (lt->b * lt->b) / (lt->a * lt->a));
      double mu = log(lt->a) - s2 / 2.0;
      if (age == 0) return 1.0;
      return 0.5 * erfc((log(a) - mu) / sqrt(2.0 * s2));
    }
  }
}

ree_dsm *ree_dsm_new(int first_year, int years, const ree_lifetime *lt,
                     ree_err *err) {
  ree_dsm *m;
  if (ree_lifetime_check(lt, err) != REE_OK) return NULL;
  if (years < 1 || years > MAX_YEARS) {
    ree_err_set(err, REE_EDOMAIN, "a stock model spans 1 to %d years, not %d",
                MAX_YEARS, years);
    return NULL;
  }
  if (first_year < REE_YEAR_MIN || first_year > REE_YEAR_MAX - years + 1) {
    ree_err_set(err, REE_EDOMAIN, "a stock model's years lie in %d-%d, not "
                "%d and %d more", REE_YEAR_MIN, REE_YEAR_MAX, first_year, years - 1);
    return NULL;
  }
  m = (ree_dsm *)ree_malloc(sizeof *m);
  if (m == NULL) {
    ree_err_set(err, REE_ENOMEM, "out of memory");
    return NULL;
  }
  memset(m, 0, sizeof *m);
  m->first_year = first_year;
  m->years = years;
  m->first_cohort = first_year;
  m->cohorts = years;
  m->lt = *lt;
  m->inflow = (double *)ree_malloc((size_t)years * sizeof(double));
  m->retired = (double *)ree_malloc((size_t)years * sizeof(double));
  m->stock_total = (double *)ree_malloc((size_t)years * sizeof(double));
  m->outflow_total = (double *)ree_malloc((size_t)years * sizeof(double));
  if (m->inflow == NULL || m->retired == NULL || m->stock_total == NULL ||
      m->outflow_total == NULL) {
    ree_dsm_free(m);
    ree_err_set(err, REE_ENOMEM, "out of memory");
    return NULL;
  }
  return m;
}

void ree_dsm_free(ree_dsm *m) {
  if (m == NULL) return;
  ree_free(m->initial);
  ree_free(m->inflow);
  ree_free(m->retired);
  ree_free(m->stock_total);
  ree_free(m->outflow_total);
  ree_free(m->stock);
  ree_free(m);
}

int ree_dsm_set_initial(ree_dsm *m, int first_cohort, int n,
                        const double *amounts, ree_err *err) {
  double *initial;
  int i;
  if (m == NULL || (n > 0 && amounts == NULL))
    return ree_err_set(err, REE_EINVAL, "no stock model");
  if (first_cohort < REE_YEAR_MIN || first_cohort > REE_YEAR_MAX)
    return ree_err_set(err, REE_EDOMAIN, "an initial cohort's year lies in "
                       "%d-%d, not %d", REE_YEAR_MIN, REE_YEAR_MAX, first_cohort);
  if (n < 0 || n > MAX_YEARS || first_cohort + n > m->first_year)
    return ree_err_set(err, REE_EDOMAIN, "initial cohorts must come before "
                       "the first year, %d", m->first_year);
  for (i = 0; i < n; i++) {
    int age = m->first_year - 1 - (first_cohort + i);
    if (!isfinite(amounts[i]) || amounts[i] < 0.0)
      return ree_err_set(err, REE_EDOMAIN, "initial stock of cohort %d must "
                         "be a non-negative number", first_cohort + i);
    if (amounts[i] > 0.0 && ree_lifetime_survival(&m->lt, age) <= 0.0)
      return ree_err_set(err, REE_EDOMAIN, "cohort %d should have left use "
                         "by %d", first_cohort + i, m->first_year);
  }
  initial = (double *)ree_malloc((size_t)(n > 0 ? n : 1) * sizeof(double));
  if (initial == NULL) return ree_err_set(err, REE_ENOMEM, "out of memory");
  if (n > 0) memcpy(initial, amounts, (size_t)n * sizeof(double));
  ree_free(m->initial);
  m->initial = initial;
  m->n_initial = n;
  m->first_cohort = first_cohort < m->first_year ? first_cohort
                                                   : m->first_year;
  m->cohorts = m->first_year - m->first_cohort + m->years;
  /* cohorts between the given ones and the first year start empty */
  return REE_OK;
}

/* The cohorts that have entered use by the end of year index t. */
static int entered(const ree_dsm *m, int t) {
  return m->first_year - m->first_cohort + t + 1;
}

/* Where row t of the stock table starts: the rows before it hold
** entered(0) .. entered(t - 1) cells. */
static size_t row_start(const ree_dsm *m, int t) {
  size_t first = (size_t)entered(m, 0);
  return (size_t)t * first + (size_t)t * (size_t)(t - 1) / 2;
}

/* The share of a cohort that survives from age - 1 to age, S(a) / S(a-1)
** (S(-1) = 1), for every age 0 .. ages - 1 into keep[]: a division an age,
** not one a cohort-year cell. */
static void tabulate_survival(const ree_lifetime *lt, int ages, double *keep) {
  double before = 1.0;
  int a;
  for (a = 0; a < ages; a++) {
    double after = ree_lifetime_survival(lt, a);
    keep[a] = before > 0.0 ? after / before : 0.0;
    before = after;
  }
}

/* Each cohort's stock at the start of the first year (the initial ones,
** then none for the cohorts between them and the first year), into start. */
static void starting_stock(const ree_dsm *m, double *start) {
  int c, n = m->first_year - m->first_cohort;
  for (c = 0; c < n; c++) start[c] = c < m->n_initial ? m->initial[c] : 0.0;
}

/* Runs the years; `given` is the inflow (stock_driven 0) or the stock. */
static int solve(ree_dsm *m, const double *given, int stock_driven,
                 ree_err *err) {
  double *start; /* each cohort's stock at the start: row -1 */
  double *keep;  /* conditional survival by age, to the oldest cohort's */
  int t, c, n_init = m->first_year - m->first_cohort, ages = m->cohorts + 1;
  double s0 = ree_lifetime_survival(&m->lt, 0);
  if (given == NULL) return ree_err_set(err, REE_EINVAL, "no values");
  for (t = 0; t < m->years; t++)
    if (!isfinite(given[t]) || given[t] < 0.0)
      return ree_err_set(err, REE_EDOMAIN, "%s of %d must be a non-negative "
                         "number", stock_driven ? "stock" : "inflow",
                         m->first_year + t);
  ree_free(m->stock);
  m->stock = (double *)ree_malloc(row_start(m, m->years) * sizeof(double));
  start = (double *)ree_malloc((size_t)(n_init > 0 ? n_init : 1) * sizeof(double));
  keep = (double *)ree_malloc((size_t)ages * sizeof(double));
  if (m->stock == NULL || start == NULL || keep == NULL) {
    ree_free(start);
    ree_free(keep);
    return ree_err_set(err, REE_ENOMEM, "out of memory");
  }
  tabulate_survival(&m->lt, ages, keep);
  starting_stock(m, start);
  for (t = 0; t < m->years; t++) {
    int now = n_init + t; /* the cohorts in use before this year's enters */
    const double *by_age = keep + now; /* cohort c is now - c years old */
    const double *prev = t > 0 ? m->stock + row_start(m, t - 1) : start;
    double *row = m->stock + row_start(m, t), surviving = 0.0, leaving = 0.0, inflow;
    for (c = 0; c < now; c++) {
      row[c] = prev[c] * by_age[-c];
      surviving += row[c];
      leaving += prev[c] - row[c];
    }
    m->retired[t] = 0.0;
    if (!stock_driven) {
      inflow = given[t];
    } else if (given[t] >= surviving) {
      inflow = (given[t] - surviving) / s0;
    } else {
      /* the stock falls faster than cohorts retire: no negative inflow;
      ** the excess leaves early, oldest cohorts first */
      double excess = surviving - given[t];
      inflow = 0.0;
      m->retired[t] = excess;
      for (c = 0; c < now && excess > 0.0; c++) {
        double take = row[c] < excess ? row[c] : excess;
        row[c] -= take;
        excess -= take;
      }
    }
    m->inflow[t] = inflow;
    row[now] = inflow * s0;
    m->stock_total[t] = surviving - m->retired[t] + row[now];
    m->outflow_total[t] = leaving + m->retired[t] + (inflow - row[now]);
  }
  ree_free(start);
  ree_free(keep);
  return REE_OK;
}

int ree_dsm_inflow_driven(ree_dsm *m, const double *inflow, ree_err *err) {
  if (m == NULL) return ree_err_set(err, REE_EINVAL, "no stock model");
  return solve(m, inflow, 0, err);
}

int ree_dsm_stock_driven(ree_dsm *m, const double *stock, ree_err *err) {
  if (m == NULL) return ree_err_set(err, REE_EINVAL, "no stock model");
  return solve(m, stock, 1, err);
}

static int year_index(const ree_dsm *m, int year) {
  int t = m == NULL ? -1 : year - m->first_year;
  return (m != NULL && m->stock != NULL && t >= 0 && t < m->years) ? t : -1;
}

/* The weight of cohort c: w[cohort - w_first], 0 outside w's w_count values. */
static double weight(const ree_dsm *m, int c, const double *w, int w_first,
                     int w_count) {
  int k = m->first_cohort + c - w_first;
  return (k >= 0 && k < w_count) ? w[k] : 0.0;
}

/* Cohort c's stock at the end of year index t, and what it lost in that
** year (the cohort that enters in t: its inflow less its stock). */
static void cohort_at(const ree_dsm *m, int t, int c, double *stock,
                      double *outflow) {
  int now = entered(m, t) - 1;
  const double *row = m->stock + row_start(m, t);
  *stock = *outflow = 0.0;
  if (c > now) return; /* not in use yet */
  *stock = row[c];
  if (c == now)
    *outflow = m->inflow[t] - row[c];
  else if (t > 0)
    *outflow = m->stock[row_start(m, t - 1) + (size_t)c] - row[c];
  else
    *outflow = (c < m->n_initial ? m->initial[c] : 0.0) - row[c];
}

/* The year's stock (outflow 0) or outflow, each cohort weighted. */
static double weighted_sum(const ree_dsm *m, int outflow, int year,
                           const double *w, int w_first, int w_count) {
  int t = year_index(m, year), c, n;
  double sum = 0.0, stock, out;
  if (t < 0) return 0.0;
  n = entered(m, t);
  for (c = 0; c < n; c++) {
    double wc = weight(m, c, w, w_first, w_count);
    if (wc == 0.0) continue;
    cohort_at(m, t, c, &stock, &out);
    sum += (outflow ? out : stock) * wc;
  }
  return sum;
}

/* v[year] of a yearly array v of m's (0 outside its years, or unsolved). */
static double at_year(const ree_dsm *m, const double *v, int year) {
  int t = year_index(m, year);
  return t < 0 ? 0.0 : v[t];
}

double ree_dsm_inflow(const ree_dsm *m, int year) {
  return at_year(m, m ? m->inflow : NULL, year);
}
double ree_dsm_retired_early(const ree_dsm *m, int year) {
  return at_year(m, m ? m->retired : NULL, year);
}
double ree_dsm_outflow(const ree_dsm *m, int year) {
  return at_year(m, m ? m->outflow_total : NULL, year);
}
double ree_dsm_stock(const ree_dsm *m, int year) {
  return at_year(m, m ? m->stock_total : NULL, year);
}

double ree_dsm_outflow_weighted(const ree_dsm *m, int year, const double *w,
                                int w_first, int w_count) {
  return weighted_sum(m, 1, year, w, w_first, w_count);
}

double ree_dsm_stock_weighted(const ree_dsm *m, int year, const double *w,
                              int w_first, int w_count) {
  return weighted_sum(m, 0, year, w, w_first, w_count);
}

int ree_dsm_first_cohort(const ree_dsm *m) {
  return m == NULL ? 0 : m->first_cohort;
}

int ree_dsm_year_count(const ree_dsm *m) { return m == NULL ? 0 : m->years; }

int ree_dsm_cohort_count(const ree_dsm *m) {
  return m == NULL ? 0 : m->cohorts;
}

/* Cohort's stock at the end of year and its outflow in it (0 outside). */
static void cohort_of(const ree_dsm *m, int year, int cohort, double *stock,
                      double *outflow) {
  int t = year_index(m, year), c = cohort - ree_dsm_first_cohort(m);
  *stock = *outflow = 0.0;
  if (t >= 0 && c >= 0) cohort_at(m, t, c, stock, outflow);
}

double ree_dsm_cohort_stock(const ree_dsm *m, int year, int cohort) {
  double stock, outflow;
  cohort_of(m, year, cohort, &stock, &outflow);
  return stock;
}

double ree_dsm_cohort_outflow(const ree_dsm *m, int year, int cohort) {
  double stock, outflow;
  cohort_of(m, year, cohort, &stock, &outflow);
  return outflow;
}
