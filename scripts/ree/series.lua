--- Annual series: the constructor and the operations written in Lua on top
-- of the core's (align, share, pairs). Arithmetic, units and every
-- year-by-year loop run in C (bindings/lree_series.c).
--
--   local s = ree.series { from = 1990, unit = "t REO", 60000, 62000, 64000 }
--   local kt = s:to "kt REO"
--   s:cagr(1990, 1992), s:max(), s[1991], (s / total):to "%"

local args = require("ree.args")
local core = require("ree.core")

local series = {}
local Series = core.Series -- the methods table of every ree.Series

series.missing = 0 / 0

local OPTIONS = { from = true, to = true, unit = true, name = true }
-- the years a series may hold (core/ree_err.h: REE_YEAR_MIN, REE_YEAR_MAX)
local YEAR_MIN, YEAR_MAX = 0, 9999

--- ree.series { from = YEAR, unit = UNIT [, name = NAME] [, to = YEAR], v1, v2, ... }
-- Values are numbers; ree.missing (NaN) or, with `to`, nil marks a gap.
-- Years run from 0 to 9999.
function series.new(spec)
  args.check("series", 1, spec, "table")
  for k in pairs(spec) do
    if type(k) ~= "number" and not OPTIONS[k] then
      error(string.format("unknown option '%s' to 'series'", tostring(k)), 2)
    end
  end
  if math.type(spec.from) ~= "integer" then error("series needs 'from', the first year, as an integer", 2) end
  if type(spec.unit) ~= "string" then error("series needs a 'unit' (\"t REO\", \"US$/kg\", ...)", 2) end
  for _, key in ipairs({ "from", "to" }) do
    local y = spec[key]
    if y ~= nil and (math.type(y) ~= "integer" or y < YEAR_MIN or y > YEAR_MAX) then
      error(string.format("series: '%s' must be a year from %d to %d, not %s", key, YEAR_MIN, YEAR_MAX, tostring(y)), 2)
    end
  end
  if spec.to and spec.to < spec.from - 1 then
    error(string.format("series: 'to' (%d) comes before 'from' (%d)", spec.to, spec.from), 2)
  end
  local n = spec.to and (spec.to - spec.from + 1) or #spec
  local ok, s = pcall(core.series, spec.from, spec.unit, spec, n)
  if not ok then error(s, 2) end
  if spec.name then s = s:named(spec.name) end
  return s
end

--- Both series over the union of their years, missing where either has
-- no value: a, b = a:align(b).
function Series:align(other)
  local a0, a1 = self:years()
  local b0, b1 = other:years()
  local from, to = math.min(a0, b0), math.max(a1, b1)
  local x, y = self:slice(from, to), other:slice(from, to)
  if self:name() then x = x:named(self:name()) end
  if other:name() then y = y:named(other:name()) end
  return x, y
end

--- The share of total, as a fraction: s:share(total) = s / total.
function Series:share(total)
  return self / total
end

--- for year, value in s:pairs() do ... end  (value nil when missing)
function Series:pairs()
  local first, last = self:years()
  local year = first - 1
  return function()
    year = year + 1
    if year <= last then return year, self[year] end
  end
end

--- The mean of the values it has (missing years left out), or nil when it
-- has none.
function Series:mean()
  local sum, n = 0, 0
  for _, v in self:pairs() do
    if v then sum, n = sum + v, n + 1 end
  end
  if n > 0 then return sum / n, n end
end

--- The standard deviation of the values it has, as of a whole population
-- (divided by n, not n - 1): the swing of a series about its mean. nil
-- when it has no value.
function Series:sd()
  local mean, n = self:mean()
  if not mean then return nil end
  local sq = 0
  for _, v in self:pairs() do
    if v then sq = sq + (v - mean) ^ 2 end
  end
  return math.sqrt(sq / n)
end

--- Draws the series in the terminal (see ree.plot for the options).
function Series:plot(opts)
  opts = opts or {}
  local list = { self }
  for k, v in pairs(opts) do list[k] = v end
  return require("ree.plot").lines(list)
end

--- Draws the series as bars, one per year.
function Series:bars(opts) return require("ree.plot").bars(self, opts) end

--- The series as one character per year.
function Series:sparkline(opts) return require("ree.plot").sparkline(self, opts) end

--- sum or mean of a list of series; errors point at the caller of sum or mean.
local function combine(fname, list, mean)
  if type(list) ~= "table" or #list == 0 then args.fail(fname, 1, "a list of series expected", 3) end
  local ok, s = pcall(core.combine, list, mean)
  if not ok then error(s, 3) end
  return s
end

--- Year-by-year sum of a list of series (same years, same unit).
function series.sum(list) return combine("sum", list, false) end

--- Year-by-year mean of a list of series.
function series.mean(list) return combine("mean", list, true) end

return series
