/*
** ree.h: the whole C API of ree's core in one include, for programs built
** against an installed ree:
**
**   #include <ree/ree.h>
**   cc prog.c $(pkg-config --cflags --libs ree)
**
** Each header says what its part does; ree_err.h has the version, the
** error codes and the rule every fallible function follows.
*/
#ifndef REE_H
#define REE_H

#include "ree_err.h"
#include "element.h"
#include "formula.h"
#include "comp.h"
#include "deposit.h"
#include "unit.h"
#include "series.h"
#include "chain.h"
#include "dsm.h"
#include "reconcile.h"
#include "linalg.h"
#include "optim.h"
#include "market.h"
#include "month.h"
#include "pack.h"
#include "json_io.h"

#endif
