/*
** series.h: time series with a unit and a period: annual, quarterly or
** monthly.
**
** A series holds count values, one a step, for the steps first .. first +
** count - 1. A step counts periods from year 0: step = year * period +
** (sub - 1), sub being the quarter or month (1-based), so that for an
** annual series (period 1) a step is its year. A missing value is NaN:
** shown as missing, never as zero, and every operation keeps it missing.
** Like ree_comp, the struct ends in a flexible array and lives wherever
** the caller puts it: operations write into a destination the caller sized
** with REE_SERIES_BYTES and, where the length can change,
** ree_series_*_count tells how many values it needs. Operations take and
** give steps; those that speak of years (cagr, extrapolate, index) take
** annual series only, and ree_series_annual aggregates the others.
*/
#ifndef REE_SERIES_H
#define REE_SERIES_H

#include <stddef.h>

#include "ree_err.h"
#include "unit.h"

#define REE_SERIES_MAX 100000 /* values in one series */

typedef struct ree_series {
  int first;      /* the first step: its year, for an annual series */
  int count;
  int period;     /* steps a year: 1, 4 or 12 */
  ree_unit unit;
  double value[]; /* C99 flexible array member; NaN = missing */
} ree_series;

#define REE_SERIES_BYTES(n) \
  (offsetof(ree_series, value) + (size_t)(n) * sizeof(double))

/* The missing value (a quiet NaN). */
double ree_missing(void);
int ree_is_missing(double v);

/* Initialises s (sized for count values) as an annual series from
** first_year with every value missing; set s->period for another. */
void ree_series_init(ree_series *s, int first_year, int count,
                     const ree_unit *unit);

/* Whether period is one ree takes: 1 (years), 4 (quarters), 12 (months). */
int ree_series_period_ok(int period);

/* The step of year and sub (1..period), and back: the year of a step and
** its sub. */
int ree_series_step(int period, int year, int sub);
int ree_series_year_of(int period, int step);
int ree_series_sub_of(int period, int step);

/* The last step of s (its last year, for an annual series). */
int ree_series_last_year(const ree_series *s);

/* The steps s covers as people write them, into buf: "1990-2015", or
** "2010-07 to 2012-12" (months), "2010Q1 to 2011Q4" (quarters). */
const char *ree_series_span_text(char *buf, size_t size, const ree_series *s);

/* The value at step, missing outside the range. */
double ree_series_at(const ree_series *s, int step);

enum { REE_OP_ADD, REE_OP_SUB, REE_OP_MUL, REE_OP_DIV };

/*
** dst = a op b, element by element. a and b must cover the same years
** (REE_EDOMAIN otherwise: "series cover 1990-2015 and 2000-2015: align
** them first"); + and - need the same unit ("unlike units 't' and 'kt':
** convert one with :to"), * and / combine units (t * US$/kg = US$).
** dst has room for a->count values and may be a or b.
*/
int ree_series_binop(ree_series *dst, const ree_series *a,
                     const ree_series *b, int op, ree_err *err);

/*
** dst = a op k, or k op a when scalar_first (k - a, k / a). The scalar
** carries a's unit for + and -, no unit for * and /; k / a inverts the
** unit.
*/
void ree_series_scalar(ree_series *dst, const ree_series *a, double k,
                       int op, int scalar_first);

/* dst = a in unit `to` (REE_EDOMAIN when it measures something else). */
int ree_series_convert(ree_series *dst, const ree_series *a,
                       const ree_unit *to, ree_err *err);

/*
** Years from..to of a into dst (room for to - from + 1 values); years
** outside a are missing. REE_EDOMAIN when to < from.
*/
int ree_series_slice(ree_series *dst, const ree_series *a, int from, int to,
                     ree_err *err);

/* Running sum; from the first missing value on, the sum is missing. */
void ree_series_cumsum(ree_series *dst, const ree_series *a);

/*
** First differences (x[t] - x[t-1]) or growth rates (x[t] / x[t-1] - 1,
** unit "fraction") into dst, which starts a year later and has
** a->count - 1 values (a needs at least 2).
*/
int ree_series_diff(ree_series *dst, const ree_series *a, int growth,
                    ree_err *err);

/* Compound annual growth rate between two years: (x1/x0)^(1/(y1-y0)) - 1. */
int ree_series_cagr(const ree_series *a, int y0, int y1, double *rate,
                    ree_err *err);

/*
** Trailing moving average over `window` years (missing where the window
** reaches before the series or holds a missing value).
*/
int ree_series_moving_average(ree_series *dst, const ree_series *a,
                              int window, ree_err *err);

enum { REE_FILL_LINEAR, REE_FILL_STEP };

/*
** Fills gaps between known values, linearly or by carrying the last known
** value forward. Missing values before the first or after the last known
** value stay missing.
*/
void ree_series_interpolate(ree_series *dst, const ree_series *a, int how);

/*
** dst (room for to_year - first + 1 values) = a, continued past its last
** known value by compound growth at `rate` a year up to to_year.
*/
int ree_series_extrapolate(ree_series *dst, const ree_series *a, int to_year,
                           double rate, ree_err *err);

/* Smallest and largest known value and their (first) years. REE_EDOMAIN
** when every value is missing. */
int ree_series_extremes(const ree_series *a, double *min, int *min_year,
                        double *max, int *max_year, ree_err *err);

/*
** Sum (or mean, when mean is set) of n series year by year: all must cover
** the same years in the same unit. A year with a missing value in any
** series is missing. dst has room for parts[0]->count values.
*/
int ree_series_combine(ree_series *dst, const ree_series *const *parts,
                       int n, int mean, ree_err *err);

/*
** Index to a base year: a / a[base], unit "%" (base year = 100).
** REE_EDOMAIN when the base value is missing or zero.
*/
int ree_series_index(ree_series *dst, const ree_series *a, int base_year,
                     ree_err *err);

enum { REE_AGG_SUM, REE_AGG_MEAN, REE_AGG_LAST };

/* The years a sub-annual series spans: the values ree_series_annual
** writes. */
int ree_series_annual_count(const ree_series *a);

/*
** The annual series of a (dst != a, room for ree_series_annual_count(a)
** values): each year's sum, mean or last value of its steps, missing
** unless every step of that year is in a and known (a year part-covered
** is not guessed). An annual a is copied.
*/
void ree_series_annual(ree_series *dst, const ree_series *a, int how);

#endif
