/*
** host_readline.c: line editing for the REPL, through GNU readline.
**
**   host.readline(prompt [, fresh])  a line (without its newline), or nil
**                                    at the end of input. Ctrl-C drops
**                                    the line and starts again at `fresh`
**                                    (default: prompt)
**   host.line_dropped()              whether Ctrl-C dropped a line since
**                                    the last call (the REPL then drops
**                                    an unfinished chunk too)
**   host.add_history(line)
**   host.read_history(path)          true, or nil and a message
**   host.write_history(path, keep)   keeps the last `keep` lines
**   host.set_completer(f)            Tab calls f(word, line, start) for a
**                                    list of words to offer in its place
**
** The completer runs inside readline, so it is called protected: an error
** in it offers nothing, and never unwinds through readline's frames.
*/
#define _POSIX_C_SOURCE 200809L /* sigaction */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include <lauxlib.h>
#include <lua.h>

#include "host.h"

/* {================================================================
** Ctrl-C at the prompt: drop the line, prompt afresh
** ================================================================= */

static volatile sig_atomic_t dropped;
static char *fresh_prompt; /* shown after a dropped line */

static void on_sigint(int sig) {
  (void)sig;
  dropped = 1;
  /* readline's own example does this from the handler; it is what every
  ** shell built on readline does */
  if (write(STDOUT_FILENO, "\n", 1) < 0) return;
  rl_on_new_line();
  rl_replace_line("", 0);
  if (fresh_prompt != NULL) rl_set_prompt(fresh_prompt);
  rl_redisplay();
}

static int l_readline(lua_State *L) {
  const char *prompt = luaL_checkstring(L, 1);
  const char *fresh = luaL_optstring(L, 2, prompt);
  struct sigaction act, old;
  char *line;
  free(fresh_prompt);
  fresh_prompt = strdup(fresh);
  rl_catch_signals = 0;
  act.sa_handler = on_sigint;
  act.sa_flags = SA_RESTART;
  sigemptyset(&act.sa_mask);
  sigaction(SIGINT, &act, &old);
  line = readline(prompt);
  sigaction(SIGINT, &old, NULL);
  if (line == NULL) {
    lua_pushnil(L);
    return 1;
  }
  lua_pushstring(L, line);
  free(line);
  return 1;
}

static int l_line_dropped(lua_State *L) {
  lua_pushboolean(L, dropped);
  dropped = 0;
  return 1;
}

/* }================================================================ */

/* {================================================================
** History
** ================================================================= */

static int l_add_history(lua_State *L) {
  add_history(luaL_checkstring(L, 1));
  return 0;
}

/* true, or nil and "path: why" for readline's errno-style result rc */
static int history_result(lua_State *L, const char *path, int rc) {
  if (rc != 0) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: %s", path, strerror(rc));
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

static int l_read_history(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  return history_result(L, path, read_history(path));
}

static int l_write_history(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  lua_Integer keep = luaL_optinteger(L, 2, 1000);
  int rc = write_history(path);
  if (rc == 0) rc = history_truncate_file(path, (int)keep);
  return history_result(L, path, rc);
}

/* }================================================================ */

/* {================================================================
** Completion: the words come from a Lua function
** ================================================================= */

static lua_State *completer_L;
static int completer_ref = LUA_NOREF;
static char **words; /* the last completer's answer, NULL-terminated */
static size_t next_word;

static void free_words(void) {
  size_t i;
  if (words == NULL) return;
  for (i = 0; words[i] != NULL; i++) free(words[i]);
  free(words);
  words = NULL;
}

/* Calls the completer; its answer goes to `words`. Called protected. */
static int ask_completer(lua_State *L) {
  lua_Integer start = lua_tointeger(L, 2);
  lua_Integer i, n;
  lua_rawgeti(L, LUA_REGISTRYINDEX, completer_ref);
  lua_pushvalue(L, 1);
  lua_pushstring(L, rl_line_buffer);
  lua_pushinteger(L, start);
  lua_call(L, 3, 1);
  if (!lua_istable(L, -1)) return 0;
  n = (lua_Integer)lua_rawlen(L, -1);
  words = calloc((size_t)n + 1, sizeof *words);
  if (words == NULL) return 0;
  for (i = 1; i <= n; i++) {
    const char *w;
    lua_rawgeti(L, -1, i);
    w = lua_tostring(L, -1);
    words[i - 1] = strdup(w != NULL ? w : "");
    lua_pop(L, 1);
  }
  return 0;
}

static char *next_match(const char *text, int state) {
  (void)text;
  if (state == 0) next_word = 0;
  if (words == NULL || words[next_word] == NULL) return NULL;
  return strdup(words[next_word++]);
}

static char **attempt(const char *text, int start, int end) {
  lua_State *L = completer_L;
  (void)end;
  rl_attempted_completion_over = 1; /* never fall back to file names */
  rl_completion_append_character = '\0'; /* "ree.magnet" may go on with "." */
  free_words();
  if (L == NULL || completer_ref == LUA_NOREF) return NULL;
  lua_pushcfunction(L, ask_completer);
  lua_pushstring(L, text);
  lua_pushinteger(L, start);
  if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
    lua_pop(L, 1); /* an error in the completer offers nothing */
    free_words();
    return NULL;
  }
  return rl_completion_matches(text, next_match);
}

static int l_set_completer(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  if (completer_ref != LUA_NOREF) luaL_unref(L, LUA_REGISTRYINDEX, completer_ref);
  lua_pushvalue(L, 1);
  completer_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  completer_L = L;
  rl_attempted_completion_function = attempt;
  /* '.' and ':' stay inside a word: "ree.ser" and "sc:ru" complete whole */
  rl_completer_word_break_characters = " \t\n\"'`@$><=;|&{(,+-*/%^~#)}[]";
  return 0;
}

/* }================================================================ */

void host_add_readline(lua_State *L) {
  static const luaL_Reg funcs[] = {
      {"readline", l_readline}, {"line_dropped", l_line_dropped}, {"add_history", l_add_history},
      {"read_history", l_read_history}, {"write_history", l_write_history}, {"set_completer", l_set_completer},
      {NULL, NULL}};
  rl_readline_name = "ree"; /* for conditionals in ~/.inputrc */
  luaL_setfuncs(L, funcs, 0);
}
