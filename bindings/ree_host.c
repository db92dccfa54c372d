/*
** ree_host.c: the ree executable. It embeds Lua 5.4 with the ree.core
** module linked in, and hands its arguments to scripts/app/cli.lua, where
** the commands live (run a script, -e CODE, the REPL). The host's own
** functions (require "ree.host") are here and in host_*.c. It finds the Lua
** side from its own place, <root>/bindings/ree-host, so it runs from any
** directory, with or without the launcher.
*/
#define _POSIX_C_SOURCE 200809L /* isatty, readlink, opendir, mkdir */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "host.h"

int luaopen_ree_core(lua_State *L);
static int luaopen_ree_host(lua_State *L);

/* host.isatty(fd) -> boolean: 0 stdin, 1 stdout, 2 stderr */
static int l_isatty(lua_State *L) {
  lua_Integer fd = luaL_checkinteger(L, 1);
  luaL_argcheck(L, fd >= 0 && fd <= 2, 1, "0, 1 or 2");
  lua_pushboolean(L, isatty((int)fd));
  return 1;
}

/* host.listdir(path) -> { names, sorted, without . and .. } or nil, msg */
static int l_listdir(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  DIR *dir = opendir(path);
  struct dirent *e;
  int n = 0;
  if (dir == NULL) return luaL_fileresult(L, 0, path);
  lua_newtable(L);
  while ((e = readdir(dir)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    lua_pushstring(L, e->d_name);
    lua_rawseti(L, -2, ++n);
  }
  closedir(dir);
  /* sorted in Lua: the order of readdir is the file system's */
  lua_getglobal(L, "table");
  lua_getfield(L, -1, "sort");
  lua_pushvalue(L, -3);
  lua_call(L, 1, 0);
  lua_pop(L, 1);
  return 1;
}

/* host.mkdir(path) -> true (also when it exists) or nil, msg; makes the
   parents as mkdir -p does */
static int l_mkdir(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  char buf[4096];
  size_t i, len = strlen(path);
  if (len == 0 || len >= sizeof buf) return luaL_fileresult(L, 0, path);
  memcpy(buf, path, len + 1);
  for (i = 1; i <= len; i++) {
    if (buf[i] == '/' || buf[i] == '\0') {
      char c = buf[i];
      buf[i] = '\0';
      if (mkdir(buf, 0777) != 0 && errno != EEXIST) return luaL_fileresult(L, 0, path);
      buf[i] = c;
    }
  }
  {
    struct stat st;
    if (stat(path, &st) != 0) return luaL_fileresult(L, 0, path);
    if (!S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      return luaL_fileresult(L, 0, path);
    }
  }
  return luaL_fileresult(L, 1, path);
}

static int luaopen_ree_host(lua_State *L) {
  static const luaL_Reg funcs[] = {{"isatty", l_isatty}, {"listdir", l_listdir}, {"mkdir", l_mkdir},
                                   {NULL, NULL}};
  luaL_newlib(L, funcs);
  host_add_readline(L);
  host_add_limits(L);
  host_add_guard(L);
  return 1;
}

/* Message handler: the error with a traceback, as lua.c's msghandler. */
static int traceback(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
      return 1;
    msg = lua_pushfstring(L, "(error object is a %s value)",
                          luaL_typename(L, 1));
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

/*
** Puts <root>/scripts and <root> first on package.path and
** <root>/bindings on package.cpath, root being two levels above this
** executable. Leaves the paths alone if /proc/self/exe cannot be read.
*/
static void add_root_paths(lua_State *L) {
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  char *slash;
  if (n <= 0) return;
  exe[n] = '\0';
  if ((slash = strrchr(exe, '/')) != NULL) *slash = '\0'; /* .../bindings */
  if ((slash = strrchr(exe, '/')) != NULL) *slash = '\0'; /* the root */
  lua_getglobal(L, "package");
  lua_pushfstring(L, "%s/scripts/?.lua;%s/scripts/?/init.lua;%s/?.lua;",
                  exe, exe, exe);
  lua_getfield(L, -2, "path");
  lua_concat(L, 2);
  lua_setfield(L, -2, "path");
  lua_pushfstring(L, "%s/bindings/?.so;", exe);
  lua_getfield(L, -2, "cpath");
  lua_concat(L, 2);
  lua_setfield(L, -2, "cpath");
  lua_pop(L, 1); /* package */
}

/* Runs require("app.cli").main(args) and returns its exit status. */
static int run_cli(lua_State *L) {
  int argc = (int)lua_tointeger(L, 1);
  char **argv = (char **)lua_touserdata(L, 2);
  int i;
  luaL_openlibs(L);
  /* scenarios make many short-lived objects: the young-generation collector
  ** suits them (formula benchmark: +10% for ree.formula(s):molar_mass()) */
  lua_gc(L, LUA_GCGEN, 0, 0);
  add_root_paths(L);
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  lua_pushcfunction(L, luaopen_ree_core);
  lua_setfield(L, -2, "ree.core");
  lua_pushcfunction(L, luaopen_ree_host);
  lua_setfield(L, -2, "ree.host");
  lua_pop(L, 1); /* pop preload table */
  lua_getglobal(L, "require");
  lua_pushliteral(L, "app.cli");
  lua_call(L, 1, 1); /* stack: cli */
  lua_getfield(L, -1, "main");
  lua_createtable(L, argc, 1);
  for (i = 1; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i);
  }
  lua_pushstring(L, argv[0]);
  lua_rawseti(L, -2, 0);
  lua_call(L, 1, 1); /* stack: cli, status */
  return 1;
}

int main(int argc, char **argv) {
  lua_State *L = luaL_newstate();
  int status;
  if (L == NULL) {
    fputs("ree: cannot create the Lua state: out of memory\n", stderr);
    return EXIT_FAILURE;
  }
  host_install_allocator(L);
  lua_pushcfunction(L, traceback);
  lua_pushcfunction(L, run_cli);
  lua_pushinteger(L, argc);
  lua_pushlightuserdata(L, argv);
  if (lua_pcall(L, 2, 1, 1) != LUA_OK) {
    fprintf(stderr, "ree: %s\n", lua_tostring(L, -1));
    status = EXIT_FAILURE;
  } else {
    status = lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : EXIT_SUCCESS;
  }
  lua_close(L);
  return status;
}
