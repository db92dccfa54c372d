/*
** host_guard.c: temporary files that a signal must not leave behind.
**
**   host.guard(path)     path is a temporary file being written: if a
**                        signal ends the process before unguard, it is
**                        removed (SIGTERM, SIGHUP, SIGINT, and the time limit)
**   host.unguard(path)   written and renamed, or removed: forget it
**   host.lock(path)      makes path, a lock file, if no one has: true, or
**                        nil and why (it exists: another writer has it);
**                        guarded like a temporary file until unlock
**   host.unlock(path)    removes the lock and forgets it
**
** A signal handler may only call async-signal-safe functions: the paths
** are kept in fixed buffers, and the handler unlinks them and re-raises.
*/
#define _POSIX_C_SOURCE 200809L /* sigaction */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#include "host.h"

#define GUARDED_MAX 8      /* writes under way at once: one in practice */
#define GUARDED_PATH 4096

static char guarded[GUARDED_MAX][GUARDED_PATH]; /* "" where free */
static volatile sig_atomic_t installed;

void host_remove_guarded(void) {
  int i;
  for (i = 0; i < GUARDED_MAX; i++)
    if (guarded[i][0] != '\0') unlink(guarded[i]);
}

static void on_fatal(int sig) {
  host_remove_guarded();
  signal(sig, SIG_DFL);
  raise(sig);
}

/* SIGTERM and SIGHUP end the process after the cleanup; SIGINT does too,
** unless an interruptible call has its own handler (host_limits.c) */
static void install(void) {
  static const int sigs[] = {SIGTERM, SIGHUP, SIGINT};
  struct sigaction act, old;
  size_t i;
  if (installed) return;
  installed = 1;
  act.sa_handler = on_fatal;
  act.sa_flags = 0;
  sigemptyset(&act.sa_mask);
  for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    sigaction(sigs[i], NULL, &old);
    if (old.sa_handler == SIG_DFL) sigaction(sigs[i], &act, NULL);
  }
}

/* Remembers path for the signal handler; raises when the table is full. */
static void guard(lua_State *L, const char *path, size_t len) {
  int i;
  install();
  for (i = 0; i < GUARDED_MAX; i++) {
    if (guarded[i][0] == '\0') {
      memcpy(guarded[i], path, len + 1);
      return;
    }
  }
  luaL_error(L, "guard: more than %d files written at once", GUARDED_MAX);
}

static void unguard(const char *path) {
  int i;
  for (i = 0; i < GUARDED_MAX; i++)
    if (strcmp(guarded[i], path) == 0) guarded[i][0] = '\0';
}

static int l_guard(lua_State *L) {
  size_t len;
  const char *path = luaL_checklstring(L, 1, &len);
  luaL_argcheck(L, len > 0 && len < GUARDED_PATH, 1, "a path shorter than 4096 bytes");
  guard(L, path, len);
  return 0;
}

static int l_unguard(lua_State *L) {
  unguard(luaL_checkstring(L, 1));
  return 0;
}

static int l_lock(lua_State *L) {
  size_t len;
  const char *path = luaL_checklstring(L, 1, &len);
  char pid[32];
  int fd, n;
  luaL_argcheck(L, len > 0 && len < GUARDED_PATH, 1, "a path shorter than 4096 bytes");
  fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644); /* exactly one creator wins */
  if (fd < 0) return luaL_fileresult(L, 0, path);
  guard(L, path, len);
  n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
  if (write(fd, pid, (size_t)n) != n || close(fd) != 0) {
    int e = errno;
    unlink(path);
    unguard(path);
    errno = e;
    return luaL_fileresult(L, 0, path);
  }
  lua_pushboolean(L, 1);
  return 1;
}

static int l_unlock(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  unlink(path);
  unguard(path);
  return 0;
}

void host_add_guard(lua_State *L) {
  static const luaL_Reg funcs[] = {{"guard", l_guard}, {"unguard", l_unguard}, {"lock", l_lock},
                                   {"unlock", l_unlock}, {NULL, NULL}};
  luaL_setfuncs(L, funcs, 0);
}
