/*
** pack.c: doubles as base64 of their little-endian IEEE 754 bytes.
** The bytes are taken from each value's bits by shifts, so the text is
** the same whatever the machine's own byte order.
*/
#include <stdint.h>
#include <string.h>

#include "pack.h"

static const char ALPHABET[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t ree_pack_length(size_t n) { return (8 * n + 2) / 3 * 4; }

/* Byte i of the packed stream: byte i % 8 (least significant first) of
** value i / 8. */
static unsigned byte_at(const double *x, size_t i) {
  uint64_t bits;
  memcpy(&bits, &x[i / 8], sizeof bits);
  return (unsigned)(bits >> (8 * (i % 8))) & 0xFFu;
}

void ree_pack_doubles(const double *x, size_t n, char *out) {
  size_t bytes = 8 * n, i;
  for (i = 0; i < bytes; i += 3) {
    unsigned b0 = byte_at(x, i);
    unsigned b1 = i + 1 < bytes ? byte_at(x, i + 1) : 0;
    unsigned b2 = i + 2 < bytes ? byte_at(x, i + 2) : 0;
    *out++ = ALPHABET[b0 >> 2];
    *out++ = ALPHABET[(b0 & 3u) << 4 | b1 >> 4];
    *out++ = i + 1 < bytes ? ALPHABET[(b1 & 15u) << 2 | b2 >> 6] : '=';
    *out++ = i + 2 < bytes ? ALPHABET[b2 & 63u] : '=';
  }
  *out = '\0';
}

/* Each byte's six bits as a base64 character, or -1 (ALPHABET's inverse:
** a load a character, for a shard's millions of them). */
static const signed char SEXTET[256] = {
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1, -1, 63,
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
    -1,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, -1,
    -1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1
};

/* The double whose 8 bytes, least significant first, are b[0..8). */
static double from_bytes(const unsigned char *b) {
  uint64_t bits = 0;
  double x;
  int j;
  for (j = 7; j >= 0; j--) bits = bits << 8 | b[j];
  memcpy(&x, &bits, sizeof x);
  return x;
}

int ree_unpack_doubles(const char *text, size_t len, double *out, size_t *n,
                       ree_err *err) {
  const unsigned char *t = (const unsigned char *)text;
  size_t pad = 0, bytes, i, k;
  if (n == NULL || (text == NULL && len > 0))
    return ree_err_set(err, REE_EINVAL, "no packed numbers");
  *n = 0;
  if (len % 4 != 0)
    return ree_err_set(err, REE_ESYNTAX, "packed numbers: %zu characters, "
                       "not a multiple of 4", len);
  while (pad < 2 && pad < len && text[len - 1 - pad] == '=') pad++;
  for (i = 0; i < len - pad; i++)
    if (SEXTET[t[i]] < 0)
      return ree_err_set(err, REE_ESYNTAX, "packed numbers: character %zu "
                         "is not base64", i + 1);
  bytes = len / 4 * 3 - pad;
  if (bytes % 8 != 0)
    return ree_err_set(err, REE_ESYNTAX, "packed numbers: %zu bytes, not a "
                       "whole number of 8-byte numbers", bytes);
  *n = bytes / 8;
  if (out == NULL) return REE_OK;
  /* 32 characters are 24 bytes, three values: a block at a time (in the
  ** last, '=' past the end is zero bits, whose bytes are not kept) */
  for (i = 0, k = 0; k < bytes; i += 32) {
    unsigned char b[24];
    size_t m = 0, g, v;
    for (g = i; m < 24 && k + m < bytes; g += 4) {
      uint32_t group = (uint32_t)SEXTET[t[g]] << 18 | (uint32_t)SEXTET[t[g + 1]] << 12 |
                       (uint32_t)(t[g + 2] == '=' ? 0 : SEXTET[t[g + 2]]) << 6 |
                       (uint32_t)(t[g + 3] == '=' ? 0 : SEXTET[t[g + 3]]);
      b[m++] = (unsigned char)(group >> 16);
      b[m++] = (unsigned char)(group >> 8 & 0xFFu);
      b[m++] = (unsigned char)(group & 0xFFu);
    }
    for (v = 0; v < 3 && k < bytes; v++, k += 8) out[k / 8] = from_bytes(b + 8 * v);
  }
  return REE_OK;
}
