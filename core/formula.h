/*
** formula.h: chemical formulas as chemists and metallurgists write them.
**
**   Nd2Fe14B  (Nd0.8Pr0.2)2Fe14B  [Fe(CN)6]  NdCl3·6H2O  NdCl3*6H2O
**   2Nd2O3 + 3C      (Ce0.6,La0.4)CO3F
**
** Grammar (white space may separate items, parts and operators):
**   formula := part ('+' part)*
**   part    := unit (dot unit)*          dot: '·' '•' '∙' '⋅' or '*'
**   unit    := [number] item+            a leading multiplier
**   item    := (symbol | group) [number]
**   group   := '(' members ')' | '[' members ']'
**   members := item+ (',' item+)*        commas: site substitution
**   number  := digits ['.' digits]
** A substitution group such as (Ce,La) is not stoichiometric: each member
** must be one item with an explicit amount, (Ce0.6,La0.4).
*/
#ifndef REE_FORMULA_H
#define REE_FORMULA_H

#include <stddef.h>

#include "comp.h"

/* Parser limits, each reported with its own message. */
#define REE_FORMULA_MAX_DEPTH 32   /* nested groups */
#define REE_FORMULA_MAX_TERMS 256  /* element symbols in one formula */

/*
** Parses s[0..len) into out (emptied first), in moles per formula unit.
** s need not be NUL-terminated. Returns REE_OK, or an error code with a
** message that quotes the formula and gives the 1-based column (counted
** in characters) of the problem:
**   formula 'Nd2Fe14Bx': unknown element 'Bx' at column 8
** REE_ESYNTAX for malformed text, REE_ENOTFOUND for an unknown element,
** REE_EDOMAIN for a zero, negative or overflowing amount, REE_ELIMIT past
** the limits above or when out has too little capacity (REE_ZMAX always
** suffices). On error out is left empty.
*/
int ree_formula_parse(ree_comp *out, const char *s, size_t len,
                      ree_err *err);

#endif
