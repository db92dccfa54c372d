/*
** unit.c: parsing units, converting between them, multiplying them.
*/
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

typedef struct word {
  const char *text;
  int dim;       /* REE_DIM_*, or -1 for a dimensionless word */
  double scale;  /* in base units */
} word;

static const word words[] = {
  {"t", REE_DIM_MASS, 1.0},     {"kt", REE_DIM_MASS, 1e3},
  {"Mt", REE_DIM_MASS, 1e6},    {"kg", REE_DIM_MASS, 1e-3},
  {"g", REE_DIM_MASS, 1e-6},    {"US$", REE_DIM_USD, 1.0},
  {"USD", REE_DIM_USD, 1.0},    {"CNY", REE_DIM_CNY, 1.0},
  {"RMB", REE_DIM_CNY, 1.0},    {"yr", REE_DIM_YEAR, 1.0},
  {"year", REE_DIM_YEAR, 1.0},  {"%", -1, 0.01},
  {"fraction", -1, 1.0},        {"1", -1, 1.0},
  {"cases", REE_DIM_CASE, 1.0}, {"case", REE_DIM_CASE, 1.0},
};

static const char *const bases[] = {NULL, "REO", "metal", "product"};

static void clear(ree_unit *u) {
  memset(u, 0, sizeof *u);
  u->scale = 1.0;
}

void ree_unit_fraction(ree_unit *u) {
  clear(u);
  strcpy(u->name, "fraction");
}

static int basis_of(const char *s, size_t len) {
  int b;
  if (len == 8 && memcmp(s, "physical", 8) == 0) return REE_BASIS_PRODUCT;
  for (b = REE_BASIS_REO; b <= REE_BASIS_PRODUCT; b++)
    if (strlen(bases[b]) == len && memcmp(s, bases[b], len) == 0) return b;
  return -1;
}

static const word *word_of(const char *s, size_t len) {
  size_t i;
  for (i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strlen(words[i].text) == len && memcmp(s, words[i].text, len) == 0)
      return &words[i];
  return NULL;
}

/* One side of a '/': words separated by spaces, "t REO", "US$", "kt". */
static int parse_part(ree_unit *u, const char *text, const char *s,
                      size_t len, int sign, ree_err *err) {
  size_t i = 0;
  int last_dim = -2, any = 0;
  while (i < len) {
    size_t start, n;
    const word *w;
    int b;
    while (i < len && s[i] == ' ') i++;
    if (i == len) break;
    start = i;
    while (i < len && s[i] != ' ') i++;
    n = i - start;
    if ((b = basis_of(s + start, n)) >= 0) {
      if (last_dim != REE_DIM_MASS)
        return ree_err_set(err, REE_ESYNTAX,
                           "unit '%s': basis '%.*s' must follow a mass", text,
                           (int)n, s + start);
      if (u->basis != REE_BASIS_NONE && u->basis != b)
        return ree_err_set(err, REE_ESYNTAX, "unit '%s': two bases", text);
      u->basis = (unsigned char)b;
      continue;
    }
    if ((w = word_of(s + start, n)) == NULL)
      return ree_err_set(err, REE_ESYNTAX, "unit '%s': unknown unit '%.*s'",
                         text, (int)n, s + start);
    if (w->dim >= 0) u->exp[w->dim] = (signed char)(u->exp[w->dim] + sign);
    u->scale = sign > 0 ? u->scale * w->scale : u->scale / w->scale;
    last_dim = w->dim;
    any = 1;
  }
  if (!any)
    return ree_err_set(err, REE_ESYNTAX, "unit '%s': empty part", text);
  return REE_OK;
}

int ree_unit_parse(ree_unit *u, const char *text, ree_err *err) {
  const char *s = text, *slash;
  int sign = 1, rc;
  if (u == NULL || text == NULL) return ree_err_set(err, REE_EINVAL, "no unit");
  clear(u);
  if (strlen(text) >= REE_UNIT_NAME_MAX)
    return ree_err_set(err, REE_ELIMIT, "unit '%.40s...': longer than %d "
                       "characters", text, REE_UNIT_NAME_MAX - 1);
  for (;;) {
    slash = strchr(s, '/');
    rc = parse_part(u, text, s, slash ? (size_t)(slash - s) : strlen(s), sign,
                    err);
    if (rc != REE_OK) {
      clear(u);
      return rc;
    }
    if (slash == NULL) break;
    sign = -1; /* everything after a '/' divides */
    s = slash + 1;
  }
  strcpy(u->name, text);
  return REE_OK;
}

int ree_unit_same(const ree_unit *a, const ree_unit *b) {
  return memcmp(a->exp, b->exp, sizeof a->exp) == 0 && a->basis == b->basis &&
         a->scale == b->scale;
}

/* Bases agree when equal or when either side does not say. */
static int bases_agree(const ree_unit *a, const ree_unit *b) {
  return a->basis == b->basis || a->basis == REE_BASIS_NONE ||
         b->basis == REE_BASIS_NONE;
}

int ree_unit_factor(const ree_unit *from, const ree_unit *to, double *factor,
                    ree_err *err) {
  if (memcmp(from->exp, to->exp, sizeof from->exp) != 0 ||
      !bases_agree(from, to))
    return ree_err_set(err, REE_EDOMAIN, "cannot convert '%s' to '%s'",
                       from->name, to->name);
  *factor = from->scale / to->scale;
  return REE_OK;
}

/* Writes the name of u, in base units: "US$/t", "t REO/yr", "fraction". */
static void derive_name(ree_unit *u) {
  static const char *const dims[REE_NDIM] = {"t", "US$", "CNY", "yr", "cases"};
  char num[REE_UNIT_NAME_MAX] = "", den[REE_UNIT_NAME_MAX] = "";
  int d;
  for (d = 0; d < REE_NDIM; d++) {
    int e = u->exp[d];
    char *side = e > 0 ? num : den;
    size_t used = strlen(side);
    if (e == 0) continue;
    if (e < 0) e = -e;
    snprintf(side + used, REE_UNIT_NAME_MAX - used, "%s%s", used ? " " : "",
             dims[d]);
    used = strlen(side);
    if (e > 1) snprintf(side + used, REE_UNIT_NAME_MAX - used, "^%d", e);
    if (d == REE_DIM_MASS && u->basis != REE_BASIS_NONE) {
      used = strlen(side);
      snprintf(side + used, REE_UNIT_NAME_MAX - used, " %s", bases[u->basis]);
    }
  }
  if (num[0] == '\0' && den[0] == '\0') {
    strcpy(u->name, "fraction");
  } else {
    /* a name too long for the buffer is cut: it is only a label */
    int n = den[0] == '\0'
                ? snprintf(u->name, sizeof u->name, "%s", num)
                : snprintf(u->name, sizeof u->name, "%s/%s", num[0] ? num : "1",
                           den);
    if (n < 0) strcpy(u->name, "?");
  }
}

int ree_unit_multiply(ree_unit *out, double *factor, const ree_unit *a,
                      const ree_unit *b, int divide, ree_err *err) {
  ree_unit r;
  int d;
  if (!bases_agree(a, b))
    return ree_err_set(err, REE_EDOMAIN, "cannot %s '%s' by '%s': unlike "
                       "bases", divide ? "divide" : "multiply", a->name,
                       b->name);
  clear(&r);
  for (d = 0; d < REE_NDIM; d++)
    r.exp[d] = (signed char)(divide ? a->exp[d] - b->exp[d]
                                    : a->exp[d] + b->exp[d]);
  r.basis = a->basis != REE_BASIS_NONE ? a->basis : b->basis;
  if (r.exp[REE_DIM_MASS] == 0) r.basis = REE_BASIS_NONE;
  *factor = divide ? a->scale / b->scale : a->scale * b->scale;
  derive_name(&r);
  *out = r;
  return REE_OK;
}
