/*
** lree_series.c: annual series (ree.Series userdata).
**
** The userdata holds the ree_series itself, values inline; its one user
** value is the series' name (a string, or nil). s[year] reads a value
** (nil when missing); other keys are methods. Operators work between
** series and with numbers.
*/
#include <math.h>
#include <string.h>

#include "lree.h"
#include "lree_aux.h"
#include "series.h"

#define LREE_SERIES "ree.Series"

static ree_series *check_series(lua_State *L, int idx) {
  return (ree_series *)luaL_checkudata(L, idx, LREE_SERIES);
}

/* A new, unnamed series userdata with room for count values. */
static ree_series *new_series(lua_State *L, int count) {
  ree_series *s;
  if (count < 0 || count > REE_SERIES_MAX)
    luaL_error(L, "a series holds 0 to %d values, not %d", REE_SERIES_MAX,
               count);
  s = (ree_series *)lua_newuserdatauv(L, REE_SERIES_BYTES(count), 1);
  s->count = 0; /* empty until the caller fills it */
  luaL_setmetatable(L, LREE_SERIES);
  return s;
}

/*
** Names travel with the values: a series made from one (a slice, a
** conversion, a scalar product, a running sum) keeps its name, so that a
** chart's legend still says what it is; one made from two named series
** is named after both ("Nd + Pr", "(Nd + Pr) / World").
*/

/* Gives the series on top of the stack the name of the series at idx. */
static void keep_name(lua_State *L, int idx) {
  if (lua_getiuservalue(L, idx, 1) == LUA_TSTRING) {
    lua_setiuservalue(L, -2, 1);
  } else {
    lua_pop(L, 1);
  }
}

/* Pushes a name for an operand of op: its name, in parentheses when it
** is itself made by an operator; or nothing, returning 0. */
static int push_operand_name(lua_State *L, int idx) {
  const char *name;
  if (lua_getiuservalue(L, idx, 1) != LUA_TSTRING) {
    lua_pop(L, 1);
    return 0;
  }
  name = lua_tostring(L, -1);
  if (strpbrk(name, "+-*/") != NULL && strchr(name, ' ') != NULL) {
    lua_pushfstring(L, "(%s)", name);
    lua_remove(L, -2);
  }
  return 1;
}

/* Names the series on top, made by op from the series at 1 and 2: both
** names with the operator between, or the one name there is. */
static void name_binop(lua_State *L, int op) {
  static const char *const sign[] = {"+", "-", "*", "/"};
  int a = push_operand_name(L, 1);
  int b = push_operand_name(L, 2);
  if (a && b) {
    lua_pushfstring(L, "%s %s %s", lua_tostring(L, -2), sign[op], lua_tostring(L, -1));
    lua_remove(L, -2);
    lua_remove(L, -2);
  } else if (!a && !b) {
    return;
  }
  lua_setiuservalue(L, -2, 1);
}

static int fail_with(lua_State *L, const ree_err *err) {
  return luaL_error(L, "%s", err->msg);
}

static void check_unit(lua_State *L, int idx, ree_unit *u) {
  ree_err err;
  if (ree_unit_parse(u, luaL_checkstring(L, idx), &err) != REE_OK)
    fail_with(L, &err);
}

static const char *sub_name(int period) { return period == 12 ? "a month" : "a quarter"; }

/* The period at idx (nil: 1), one ree takes. */
static int check_period(lua_State *L, int idx) {
  int period = (int)luaL_optinteger(L, idx, 1);
  luaL_argcheck(L, ree_series_period_ok(period), idx, "a period of 1, 4 or 12 steps a year");
  return period;
}

/* The last step a series of this period may reach: December 9999. */
static int last_step(int period) { return ree_series_step(period, REE_YEAR_MAX, period); }

/*
** series(first_year, unit, values [, n [, period, first_sub]]) -> Series;
** nil or NaN = missing. period: 1 (years, the default), 4 or 12; a
** sub-annual series starts at first_sub (a quarter or month, default 1).
*/
static int l_series(lua_State *L) {
  int first = lree_check_year(L, 1), period = check_period(L, 5), i, n, most;
  ree_unit unit;
  ree_series *s;
  if (period > 1) first = ree_series_step(period, first, lree_check_int(L, 6, 1, period, sub_name(period)));
  most = last_step(period) - first + 1;
  check_unit(L, 2, &unit);
  luaL_checktype(L, 3, LUA_TTABLE);
  if (lua_isnoneornil(L, 4)) {
    lua_Integer len = luaL_len(L, 3);
    if (len > most)
      return luaL_error(L, "a series from %d holds at most %d values (to %d), not %I",
                        ree_series_year_of(period, first), most, REE_YEAR_MAX, len);
    n = (int)len;
  } else {
    n = lree_check_int(L, 4, 0, most, "a count of values");
  }
  s = new_series(L, n);
  ree_series_init(s, first, n, &unit);
  s->period = period;
  for (i = 0; i < n; i++) {
    int t = lua_geti(L, 3, i + 1);
    if (t == LUA_TNUMBER)
      s->value[i] = lua_tonumber(L, -1);
    else if (t != LUA_TNIL)
      return luaL_error(L, "value %d (%d) must be a number or nil, not %s",
                        i + 1, ree_series_year_of(period, first + i), luaL_typename(L, -1));
    lua_pop(L, 1);
  }
  return 1;
}

/* Copies a into a new series userdata (unnamed) and returns it. */
static ree_series *push_copy(lua_State *L, const ree_series *a, int count) {
  ree_series *s = new_series(L, count);
  memcpy(s, a, REE_SERIES_BYTES(a->count < count ? a->count : count));
  return s;
}

/*
** {==================================================================
** Operators
** ===================================================================
*/

static int arith(lua_State *L, int op) {
  ree_err err;
  int a_is = luaL_testudata(L, 1, LREE_SERIES) != NULL;
  int b_is = luaL_testudata(L, 2, LREE_SERIES) != NULL;
  if (a_is && b_is) {
    ree_series *a = check_series(L, 1), *b = check_series(L, 2);
    ree_series *s = new_series(L, a->count);
    if (ree_series_binop(s, a, b, op, &err) != REE_OK) return fail_with(L, &err);
    name_binop(L, op);
  } else {
    ree_series *a = check_series(L, a_is ? 1 : 2);
    lua_Number k = luaL_checknumber(L, a_is ? 2 : 1);
    ree_series *s = new_series(L, a->count);
    ree_series_scalar(s, a, k, op, !a_is);
    keep_name(L, a_is ? 1 : 2);
  }
  return 1;
}

static int m_add(lua_State *L) { return arith(L, REE_OP_ADD); }
static int m_sub(lua_State *L) { return arith(L, REE_OP_SUB); }
static int m_mul(lua_State *L) { return arith(L, REE_OP_MUL); }
static int m_div(lua_State *L) { return arith(L, REE_OP_DIV); }

static int m_unm(lua_State *L) {
  ree_series *a = check_series(L, 1);
  ree_series_scalar(new_series(L, a->count), a, -1.0, REE_OP_MUL, 0);
  keep_name(L, 1);
  return 1;
}

/* Equal years, unit and values (missing matches missing). */
static int m_eq(lua_State *L) {
  ree_series *a = check_series(L, 1), *b = check_series(L, 2);
  int i, same = a->first == b->first && a->count == b->count &&
                ree_unit_same(&a->unit, &b->unit);
  for (i = 0; same && i < a->count; i++)
    same = a->value[i] == b->value[i] ||
           (isnan(a->value[i]) && isnan(b->value[i]));
  lua_pushboolean(L, same);
  return 1;
}

static int m_len(lua_State *L) {
  lua_pushinteger(L, check_series(L, 1)->count);
  return 1;
}

/* }================================================================== */

/*
** {==================================================================
** Methods
** ===================================================================
*/

static void push_value(lua_State *L, double v) {
  if (isnan(v))
    lua_pushnil(L);
  else
    lua_pushnumber(L, v);
}

/* s:at(year [, sub]) -> value, or nil when missing or outside; a
** sub-annual series needs its quarter or month */
static int m_at(lua_State *L) {
  ree_series *s = check_series(L, 1);
  int year;
  luaL_checkinteger(L, 2);
  if (!lree_to_year(L, 2, &year)) {
    lua_pushnil(L);
  } else if (s->period == 1) {
    push_value(L, ree_series_at(s, year));
  } else {
    int sub = lree_check_int(L, 3, 1, s->period, sub_name(s->period));
    push_value(L, ree_series_at(s, ree_series_step(s->period, year, sub)));
  }
  return 1;
}

/* s:years() -> first, last (years); a sub-annual series adds the first's
** and the last's quarter or month */
static int m_years(lua_State *L) {
  ree_series *s = check_series(L, 1);
  int p = s->period, last = ree_series_last_year(s);
  lua_pushinteger(L, ree_series_year_of(p, s->first));
  lua_pushinteger(L, ree_series_year_of(p, last));
  if (p == 1) return 2;
  lua_pushinteger(L, ree_series_sub_of(p, s->first));
  lua_pushinteger(L, ree_series_sub_of(p, last));
  return 4;
}

/* s:period() -> steps a year: 1, 4 or 12 */
static int m_period(lua_State *L) {
  lua_pushinteger(L, check_series(L, 1)->period);
  return 1;
}

/* s:annual(how) -> the annual series: "sum", "mean" or "last" of each
** whole year's steps */
static int m_annual(lua_State *L) {
  static const char *const hows[] = {"sum", "mean", "last", NULL};
  ree_series *a = check_series(L, 1);
  int how = luaL_checkoption(L, 2, NULL, hows);
  ree_series_annual(new_series(L, ree_series_annual_count(a)), a,
                    how == 0 ? REE_AGG_SUM : how == 1 ? REE_AGG_MEAN : REE_AGG_LAST);
  keep_name(L, 1);
  return 1;
}

static int m_unit(lua_State *L) {
  lua_pushstring(L, check_series(L, 1)->unit.name);
  return 1;
}

/* s:values() -> { v1, v2, ... } with NaN for missing values */
static int m_values(lua_State *L) {
  ree_series *s = check_series(L, 1);
  int i;
  lua_createtable(L, s->count, 0);
  for (i = 0; i < s->count; i++) {
    lua_pushnumber(L, s->value[i]);
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

/* s:name() -> the name or nil; s:named(name) -> a copy with that name */
static int m_name(lua_State *L) {
  check_series(L, 1);
  lua_getiuservalue(L, 1, 1);
  return 1;
}

static int m_named(lua_State *L) {
  ree_series *a = check_series(L, 1);
  luaL_checkstring(L, 2);
  push_copy(L, a, a->count);
  lua_pushvalue(L, 2);
  lua_setiuservalue(L, -2, 1); /* copy.name = name */
  return 1;
}

static int m_to(lua_State *L) {
  ree_series *a = check_series(L, 1);
  ree_unit to;
  ree_err err;
  check_unit(L, 2, &to);
  if (ree_series_convert(new_series(L, a->count), a, &to, &err) != REE_OK)
    return fail_with(L, &err);
  keep_name(L, 1);
  return 1;
}

/* s:slice(from, to) -> the years from..to (all their steps), missing
** outside s */
static int m_slice(lua_State *L) {
  ree_series *a = check_series(L, 1);
  int p = a->period, from = lree_check_year(L, 2), to = lree_check_year(L, 3);
  ree_err err;
  from = ree_series_step(p, from, 1), to = ree_series_step(p, to, p);
  ree_series *s = new_series(L, to >= from ? to - from + 1 : 0);
  if (ree_series_slice(s, a, from, to, &err) != REE_OK) return fail_with(L, &err);
  keep_name(L, 1);
  return 1;
}

/* s:shift(k) -> the same values, k years later */
static int m_shift(lua_State *L) {
  ree_series *a = check_series(L, 1);
  int p = a->period;
  /* the shifted steps stay in years 0-9999 */
  int k = lree_check_int(L, 2, -(a->first / p), (last_step(p) - (a->first + a->count - 1)) / p, "a shift");
  ree_series *s = push_copy(L, a, a->count);
  s->first = a->first + k * p;
  keep_name(L, 1);
  return 1;
}

static int m_cumsum(lua_State *L) {
  ree_series *a = check_series(L, 1);
  ree_series_cumsum(new_series(L, a->count), a);
  keep_name(L, 1);
  return 1;
}

static int differences(lua_State *L, int growth) {
  ree_series *a = check_series(L, 1);
  ree_err err;
  ree_series *s = new_series(L, a->count > 1 ? a->count - 1 : 0);
  if (ree_series_diff(s, a, growth, &err) != REE_OK) return fail_with(L, &err);
  keep_name(L, 1);
  return 1;
}

static int m_diff(lua_State *L) { return differences(L, 0); }
static int m_growth(lua_State *L) { return differences(L, 1); }

static int m_cagr(lua_State *L) {
  ree_series *a = check_series(L, 1);
  double rate;
  ree_err err;
  if (ree_series_cagr(a, lree_check_year(L, 2), lree_check_year(L, 3), &rate, &err) != REE_OK)
    return fail_with(L, &err);
  lua_pushnumber(L, rate);
  return 1;
}

static int m_moving_average(lua_State *L) {
  ree_series *a = check_series(L, 1);
  int window = lree_check_int(L, 2, 0, REE_YEARS_MAX, "a window of years"); /* 0: the core says why not */
  ree_err err;
  ree_series *s = new_series(L, a->count);
  if (ree_series_moving_average(s, a, window, &err) != REE_OK)
    return fail_with(L, &err);
  keep_name(L, 1);
  return 1;
}

/* s:interpolate(["linear" | "step"]) */
static int m_interpolate(lua_State *L) {
  static const char *const how[] = {"linear", "step", NULL};
  ree_series *a = check_series(L, 1);
  int h = luaL_checkoption(L, 2, "linear", how);
  ree_series_interpolate(new_series(L, a->count), a,
                         h == 0 ? REE_FILL_LINEAR : REE_FILL_STEP);
  keep_name(L, 1);
  return 1;
}

/* s:extrapolate(to_year, rate) */
static int m_extrapolate(lua_State *L) {
  ree_series *a = check_series(L, 1);
  int to = lree_check_year(L, 2);
  double rate = luaL_checknumber(L, 3);
  ree_err err;
  ree_series *s = new_series(L, to >= a->first ? to - a->first + 1 : 0);
  if (ree_series_extrapolate(s, a, to, rate, &err) != REE_OK)
    return fail_with(L, &err);
  keep_name(L, 1);
  return 1;
}

static int extreme(lua_State *L, int want_max) {
  ree_series *a = check_series(L, 1);
  double lo, hi;
  int ylo, yhi;
  ree_err err;
  if (ree_series_extremes(a, &lo, &ylo, &hi, &yhi, &err) != REE_OK)
    return fail_with(L, &err);
  lua_pushnumber(L, want_max ? hi : lo);
  lua_pushinteger(L, ree_series_year_of(a->period, want_max ? yhi : ylo));
  if (a->period == 1) return 2;
  lua_pushinteger(L, ree_series_sub_of(a->period, want_max ? yhi : ylo));
  return 3;
}

/* s:min() -> value, year [, sub]; s:max() -> value, year [, sub] */
static int m_min(lua_State *L) { return extreme(L, 0); }
static int m_max(lua_State *L) { return extreme(L, 1); }

static int m_index(lua_State *L) {
  ree_series *a = check_series(L, 1);
  ree_err err;
  ree_series *s = new_series(L, a->count);
  if (ree_series_index(s, a, lree_check_year(L, 2), &err) != REE_OK)
    return fail_with(L, &err);
  keep_name(L, 1);
  return 1;
}

/* combine({s1, s2, ...} [, mean]) -> their sum or mean, year by year */
static int l_combine(lua_State *L) {
  const ree_series **parts;
  lua_Integer i, n;
  ree_err err;
  ree_series *s;
  luaL_checktype(L, 1, LUA_TTABLE);
  n = luaL_len(L, 1);
  luaL_argcheck(L, n >= 1 && n <= REE_SERIES_MAX, 1, "1 or more series");
  /* the pointer list lives in a userdata, so an error cannot leak it */
  parts = (const ree_series **)lua_newuserdatauv(L, (size_t)n * sizeof *parts,
                                                 0);
  for (i = 1; i <= n; i++) {
    lua_geti(L, 1, i);
    parts[i - 1] = check_series(L, -1);
    lua_pop(L, 1); /* the table keeps it alive */
  }
  s = new_series(L, parts[0]->count);
  if (ree_series_combine(s, parts, (int)n, lua_toboolean(L, 2), &err) !=
      REE_OK)
    return fail_with(L, &err);
  return 1;
}

/* "ree.Series 'China' 1990-2015, t REO (26 values, 3 missing)";
** "ree.Series 2010-07 to 2012-12, monthly, US$/kg (30 values, ...)" */
static int m_tostring(lua_State *L) {
  ree_series *s = check_series(L, 1);
  const char *kind = s->period == 12 ? ", monthly" : s->period == 4 ? ", quarterly" : "";
  char span[40];
  int i, missing = 0;
  for (i = 0; i < s->count; i++) missing += isnan(s->value[i]) ? 1 : 0;
  ree_series_span_text(span, sizeof span, s);
  lua_getiuservalue(L, 1, 1);
  if (lua_isstring(L, -1))
    lua_pushfstring(L, "ree.Series '%s' %s%s, %s (%d values, %d missing)", lua_tostring(L, -1), span, kind,
                    s->unit.name, s->count, missing);
  else
    lua_pushfstring(L, "ree.Series %s%s, %s (%d values, %d missing)", span, kind, s->unit.name, s->count,
                    missing);
  return 1;
}

/* }================================================================== */

static const luaL_Reg methods[] = {
  {"at", m_at},
  {"years", m_years},
  {"unit", m_unit},
  {"values", m_values},
  {"name", m_name},
  {"named", m_named},
  {"to", m_to},
  {"slice", m_slice},
  {"shift", m_shift},
  {"cumsum", m_cumsum},
  {"diff", m_diff},
  {"growth", m_growth},
  {"cagr", m_cagr},
  {"moving_average", m_moving_average},
  {"interpolate", m_interpolate},
  {"extrapolate", m_extrapolate},
  {"min", m_min},
  {"max", m_max},
  {"period", m_period},
  {"annual", m_annual},
  {"index", m_index},
  {NULL, NULL}
};

/* __index: an integer key is a year, anything else a method */
static int m_index_key(lua_State *L) {
  if (lua_type(L, 2) == LUA_TNUMBER && lua_isinteger(L, 2)) {
    ree_series *s = check_series(L, 1);
    int year;
    if (s->period != 1)
      return luaL_error(L, "a %s series is read by year and %s: s:at(%d, %s)", s->period == 12 ? "monthly" : "quarterly",
                        s->period == 12 ? "month" : "quarter", (int)lua_tointeger(L, 2), s->period == 12 ? "3" : "2");
    push_value(L, lree_to_year(L, 2, &year) ? ree_series_at(s, year) : (double)NAN);
    return 1;
  }
  lua_pushvalue(L, 2);
  lua_gettable(L, lua_upvalueindex(1)); /* methods[key] */
  return 1;
}

static const luaL_Reg metamethods[] = {
  {"__add", m_add},
  {"__sub", m_sub},
  {"__mul", m_mul},
  {"__div", m_div},
  {"__unm", m_unm},
  {"__eq", m_eq},
  {"__len", m_len},
  {"__tostring", m_tostring},
  {NULL, NULL}
};

static const luaL_Reg funcs[] = {
  {"series", l_series},
  {"combine", l_combine},
  {NULL, NULL}
};

void lree_open_series(lua_State *L) {
  luaL_newmetatable(L, LREE_SERIES);
  luaL_setfuncs(L, metamethods, 0);
  luaL_newlib(L, methods);
  lua_pushvalue(L, -1);
  lua_setfield(L, -4, "Series"); /* module.Series = methods */
  lua_pushvalue(L, -1);
  lua_setfield(L, -3, "__methods"); /* for the REPL's completion and help */
  lua_pushcclosure(L, m_index_key, 1);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1); /* pop metatable */
  luaL_setfuncs(L, funcs, 0);
}
