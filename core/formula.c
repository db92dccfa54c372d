/*
** formula.c: a recursive-descent formula parser.
**
** Element symbols become terms (element, moles) in a flat list; a group's
** count multiplies the terms it encloses when the group closes, and the
** terms are merged into the composition once at the end. No allocation:
** the term list lives in the parser on the stack.
*/
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "formula.h"

typedef struct parser {
  const char *s;
  size_t len;
  size_t pos;
  int nterms;
  ree_err *err;
  ree_amount term[REE_FORMULA_MAX_TERMS];
} parser;

/*
** {==================================================================
** Error messages: "formula '<text>': <problem> at column <n>"
** ===================================================================
*/

/* 1-based column of byte offset pos, counting UTF-8 characters. */
static size_t column_of(const parser *p, size_t pos) {
  size_t i, col = 1;
  for (i = 0; i < pos && i < p->len; i++)
    if (((unsigned char)p->s[i] & 0xC0) != 0x80) col++;
  return col;
}

/* Copies s[0..len) into buf for quoting: control bytes become '?', long
** text is cut with "...". */
static void quote_text(char *buf, size_t size, const char *s, size_t len) {
  size_t i, n = 0, limit = size - 1;
  int cut = 0;
  if (len > 48) {
    len = 45;
    cut = 1;
  }
  for (i = 0; i < len && n < limit; i++) {
    unsigned char c = (unsigned char)s[i];
    buf[n++] = (c < 0x20 || c == 0x7F) ? '?' : (char)c;
  }
  if (cut)
    for (i = 0; i < 3 && n < limit; i++) buf[n++] = '.';
  buf[n] = '\0';
}

static int fail_at(parser *p, int code, size_t pos, const char *problem) {
  char text[64];
  quote_text(text, sizeof text, p->s, p->len);
  return ree_err_set(p->err, code, "formula '%s': %s at column %lu", text,
                     problem, (unsigned long)column_of(p, pos));
}

/* A problem that quotes a piece of the formula: "unknown element 'Bx'". */
static int fail_quoting(parser *p, int code, size_t pos, const char *what,
                        size_t from, size_t to, const char *tail) {
  char piece[64], problem[192];
  quote_text(piece, sizeof piece, p->s + from, to - from);
  snprintf(problem, sizeof problem, "%s '%s'%s", what, piece, tail);
  return fail_at(p, code, pos, problem);
}

/* }================================================================== */

static int at_end(const parser *p) { return p->pos >= p->len; }

static int peek(const parser *p) {
  return at_end(p) ? -1 : (unsigned char)p->s[p->pos];
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(int c) { return c >= 'a' && c <= 'z'; }

static void skip_space(parser *p) {
  while (!at_end(p)) {
    int c = peek(p);
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
    p->pos++;
  }
}

/* Length of the adduct dot at pos ('*' or a UTF-8 dot), 0 if none. */
static size_t dot_length(const parser *p) {
  static const char *const dots[] = {"\xC2\xB7", "\xE2\x80\xA2",
                                     "\xE2\x88\x99", "\xE2\x8B\x85"};
  size_t i, rest = p->len - p->pos;
  if (at_end(p)) return 0;
  if (p->s[p->pos] == '*') return 1;
  for (i = 0; i < sizeof dots / sizeof dots[0]; i++) {
    size_t n = strlen(dots[i]);
    if (rest >= n && memcmp(p->s + p->pos, dots[i], n) == 0) return n;
  }
  return 0;
}

/*
** A number: digits ['.' digits], exact to the last digit. The mantissa is
** kept as an integer (at most 15 significant digits, so it is exact in a
** double) and divided once by a power of ten, which rounds correctly.
*/
static int parse_number(parser *p, double *value) {
  static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                 1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                 1e18, 1e19, 1e20, 1e21, 1e22};
  size_t start = p->pos;
  uint64_t mantissa = 0;
  int significant = 0, decimals = 0;
  while (is_digit(peek(p))) {
    mantissa = mantissa * 10 + (uint64_t)(peek(p) - '0');
    if (mantissa > 0) significant++;
    p->pos++;
  }
  if (peek(p) == '.' && p->pos + 1 < p->len && is_digit(p->s[p->pos + 1])) {
    p->pos++;
    while (is_digit(peek(p))) {
      mantissa = mantissa * 10 + (uint64_t)(peek(p) - '0');
      if (mantissa > 0) significant++;
      decimals++;
      p->pos++;
    }
  }
  if (significant > 15 || decimals > 22)
    return fail_at(p, REE_ELIMIT, start, "number with too many digits");
  *value = (double)mantissa / pow10[decimals];
  if (*value == 0.0) return fail_at(p, REE_EDOMAIN, start, "zero amount");
  return REE_OK;
}

static void scale_terms(parser *p, int from, double factor) {
  int i;
  for (i = from; i < p->nterms; i++) p->term[i].mol *= factor;
}

/* An optional count right after an item; scales the item's terms. */
static int parse_count(parser *p, int first_term, int *explicit_count) {
  double count;
  int rc;
  *explicit_count = 0;
  if (peek(p) == '-')
    return fail_at(p, REE_EDOMAIN, p->pos, "negative amount");
  if (!is_digit(peek(p))) return REE_OK;
  if ((rc = parse_number(p, &count)) != REE_OK) return rc;
  scale_terms(p, first_term, count);
  *explicit_count = 1;
  return REE_OK;
}

static int parse_symbol(parser *p) {
  size_t start = p->pos;
  int z;
  p->pos++; /* the capital */
  while (is_lower(peek(p))) p->pos++;
  z = ree_element_lookup(p->s + start, p->pos - start);
  if (z == 0)
    return fail_quoting(p, REE_ENOTFOUND, start, "unknown element", start,
                        p->pos, "");
  if (p->nterms >= REE_FORMULA_MAX_TERMS)
    return fail_at(p, REE_ELIMIT, start, "more than 256 element symbols");
  p->term[p->nterms].z = z;
  p->term[p->nterms].mol = 1.0;
  p->nterms++;
  return REE_OK;
}

static int parse_items(parser *p, int depth, int *nitems, int *last_counted);

static int parse_group(parser *p, int depth, int *counted) {
  size_t open = p->pos;
  int closer = p->s[open] == '(' ? ')' : ']';
  int first_term = p->nterms, members = 0, all_counted = 1, rc;
  if (depth >= REE_FORMULA_MAX_DEPTH)
    return fail_at(p, REE_ELIMIT, open, "groups nested deeper than 32");
  p->pos++;
  for (;;) {
    int nitems, last_counted;
    skip_space(p);
    if ((rc = parse_items(p, depth + 1, &nitems, &last_counted)) != REE_OK)
      return rc;
    skip_space(p);
    if (nitems == 0 && (members > 0 || peek(p) == ','))
      return fail_at(p, REE_ESYNTAX, p->pos, "empty substitution member");
    if (nitems > 0) members++;
    if (nitems != 1 || !last_counted) all_counted = 0;
    if (peek(p) != ',') break;
    p->pos++;
  }
  if (at_end(p))
    return fail_quoting(p, REE_ESYNTAX, open, "unbalanced", open, open + 1,
                        "");
  if (peek(p) != closer) {
    if (peek(p) == ')' || peek(p) == ']')
      return fail_quoting(p, REE_ESYNTAX, p->pos, "mismatched", p->pos,
                          p->pos + 1, "");
    return fail_quoting(p, REE_ESYNTAX, p->pos, "unexpected character",
                        p->pos, p->pos + 1, "");
  }
  if (members == 0)
    return fail_quoting(p, REE_ESYNTAX, open, "empty group", open, p->pos + 1,
                        "");
  p->pos++; /* the closer */
  if (members > 1 && !all_counted)
    return fail_quoting(p, REE_ESYNTAX, open, "substitution", open, p->pos,
                        " needs an explicit amount on each member, "
                        "as in '(Ce0.5,La0.5)'");
  return parse_count(p, first_term, counted);
}

/*
** One or more items. Stops (without error) at a character that cannot
** start an item, leaving it to the caller; reports how many items it read
** and whether the last one carried an explicit count.
*/
static int parse_items(parser *p, int depth, int *nitems, int *last_counted) {
  int rc;
  *nitems = 0;
  *last_counted = 0;
  for (;;) {
    size_t before = p->pos;
    int c, first_term = p->nterms;
    if (*nitems > 0) skip_space(p);
    c = peek(p);
    if (is_upper(c)) {
      if ((rc = parse_symbol(p)) != REE_OK) return rc;
      if ((rc = parse_count(p, first_term, last_counted)) != REE_OK) return rc;
    } else if (c == '(' || c == '[') {
      if ((rc = parse_group(p, depth, last_counted)) != REE_OK) return rc;
    } else if (is_lower(c)) {
      size_t start = p->pos;
      while (is_lower(peek(p))) p->pos++;
      return fail_quoting(p, REE_ENOTFOUND, start, "unknown element", start,
                          p->pos, " (symbols start with a capital letter)");
    } else {
      p->pos = before; /* give back white space we skipped */
      return REE_OK;
    }
    (*nitems)++;
  }
}

/* A unit: an optional leading multiplier, then items. */
static int parse_unit(parser *p, int depth) {
  int first_term = p->nterms, nitems, last_counted, rc;
  double multiplier = 1.0;
  if (is_digit(peek(p))) {
    if ((rc = parse_number(p, &multiplier)) != REE_OK) return rc;
    skip_space(p);
  }
  if ((rc = parse_items(p, depth, &nitems, &last_counted)) != REE_OK)
    return rc;
  if (nitems == 0) {
    int c = peek(p);
    if (c == ')' || c == ']')
      return fail_quoting(p, REE_ESYNTAX, p->pos, "unbalanced", p->pos,
                          p->pos + 1, "");
    if (c == '-') return fail_at(p, REE_EDOMAIN, p->pos, "negative amount");
    return fail_at(p, REE_ESYNTAX, p->pos, "expected an element");
  }
  scale_terms(p, first_term, multiplier);
  return REE_OK;
}

/* The character at pos as a quotable piece: the whole UTF-8 sequence. */
static size_t char_end(const parser *p, size_t pos) {
  size_t end = pos + 1;
  while (end < p->len && ((unsigned char)p->s[end] & 0xC0) == 0x80) end++;
  return end;
}

static int unexpected(parser *p) {
  int c = peek(p);
  if (c == ')' || c == ']')
    return fail_quoting(p, REE_ESYNTAX, p->pos, "unbalanced", p->pos,
                        p->pos + 1, "");
  if (c == '-') return fail_at(p, REE_EDOMAIN, p->pos, "negative amount");
  if (c == '.')
    return fail_at(p, REE_ESYNTAX, p->pos,
                   "unexpected character '.' (write hydrates with '*' or "
                   "'\xC2\xB7')");
  if (is_digit(c))
    return fail_at(p, REE_ESYNTAX, p->pos,
                   "unexpected number (a count follows its element "
                   "without a space)");
  return fail_quoting(p, REE_ESYNTAX, p->pos, "unexpected character", p->pos,
                      char_end(p, p->pos), "");
}

static int parse_formula(parser *p) {
  int rc;
  skip_space(p);
  if (at_end(p)) return fail_at(p, REE_ESYNTAX, p->pos, "empty formula");
  for (;;) {
    size_t dot;
    if ((rc = parse_unit(p, 0)) != REE_OK) return rc;
    skip_space(p);
    if (at_end(p)) return REE_OK;
    dot = dot_length(p);
    if (dot > 0 || peek(p) == '+') {
      size_t op = p->pos;
      p->pos += dot > 0 ? dot : 1;
      skip_space(p);
      if (at_end(p))
        return fail_quoting(p, REE_ESYNTAX, p->pos, "expected a formula after",
                            op, p->pos, "");
      continue;
    }
    return unexpected(p);
  }
}

int ree_formula_parse(ree_comp *out, const char *s, size_t len,
                      ree_err *err) {
  parser p;
  int i, rc;
  if (out == NULL || (s == NULL && len > 0))
    return ree_err_set(err, REE_EINVAL, "no formula");
  ree_comp_clear(out);
  p.s = s == NULL ? "" : s;
  p.len = len;
  p.pos = 0;
  p.nterms = 0;
  p.err = err;
  if ((rc = parse_formula(&p)) != REE_OK) return rc;
  for (i = 0; i < p.nterms; i++) {
    /* nested counts can overflow, or underflow to nothing */
    if (!isfinite(p.term[i].mol) || p.term[i].mol < DBL_MIN) {
      ree_comp_clear(out);
      return fail_at(&p, REE_EDOMAIN, 0,
                     isfinite(p.term[i].mol) ? "amount too small"
                                             : "amount too large");
    }
    if ((rc = ree_comp_add(out, p.term[i].z, p.term[i].mol, err)) != REE_OK) {
      ree_comp_clear(out);
      return rc;
    }
  }
  ree_err_clear(err);
  return REE_OK;
}
