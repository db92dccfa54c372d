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

/* A base64 character's six bits; -1 for any other byte. */
static int sextet(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

int ree_unpack_doubles(const char *text, size_t len, double *out, size_t *n,
                       ree_err *err) {
  size_t pad = 0, bytes, i, k = 0;
  uint64_t bits = 0;
  if (n == NULL || (text == NULL && len > 0))
    return ree_err_set(err, REE_EINVAL, "no packed numbers");
  *n = 0;
  if (len % 4 != 0)
    return ree_err_set(err, REE_ESYNTAX, "packed numbers: %zu characters, "
                       "not a multiple of 4", len);
  while (pad < 2 && pad < len && text[len - 1 - pad] == '=') pad++;
  for (i = 0; i < len - pad; i++)
    if (sextet((unsigned char)text[i]) < 0)
      return ree_err_set(err, REE_ESYNTAX, "packed numbers: character %zu "
                         "is not base64", i + 1);
  bytes = len / 4 * 3 - pad;
  if (bytes % 8 != 0)
    return ree_err_set(err, REE_ESYNTAX, "packed numbers: %zu bytes, not a "
                       "whole number of 8-byte numbers", bytes);
  *n = bytes / 8;
  if (out == NULL) return REE_OK;
  for (i = 0; i < len; i += 4) {
    /* a '=' past the end counts as zero bits; those bytes are not kept */
    uint32_t group = 0;
    int j;
    for (j = 0; j < 4; j++) {
      unsigned char c = (unsigned char)text[i + j];
      group = group << 6 | (uint32_t)(c == '=' ? 0 : sextet(c));
    }
    for (j = 0; j < 3 && k < bytes; j++, k++) {
      bits |= (uint64_t)(group >> (16 - 8 * j) & 0xFFu) << (8 * (k % 8));
      if (k % 8 == 7) {
        memcpy(&out[k / 8], &bits, sizeof bits);
        bits = 0;
      }
    }
  }
  return REE_OK;
}
