/*
** comp.h: compositions, element-resolved amounts.
**
** A composition is a list of (element, moles) pairs in the order the
** elements first appeared. From a formula the amounts are moles per
** formula unit (Nd2Fe14B: Nd 2, Fe 14, B 1); a composition built from
** masses is normalised to one mole of atoms, so its molar mass is the mean
** atomic mass. The struct ends in a flexible array: it lives wherever the
** caller puts it (stack, heap, a Lua userdata), sized by REE_COMP_BYTES.
*/
#ifndef REE_COMP_H
#define REE_COMP_H

#include <stddef.h>

#include "element.h"
#include "ree_err.h"

typedef struct ree_amount {
  double mol;
  int z;
} ree_amount;

typedef struct ree_comp {
  int count;          /* elements present, item[0..count) */
  int capacity;       /* room in item[] */
  ree_amount item[];  /* C99 flexible array member */
} ree_comp;

/* Bytes a composition with room for cap elements occupies. */
#define REE_COMP_BYTES(cap) \
  (offsetof(ree_comp, item) + (size_t)(cap) * sizeof(ree_amount))

/*
** Stack storage with room for every element, aligned for ree_comp:
**   ree_comp_buffer buf; ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
*/
typedef union ree_comp_buffer {
  ree_comp comp;
  double align;
  unsigned char bytes[REE_COMP_BYTES(REE_ZMAX)];
} ree_comp_buffer;

/*
** Makes an empty composition in mem, which must hold
** REE_COMP_BYTES(capacity) bytes with double alignment. Returns mem as a
** ree_comp, or NULL when mem is NULL or capacity is negative.
*/
ree_comp *ree_comp_place(void *mem, int capacity);

/* A new empty composition on the heap; caller frees with ree_comp_free. */
ree_comp *ree_comp_new(int capacity);
/* NULL is harmless. */
void ree_comp_free(ree_comp *c);

/* Empties c, keeping its capacity. */
void ree_comp_clear(ree_comp *c);

/*
** Adds mol moles of element z. Returns REE_EINVAL for a z outside 1..118,
** REE_EDOMAIN for a non-finite amount, REE_ELIMIT when c is full.
*/
int ree_comp_add(ree_comp *c, int z, double mol, ree_err *err);

/* dst += factor * src; errors as ree_comp_add. */
int ree_comp_add_scaled(ree_comp *dst, const ree_comp *src, double factor,
                        ree_err *err);

/* Copies src into dst (REE_ELIMIT when dst is too small). */
int ree_comp_copy(ree_comp *dst, const ree_comp *src, ree_err *err);

/* Moles of z in c (0 when absent). */
double ree_comp_amount(const ree_comp *c, int z);

/* Sum of all amounts: atoms per formula unit. */
double ree_comp_atoms(const ree_comp *c);

/* g/mol of one formula unit. 0 for an empty composition. */
double ree_comp_molar_mass(const ree_comp *c);

/* Mass and atom fractions of z in 0..1; 0 for an empty composition. */
double ree_comp_mass_fraction(const ree_comp *c, int z);
double ree_comp_atom_fraction(const ree_comp *c, int z);

/* Scales c to one mole of atoms (no-op when empty). */
void ree_comp_normalize(ree_comp *c);

/*
** Builds out from n (element, mass) pairs in any one mass unit. When
** balance_z is non-zero, that element takes up total - sum(mass), which
** must not be negative; otherwise the masses must sum to total within
** 1e-9 relative (pass total <= 0 to accept any sum). The result is
** normalised to one mole of atoms. Errors: REE_EDOMAIN for a negative or
** non-finite mass or a sum that misses the total, REE_EINVAL for bad z.
*/
int ree_comp_from_masses(ree_comp *out, const int *z, const double *mass,
                         int n, int balance_z, double total, ree_err *err);

/*
** Mixes n compositions by mass (parts[i] weighs mass[i]) into out,
** normalised to one mole of atoms. Errors: REE_EDOMAIN for a negative or
** non-finite mass, for all-zero masses, or for an empty part with mass.
*/
int ree_comp_mix_by_mass(ree_comp *out, const ree_comp *const *parts,
                         const double *mass, int n, ree_err *err);

/*
** Tonnes of rare-earth oxide (REO) per tonne of c: each rare earth's mass
** fraction times its oxide factor, summed.
*/
double ree_comp_reo_per_mass(const ree_comp *c);

/*
** Writes c as a formula ("Nd2Fe14B"; 1 omitted; each amount in fixed
** notation with the fewest digits that parse back to it exactly, within
** the parser's 15 significant digits and 22 decimals) into buf. Returns
** the length it needed, as snprintf.
*/
size_t ree_comp_format(const ree_comp *c, char *buf, size_t size);

#endif
