/*
** element.h: the periodic table, H (1) to Og (118), and the reporting
** oxides of the rare earths. All data is static; nothing here allocates.
*/
#ifndef REE_ELEMENT_H
#define REE_ELEMENT_H

#include <stddef.h>

#define REE_ZMAX 118

typedef struct ree_element {
  int z;
  const char *symbol;
  const char *name;
  /*
  ** Standard atomic weight in g/mol (CIAAW 2021; the conventional value
  ** where CIAAW gives an interval). For elements with no stable isotope
  ** it is the mass number of the longest-lived isotope, and
  ** mass_is_mass_number is 1.
  */
  double mass;
  int mass_is_mass_number;
  /* Reporting oxide MmOo of a rare earth (Nd2O3: m 2, o 3); 0, 0 if none. */
  int oxide_metal_atoms;
  int oxide_oxygen_atoms;
} ree_element;

/* The element with atomic number z, or NULL when z is not in 1..118. */
const ree_element *ree_element_by_z(int z);

/*
** The atomic number of the symbol s[0..len) ("Nd", case-sensitive), or 0
** when it names no element. Never reads past len.
*/
int ree_element_lookup(const char *s, size_t len);

/* 1 for the 17 rare earths (Sc, Y, La..Lu), 0 otherwise. */
int ree_element_is_ree(int z);

/*
** Tonnes of reporting oxide per tonne of element: (m M + o M_O) / (m M),
** exact from the atomic weights (Nd: 1.16638). 0 when z has no oxide.
*/
double ree_oxide_factor(int z);

/*
** Writes the reporting oxide's formula ("Pr6O11") into buf (size >= 8);
** returns 0, or REE_ENOTFOUND (buf "") when z has no reporting oxide.
*/
int ree_oxide_formula(int z, char *buf, size_t size);

#endif
