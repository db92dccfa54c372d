/*
** check.h: the C tests' tiny harness. A test is a void function named
** <unit>_should_<behaviour>; RUN executes it, failures print file:line,
** and check_report prints "N passed, N failed" and gives the exit status.
*/
#ifndef CHECK_H
#define CHECK_H

#include <string.h>

void check_run(const char *name, void (*test)(void));
void check_fail(const char *file, int line, const char *fmt, ...)
#if defined(__GNUC__)
  __attribute__((format(printf, 3, 4)))
#endif
  ;
int check_near(double got, double want, double tol);
int check_report(void);

/* Makes the core's allocator fail from allocation n on (0: the first), to
** test that every failure is an error and leaks nothing;
** check_allocations_restore() gives the core malloc back. */
void check_allocations_fail_after(int n);
void check_allocations_restore(void);

#define RUN(test) check_run(#test, test)

#define CHECK(cond)                                                 \
  do {                                                              \
    if (!(cond)) check_fail(__FILE__, __LINE__, "%s", #cond);       \
  } while (0)

#define CHECK_INT(got, want)                                            \
  do {                                                                  \
    long g_ = (long)(got), w_ = (long)(want);                           \
    if (g_ != w_)                                                       \
      check_fail(__FILE__, __LINE__, "%s is %ld, want %ld", #got, g_, w_); \
  } while (0)

#define CHECK_NEAR(got, want, tol)                                      \
  do {                                                                  \
    double g_ = (got), w_ = (want);                                     \
    if (!check_near(g_, w_, (tol)))                                     \
      check_fail(__FILE__, __LINE__, "%s is %.17g, want %.17g", #got,   \
                 g_, w_);                                               \
  } while (0)

#define CHECK_STR(got, want)                                            \
  do {                                                                  \
    const char *g_ = (got), *w_ = (want);                               \
    if (g_ == 0 || strcmp(g_, w_) != 0)                                 \
      check_fail(__FILE__, __LINE__, "%s is \"%s\", want \"%s\"", #got, \
                 g_ ? g_ : "(null)", w_);                               \
  } while (0)

#endif
