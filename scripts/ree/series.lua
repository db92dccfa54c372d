--- Series: the constructor and the operations written in Lua on top of the
-- core's (align, share, pairs, annual, mean, sd). Arithmetic, units and
-- every step-by-step loop run in C (bindings/lree_series.c).
--
--   local s = ree.series { from = 1990, unit = "t REO", 60000, 62000, 64000 }
--   local kt = s:to "kt REO"
--   s:cagr(1990, 1992), s:max(), s[1991], (s / total):to "%"
--   local m = ree.series { from = { 2011, 6 }, period = "monthly", unit = "US$/kg", 230, 280, 300 }
--   m:at(2011, 7), m:annual()      -- a year's mean price, once every month is known

local args = require("ree.args")
local core = require("ree.core")

local series = {}
local Series = core.Series -- the methods table of every ree.Series

series.missing = 0 / 0

local OPTIONS = { from = true, to = true, unit = true, name = true, period = true }
local PERIODS = { annual = 1, quarterly = 4, monthly = 12 }
-- the years a series may hold (core/ree_err.h: REE_YEAR_MIN, REE_YEAR_MAX)
local YEAR_MIN, YEAR_MAX = 0, 9999

--- A year, or with a sub-annual period { year, sub }, as a step count
-- (year * period + sub - 1); raises naming the key.
local function step_of(key, v, period)
  local year, sub = v, 1
  if type(v) == "table" and period > 1 then year, sub = v[1], v[2] end
  if math.type(year) ~= "integer" or year < YEAR_MIN or year > YEAR_MAX then
    error(string.format("series: '%s' must be a year from %d to %d%s, not %s", key, YEAR_MIN, YEAR_MAX,
      period > 1 and (" or { year, " .. (period == 12 and "month" or "quarter") .. " }") or "", tostring(v)), 3)
  end
  if math.type(sub) ~= "integer" or sub < 1 or sub > period then
    error(string.format("series: the %s of '%s' must be 1 to %d, not %s", period == 12 and "month" or "quarter", key,
      period, tostring(sub)), 3)
  end
  return year * period + sub - 1, year, sub
end

--- ree.series { from = YEAR, unit = UNIT [, name = NAME] [, to = YEAR], v1, v2, ... }
-- Values are numbers; ree.missing (NaN) or, with `to`, nil marks a gap.
-- Years run from 0 to 9999. With period = "monthly" or "quarterly", from
-- (and to) may be { year, month } or { year, quarter }; a year alone is
-- its first month or quarter.
function series.new(spec)
  args.check("series", 1, spec, "table")
  args.options("series", spec, OPTIONS, 2, true)
  local period = PERIODS[spec.period or "annual"]
  if not period then
    error(string.format("series: 'period' must be \"annual\", \"quarterly\" or \"monthly\", not %s",
      tostring(spec.period)), 2)
  end
  if spec.from == nil or (period == 1 and math.type(spec.from) ~= "integer") then
    error("series needs 'from', the first year, as an integer", 2)
  end
  if type(spec.unit) ~= "string" then error("series needs a 'unit' (\"t REO\", \"US$/kg\", ...)", 2) end
  local first, year, sub = step_of("from", spec.from, period)
  local n = #spec
  if spec.to ~= nil then
    local last = step_of("to", spec.to, period)
    if last < first - 1 then
      error(string.format("series: 'to' (%s) comes before 'from' (%s)", tostring(spec.to), tostring(spec.from)), 2)
    end
    n = last - first + 1
  end
  local ok, s = pcall(core.series, year, spec.unit, spec, n, period, sub)
  if not ok then error(s, 2) end
  if spec.name then s = s:named(spec.name) end
  return s
end

--- A series from a plain list of n values (nil: missing) from step `sub`
-- of `year`, for the library's own code (a scenario's results, say): no
-- option table to build and check, as ree.series has for its users.
function series.of(year, sub, period, unit, values, n, name)
  local ok, s = pcall(core.series, year, unit, values, n, period, sub)
  if not ok then error(s, 2) end
  return name and s:named(name) or s
end

local readable_units = {} -- the units read once already: a scenario records thousands of values in a few

--- Raises with the core's message when ree cannot read `unit`: a scenario
-- checks a path's unit when it is first recorded, not when its series is
-- first read.
function series.check_unit(unit)
  if readable_units[unit] then return end
  local ok, err = pcall(core.series, 2000, unit, {}, 0)
  if not ok then error(err, 2) end
  readable_units[unit] = true
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

--- for year, value in s:pairs() do ... end  (value nil when missing); a
-- sub-annual series gives each step's time as a decimal year (2011.5 for
-- July 2011), the x of a chart.
function Series:pairs()
  local period = self:period()
  if period == 1 then
    local first, last = self:years()
    local year = first - 1
    return function()
      year = year + 1
      if year <= last then return year, self[year] end
    end
  end
  local values, y0, _, s0 = self:values(), self:years()
  local i = 0
  return function()
    i = i + 1
    local v = values[i]
    if i <= #values then
      local step = y0 * period + s0 - 1 + i - 1
      return step / period, v == v and v or nil
    end
  end
end

local annual_of = Series.annual -- the core's, which needs its `how`

--- How a year's steps add up in `unit`: a price, rate or share (a unit
-- with "/", "fraction", "%") is averaged, an amount (t, US$) summed.
function series.aggregation(unit)
  return (unit:find("/", 1, true) or unit == "fraction" or unit == "%") and "mean" or "sum"
end

--- The annual series: each whole year's "sum", "mean" or "last" value (a
-- year with a step missing is missing); by default as series.aggregation
-- says for its unit. Give "last" for a stock.
function Series:annual(how)
  local s = annual_of(self, how or series.aggregation(self:unit()))
  if self:name() then s = s:named(self:name()) end
  return s
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

--- Whether v is a ree.Series.
function series.is(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and mt.__name == "ree.Series"
end

--- Year-by-year sum of a list of series (same years, same unit).
function series.sum(list) return combine("sum", list, false) end

--- Year-by-year mean of a list of series.
function series.mean(list) return combine("mean", list, true) end

return series
