/*
** comp.c: compositions. Amounts live in a short list searched linearly:
** real formulas hold a handful of elements, and a list keeps the order in
** which the user wrote them.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "comp.h"

ree_comp *ree_comp_place(void *mem, int capacity) {
  ree_comp *c = (ree_comp *)mem;
  if (c == NULL || capacity < 0) return NULL;
  c->count = 0;
  c->capacity = capacity;
  return c;
}

ree_comp *ree_comp_new(int capacity) {
  if (capacity < 0) return NULL;
  return ree_comp_place(ree_malloc(REE_COMP_BYTES(capacity)), capacity);
}

void ree_comp_free(ree_comp *c) { ree_free(c); }

void ree_comp_clear(ree_comp *c) {
  if (c != NULL) c->count = 0;
}

static int find(const ree_comp *c, int z) {
  int i;
  for (i = 0; i < c->count; i++)
    if (c->item[i].z == z) return i;
  return -1;
}

int ree_comp_add(ree_comp *c, int z, double mol, ree_err *err) {
  int i;
  if (c == NULL) return ree_err_set(err, REE_EINVAL, "no composition");
  if (ree_element_by_z(z) == NULL)
    return ree_err_set(err, REE_EINVAL, "no element with z %d", z);
  if (!isfinite(mol))
    return ree_err_set(err, REE_EDOMAIN, "amount of '%s' is not finite",
                       ree_element_by_z(z)->symbol);
  i = find(c, z);
  if (i >= 0) {
    c->item[i].mol += mol;
    return REE_OK;
  }
  if (c->count >= c->capacity)
    return ree_err_set(err, REE_ELIMIT, "composition full (%d elements)",
                       c->capacity);
  c->item[c->count].z = z;
  c->item[c->count].mol = mol;
  c->count++;
  return REE_OK;
}

int ree_comp_add_scaled(ree_comp *dst, const ree_comp *src, double factor,
                        ree_err *err) {
  int i, rc;
  if (src == NULL) return ree_err_set(err, REE_EINVAL, "no composition");
  for (i = 0; i < src->count; i++) {
    rc = ree_comp_add(dst, src->item[i].z, factor * src->item[i].mol, err);
    if (rc != REE_OK) return rc;
  }
  return REE_OK;
}

int ree_comp_copy(ree_comp *dst, const ree_comp *src, ree_err *err) {
  if (dst == NULL || src == NULL)
    return ree_err_set(err, REE_EINVAL, "no composition");
  if (src->count > dst->capacity)
    return ree_err_set(err, REE_ELIMIT, "composition full (%d elements)",
                       dst->capacity);
  memcpy(dst->item, src->item, (size_t)src->count * sizeof src->item[0]);
  dst->count = src->count;
  return REE_OK;
}

double ree_comp_amount(const ree_comp *c, int z) {
  int i = (c == NULL) ? -1 : find(c, z);
  return i < 0 ? 0.0 : c->item[i].mol;
}

double ree_comp_atoms(const ree_comp *c) {
  double sum = 0.0;
  int i;
  if (c == NULL) return 0.0;
  for (i = 0; i < c->count; i++) sum += c->item[i].mol;
  return sum;
}

double ree_comp_molar_mass(const ree_comp *c) {
  double sum = 0.0;
  int i;
  if (c == NULL) return 0.0;
  for (i = 0; i < c->count; i++)
    sum += c->item[i].mol * ree_element_by_z(c->item[i].z)->mass;
  return sum;
}

double ree_comp_mass_fraction(const ree_comp *c, int z) {
  double total = ree_comp_molar_mass(c);
  const ree_element *e = ree_element_by_z(z);
  if (total == 0.0 || e == NULL) return 0.0;
  return ree_comp_amount(c, z) * e->mass / total;
}

double ree_comp_atom_fraction(const ree_comp *c, int z) {
  double total = ree_comp_atoms(c);
  if (total == 0.0) return 0.0;
  return ree_comp_amount(c, z) / total;
}

void ree_comp_normalize(ree_comp *c) {
  double total = ree_comp_atoms(c);
  int i;
  if (total == 0.0) return;
  for (i = 0; i < c->count; i++) c->item[i].mol /= total;
}

static int check_mass(double m, int z, ree_err *err) {
  const ree_element *e = ree_element_by_z(z);
  if (e == NULL) return ree_err_set(err, REE_EINVAL, "no element with z %d", z);
  if (!isfinite(m))
    return ree_err_set(err, REE_EDOMAIN, "mass of '%s' is not a number",
                       e->symbol);
  if (m < 0.0)
    return ree_err_set(err, REE_EDOMAIN, "mass of '%s' is negative (%g)",
                       e->symbol, m);
  return REE_OK;
}

int ree_comp_from_masses(ree_comp *out, const int *z, const double *mass,
                         int n, int balance_z, double total, ree_err *err) {
  double sum = 0.0, rest = 0.0;
  int i, rc;
  if (out == NULL || (n > 0 && (z == NULL || mass == NULL)))
    return ree_err_set(err, REE_EINVAL, "no composition");
  ree_comp_clear(out);
  for (i = 0; i < n; i++) {
    if ((rc = check_mass(mass[i], z[i], err)) != REE_OK) return rc;
    sum += mass[i];
  }
  if (balance_z != 0) {
    const ree_element *b = ree_element_by_z(balance_z);
    if (b == NULL)
      return ree_err_set(err, REE_EINVAL, "no element with z %d", balance_z);
    for (i = 0; i < n; i++)
      if (z[i] == balance_z)
        return ree_err_set(err, REE_EDOMAIN,
                           "balance '%s' is also given an amount", b->symbol);
    rest = total - sum;
    /* rounding in a table that sums to its total must not fail it */
    if (rest < 0.0 && rest > -1e-9 * total) rest = 0.0;
    if (rest < 0.0)
      return ree_err_set(err, REE_EDOMAIN,
                         "components sum to %.10g, more than %.10g, "
                         "leaving nothing for balance '%s'",
                         sum, total, b->symbol);
  } else if (total > 0.0 && fabs(sum - total) > 1e-9 * total) {
    return ree_err_set(err, REE_EDOMAIN,
                       "components sum to %.10g, not %.10g; name a balance "
                       "element or fix the table", sum, total);
  }
  if (sum + rest <= 0.0)
    return ree_err_set(err, REE_EDOMAIN, "all masses are zero");
  for (i = 0; i < n; i++) {
    if (mass[i] == 0.0) continue;
    rc = ree_comp_add(out, z[i], mass[i] / ree_element_by_z(z[i])->mass, err);
    if (rc != REE_OK) return rc;
  }
  if (rest > 0.0) {
    rc = ree_comp_add(out, balance_z, rest / ree_element_by_z(balance_z)->mass,
                      err);
    if (rc != REE_OK) return rc;
  }
  ree_comp_normalize(out);
  return REE_OK;
}

int ree_comp_mix_by_mass(ree_comp *out, const ree_comp *const *parts,
                         const double *mass, int n, ree_err *err) {
  double sum = 0.0;
  int i, rc;
  if (out == NULL || (n > 0 && (parts == NULL || mass == NULL)))
    return ree_err_set(err, REE_EINVAL, "no composition");
  ree_comp_clear(out);
  for (i = 0; i < n; i++) {
    double mm = ree_comp_molar_mass(parts[i]);
    if (!isfinite(mass[i]) || mass[i] < 0.0)
      return ree_err_set(err, REE_EDOMAIN,
                         "mass of part %d is negative or not a number", i + 1);
    if (mass[i] == 0.0) continue;
    if (mm <= 0.0)
      return ree_err_set(err, REE_EDOMAIN, "part %d is empty", i + 1);
    /* mass[i] / mm formula units of part i */
    if ((rc = ree_comp_add_scaled(out, parts[i], mass[i] / mm, err)) != REE_OK)
      return rc;
    sum += mass[i];
  }
  if (sum <= 0.0) return ree_err_set(err, REE_EDOMAIN, "all masses are zero");
  ree_comp_normalize(out);
  return REE_OK;
}

double ree_comp_reo_per_mass(const ree_comp *c) {
  double total = ree_comp_molar_mass(c), reo = 0.0;
  int i;
  if (total == 0.0) return 0.0;
  for (i = 0; i < c->count; i++) {
    int z = c->item[i].z;
    reo += c->item[i].mol * ree_element_by_z(z)->mass * ree_oxide_factor(z);
  }
  return reo / total;
}

/* What the formula parser reads (formula.c): no exponent, at most 15
** significant digits and 22 decimals. */
#define AMOUNT_DIGITS 15
#define AMOUNT_DECIMALS 22

/*
** Writes x in fixed notation with the fewest significant digits that read
** back to x exactly, or, where none of the parser's 15 do, to the nearest
** amount it reads; snprintf's return convention.
*/
static int format_amount(char *at, size_t room, double x) {
  char sci[32];
  int digits, exponent, decimals;
  for (digits = 1; digits < AMOUNT_DIGITS; digits++) {
    snprintf(sci, sizeof sci, "%.*e", digits - 1, x);
    if (strtod(sci, NULL) == x) break;
  }
  snprintf(sci, sizeof sci, "%.*e", digits - 1, x);
  exponent = atoi(strchr(sci, 'e') + 1);
  decimals = digits - 1 - exponent;
  if (decimals > AMOUNT_DECIMALS) decimals = AMOUNT_DECIMALS;
  return snprintf(at, room, "%.*f", decimals > 0 ? decimals : 0, x);
}

size_t ree_comp_format(const ree_comp *c, char *buf, size_t size) {
  size_t used = 0;
  int i, k;
  if (size > 0 && buf != NULL) buf[0] = '\0';
  if (c == NULL) return 0;
  for (i = 0; i < c->count; i++) {
    const char *sym = ree_element_by_z(c->item[i].z)->symbol;
    size_t room = used < size ? size - used : 0;
    char *at = room > 0 ? buf + used : NULL;
    k = snprintf(at, room, "%s", sym);
    if (k > 0) used += (size_t)k;
    if (c->item[i].mol != 1.0) {
      room = used < size ? size - used : 0;
      k = format_amount(room > 0 ? buf + used : NULL, room, c->item[i].mol);
      if (k > 0) used += (size_t)k;
    }
  }
  return used;
}
