/*
** host_limits.c: what keeps a session alive and bounded.
**
**   host.interruptible(f, ...)   calls f as pcall does (with a traceback);
**                                Ctrl-C meanwhile stops f with the error
**                                "interrupted" instead of killing ree
**   host.memory_used()           bytes Lua and the core hold now, and how
**                                many allocations the limit has refused
**   host.memory_limit(bytes)     refuse allocations past bytes (nil: no
**                                limit); returns the previous limit
**   host.time_limit(seconds, msg)  after that much time, write msg to
**                                stderr and end the process with status 1
**                                (nil: no limit); the backstop for what
**                                no hook can stop, as a long string match
**
** Ctrl-C is lua.c's way: the signal handler only sets a hook, and the
** hook, at the next Lua instruction, raises the error. A C call finishes
** first; a second Ctrl-C while it runs ends the process.
*/
#define _POSIX_C_SOURCE 200809L /* sigaction */

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#include "host.h"
#include "ree_err.h"

/* {================================================================
** Memory: every allocation of the state and of the core is counted in
** one account, and the account can be capped
** ================================================================= */

static size_t mem_used;  /* bytes in live blocks, Lua's and the core's */
static size_t mem_limit; /* 0: none */
static size_t mem_refused; /* allocations the cap refused */

/* Whether growing the account by more bytes stays within the cap. */
static int affordable(size_t more) {
  if (mem_limit == 0 || (more <= mem_limit && mem_used <= mem_limit - more)) return 1;
  mem_refused++;
  return 0;
}

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  size_t old = ptr != NULL ? osize : 0; /* without ptr, osize is a type tag */
  void *p;
  (void)ud;
  if (nsize == 0) {
    free(ptr);
    mem_used -= old;
    return NULL;
  }
  if (nsize > old && !affordable(nsize - old)) return NULL;
  p = realloc(ptr, nsize);
  if (p != NULL) mem_used = mem_used - old + nsize;
  return p;
}

/* The core frees without a size: each block carries its size in front,
** in a header as large as malloc's alignment. */
typedef union { size_t size; long double ld; void *ptr; long long ll; } block_header;

static void *core_alloc(size_t size) {
  block_header *h;
  if (size > SIZE_MAX - sizeof *h || !affordable(size + sizeof *h)) return NULL;
  h = (block_header *)malloc(size + sizeof *h);
  if (h == NULL) return NULL;
  h->size = size + sizeof *h;
  mem_used += h->size;
  return h + 1;
}

static void core_free(void *ptr) {
  block_header *h = (block_header *)ptr - 1;
  mem_used -= h->size;
  free(h);
}

void host_install_allocator(lua_State *L) {
  /* what the standard allocator gave so far is freed through ours later */
  mem_used = (size_t)lua_gc(L, LUA_GCCOUNT, 0) * 1024 + (size_t)lua_gc(L, LUA_GCCOUNTB, 0);
  lua_setallocf(L, limited_alloc, NULL);
  ree_set_allocator(core_alloc, core_free);
}

static int l_memory_used(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)mem_used);
  lua_pushinteger(L, (lua_Integer)mem_refused);
  return 2;
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
static volatile sig_atomic_t pending; /* a Ctrl-C whose hook has not fired */

static void stop(lua_State *L, lua_Debug *ar) {
  (void)ar;
  pending = 0;
  lua_sethook(L, NULL, 0, 0);
  luaL_error(L, "interrupted");
}

/* The first Ctrl-C asks the running Lua code to stop at its next
** instruction; a second before that instruction came (the call is stuck
** in C, where no hook reaches) ends the process as Ctrl-C normally does. */
static void on_sigint(int sig) {
  if (pending || running == NULL) {
    host_remove_guarded();
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  pending = 1;
  lua_sethook(running, stop, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
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
  pending = 0;
  status = lua_pcall(L, n - 1, LUA_MULTRET, 1);
  running = outer;
  pending = 0;
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
  host_remove_guarded();
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
    luaL_argcheck(L, seconds > 0 && seconds <= HOST_MAX_SECONDS, 1, "a number of seconds from 1 to 86400");
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
