--- Benchmark: parse + molar mass of a corpus of formulas, three ways:
-- the C API (scripts/bench/formula-bench), the Lua API (ree.formula(s):
-- molar_mass() and ree.molar_mass(s)), and a plain-Lua parser written
-- here for comparison. Targets on one core: >= 2,000,000 formulas/s from
-- C, >= 500,000/s through Lua, >= 10x the plain-Lua parser.
--
--   ./ree bench formula [N]      (N formulas, default 100,000)

local ree = require("ree")
local data = require("ree.data")

local N = tonumber(arg and arg[1]) or 100000
local RUNS = 7

-- {==================================================================
-- The corpus: deterministic (a fixed LCG), the notations the parser
-- takes: fractions, nested groups, hydrates, multipliers, sums.
-- ===================================================================

local seed = 12345
local function rand(n) -- 1..n
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n + 1
end

local RE = { "La", "Ce", "Pr", "Nd", "Sm", "Gd", "Tb", "Dy", "Ho", "Y" }
local templates = {
  function() return string.format("(Nd%.2fPr%.2f)2Fe14B", 0.5 + rand(40) / 100, 0.1 + rand(10) / 100) end,
  function() return string.format("Nd%.1fDy%.1fFe%dB", 1 + rand(9) / 10, rand(9) / 10, 12 + rand(4)) end,
  function() local e = RE[rand(#RE)] return e .. "2O3" end,
  function() return "Pr6O11" end,
  function() return string.format("%sCl3*%dH2O", RE[rand(#RE)], rand(7)) end,
  function() return string.format("K4[Fe(CN)6]*%dH2O", rand(3)) end,
  function() return string.format("%d%s2(C2O4)3*10H2O", rand(3), RE[rand(#RE)]) end,
  function() return string.format("Ca%d(PO4)2", rand(3)) end,
  function() return string.format("%sPO4", RE[rand(#RE)]) end,
  function() return string.format("2%s2O3+3C", RE[rand(#RE)]) end,
}

local corpus = {}
for i = 1, N do corpus[i] = templates[(i - 1) % #templates + 1]() end

-- }==================================================================

-- {==================================================================
-- A plain-Lua parser of the same notation, as a user would write one.
-- ===================================================================

local masses = {}
local function mass_of(symbol)
  local m = masses[symbol]
  if not m then
    m = ree.element(symbol).mass
    masses[symbol] = m
  end
  return m
end

local parse_seq

local function parse_number(s, i)
  local num, j = s:match("^(%d+%.?%d*)()", i)
  if num then return tonumber(num), j end
  return 1, i
end

--- Mass of the items from i to a closing bracket or the end.
function parse_seq(s, i)
  local total = 0
  while i <= #s do
    local c = s:sub(i, i)
    if c == "(" or c == "[" then
      local inner
      inner, i = parse_seq(s, i + 1)
      i = i + 1 -- the closer
      local k
      k, i = parse_number(s, i)
      total = total + inner * k
    elseif c == ")" or c == "]" or c == "*" or c == "+" then
      return total, i
    else
      local sym, j = s:match("^(%u%l?)()", i)
      if not sym then error("bad formula " .. s) end
      local k
      k, i = parse_number(s, j)
      total = total + mass_of(sym) * k
    end
  end
  return total, i
end

local function plain_molar_mass(s)
  local total, i = 0, 1
  while i <= #s do
    local k
    k, i = parse_number(s, i)
    local m
    m, i = parse_seq(s, i)
    total = total + k * m
    i = i + 1 -- '*' or '+'
  end
  return total
end

-- }==================================================================

local function median(xs)
  table.sort(xs)
  return xs[(#xs + 1) // 2]
end

--- Runs f over the corpus RUNS times; returns median, min, max formulas/s.
local function measure(f)
  local rates = {}
  for r = 1, RUNS do
    local t0 = os.clock()
    for i = 1, N do f(corpus[i]) end
    rates[r] = N / (os.clock() - t0)
  end
  local sorted = table.move(rates, 1, #rates, 1, {})
  table.sort(sorted)
  return median(rates), sorted[1], sorted[#sorted]
end

-- the plain parser must agree with ree before its speed means anything
for i = 1, 200 do
  local a, b = plain_molar_mass(corpus[i]), ree.molar_mass(corpus[i])
  assert(math.abs(a - b) <= 1e-9 * b, corpus[i] .. ": " .. a .. " vs " .. b)
end

local path = os.tmpname()
local f = assert(io.open(path, "w"))
f:write(table.concat(corpus, "\n"))
f:close()
local p = assert(io.popen(string.format("%q %q %d 1", data.root .. "/scripts/bench/formula-bench", path, RUNS)))
local c_rates = {}
for line in p:lines() do c_rates[#c_rates + 1] = tonumber(line) end
p:close()
os.remove(path)
assert(#c_rates == RUNS, "formula-bench failed")
local c_sorted = table.move(c_rates, 1, #c_rates, 1, {})
table.sort(c_sorted)

local formula = ree.formula
local core_mm = ree.core.molar_mass
local rows = {
  { "C API: ree_formula_parse + ree_comp_molar_mass", median(c_rates), c_sorted[1], c_sorted[#c_sorted] },
  { "Lua: ree.formula(s):molar_mass()", measure(function(s) return formula(s):molar_mass() end) },
  { "Lua: ree.core.molar_mass(s), no object", measure(core_mm) },
  { "plain Lua parser (in this file)", measure(plain_molar_mass) },
}

print(string.format("formula parse + molar mass, %d formulas, %d runs each, one core (%s)",
  N, RUNS, _VERSION))
print(string.format("%-50s %14s %14s %14s", "", "median/s", "min/s", "max/s"))
for _, r in ipairs(rows) do
  print(string.format("%-50s %14.0f %14.0f %14.0f", r[1], r[2], r[3], r[4]))
end
print(string.format("against the plain-Lua parser: ree.formula %.1fx, ree.core.molar_mass %.1fx, C %.1fx",
  rows[2][2] / rows[4][2], rows[3][2] / rows[4][2], rows[1][2] / rows[4][2]))
print("targets: C >= 2,000,000/s; Lua >= 500,000/s; >= 10x plain Lua")
