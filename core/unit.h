/*
** unit.h: the units of this domain and their algebra.
**
** A unit is a product of powers of four base dimensions, mass (base: t),
** US dollars, Chinese yuan and years, times a scale, plus the basis of its
** mass: tonnes of rare-earth oxide (REO), of metal, or of product are not
** interchangeable.
**
**   t  kt  Mt  kg  g      t REO  kt metal  t product      US$  CNY
**   US$/kg  CNY/t  CNY/US$ (an exchange rate)  t REO/yr   %  fraction
**
** Exchange rates need no special case: (CNY/t) / (CNY/US$) is US$/t.
*/
#ifndef REE_UNIT_H
#define REE_UNIT_H

#include <stddef.h>

#include "ree_err.h"

/* cases: the counted goods of teaching games (the beer game) */
enum { REE_DIM_MASS, REE_DIM_USD, REE_DIM_CNY, REE_DIM_YEAR, REE_DIM_CASE, REE_NDIM };

enum {
  REE_BASIS_NONE,    /* mass of anything, or no mass */
  REE_BASIS_REO,     /* t of rare-earth oxide equivalent */
  REE_BASIS_METAL,   /* t of contained metal */
  REE_BASIS_PRODUCT  /* t of product: magnets, alloy, concentrate */
};

#define REE_UNIT_NAME_MAX 32

typedef struct ree_unit {
  double scale;                /* one of this unit in base units: kt 1000 */
  signed char exp[REE_NDIM];   /* powers of t, US$, CNY, yr, cases */
  unsigned char basis;         /* REE_BASIS_*, for units with a mass */
  char name[REE_UNIT_NAME_MAX];/* as written, or derived: "US$/kg" */
} ree_unit;

/*
** Parses text ("kt REO", "US$/kg", "CNY/US$", "t/yr", "%") into *u.
** Errors: REE_ESYNTAX, "unit 'kg/': ..." naming the unit and the word.
*/
int ree_unit_parse(ree_unit *u, const char *text, ree_err *err);

/* The dimensionless unit "fraction". */
void ree_unit_fraction(ree_unit *u);

/* 1 when a and b are the same unit (dimensions, basis and scale). */
int ree_unit_same(const ree_unit *a, const ree_unit *b);

/*
** The factor that converts values in `from` to values in `to`, which must
** measure the same thing (same dimensions and basis, or one of them has no
** basis). Errors: REE_EDOMAIN, "cannot convert 't REO' to 'US$'".
*/
int ree_unit_factor(const ree_unit *from, const ree_unit *to, double *factor,
                    ree_err *err);

/*
** The unit of a * b (or a / b with divide set), in base units, and the
** factor by which the product of the values must be multiplied to be in
** it: t * US$/kg is US$ with factor 1000. Errors: REE_EDOMAIN for unlike
** bases ("t REO" times "US$/t metal").
*/
int ree_unit_multiply(ree_unit *out, double *factor, const ree_unit *a,
                      const ree_unit *b, int divide, ree_err *err);

#endif
