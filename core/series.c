/*
** series.c: annual series arithmetic. Missing values are NaN, so IEEE
** arithmetic keeps them missing without a test in the hot loops.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "series.h"

double ree_missing(void) { return NAN; }

int ree_is_missing(double v) { return isnan(v); }

void ree_series_init(ree_series *s, int first_year, int count,
                     const ree_unit *unit) {
  int i;
  s->first = first_year;
  s->count = count;
  s->period = 1;
  if (unit != NULL)
    s->unit = *unit;
  else
    ree_unit_fraction(&s->unit);
  for (i = 0; i < count; i++) s->value[i] = NAN;
}

int ree_series_last_year(const ree_series *s) {
  return s->first + s->count - 1;
}

double ree_series_at(const ree_series *s, int year) {
  int i = year - s->first;
  return (i >= 0 && i < s->count) ? s->value[i] : NAN;
}

int ree_series_period_ok(int period) {
  return period == 1 || period == 4 || period == 12;
}

int ree_series_step(int period, int year, int sub) {
  return year * period + sub - 1;
}

int ree_series_year_of(int period, int step) { return step / period; }

int ree_series_sub_of(int period, int step) { return step % period + 1; }

/* A step as people write it: 2011, 2011-03 or 2011Q2. */
static const char *step_text(char *buf, size_t size, int period, int step) {
  int year = ree_series_year_of(period, step), sub = ree_series_sub_of(period, step);
  if (period == 12)
    snprintf(buf, size, "%d-%02d", year, sub);
  else if (period == 4)
    snprintf(buf, size, "%dQ%d", year, sub);
  else
    snprintf(buf, size, "%d", year);
  return buf;
}

static const char *period_name(int period) {
  return period == 12 ? "a monthly" : period == 4 ? "a quarterly" : "an annual";
}

const char *ree_series_span_text(char *buf, size_t size, const ree_series *a) {
  char from[16], to[16];
  step_text(from, sizeof from, a->period, a->first);
  step_text(to, sizeof to, a->period, ree_series_last_year(a));
  snprintf(buf, size, a->period == 1 ? "%s-%s" : "%s to %s", from, to);
  return buf;
}

static int same_years(const ree_series *a, const ree_series *b,
                      ree_err *err) {
  char sa[40], sb[40];
  if (a->period != b->period)
    return ree_err_set(err, REE_EDOMAIN, "%s and %s series: aggregate one "
                       "with :annual()", period_name(a->period),
                       period_name(b->period));
  if (a->first == b->first && a->count == b->count) return REE_OK;
  return ree_err_set(err, REE_EDOMAIN,
                     "series cover %s and %s: align them first",
                     ree_series_span_text(sa, sizeof sa, a),
                     ree_series_span_text(sb, sizeof sb, b));
}

int ree_series_binop(ree_series *dst, const ree_series *a,
                     const ree_series *b, int op, ree_err *err) {
  ree_unit unit;
  double k = 1.0;
  int i, n = a->count, rc;
  if ((rc = same_years(a, b, err)) != REE_OK) return rc;
  if (op == REE_OP_ADD || op == REE_OP_SUB) {
    if (!ree_unit_same(&a->unit, &b->unit))
      return ree_err_set(err, REE_EDOMAIN,
                         "unlike units '%s' and '%s': convert one with :to",
                         a->unit.name, b->unit.name);
    unit = a->unit;
  } else {
    rc = ree_unit_multiply(&unit, &k, &a->unit, &b->unit, op == REE_OP_DIV,
                           err);
    if (rc != REE_OK) return rc;
  }
  switch (op) {
    case REE_OP_ADD:
      for (i = 0; i < n; i++) dst->value[i] = a->value[i] + b->value[i];
      break;
    case REE_OP_SUB:
      for (i = 0; i < n; i++) dst->value[i] = a->value[i] - b->value[i];
      break;
    case REE_OP_MUL:
      for (i = 0; i < n; i++) dst->value[i] = k * a->value[i] * b->value[i];
      break;
    default:
      for (i = 0; i < n; i++) dst->value[i] = k * a->value[i] / b->value[i];
  }
  dst->first = a->first;
  dst->period = a->period;
  dst->count = n;
  dst->unit = unit;
  return REE_OK;
}

void ree_series_scalar(ree_series *dst, const ree_series *a, double k,
                       int op, int scalar_first) {
  int i, n = a->count;
  ree_unit unit = a->unit;
  switch (op) {
    case REE_OP_ADD:
      for (i = 0; i < n; i++) dst->value[i] = a->value[i] + k;
      break;
    case REE_OP_SUB:
      if (scalar_first)
        for (i = 0; i < n; i++) dst->value[i] = k - a->value[i];
      else
        for (i = 0; i < n; i++) dst->value[i] = a->value[i] - k;
      break;
    case REE_OP_MUL:
      for (i = 0; i < n; i++) dst->value[i] = a->value[i] * k;
      break;
    default:
      if (scalar_first) {
        ree_unit one;
        double f;
        ree_unit_fraction(&one);
        ree_unit_multiply(&unit, &f, &one, &a->unit, 1, NULL);
        for (i = 0; i < n; i++) dst->value[i] = f * k / a->value[i];
      } else {
        for (i = 0; i < n; i++) dst->value[i] = a->value[i] / k;
      }
  }
  dst->first = a->first;
  dst->period = a->period;
  dst->count = n;
  dst->unit = unit;
}

int ree_series_convert(ree_series *dst, const ree_series *a,
                       const ree_unit *to, ree_err *err) {
  double f;
  int i, rc = ree_unit_factor(&a->unit, to, &f, err);
  if (rc != REE_OK) return rc;
  for (i = 0; i < a->count; i++) dst->value[i] = a->value[i] * f;
  dst->first = a->first;
  dst->period = a->period;
  dst->count = a->count;
  dst->unit = *to;
  return REE_OK;
}

int ree_series_slice(ree_series *dst, const ree_series *a, int from, int to,
                     ree_err *err) {
  int y;
  if (to < from)
    return ree_err_set(err, REE_EDOMAIN, "empty range %d-%d", from, to);
  if (to - from + 1 > REE_SERIES_MAX)
    return ree_err_set(err, REE_ELIMIT, "more than %d years", REE_SERIES_MAX);
  /* dst may be a: copy in the direction that does not overwrite */
  if (from <= a->first) {
    for (y = to; y >= from; y--) dst->value[y - from] = ree_series_at(a, y);
  } else {
    for (y = from; y <= to; y++) dst->value[y - from] = ree_series_at(a, y);
  }
  dst->unit = a->unit;
  dst->first = from;
  dst->period = a->period;
  dst->count = to - from + 1;
  return REE_OK;
}

void ree_series_cumsum(ree_series *dst, const ree_series *a) {
  double sum = 0.0;
  int i;
  for (i = 0; i < a->count; i++) dst->value[i] = sum += a->value[i];
  dst->first = a->first;
  dst->period = a->period;
  dst->count = a->count;
  dst->unit = a->unit;
}

int ree_series_diff(ree_series *dst, const ree_series *a, int growth,
                    ree_err *err) {
  int i, n = a->count - 1;
  if (n < 1)
    return ree_err_set(err, REE_EDOMAIN, "needs at least 2 years, has %d",
                       a->count);
  for (i = 0; i < n; i++)
    dst->value[i] = growth ? a->value[i + 1] / a->value[i] - 1.0
                           : a->value[i + 1] - a->value[i];
  if (growth)
    ree_unit_fraction(&dst->unit);
  else
    dst->unit = a->unit;
  dst->first = a->first + 1;
  dst->period = a->period;
  dst->count = n;
  return REE_OK;
}

int ree_series_cagr(const ree_series *a, int y0, int y1, double *rate,
                    ree_err *err) {
  double x0 = ree_series_at(a, y0), x1 = ree_series_at(a, y1);
  if (a->period != 1)
    return ree_err_set(err, REE_EDOMAIN, "%s series: aggregate it with "
                       ":annual() first", period_name(a->period));
  if (y1 <= y0)
    return ree_err_set(err, REE_EDOMAIN, "years %d and %d: the second must "
                       "come later", y0, y1);
  if (isnan(x0) || isnan(x1))
    return ree_err_set(err, REE_EDOMAIN, "no value for %d",
                       isnan(x0) ? y0 : y1);
  if (!(x0 > 0.0) || x1 < 0.0)
    return ree_err_set(err, REE_EDOMAIN, "growth from %g to %g has no rate",
                       x0, x1);
  *rate = pow(x1 / x0, 1.0 / (y1 - y0)) - 1.0;
  return REE_OK;
}

int ree_series_moving_average(ree_series *dst, const ree_series *a,
                              int window, ree_err *err) {
  double sum = 0.0;
  int i, n = a->count;
  if (window < 1 || window > n)
    return ree_err_set(err, REE_EDOMAIN, "window of %d years for %d values",
                       window, n);
  /* a running sum is wrong after a NaN leaves the window: re-add instead */
  for (i = 0; i < n; i++) {
    int j;
    if (i + 1 < window) {
      dst->value[i] = NAN;
      continue;
    }
    sum = 0.0;
    for (j = i + 1 - window; j <= i; j++) sum += a->value[j];
    dst->value[i] = sum / window;
  }
  dst->first = a->first;
  dst->period = a->period;
  dst->count = n;
  dst->unit = a->unit;
  return REE_OK;
}

void ree_series_interpolate(ree_series *dst, const ree_series *a, int how) {
  int i, last = -1, n = a->count;
  if (dst != a) memcpy(dst->value, a->value, (size_t)n * sizeof(double));
  for (i = 0; i < n; i++) {
    int j;
    if (isnan(a->value[i])) continue;
    if (last >= 0 && i - last > 1)
      for (j = last + 1; j < i; j++)
        dst->value[j] = how == REE_FILL_STEP
                            ? a->value[last]
                            : a->value[last] + (a->value[i] - a->value[last]) *
                                                   (j - last) / (i - last);
    last = i;
  }
  dst->first = a->first;
  dst->period = a->period;
  dst->count = n;
  dst->unit = a->unit;
}

int ree_series_extrapolate(ree_series *dst, const ree_series *a, int to_year,
                           double rate, ree_err *err) {
  int i, known = -1, n = to_year - a->first + 1;
  if (a->period != 1)
    return ree_err_set(err, REE_EDOMAIN, "%s series: aggregate it with "
                       ":annual() first", period_name(a->period));
  if (n < a->count)
    return ree_err_set(err, REE_EDOMAIN, "%d is before the series ends (%d)",
                       to_year, ree_series_last_year(a));
  if (n > REE_SERIES_MAX)
    return ree_err_set(err, REE_ELIMIT, "more than %d years", REE_SERIES_MAX);
  if (!isfinite(rate) || rate <= -1.0)
    return ree_err_set(err, REE_EDOMAIN, "growth rate %g is not above -1",
                       rate);
  for (i = 0; i < a->count; i++)
    if (!isnan(a->value[i])) known = i;
  if (known < 0)
    return ree_err_set(err, REE_EDOMAIN, "no known value to grow from");
  if (dst != a)
    memcpy(dst->value, a->value, (size_t)a->count * sizeof(double));
  for (i = a->count; i < n; i++) dst->value[i] = NAN;
  for (i = known + 1; i < n; i++)
    dst->value[i] = dst->value[i - 1] * (1.0 + rate);
  dst->first = a->first;
  dst->period = a->period;
  dst->count = n;
  dst->unit = a->unit;
  return REE_OK;
}

int ree_series_extremes(const ree_series *a, double *min, int *min_year,
                        double *max, int *max_year, ree_err *err) {
  int i, found = 0;
  for (i = 0; i < a->count; i++) {
    double v = a->value[i];
    if (isnan(v)) continue;
    if (!found || v < *min) {
      *min = v;
      *min_year = a->first + i;
    }
    if (!found || v > *max) {
      *max = v;
      *max_year = a->first + i;
    }
    found = 1;
  }
  return found ? REE_OK
               : ree_err_set(err, REE_EDOMAIN, "every value is missing");
}

int ree_series_combine(ree_series *dst, const ree_series *const *parts,
                       int n, int mean, ree_err *err) {
  int i, k, rc;
  if (n < 1) return ree_err_set(err, REE_EDOMAIN, "no series to combine");
  for (k = 1; k < n; k++) {
    if ((rc = same_years(parts[0], parts[k], err)) != REE_OK) return rc;
    if (!ree_unit_same(&parts[0]->unit, &parts[k]->unit))
      return ree_err_set(err, REE_EDOMAIN,
                         "unlike units '%s' and '%s': convert one with :to",
                         parts[0]->unit.name, parts[k]->unit.name);
  }
  for (i = 0; i < parts[0]->count; i++) {
    double sum = 0.0;
    for (k = 0; k < n; k++) sum += parts[k]->value[i];
    dst->value[i] = mean ? sum / n : sum;
  }
  dst->first = parts[0]->first;
  dst->period = parts[0]->period;
  dst->count = parts[0]->count;
  dst->unit = parts[0]->unit;
  return REE_OK;
}

int ree_series_index(ree_series *dst, const ree_series *a, int base_year,
                     ree_err *err) {
  double base = ree_series_at(a, base_year);
  int i;
  if (a->period != 1)
    return ree_err_set(err, REE_EDOMAIN, "%s series: aggregate it with "
                       ":annual() first", period_name(a->period));
  if (isnan(base) || base == 0.0)
    return ree_err_set(err, REE_EDOMAIN, "no %s value for base year %d",
                       isnan(base) ? "known" : "non-zero", base_year);
  for (i = 0; i < a->count; i++) dst->value[i] = 100.0 * a->value[i] / base;
  dst->first = a->first;
  dst->period = a->period;
  dst->count = a->count;
  ree_unit_parse(&dst->unit, "%", NULL);
  return REE_OK;
}

int ree_series_annual_count(const ree_series *a) {
  if (a->count < 1) return 0;
  return ree_series_year_of(a->period, ree_series_last_year(a)) -
         ree_series_year_of(a->period, a->first) + 1;
}

void ree_series_annual(ree_series *dst, const ree_series *a, int how) {
  int p = a->period, y, k;
  int y0 = ree_series_year_of(p, a->first), n = ree_series_annual_count(a);
  dst->first = y0;
  dst->count = n;
  dst->period = 1;
  dst->unit = a->unit;
  for (y = 0; y < n; y++) {
    double sum = 0.0, last = NAN;
    for (k = 0; k < p; k++) {
      last = ree_series_at(a, ree_series_step(p, y0 + y, k + 1));
      sum += last; /* a missing step, or one outside a, leaves NaN */
    }
    dst->value[y] = how == REE_AGG_LAST ? (isnan(sum) ? NAN : last)
                                        : how == REE_AGG_MEAN ? sum / p : sum;
  }
}
