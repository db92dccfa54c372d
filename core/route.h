/*
** route.h: a linear chain of processing stages with yields and scrap loops.
**
** Each stage turns its input into product (the yield, 0 < y <= 1) and
** scrap (1 - y). A share r of the scrap goes back into the input of the
** same or an earlier stage; the rest is lost. All masses are of one
** element (t Nd, t Dy), so the walk is linear and is run once per element.
**
** The founding report's magnet route, upstream first:
**   concentrate -> separation -> reduction -> alloy -> magnet
** Rare earths enter at the first stage; iron and boron enter at "alloy".
*/
#ifndef REE_ROUTE_H
#define REE_ROUTE_H

#include "ree_err.h"

#define REE_ROUTE_MAX_STAGES 16
#define REE_STAGE_NAME_MAX 32

typedef struct ree_route ree_route;

/* Mass flows (t of one element) through one stage. */
typedef struct ree_stage_flow {
  double upstream;      /* from the stage before, or the feed at entry */
  double recycled_in;   /* scrap returned into this stage */
  double input;         /* upstream + recycled_in */
  double output;        /* product passed downstream */
  double scrap;         /* input - output */
  double recycled_out;  /* scrap sent back to a stage's input */
  double lost;          /* scrap - recycled_out */
} ree_stage_flow;

/* A new route with no stages; caller frees with ree_route_free. NULL when
** out of memory. */
ree_route *ree_route_new(void);
/* NULL is harmless. */
void ree_route_free(ree_route *r);

/*
** Appends a stage downstream of the others. name: 1..31 bytes, unique.
** yield in (0, 1]; recycled (share of the scrap returned) in [0, 1];
** returns_to: index of the stage whose input takes the scrap, <= the new
** stage's index (ignored when recycled is 0). Errors: REE_EDOMAIN with the
** stage named, REE_EINVAL for a bad name or index, REE_ELIMIT past
** REE_ROUTE_MAX_STAGES. Returns the stage's index (>= 0) on success.
*/
int ree_route_add_stage(ree_route *r, const char *name, double yield,
                        double recycled, int returns_to, ree_err *err);

int ree_route_stage_count(const ree_route *r);
/* Borrowed; valid until r is freed. NULL for a bad index. */
const char *ree_route_stage_name(const ree_route *r, int i);
/* Index of the stage called name, or -1. */
int ree_route_find(const ree_route *r, const char *name);

/*
** Backward walk: the flows that deliver `product` t out of the last stage,
** for an element that enters at stage `entry` (stages before it get zero
** flows). flows must hold ree_route_stage_count(r) records. Scrap sent to
** a stage before entry is returned to entry instead. Errors: REE_EDOMAIN
** for a negative or non-finite product, REE_EINVAL for a bad entry.
*/
int ree_route_backward(const ree_route *r, int entry, double product,
                       ree_stage_flow *flows, ree_err *err);

/*
** Forward walk: the flows when `feed` t enters stage `entry`, with every
** recycle loop closed (a small linear system, solved directly). Errors as
** ree_route_backward, and REE_ESINGULAR if the system has no solution.
*/
int ree_route_forward(const ree_route *r, int entry, double feed,
                      ree_stage_flow *flows, ree_err *err);

/*
** Mass balance of stage i as a process: what enters (upstream +
** recycled_in) minus what leaves (output + recycled_out + lost). Zero up
** to rounding for flows from the walks above.
*/
double ree_stage_residual(const ree_stage_flow *flow);

#endif
