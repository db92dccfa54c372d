/*
** test_pack.c: packed doubles against RFC 4648 base64 worked by hand.
**
** 1.0 is 0x3FF0000000000000: little-endian bytes 00 00 00 00 00 00 F0 3F.
** Base64 takes them three at a time: 00 00 00 -> "AAAA", 00 00 00 ->
** "AAAA", F0 3F (two bytes, one '=') -> 111100 000011 111100 -> "8D8=".
** -2.5 is 0xC004000000000000 (bytes 00 .. 00 04 C0) and +inf
** 0x7FF0000000000000 (00 .. 00 F0 7F): the 24 bytes of { 1, -2.5, inf }
** need no padding, "AAAAAAAA8D8AAAAAAAAEwAAAAAAAAPB/" (checked against
** Python's base64 and struct modules).
*/
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "pack.h"

static ree_err err;

static void pack_should_write_the_bytes_of_each_double_in_base64(void) {
  double one = 1.0, three[] = { 1.0, -2.5, INFINITY };
  char text[64];
  CHECK_INT(ree_pack_length(0), 0);
  CHECK_INT(ree_pack_length(1), 12);
  CHECK_INT(ree_pack_length(3), 32);
  ree_pack_doubles(&one, 1, text);
  CHECK_STR(text, "AAAAAAAA8D8=");
  ree_pack_doubles(three, 3, text);
  CHECK_STR(text, "AAAAAAAA8D8AAAAAAAAEwAAAAAAAAPB/");
  ree_pack_doubles(three, 0, text);
  CHECK_STR(text, "");
}

/* Every bit comes back: values with 17 significant digits, the smallest
** subnormal, -0 and a NaN with a payload, in lists of 1 to 7 (each
** remainder of 8 n bytes over 3). */
static void pack_should_read_back_every_bit(void) {
  double x[7] = { 0.1, 1e300, 4.9406564584124654e-324, -0.0, 0, 123456.78901234567, 0 };
  uint64_t nan_bits = 0x7FF8000000000ABCull, a, b;
  double back[7];
  char text[128];
  size_t n, len, i, count;
  memcpy(&x[4], &nan_bits, sizeof nan_bits);
  x[6] = -x[1];
  for (count = 1; count <= 7; count++) {
    ree_pack_doubles(x, count, text);
    len = strlen(text);
    CHECK_INT(len, ree_pack_length(count));
    CHECK_INT(ree_unpack_doubles(text, len, NULL, &n, &err), REE_OK);
    CHECK_INT(n, count);
    CHECK_INT(ree_unpack_doubles(text, len, back, &n, &err), REE_OK);
    for (i = 0; i < count; i++) {
      memcpy(&a, &x[i], sizeof a);
      memcpy(&b, &back[i], sizeof b);
      CHECK(a == b);
    }
  }
  CHECK_INT(ree_unpack_doubles("", 0, back, &n, &err), REE_OK);
  CHECK_INT(n, 0);
}

static void pack_should_refuse_text_that_is_not_packed_doubles(void) {
  double back[4];
  size_t n = 99;
  CHECK_INT(ree_unpack_doubles("AAAAAAAA8D8", 11, back, &n, &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "packed numbers: 11 characters, not a multiple of 4");
  CHECK_INT(n, 0);
  CHECK_INT(ree_unpack_doubles("AAAAAA.A8D8=", 12, back, &n, &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "packed numbers: character 7 is not base64");
  CHECK_INT(ree_unpack_doubles("AA=AAAAA8D8=", 12, back, &n, &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "packed numbers: character 3 is not base64");
  CHECK_INT(ree_unpack_doubles("AAAAAAAA", 8, back, &n, &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "packed numbers: 6 bytes, not a whole number of 8-byte numbers");
  CHECK_INT(ree_unpack_doubles("====", 4, back, &n, &err), REE_ESYNTAX);
  CHECK_STR(err.msg, "packed numbers: character 1 is not base64");
  CHECK_INT(ree_unpack_doubles(NULL, 4, back, &n, &err), REE_EINVAL);
  CHECK_STR(err.msg, "no packed numbers");
}

int main(void) {
  RUN(pack_should_write_the_bytes_of_each_double_in_base64);
  RUN(pack_should_read_back_every_bit);
  RUN(pack_should_refuse_text_that_is_not_packed_doubles);
  return check_report();
}
