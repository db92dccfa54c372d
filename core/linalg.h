/*
** linalg.h: the dense linear algebra ree needs, on row-major matrices the
** caller owns.
**
** The systems of a supply-chain model are small (a chain's processes, a
** reconciliation's balances: tens to hundreds of rows), so dense
** elimination with partial pivoting is exact enough and simple to check.
** Nothing here allocates; every function works in place on `width`
** columns per row.
*/
#ifndef REE_LINALG_H
#define REE_LINALG_H

/* row_i -= f * row_p over `width` columns. */
void ree_la_subtract(double *row_i, const double *row_p, double f,
                     int width);

/* Swaps rows a and b of m. */
void ree_la_swap(double *m, int width, int a, int b);

/*
** The pivot for column col among n candidate rows: the position in rows[]
** (rows NULL: the rows 0..n-1 themselves) of the row whose entry in col is
** largest in size, or -1 when none is above tol.
*/
int ree_la_pivot(const double *m, int width, const int *rows, int n, int col,
                 double tol);

/*
** One step of Gauss-Jordan: divides row p by its entry in column col and
** clears that column in every other row of the n rows 0..n-1.
*/
void ree_la_jordan(double *m, int width, int n, int p, int col);

/*
** Solves A X = B for the n x n matrix A, in place: m is [A | B], n rows of
** width = n + (the number of right sides) columns, and B's columns become
** X. LU by Gaussian elimination with partial pivoting, then back
** substitution. Returns -1 when solved, or the first column whose pivot is
** below tol (A is singular to that tolerance; m is then undefined).
*/
int ree_la_solve(double *m, int n, int width, double tol);

#endif
