/*
** lree_comp.c: formulas and compositions (ree.Composition userdata).
**
** A Composition userdata holds a ree_comp sized to its elements, so that
** parsing a formula costs one small allocation.
*/
#include <stdio.h>
#include <string.h>

#include "formula.h"
#include "lree.h"
#include "lree_aux.h"

#define LREE_COMPOSITION "ree.Composition"

ree_comp *lree_push_comp(lua_State *L, const ree_comp *c) {
  ree_comp *box = (ree_comp *)lua_newuserdatauv(L, REE_COMP_BYTES(c->count), 0);
  ree_comp_place(box, c->count);
  ree_comp_copy(box, c, NULL); /* cannot fail: capacity == count */
  luaL_setmetatable(L, LREE_COMPOSITION);
  return box;
}

ree_comp *lree_check_comp(lua_State *L, int idx) {
  return (ree_comp *)luaL_checkudata(L, idx, LREE_COMPOSITION);
}

/* Parses the formula in argument 1 into c: 1, or 0 with fail, msg, code
** pushed (3 values). */
static int parse_arg(lua_State *L, ree_comp *c) {
  ree_err err;
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  if (ree_formula_parse(c, s, len, &err) == REE_OK) return 1;
  lree_fail(L, &err);
  return 0;
}

/* formula(s) -> Composition, or fail, msg, code */
static int l_formula(lua_State *L) {
  ree_comp_buffer buf;
  ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
  if (!parse_arg(L, c)) return 3;
  lree_push_comp(L, c);
  return 1;
}

/* molar_mass(s) -> g/mol, or fail, msg, code: parse without an object */
static int l_molar_mass(lua_State *L) {
  ree_comp_buffer buf;
  ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
  if (!parse_arg(L, c)) return 3;
  lua_pushnumber(L, ree_comp_molar_mass(c));
  return 1;
}

/*
** composition(masses [, balance [, total]]) -> Composition, or fail, msg.
** masses: {Nd = 29.5, Dy = 4, ...}; balance: a symbol that takes the rest
** of total (default 100, for wt%).
*/
static int l_composition(lua_State *L) {
  double by_z[REE_ZMAX + 1], mass[REE_ZMAX];
  int zs[REE_ZMAX], n = 0, z, balance = 0;
  double total;
  ree_comp_buffer buf;
  ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
  ree_err err;
  lree_check_element_table(L, 1, by_z, "composition table");
  if (!lua_isnoneornil(L, 2)) balance = lree_check_element(L, 2);
  total = luaL_optnumber(L, 3, 100.0);
  for (z = 1; z <= REE_ZMAX; z++) {
    if (by_z[z] == 0.0) continue;
    zs[n] = z;
    mass[n++] = by_z[z];
  }
  if (ree_comp_from_masses(c, zs, mass, n, balance, total, &err) != REE_OK)
    return lree_fail(L, &err);
  lree_push_comp(L, c);
  return 1;
}

/* mix({c1, c2, ...}, {m1, m2, ...}) -> Composition, or fail, msg */
static int l_mix(lua_State *L) {
  const ree_comp *parts[64];
  double mass[64];
  ree_comp_buffer buf;
  ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
  ree_err err;
  lua_Integer i, n;
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  n = luaL_len(L, 1);
  luaL_argcheck(L, n == luaL_len(L, 2), 2, "one mass per composition");
  luaL_argcheck(L, n >= 1 && n <= 64, 1, "1 to 64 compositions");
  for (i = 1; i <= n; i++) {
    lua_geti(L, 1, i);
    parts[i - 1] = lree_check_comp(L, -1);
    lua_geti(L, 2, i);
    if (!lua_isnumber(L, -1))
      return luaL_error(L, "mass %d is not a number", (int)i);
    mass[i - 1] = lua_tonumber(L, -1);
    lua_pop(L, 2); /* userdata stays alive: the table holds it */
  }
  if (ree_comp_mix_by_mass(c, parts, mass, (int)n, &err) != REE_OK)
    return lree_fail(L, &err);
  lree_push_comp(L, c);
  return 1;
}

static int l_oxide_factor(lua_State *L) {
  int z = lree_check_element(L, 1);
  double f = ree_oxide_factor(z);
  if (f == 0.0)
    return luaL_error(L, "'%s' has no reporting oxide",
                      ree_element_by_z(z)->symbol);
  lua_pushnumber(L, f);
  return 1;
}

/*
** {==================================================================
** Composition methods
** ===================================================================
*/

/* A number about the whole composition: molar mass, atoms, REO. */
static int whole(lua_State *L, double (*f)(const ree_comp *)) {
  lua_pushnumber(L, f(lree_check_comp(L, 1)));
  return 1;
}

/* A number about one element of it: fractions, amount. */
static int per_element(lua_State *L, double (*f)(const ree_comp *, int)) {
  ree_comp *c = lree_check_comp(L, 1);
  lua_pushnumber(L, f(c, lree_check_element(L, 2)));
  return 1;
}

static int m_molar_mass(lua_State *L) { return whole(L, ree_comp_molar_mass); }
static int m_atoms(lua_State *L) { return whole(L, ree_comp_atoms); }
static int m_reo_fraction(lua_State *L) {
  return whole(L, ree_comp_reo_per_mass);
}
static int m_mass_fraction(lua_State *L) {
  return per_element(L, ree_comp_mass_fraction);
}
static int m_atom_fraction(lua_State *L) {
  return per_element(L, ree_comp_atom_fraction);
}
static int m_amount(lua_State *L) { return per_element(L, ree_comp_amount); }

/* elements() -> { "Nd", "Fe", "B" } in order of appearance */
static int m_elements(lua_State *L) {
  ree_comp *c = lree_check_comp(L, 1);
  int i;
  lua_createtable(L, c->count, 0);
  for (i = 0; i < c->count; i++) {
    lua_pushstring(L, ree_element_by_z(c->item[i].z)->symbol);
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

/* Pushes {symbol = f(c, z)} for every element of c. */
static int push_fractions(lua_State *L, double (*f)(const ree_comp *, int)) {
  ree_comp *c = lree_check_comp(L, 1);
  int i;
  lua_createtable(L, 0, c->count);
  for (i = 0; i < c->count; i++) {
    lua_pushnumber(L, f(c, c->item[i].z));
    lua_setfield(L, -2, ree_element_by_z(c->item[i].z)->symbol);
  }
  return 1;
}

static int m_mass_fractions(lua_State *L) {
  return push_fractions(L, ree_comp_mass_fraction);
}

static int m_atom_fractions(lua_State *L) {
  return push_fractions(L, ree_comp_atom_fraction);
}

static int m_formula(lua_State *L) {
  ree_comp *c = lree_check_comp(L, 1);
  luaL_Buffer b;
  size_t need = ree_comp_format(c, NULL, 0);
  char *at = luaL_buffinitsize(L, &b, need + 1);
  ree_comp_format(c, at, need + 1);
  luaL_pushresultsize(&b, need);
  return 1;
}

/* "Nd2Fe14B (1081.11 g/mol)" */
static int m_tostring(lua_State *L) {
  ree_comp *c = lree_check_comp(L, 1);
  char mass[32];
  m_formula(L);
  snprintf(mass, sizeof mass, " (%.2f g/mol)", ree_comp_molar_mass(c));
  lua_pushstring(L, mass);
  lua_concat(L, 2); /* formula .. mass */
  return 1;
}

static int m_len(lua_State *L) {
  lua_pushinteger(L, lree_check_comp(L, 1)->count);
  return 1;
}

static int m_add(lua_State *L) {
  ree_comp_buffer buf;
  ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
  ree_comp *a = lree_check_comp(L, 1), *b = lree_check_comp(L, 2);
  ree_comp_copy(c, a, NULL);
  ree_comp_add_scaled(c, b, 1.0, NULL); /* capacity REE_ZMAX: cannot fail */
  lree_push_comp(L, c);
  return 1;
}

/* number * Composition and Composition * number scale the amounts */
static int m_mul(lua_State *L) {
  ree_comp_buffer buf;
  ree_comp *c = ree_comp_place(&buf, REE_ZMAX);
  int comp_at = lua_isuserdata(L, 1) ? 1 : 2;
  ree_comp *a = lree_check_comp(L, comp_at);
  lua_Number k = luaL_checknumber(L, 3 - comp_at);
  ree_err err;
  luaL_argcheck(L, k > 0, 3 - comp_at, "factor must be positive");
  if (ree_comp_add_scaled(c, a, k, &err) != REE_OK)
    return luaL_error(L, "%s", err.msg);
  lree_push_comp(L, c);
  return 1;
}

/* Equal when they hold the same amounts of the same elements. */
static int m_eq(lua_State *L) {
  ree_comp *a = lree_check_comp(L, 1), *b = lree_check_comp(L, 2);
  int i, same = a->count == b->count;
  for (i = 0; same && i < a->count; i++)
    same = ree_comp_amount(b, a->item[i].z) == a->item[i].mol;
  lua_pushboolean(L, same);
  return 1;
}

/* }================================================================== */

static const luaL_Reg methods[] = {
  {"molar_mass", m_molar_mass},
  {"mass_fraction", m_mass_fraction},
  {"atom_fraction", m_atom_fraction},
  {"amount", m_amount},
  {"atoms", m_atoms},
  {"reo_fraction", m_reo_fraction},
  {"elements", m_elements},
  {"mass_fractions", m_mass_fractions},
  {"atom_fractions", m_atom_fractions},
  {"formula", m_formula},
  {NULL, NULL}
};

static const luaL_Reg metamethods[] = {
  {"__tostring", m_tostring},
  {"__len", m_len},
  {"__add", m_add},
  {"__mul", m_mul},
  {"__eq", m_eq},
  {"__index", NULL}, /* placeholder */
  {NULL, NULL}
};

static const luaL_Reg funcs[] = {
  {"formula", l_formula},
  {"molar_mass", l_molar_mass},
  {"composition", l_composition},
  {"mix", l_mix},
  {"oxide_factor", l_oxide_factor},
  {NULL, NULL}
};

void lree_open_comp(lua_State *L) {
  luaL_newmetatable(L, LREE_COMPOSITION);
  luaL_setfuncs(L, metamethods, 0);
  luaL_newlib(L, methods);
  lua_setfield(L, -2, "__index"); /* metatable.__index = methods */
  lua_getfield(L, -1, "__index");
  lua_setfield(L, -3, "Composition"); /* module.Composition = methods */
  lua_pop(L, 1); /* pop metatable */
  luaL_setfuncs(L, funcs, 0);
}
