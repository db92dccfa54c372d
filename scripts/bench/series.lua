--- Benchmark: annual series through the Lua API against a plain-Lua table
-- implementation of the same operations, in the same run.
--
--   ./ree bench series
--
-- Workload: 1,000 series of 30 years, 10 operations on each (scale, add,
-- subtract, divide, cumulative sum, differences, 3-year moving average,
-- unit conversion, slice, index to a base year). Targets: at least 2x the
-- plain-Lua implementation, under 5 ms for the workload.

local ree = require("ree")
local timing = require("bench.timing")

local N_SERIES, YEARS, RUNS = 1000, 30, 9
local FROM = 2000

-- {==================================================================
-- The plain-Lua implementation: a table of values with a first year and
-- a unit, checking ranges and units as ree does (units as strings; the
-- conversion factor is given).
-- ===================================================================

local plain = {}
plain.__index = plain

local function new(first, unit, values) return setmetatable({ first = first, unit = unit, v = values }, plain) end

local function same(a, b)
  if a.first ~= b.first or #a.v ~= #b.v then error("ranges differ") end
end

-- direct loops, as a careful plain-Lua implementation would write them
function plain.__add(a, b)
  if a.unit ~= b.unit then error("unlike units") end
  same(a, b)
  local out, av, bv = {}, a.v, b.v
  for i = 1, #av do out[i] = av[i] + bv[i] end
  return new(a.first, a.unit, out)
end

function plain.__sub(a, b)
  if a.unit ~= b.unit then error("unlike units") end
  same(a, b)
  local out, av, bv = {}, a.v, b.v
  for i = 1, #av do out[i] = av[i] - bv[i] end
  return new(a.first, a.unit, out)
end

function plain.__div(a, b)
  same(a, b)
  local out, av, bv = {}, a.v, b.v
  for i = 1, #av do out[i] = av[i] / bv[i] end
  return new(a.first, a.unit .. "/" .. b.unit, out)
end

function plain:scale(k)
  local out = {}
  for i = 1, #self.v do out[i] = self.v[i] * k end
  return new(self.first, self.unit, out)
end

function plain:cumsum()
  local out, sum = {}, 0
  for i = 1, #self.v do
    sum = sum + self.v[i]
    out[i] = sum
  end
  return new(self.first, self.unit, out)
end

function plain:diff()
  local out = {}
  for i = 2, #self.v do out[i - 1] = self.v[i] - self.v[i - 1] end
  return new(self.first + 1, self.unit, out)
end

function plain:moving_average(w)
  local out = {}
  for i = 1, #self.v do
    if i < w then
      out[i] = 0 / 0
    else
      local sum = 0
      for j = i - w + 1, i do sum = sum + self.v[j] end
      out[i] = sum / w
    end
  end
  return new(self.first, self.unit, out)
end

function plain:to(unit, factor)
  local out = {}
  for i = 1, #self.v do out[i] = self.v[i] * factor end
  return new(self.first, unit, out)
end

function plain:slice(from, to)
  local out = {}
  for y = from, to do
    local v = self.v[y - self.first + 1]
    out[y - from + 1] = v == nil and 0 / 0 or v
  end
  return new(from, self.unit, out)
end

function plain:index(base)
  local b, out = self.v[base - self.first + 1], {}
  for i = 1, #self.v do out[i] = 100 * self.v[i] / b end
  return new(self.first, "%", out)
end

-- }==================================================================

-- the same data for both
local seed = 1
local function rand()
  seed = (seed * 1103515245 + 12345) % 2147483648
  return 1000 + seed % 100000
end
local raw = {}
for k = 1, N_SERIES do
  raw[k] = {}
  for i = 1, YEARS do raw[k][i] = rand() end
end
local ree_series, plain_series = {}, {}
for k = 1, N_SERIES do
  ree_series[k] = ree.series { from = FROM, unit = "t REO", table.unpack(raw[k]) }
  plain_series[k] = new(FROM, "t REO", raw[k])
end
local ree_total = ree.sum(ree_series)
local plain_total = plain_series[1]
for k = 2, N_SERIES do plain_total = plain_total + plain_series[k] end

local last = FROM + YEARS - 1

local function workload_ree()
  local total = ree_total
  for k = 1, N_SERIES do
    local s = ree_series[k]
    local a = s * 1.05
    local b = a + s
    local c = b - s
    local d = c / total
    local _, _, _, _, _, _ = d:cumsum(), s:diff(), s:moving_average(3), s:to "kt REO", s:slice(FROM + 5, last),
      s:index(FROM)
  end
end

local function workload_plain()
  local total = plain_total
  for k = 1, N_SERIES do
    local s = plain_series[k]
    local a = s:scale(1.05)
    local b = a + s
    local c = b - s
    local d = c / total
    local _, _, _, _, _, _ = d:cumsum(), s:diff(), s:moving_average(3), s:to("kt REO", 0.001),
      s:slice(FROM + 5, last), s:index(FROM)
  end
end

-- the two must agree before their speed means anything
do
  local s, p = ree_series[7], plain_series[7]
  local r = ((s * 1.05 + s - s) / ree_total):cumsum()
  local q = ((p:scale(1.05) + p - p) / plain_total):cumsum()
  for i = 1, YEARS do
    local x, y = r[FROM + i - 1], q.v[i]
    assert(math.abs(x - y) <= 1e-12 * math.abs(y), "ree and plain Lua disagree")
  end
end


local function elementwise(add)
  return function()
    for _ = 1, 10 do
      for k = 1, N_SERIES do add(ree_series[k], plain_series[k]) end
    end
  end
end

local rows = {
  { "workload, ree (C core)", timing.measure(workload_ree, RUNS) },
  { "workload, plain Lua", timing.measure(workload_plain, RUNS) },
  { "a + b, 10,000 times, ree", timing.measure(elementwise(function(s) return s + s end), RUNS) },
  { "a + b, 10,000 times, plain Lua", timing.measure(elementwise(function(_, p) return p + p end), RUNS) },
}

timing.print(string.format("series: %d series of %d years, median of %d runs (%s)", N_SERIES, YEARS, RUNS,
  _VERSION), rows)
print(string.format("ree against plain Lua: workload %.1fx, element-wise addition %.1fx",
  rows[2][2] / rows[1][2], rows[4][2] / rows[3][2]))
print("targets: >= 2x plain Lua; the workload under 5 ms")
