/*
** pack.h: numbers as text without losing a bit. A list of doubles is
** written as its IEEE 754 binary64 values, each in little-endian byte
** order, in base64 (RFC 4648, section 4: the standard alphabet, padded
** with '='). It is what a sweep's shard files hold for its millions of
** values: exact, as decimal text is only with 17 digits, and about
** thirty times faster to write and read than a round-trip printf.
** Any reader can decode it (Python: numpy.frombuffer(base64.b64decode(s),
** "<f8")). A NaN keeps its bits: it is how a missing value travels.
*/
#ifndef REE_PACK_H
#define REE_PACK_H

#include <stddef.h>

#include "ree_err.h"

/* The characters n doubles pack into, without the terminating NUL. */
size_t ree_pack_length(size_t n);

/* Writes the n doubles of x into out, ree_pack_length(n) characters and a
** NUL (out holds ree_pack_length(n) + 1). */
void ree_pack_doubles(const double *x, size_t n, char *out);

/*
** The doubles that the len characters of text pack: their count in *n
** and, when out is not NULL, the values in out[0..*n) (out holds len / 4
** * 3 / 8 doubles at most). REE_OK, or REE_ESYNTAX when text is not
** base64 of whole 8-byte numbers, naming the place.
*/
int ree_unpack_doubles(const char *text, size_t len, double *out, size_t *n,
                       ree_err *err);

#endif
