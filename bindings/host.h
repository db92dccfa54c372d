/*
** host.h: the parts of the ree executable that the Lua side reaches as
** require "ree.host": each adds its functions to the table on top of the
** stack.
*/
#ifndef REE_HOST_H
#define REE_HOST_H

#include <lua.h>

/* host_readline.c: readline(prompt), history, completion */
void host_add_readline(lua_State *L);

/* host_limits.c: interruptible calls (Ctrl-C), memory accounting and limit */
void host_add_limits(lua_State *L);

/* The allocator that counts and limits what Lua allocates; install it
** right after the state is made, before anything else allocates. */
void host_install_allocator(lua_State *L);

#endif
