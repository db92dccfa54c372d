/*
** test_series.c: series arithmetic and operations against hand values.
*/
#include <math.h>

#include "check.h"
#include "series.h"

static ree_err err;

typedef union {
  ree_series s;
  double align;
  unsigned char bytes[REE_SERIES_BYTES(16)];
} buffer;

/* A series in buf from first_year with n values (NAN for missing). */
static ree_series *make(buffer *buf, int first_year, const char *unit_text,
                        int n, const double *v) {
  ree_unit u;
  int i;
  ree_unit_parse(&u, unit_text, &err);
  ree_series_init(&buf->s, first_year, n, &u);
  for (i = 0; i < n; i++) buf->s.value[i] = v[i];
  return &buf->s;
}

static void series_should_add_and_keep_gaps_missing(void) {
  buffer a, b, c;
  double va[] = {1, 2, NAN, 4}, vb[] = {10, 20, 30, 40};
  ree_series *x = make(&a, 2010, "t", 4, va), *y = make(&b, 2010, "t", 4, vb);
  CHECK_INT(ree_series_binop(&c.s, x, y, REE_OP_ADD, &err), REE_OK);
  CHECK_NEAR(c.s.value[1], 22, 0);
  CHECK(isnan(c.s.value[2]));
  CHECK_NEAR(ree_series_at(&c.s, 2013), 44, 0);
  CHECK(isnan(ree_series_at(&c.s, 2014)));
}

static void series_should_refuse_unlike_ranges_and_units(void) {
  buffer a, b, c;
  double v[] = {1, 2, 3};
  ree_series *x = make(&a, 2010, "t", 3, v), *y = make(&b, 2011, "t", 3, v);
  CHECK_INT(ree_series_binop(&c.s, x, y, REE_OP_ADD, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "series cover 2010-2012 and 2011-2013: align them first");
  y = make(&b, 2010, "kt", 3, v);
  CHECK_INT(ree_series_binop(&c.s, x, y, REE_OP_SUB, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "unlike units 't' and 'kt': convert one with :to");
}

static void series_should_multiply_units(void) {
  buffer a, b, c;
  double t[] = {100, 200}, price[] = {30, 50};
  ree_series *x = make(&a, 2007, "t", 2, t);
  ree_series *p = make(&b, 2007, "US$/kg", 2, price);
  CHECK_INT(ree_series_binop(&c.s, x, p, REE_OP_MUL, &err), REE_OK);
  CHECK_STR(c.s.unit.name, "US$");
  CHECK_NEAR(c.s.value[0], 100 * 30 * 1000, 0); /* 100 t at 30 US$/kg */
}

static void series_should_convert_and_slice(void) {
  buffer a, c;
  double v[] = {60000, 62000, 64000};
  ree_unit kt;
  ree_series *x = make(&a, 1990, "t REO", 3, v);
  ree_unit_parse(&kt, "kt REO", &err);
  CHECK_INT(ree_series_convert(&c.s, x, &kt, &err), REE_OK);
  CHECK_NEAR(c.s.value[2], 64, 1e-15);
  CHECK_INT(ree_series_slice(&c.s, x, 1989, 1991, &err), REE_OK);
  CHECK(isnan(c.s.value[0]));
  CHECK_NEAR(c.s.value[2], 62000, 0);
  CHECK_INT(ree_series_slice(&c.s, x, 1991, 1990, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "empty range 1991-1990");
}

static void series_should_accumulate_difference_and_grow(void) {
  buffer a, c;
  double v[] = {100, 110, 121, NAN, 150};
  double rate;
  ree_series *x = make(&a, 2000, "t", 5, v);
  ree_series_cumsum(&c.s, x);
  CHECK_NEAR(c.s.value[2], 331, 0);
  CHECK(isnan(c.s.value[4])); /* unknown from the gap on */
  CHECK_INT(ree_series_diff(&c.s, x, 0, &err), REE_OK);
  CHECK_INT(c.s.first, 2001);
  CHECK_NEAR(c.s.value[1], 11, 0);
  CHECK_INT(ree_series_diff(&c.s, x, 1, &err), REE_OK);
  CHECK_NEAR(c.s.value[0], 0.1, 1e-15);
  CHECK_STR(c.s.unit.name, "fraction");
  CHECK_INT(ree_series_cagr(x, 2000, 2002, &rate, &err), REE_OK);
  CHECK_NEAR(rate, 0.1, 1e-15); /* 100 -> 121 in two years */
  CHECK_INT(ree_series_cagr(x, 2000, 2003, &rate, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "no value for 2003");
  CHECK_INT(ree_series_cagr(x, 2002, 2000, &rate, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "years 2002 and 2000: the second must come later");
}

static void series_should_average_fill_and_extend(void) {
  buffer a, c;
  double v[] = {1, 2, NAN, NAN, 8}, lo, hi;
  int ylo, yhi;
  ree_series *x = make(&a, 2000, "t", 5, v);
  CHECK_INT(ree_series_moving_average(&c.s, x, 2, &err), REE_OK);
  CHECK(isnan(c.s.value[0]));
  CHECK_NEAR(c.s.value[1], 1.5, 0);
  CHECK(isnan(c.s.value[4])); /* the window holds a gap */
  ree_series_interpolate(&c.s, x, REE_FILL_LINEAR);
  CHECK_NEAR(c.s.value[2], 4, 0); /* 2 -> 8 over three steps */
  CHECK_NEAR(c.s.value[3], 6, 0);
  ree_series_interpolate(&c.s, x, REE_FILL_STEP);
  CHECK_NEAR(c.s.value[3], 2, 0);
  CHECK_INT(ree_series_extrapolate(&c.s, x, 2006, 0.5, &err), REE_OK);
  CHECK_INT(c.s.count, 7);
  CHECK_NEAR(c.s.value[6], 18, 0); /* 8 * 1.5 * 1.5 */
  CHECK_INT(ree_series_extremes(x, &lo, &ylo, &hi, &yhi, &err), REE_OK);
  CHECK_NEAR(lo, 1, 0);
  CHECK_INT(yhi, 2004);
  CHECK_INT(ree_series_moving_average(&c.s, x, 9, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "window of 9 years for 5 values");
}

static void series_should_combine_share_and_index(void) {
  buffer a, b, c;
  double va[] = {30, 60}, vb[] = {70, 140};
  const ree_series *parts[2];
  ree_series *cn = make(&a, 2010, "t REO", 2, va),
             *rw = make(&b, 2010, "t REO", 2, vb);
  parts[0] = cn;
  parts[1] = rw;
  CHECK_INT(ree_series_combine(&c.s, parts, 2, 0, &err), REE_OK);
  CHECK_NEAR(c.s.value[1], 200, 0);
  CHECK_INT(ree_series_combine(&c.s, parts, 2, 1, &err), REE_OK);
  CHECK_NEAR(c.s.value[0], 50, 0);
  {
    buffer total, share;
    ree_series_combine(&total.s, parts, 2, 0, &err);
    CHECK_INT(ree_series_binop(&share.s, cn, &total.s, REE_OP_DIV, &err),
              REE_OK);
    CHECK_NEAR(share.s.value[0], 0.3, 1e-15);
    CHECK_STR(share.s.unit.name, "fraction");
  }
  CHECK_INT(ree_series_index(&c.s, cn, 2010, &err), REE_OK);
  CHECK_NEAR(c.s.value[1], 200, 0);
  CHECK_STR(c.s.unit.name, "%");
  CHECK_INT(ree_series_index(&c.s, cn, 2009, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "no known value for base year 2009");
}

static void series_should_work_with_scalars(void) {
  buffer a, c;
  double v[] = {2, 4};
  ree_series *x = make(&a, 2000, "US$/kg", 2, v);
  ree_series_scalar(&c.s, x, 10, REE_OP_SUB, 1);
  CHECK_NEAR(c.s.value[1], 6, 0);
  /* 8 / (2 US$/kg) = 4 kg/US$ = 0.004 t/US$, in base units */
  ree_series_scalar(&c.s, x, 8, REE_OP_DIV, 1);
  CHECK_NEAR(c.s.value[0], 0.004, 1e-15);
  CHECK_STR(c.s.unit.name, "t/US$");
  ree_series_scalar(&c.s, x, 2, REE_OP_MUL, 0);
  CHECK_NEAR(c.s.value[1], 8, 0);
  CHECK_STR(c.s.unit.name, "US$/kg");
}

static void monthly_series_should_aggregate_to_whole_years_only(void) {
  /* months Nov 2010 to Feb 2012, prices 1..16; 2010 and 2012 are part
  ** years (missing), 2011 is months 3..14: sum 102, mean 8.5, last 14 */
  buffer a, y;
  double v[16];
  int i;
  ree_series *m;
  for (i = 0; i < 16; i++) v[i] = i + 1;
  m = make(&a, 0, "US$/kg", 16, v);
  m->period = 12;
  m->first = ree_series_step(12, 2010, 11);
  CHECK_INT(m->first, 2010 * 12 + 10);
  CHECK_INT(ree_series_year_of(12, m->first), 2010);
  CHECK_INT(ree_series_sub_of(12, m->first), 11);
  CHECK_INT(ree_series_annual_count(m), 3);
  ree_series_annual(&y.s, m, REE_AGG_SUM);
  CHECK_INT(y.s.first, 2010);
  CHECK_INT(y.s.period, 1);
  CHECK(isnan(y.s.value[0]) && isnan(y.s.value[2]));
  CHECK_NEAR(y.s.value[1], 102, 0);
  ree_series_annual(&y.s, m, REE_AGG_MEAN);
  CHECK_NEAR(y.s.value[1], 8.5, 0);
  ree_series_annual(&y.s, m, REE_AGG_LAST);
  CHECK_NEAR(y.s.value[1], 14, 0);
  v[5] = NAN; /* April 2011 missing: 2011 cannot be told */
  m = make(&a, 0, "US$/kg", 16, v);
  m->period = 12;
  m->first = ree_series_step(12, 2010, 11);
  ree_series_annual(&y.s, m, REE_AGG_MEAN);
  CHECK(isnan(y.s.value[1]));
}

static void monthly_series_should_refuse_annual_partners_and_year_rates(void) {
  buffer a, b, c;
  double v[] = {1, 2, 3, 4};
  ree_series *m = make(&a, 0, "t", 4, v), *x = make(&b, 2010, "t", 4, v);
  double rate;
  m->period = 12;
  m->first = ree_series_step(12, 2010, 1);
  CHECK_INT(ree_series_binop(&c.s, m, x, REE_OP_ADD, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "a monthly and an annual series: aggregate one with :annual()");
  CHECK_INT(ree_series_cagr(m, m->first, m->first + 3, &rate, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "a monthly series: aggregate it with :annual() first");
  x = make(&b, 0, "t", 3, v);
  x->period = 12;
  x->first = ree_series_step(12, 2010, 2);
  CHECK_INT(ree_series_binop(&c.s, m, x, REE_OP_ADD, &err), REE_EDOMAIN);
  CHECK_STR(err.msg, "series cover 2010-01 to 2010-04 and 2010-02 to 2010-04: align them first");
  /* a month's growth is month on month, and keeps the period */
  CHECK_INT(ree_series_diff(&c.s, m, 1, &err), REE_OK);
  CHECK_INT(c.s.period, 12);
  CHECK_INT(c.s.first, ree_series_step(12, 2010, 2));
  CHECK_NEAR(c.s.value[0], 1, 0);
}

int main(void) {
  RUN(series_should_add_and_keep_gaps_missing);
  RUN(series_should_refuse_unlike_ranges_and_units);
  RUN(series_should_multiply_units);
  RUN(series_should_convert_and_slice);
  RUN(series_should_accumulate_difference_and_grow);
  RUN(series_should_average_fill_and_extend);
  RUN(series_should_combine_share_and_index);
  RUN(series_should_work_with_scalars);
  RUN(monthly_series_should_aggregate_to_whole_years_only);
  RUN(monthly_series_should_refuse_annual_partners_and_year_rates);
  return check_report();
}
