/*
** host.h: the parts of the ree executable that the Lua side reaches as
** require "ree.host": each adds its functions to the table on top of the
** stack.
*/
#ifndef REE_HOST_H
#define REE_HOST_H

#include <lua.h>

#include "ree_err.h"

/* host_readline.c: readline(prompt), history, completion */
void host_add_readline(lua_State *L);

/* host_limits.c: interruptible calls (Ctrl-C), memory accounting and limit */
void host_add_limits(lua_State *L);

/* host_guard.c: temporary files removed when a signal ends the process */
void host_add_guard(lua_State *L);
/* Unlinks every guarded file; async-signal-safe (signal handlers call it). */
void host_remove_guarded(void);

/* The longest time limit host.time_limit takes, in seconds: a day. */
#define HOST_MAX_SECONDS 86400

/* The allocator that counts and limits what Lua and the core allocate
** (the core through ree_set_allocator); install it right after the state
** is made, before anything else allocates. */
void host_install_allocator(lua_State *L);

#endif
