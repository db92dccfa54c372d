/*
** ree_err.c: error records and the allocator hooks.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "ree_err.h"

static ree_malloc_fn alloc_hook = malloc;
static ree_free_fn free_hook = free;

const char *ree_version(void) { return REE_VERSION_STRING; }

const char *ree_err_name(int code) {
  static const char *const names[] = {"ok", "syntax", "domain", "notfound",
                                      "nomem", "singular", "invalid", "limit"};
  return (code <= 0 && code >= REE_ELIMIT) ? names[-code] : "unknown";
}

void ree_err_clear(ree_err *err) {
  if (err == NULL) return;
  err->code = REE_OK;
  err->msg[0] = '\0';
}

int ree_err_set(ree_err *err, int code, const char *fmt, ...) {
  va_list ap;
  if (err == NULL) return code;
  err->code = code;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return code;
}

void ree_set_allocator(ree_malloc_fn alloc, ree_free_fn release) {
  alloc_hook = (alloc != NULL && release != NULL) ? alloc : malloc;
  free_hook = (alloc != NULL && release != NULL) ? release : free;
}

void *ree_malloc(size_t size) { return alloc_hook(size); }

void ree_free(void *ptr) {
  if (ptr != NULL) free_hook(ptr);
}
