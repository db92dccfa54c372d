/*
** chain.h: the mass-balance graph: processes, flows and stocks, solved per
** element layer and year as one small linear system.
**
** Every flow has one definition, with a coefficient per layer and year:
**   REE_DEF_TC      c * X(from)          a transfer coefficient of the source's
**                                        input: losses, scrap, stock additions
**   REE_DEF_SPLIT   c * y(from) X(from)  a share of a pushing source's product
**                                        (y = 1 - its transfer coefficients)
**   REE_DEF_PULL    c * (X(to) - pushed) a share of what a pulling destination
**                                        still needs after its pushed inflows
**   REE_DEF_VALUE   c                    given: an import, a final demand
** where X(p) is the input of process p. A pushing process balances its
** input, X = sum of inflows (supply-driven); a pulling one its output,
** y X = sum of its non-TC outflows (demand-driven). One row per process:
** a system in the inputs X alone, sparse, solved block by block: the
** strongly connected components of its rows, dependencies first, each by
** elimination with pivoting (one division where there is no loop).
*/
#ifndef REE_CHAIN_H
#define REE_CHAIN_H

#include "ree_err.h"

/* bounds on a chain's size that keep every count an int; memory is what
** limits a chain in practice (a solve takes space linear in the flows) */
#define REE_CHAIN_MAX_PROCESSES 100000
#define REE_CHAIN_MAX_FLOWS 1000000
#define REE_CHAIN_NAME_MAX 48

enum { REE_PUSH, REE_PULL };
enum { REE_DEF_TC, REE_DEF_SPLIT, REE_DEF_PULL, REE_DEF_VALUE };

/* Ends of a flow that are not processes. */
#define REE_OUTSIDE (-1) /* the system boundary: imports, exports, losses */
#define REE_STOCK (-2)   /* the source process's own stock (a TC flow) */

typedef struct ree_chain ree_chain;

/*
** A chain with `layers` element layers (1..118) and `years` years
** (1..1000). Caller frees with ree_chain_free. NULL on error.
*/
ree_chain *ree_chain_new(int layers, int years, ree_err *err);
void ree_chain_free(ree_chain *c); /* NULL is harmless */

/* Appends a process; returns its index (>= 0) or an error code. */
int ree_chain_add_process(ree_chain *c, const char *name, int mode,
                          ree_err *err);

/*
** Appends a flow from process `from` (or REE_OUTSIDE) to process `to` (or
** REE_OUTSIDE, or REE_STOCK for the source's stock), defined by `def`.
** Returns its index or an error code. Coefficients start at 0.
*/
int ree_chain_add_flow(ree_chain *c, const char *name, int from, int to,
                       int def, ree_err *err);

/* Sets flow's coefficient for layer and year (REE_EINVAL out of range,
** REE_EDOMAIN for a non-finite value). */
int ree_chain_set(ree_chain *c, int flow, int layer, int year, double value,
                  ree_err *err);

/*
** Checks the definitions against the modes and the coefficients of every
** layer and year: transfer coefficients of a process that sum past 1,
** splits or pulls that do not sum to 1, a pulled flow into a pushing
** process, and so on, each named. Then solves every layer and year.
** Errors: REE_EDOMAIN (a definition or a coefficient; a negative flow),
** REE_ESINGULAR naming the processes of a loop that keeps everything.
*/
int ree_chain_solve(ree_chain *c, ree_err *err);

int ree_chain_process_count(const ree_chain *c);
int ree_chain_flow_count(const ree_chain *c);
const char *ree_chain_process_name(const ree_chain *c, int p);
const char *ree_chain_flow_name(const ree_chain *c, int f);
void ree_chain_flow_ends(const ree_chain *c, int f, int *from, int *to,
                         int *def);

/* After a solve: a flow's value, a process's input, and its balance
** residual (inflows - outflows, stock additions counted as outflows). */
double ree_chain_flow(const ree_chain *c, int f, int layer, int year);
double ree_chain_input(const ree_chain *c, int p, int layer, int year);
double ree_chain_residual(const ree_chain *c, int p, int layer, int year);

#endif
