/*
** check.c: the C tests' harness.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "ree_err.h"

static int passed, failed, current_failed;
static const char *current;

void check_run(const char *name, void (*test)(void)) {
  current = name;
  current_failed = 0;
  test();
  if (current_failed)
    failed++;
  else
    passed++;
}

void check_fail(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  current_failed = 1;
  fprintf(stderr, "FAIL %s (%s:%d): ", current, file, line);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

/* Relative tolerance, absolute near zero. */
int check_near(double got, double want, double tol) {
  double scale = fabs(want) > 1.0 ? fabs(want) : 1.0;
  return fabs(got - want) <= tol * scale;
}

int check_report(void) {
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

static int fail_after, allocations;

static void *failing_malloc(size_t size) {
  return allocations++ >= fail_after ? NULL : malloc(size);
}

void check_allocations_fail_after(int n) {
  fail_after = n;
  allocations = 0;
  ree_set_allocator(failing_malloc, free);
}

void check_allocations_restore(void) { ree_set_allocator(NULL, NULL); }
