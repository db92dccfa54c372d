/*
** linalg.c: elimination with partial pivoting on row-major matrices.
*/
#include <math.h>
#include <stddef.h>

#include "linalg.h"

void ree_la_subtract(double *row_i, const double *row_p, double f,
                     int width) {
  int j;
  for (j = 0; j < width; j++) row_i[j] -= f * row_p[j];
}

void ree_la_swap(double *m, int width, int a, int b) {
  double *ra = &m[a * width], *rb = &m[b * width];
  int j;
  if (a == b) return;
  for (j = 0; j < width; j++) {
    double t = ra[j];
    ra[j] = rb[j];
    rb[j] = t;
  }
}

int ree_la_pivot(const double *m, int width, const int *rows, int n, int col,
                 double tol) {
  int t, best = -1;
  double size = tol;
  for (t = 0; t < n; t++) {
    double v = fabs(m[(rows ? rows[t] : t) * width + col]);
    /* strictly larger: of equal pivots the first wins, whatever the order */
    if (v > size) best = t, size = v;
  }
  return best;
}

void ree_la_jordan(double *m, int width, int n, int p, int col) {
  double *row_p = &m[p * width], d = row_p[col];
  int i, j;
  for (j = 0; j < width; j++) row_p[j] /= d;
  for (i = 0; i < n; i++)
    if (i != p && m[i * width + col] != 0.0)
      ree_la_subtract(&m[i * width], row_p, m[i * width + col], width);
}

int ree_la_solve(double *m, int n, int width, double tol) {
  int i, j, k;
  for (k = 0; k < n; k++) {
    int best = ree_la_pivot(&m[k * width], width, NULL, n - k, k, tol);
    if (best < 0) return k;
    ree_la_swap(m, width, k, k + best);
    for (i = k + 1; i < n; i++) {
      double f = m[i * width + k] / m[k * width + k];
      if (f != 0.0)
        ree_la_subtract(&m[i * width + k], &m[k * width + k], f, width - k);
    }
  }
  /* back substitution, a row at a time over every right side: each term
  ** m[i][k] x[k] is taken in the same order as a column at a time would,
  ** and a zero term, which a sparse system is mostly made of, not at all */
  for (i = n - 1; i >= 0; i--) {
    double *row = &m[i * width];
    for (k = i + 1; k < n; k++) {
      double f = row[k];
      if (f != 0.0)
        for (j = n; j < width; j++) row[j] -= f * m[k * width + j];
    }
    for (j = n; j < width; j++) row[j] /= row[i];
  }
  return -1;
}
