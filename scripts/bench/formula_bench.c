/*
** formula_bench.c: parse + molar mass through the C API, for
** scripts/bench/formula.lua. Reads formulas, one per line, from the file
** named by argv[1]; parses all of them `passes` times per run, for `runs`
** runs; prints each run's formulas per second, one per line.
*/
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "formula.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  FILE *f;
  char *text, **line;
  size_t *len, n = 0, cap = 1024, size, i;
  long bytes;
  int runs = argc > 2 ? atoi(argv[2]) : 7, passes = argc > 3 ? atoi(argv[3]) : 5;
  int r, p;
  volatile double sink = 0.0; /* keeps the work from being optimised away */
  if (argc < 2 || (f = fopen(argv[1], "rb")) == NULL) {
    fputs("usage: formula-bench CORPUS [RUNS [PASSES]]\n", stderr);
    return 2;
  }
  fseek(f, 0, SEEK_END);
  bytes = ftell(f);
  rewind(f);
  text = malloc((size_t)bytes + 1);
  line = malloc(cap * sizeof *line);
  len = malloc(cap * sizeof *len);
  if (text == NULL || line == NULL || len == NULL) return 1;
  size = fread(text, 1, (size_t)bytes, f);
  fclose(f);
  text[size] = '\0';
  for (i = 0; i < size;) {
    char *end = memchr(text + i, '\n', size - i);
    size_t l = end ? (size_t)(end - (text + i)) : size - i;
    if (n == cap) {
      cap *= 2;
      line = realloc(line, cap * sizeof *line);
      len = realloc(len, cap * sizeof *len);
      if (line == NULL || len == NULL) return 1;
    }
    line[n] = text + i;
    len[n++] = l;
    i += l + 1;
  }
  for (r = 0; r < runs; r++) {
    double t0 = now(), t;
    for (p = 0; p < passes; p++)
      for (i = 0; i < n; i++) {
        ree_comp_buffer buf;
        ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
        if (ree_formula_parse(c, line[i], len[i], NULL) != REE_OK) return 3;
        sink += ree_comp_molar_mass(c);
      }
    t = now() - t0;
    printf("%.0f\n", (double)n * passes / t);
  }
  free(text);
  free(line);
  free(len);
  return sink > 0.0 ? 0 : 4;
}
