/*
** host_limits.c: what keeps a session alive and bounded.
**
**   host.interruptible(f, ...)   calls f as pcall does (with a traceback);
**                                Ctrl-C meanwhile stops f with the error
**                                "interrupted" instead of killing ree
**   host.memory_used()           bytes Lua holds now
**   host.memory_limit(bytes)     refuse allocations past bytes (nil: no
**                                limit); returns the previous limit
**   host.time_limit(seconds, msg)  after that much time, write msg to
**                                stderr and end the process with status 1
**                                (nil: no limit); the backstop for what
**                                no hook can stop, as a long string match
**
** Ctrl-C is lua.c's way: the signal handler only sets a hook, and the
** hook, at the next Lua instruction, raises the error. A long C call (one
** market clearing) finishes first; none takes more than milliseconds.
*/
#define _POSIX_C_SOURCE 200809L /* sigaction */

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#include "host.h"

/* {================================================================
** Memory: every allocation of the state is counted, and can be capped
** ================================================================= */

static size_t mem_used;  /* bytes in live blocks */
static size_t mem_limit; /* 0: none */

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  size_t old = ptr != NULL ? osize : 0; /* without ptr, osize is a type tag */
  void *p;
  (void)ud;
  if (nsize == 0) {
    free(ptr);
    mem_used -= old;
    return NULL;
  }
  if (mem_limit != 0 && nsize > old && mem_used + (nsize - old) > mem_limit) return NULL;
  p = realloc(ptr, nsize);
  if (p != NULL) mem_used = mem_used - old + nsize;
  return p;
}

void host_install_allocator(lua_State *L) {
  /* what the standard allocator gave so far is freed through ours later */
  mem_used = (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024 + (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
  lua_setallocf(L, limited_alloc, NULL);
}

static int l_memory_used(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)mem_used);
  return 1;
}

static int l_memory_limit(lua_State *L) {
  size_t before = mem_limit;
  if (lua_isnoneornil(L, 1)) {
    mem_limit = 0;
  } else {
    lua_Integer n = luaL_checkinteger(L, 1);
    luaL_argcheck(L, n > 0, 1, "a positive number of bytes");
    mem_limit = (size_t)n;
  }
  if (before == 0) lua_pushnil(L); else lua_pushinteger(L, (lua_Integer)before);
  return 1;
}

/* }================================================================ */

/* {================================================================
** Ctrl-C during a call
** ================================================================= */

static lua_State *running; /* the state an interruptible call runs in */

static void stop(lua_State *L, lua_Debug *ar) {
  (void)ar;
  lua_sethook(L, NULL, 0, 0);
  luaL_error(L, "interrupted");
}

static void on_sigint(int sig) {
  (void)sig;
  if (running != NULL) lua_sethook(running, stop, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

static int traceback(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) return 1; /* an error object: returned as it is */
  luaL_traceback(L, L, msg, 1);
  return 1;
}

static int l_interruptible(lua_State *L) {
  int n = lua_gettop(L), status;
  lua_State *outer = running;
  struct sigaction act, old;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  act.sa_handler = on_sigint;
  act.sa_flags = 0;
  sigemptyset(&act.sa_mask);
  sigaction(SIGINT, &act, &old);
  running = L;
  lua_pushcfunction(L, traceback);
  lua_insert(L, 1);
  status = lua_pcall(L, n - 1, LUA_MULTRET, 1);
  running = outer;
  sigaction(SIGINT, &old, NULL);
  lua_sethook(L, NULL, 0, 0); /* a Ctrl-C that came as f returned */
  lua_pushboolean(L, status == LUA_OK);
  lua_replace(L, 1); /* over the message handler */
  return lua_gettop(L);
}

/* }================================================================ */

/* {================================================================
** Time: the last resort
** ================================================================= */

static char time_message[256];

static void on_alarm(int sig) {
  (void)sig;
  /* only async-signal-safe calls here */
  if (write(STDERR_FILENO, time_message, strlen(time_message)) < 0) _exit(1);
  _exit(1);
}

static int l_time_limit(lua_State *L) {
  struct sigaction act;
  if (lua_isnoneornil(L, 1)) {
    alarm(0);
    return 0;
  }
  {
    lua_Integer seconds = luaL_checkinteger(L, 1);
    const char *msg = luaL_checkstring(L, 2);
    luaL_argcheck(L, seconds > 0, 1, "a positive number of seconds");
    strncpy(time_message, msg, sizeof time_message - 2);
    time_message[sizeof time_message - 2] = '\0';
    strcat(time_message, "\n");
    act.sa_handler = on_alarm;
    act.sa_flags = 0;
    sigemptyset(&act.sa_mask);
    sigaction(SIGALRM, &act, NULL);
    alarm((unsigned)seconds);
  }
  return 0;
}

/* }================================================================ */

void host_add_limits(lua_State *L) {
  static const luaL_Reg funcs[] = {{"interruptible", l_interruptible}, {"memory_used", l_memory_used},
                                   {"memory_limit", l_memory_limit}, {"time_limit", l_time_limit},
                                   {NULL, NULL}};
  luaL_setfuncs(L, funcs, 0);
}
