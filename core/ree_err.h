/*
** ree_err.h: version, error codes and the error record every fallible
** core function fills. The core never prints and never aborts: a function
** that can fail returns one of the REE_E* codes below (negative) and, when
** given a non-NULL ree_err, leaves a lower-case message there.
*/
#ifndef REE_ERR_H
#define REE_ERR_H

#include <stddef.h>

#define REE_VERSION_MAJOR 0
#define REE_VERSION_MINOR 1
#define REE_VERSION_PATCH 0
#define REE_VERSION_STRING "0.1.0"

/* Error codes. Callers branch on these; the messages are for people. */
enum {
  REE_OK = 0,
  REE_ESYNTAX = -1,    /* malformed text: a formula, a JSON document */
  REE_EDOMAIN = -2,    /* a number out of range: negative, NaN, > 1 */
  REE_ENOTFOUND = -3,  /* an unknown element, stage or key */
  REE_ENOMEM = -4,     /* the allocator returned NULL */
  REE_ESINGULAR = -5,  /* a system with no (unique) solution */
  REE_EINVAL = -6,     /* misuse: a NULL argument, a bad index */
  REE_ELIMIT = -7      /* input larger than a documented limit */
};

#define REE_ERRMSG_MAX 256

/* The code's short name, for bindings and logs: "syntax", "domain",
** "notfound", "nomem", "singular", "invalid", "limit" ("ok" for REE_OK,
** "unknown" for any other number). */
const char *ree_err_name(int code);

/*
** Years: every year the core takes lies in REE_YEAR_MIN..REE_YEAR_MAX (0
** for the periods of a classroom model or a one-year chain), so
** that a span of years, a year plus a count or a shift is an int that
** cannot overflow. Bindings check years against this range before the
** core sees them; the core checks them again where it builds a series.
*/
#define REE_YEAR_MIN 0
#define REE_YEAR_MAX 9999
#define REE_YEARS_MAX (REE_YEAR_MAX - REE_YEAR_MIN + 1)

typedef struct ree_err {
  int code;                  /* REE_OK or one of REE_E* */
  char msg[REE_ERRMSG_MAX];  /* "" when code is REE_OK */
} ree_err;

/* The library's version as "MAJOR.MINOR.PATCH"; static storage. */
const char *ree_version(void);

/* Resets err to REE_OK with an empty message. NULL is harmless. */
void ree_err_clear(ree_err *err);

/*
** Records code and a printf-style message in err (truncated to fit) and
** returns code, so that callers can write `return ree_err_set(...)`.
** NULL err is harmless: only the code is returned.
*/
int ree_err_set(ree_err *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;

/*
** Allocator hooks. Everything the core allocates goes through these, so
** that tests can inject failures and hosts can account for memory.
** Passing NULL for either restores malloc/free.
*/
typedef void *(*ree_malloc_fn)(size_t size);
typedef void (*ree_free_fn)(void *ptr);
void ree_set_allocator(ree_malloc_fn alloc, ree_free_fn release);

/* NULL when out of memory. Free with ree_free. */
void *ree_malloc(size_t size);
/* NULL is harmless. */
void ree_free(void *ptr);

#endif
