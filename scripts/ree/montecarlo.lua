--- Monte Carlo over scenarios: sampled parameters, Latin hypercube
-- sampling, quantile bands and tornado sensitivity. The same seed gives
-- the same runs, bit for bit.
--
--   local mc = ree.montecarlo {
--     scenario = sc, runs = 1000, seed = 42, lhs = true,
--     sample = { ["Dy.e_lr"] = ree.dist.uniform(-1.0, -0.3), ["Dy.lambda"] = ree.dist.triangular(0.1, 0.25, 0.5) },
--     collect = { "price.Dy.fob" },
--   }
--   mc:bands "price.Dy.fob"            --> { p05 = Series, p50 = Series, p95 = Series }
--   ree.tornado { scenario = sc, sample = ..., output = "price.Dy.fob", year = 2015 }

local args = require("ree.args")
local series = require("ree.series")
local format = require("ree.format")

local montecarlo = {}

-- {==================================================================
-- A seeded generator: splitmix64 (Steele, Lea and Flood 2014), in Lua's
-- 64-bit integers, so no run depends on math.random's shared state.
-- ===================================================================

local Rng = {}
Rng.__index = Rng

function montecarlo.rng(seed)
  return setmetatable({ s = math.tointeger(seed) or 0 }, Rng)
end

--- A uniform number in [0, 1).
function Rng:uniform()
  self.s = self.s + 0x9E3779B97F4A7C15
  local z = self.s
  z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
  z = (z ~ (z >> 27)) * 0x94D049BB133111EB
  z = z ~ (z >> 31)
  return (z >> 11) * (1.0 / 9007199254740992.0)
end

--- A random permutation of 1..n (Fisher-Yates).
function Rng:permutation(n)
  local p = {}
  for i = 1, n do p[i] = i end
  for i = n, 2, -1 do
    local j = math.floor(self:uniform() * i) + 1
    p[i], p[j] = p[j], p[i]
  end
  return p
end

-- }==================================================================

-- {==================================================================
-- Distributions by their quantile functions
-- ===================================================================

--- The standard normal quantile (Acklam's rational approximation,
-- relative error under 1.2e-9).
local function normal_quantile(u)
  local a = { -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690,
    -30.66479806614716, 2.506628277459239 }
  local b = { -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572 }
  local c = { -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783 }
  local d = { 0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416 }
  local lo = 0.02425
  if u < lo then
    local q = math.sqrt(-2 * math.log(u))
    return (((((c[1] * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) * q + c[6]) /
      ((((d[1] * q + d[2]) * q + d[3]) * q + d[4]) * q + 1)
  elseif u > 1 - lo then
    local q = math.sqrt(-2 * math.log(1 - u))
    return -(((((c[1] * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) * q + c[6]) /
      ((((d[1] * q + d[2]) * q + d[3]) * q + d[4]) * q + 1)
  end
  local q = u - 0.5
  local r = q * q
  return (((((a[1] * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * r + a[6]) * q /
    (((((b[1] * r + b[2]) * r + b[3]) * r + b[4]) * r + b[5]) * r + 1)
end

local dist = {}
montecarlo.dist = dist

-- The checks below are written "not (a <= b)" so that NaN fails them too.
-- luacheck: push ignore 581

local function make(kind, quantile, description)
  return { kind = kind, quantile = quantile, description = description }
end

function dist.uniform(a, b)
  if not (a <= b) then error("uniform: give a <= b", 2) end
  return make("uniform", function(u) return a + (b - a) * u end, string.format("uniform(%g, %g)", a, b))
end

function dist.normal(mean, sd)
  if not (sd > 0) then error("normal: sd must be positive", 2) end
  return make("normal", function(u) return mean + sd * normal_quantile(u) end,
    string.format("normal(%g, %g)", mean, sd))
end

--- A lognormal with the given mean and standard deviation (of the value).
function dist.lognormal(mean, sd)
  if not (mean > 0 and sd > 0) then error("lognormal: mean and sd must be positive", 2) end
  local s2 = math.log(1 + sd * sd / (mean * mean))
  local mu = math.log(mean) - s2 / 2
  return make("lognormal", function(u) return math.exp(mu + math.sqrt(s2) * normal_quantile(u)) end,
    string.format("lognormal(mean %g, sd %g)", mean, sd))
end

function dist.triangular(a, mode, b)
  if not (a <= mode and mode <= b and a < b) then error("triangular: give a <= mode <= b, a < b", 2) end
  local f = (mode - a) / (b - a)
  return make("triangular", function(u)
    if u < f then return a + math.sqrt(u * (b - a) * (mode - a)) end
    return b - math.sqrt((1 - u) * (b - a) * (b - mode))
  end, string.format("triangular(%g, %g, %g)", a, mode, b))
end

-- luacheck: pop

--- One of values, with weights (default equal).
function dist.discrete(values, weights)
  if type(values) ~= "table" or #values == 0 then error("discrete: give a list of values", 2) end
  local cum, total = {}, 0
  for i = 1, #values do
    total = total + (weights and weights[i] or 1)
    cum[i] = total
  end
  return make("discrete", function(u)
    for i = 1, #values do
      if u * total < cum[i] then return values[i] end
    end
    return values[#values]
  end, "discrete")
end

--- The distribution of f(x), x drawn from d: e.g. a series with one
-- year's value drawn, for a parameter that is a series.
function dist.map(d, f, description)
  if type(d) ~= "table" or type(d.quantile) ~= "function" then error("map: give a distribution and a function", 2) end
  if type(f) ~= "function" then error("map: give a distribution and a function", 2) end
  return make("map", function(u) return f(d.quantile(u)) end, description or ("f(" .. d.description .. ")"))
end

-- }==================================================================

montecarlo.normal_quantile = normal_quantile

--- The samples of every run: plan[i][name] = value. Latin hypercube
-- sampling puts one draw in each of `runs` equal strata of every
-- parameter, in a random order per parameter. correlation (optional),
-- { { name, name, rank correlation }, ... }, reorders the draws so that
-- their ranks correlate so (Iman-Conover, ree.correlate); the draws of a
-- plan without it are what they always were.
function montecarlo.plan(sample, runs, seed, lhs, correlation)
  local rng = montecarlo.rng(seed)
  local names = {}
  for name in pairs(sample) do names[#names + 1] = name end
  table.sort(names) -- the order of draws must not depend on table hashing
  local us = {} -- each parameter's u of each run, the quantile's argument
  for k = 1, #names do
    us[k] = {}
    if lhs then
      local order = rng:permutation(runs)
      for i = 1, runs do us[k][i] = (order[i] - 1 + rng:uniform()) / runs end
    else
      for i = 1, runs do us[k][i] = rng:uniform() end
    end
  end
  if correlation and #correlation > 0 then
    local correlate = require("ree.correlate")
    us = correlate.iman_conover(us, correlate.matrix(names, correlation, 2), rng, normal_quantile)
  end
  local plan = {}
  for i = 1, runs do plan[i] = {} end
  for k, name in ipairs(names) do
    local q = sample[name].quantile
    for i = 1, runs do plan[i][name] = q(us[k][i]) end
  end
  return plan
end

local MonteCarlo = {}
MonteCarlo.__index = MonteCarlo
MonteCarlo.__name = "ree.MonteCarlo"

function MonteCarlo:__tostring()
  return string.format("ree.MonteCarlo of %d runs (seed %d), %d-%d: %s", self.runs, self.seed, self.first, self.last,
    table.concat(self.collect, ", "))
end

local OPTIONS = { scenario = true, runs = true, seed = true, lhs = true, sample = true, collect = true,
  progress = true, only = true, correlation = true }

--- Runs the Monte Carlo (see the module's comment). `only` (a function of
-- the run index) selects the runs to do here: a shard of a sweep.
function montecarlo.run(spec)
  args.options("montecarlo", spec, OPTIONS)
  if type(spec.runs) ~= "number" or spec.runs < 1 then error("montecarlo: give a number of runs", 2) end
  if type(spec.collect) ~= "table" or #spec.collect == 0 then error("montecarlo: give variables to collect", 2) end
  local ok, plan = pcall(montecarlo.plan, spec.sample or {}, spec.runs, spec.seed or 1, spec.lhs ~= false,
    spec.correlation)
  if not ok then error("montecarlo: " .. tostring(plan):gsub("^[^\n]-:%d+: ", ""), 2) end
  local inputs = {}
  for name in pairs(spec.sample or {}) do inputs[#inputs + 1] = name end
  table.sort(inputs)
  local show = spec.progress
  if show == nil then show = require("app.host_tty")() end
  local mc = setmetatable({ runs = spec.runs, seed = spec.seed or 1, plan = plan, inputs = inputs,
    collect = spec.collect,
    values = {}, units = {}, periods = {}, first = spec.scenario.first, last = spec.scenario.last }, MonteCarlo)
  for i = 1, spec.runs do
    if not spec.only or spec.only(i) then
      local res = spec.scenario:with(plan[i]):run()
      local row = {}
      for _, path in ipairs(spec.collect) do
        local s = res:get(path)
        row[path], mc.units[path], mc.periods[path] = s:values(), s:unit(), s:period()
      end
      mc.values[i] = row
    end
    if show and (i % math.max(1, spec.runs // 100) == 0 or i == spec.runs) then
      local n = math.floor(40 * i / spec.runs)
      io.stderr:write(string.format("\r[%s%s] %d/%d", string.rep("#", n), string.rep(" ", 40 - n), i, spec.runs))
      if i == spec.runs then io.stderr:write("\n") end
    end
  end
  return mc
end

--- The q-quantile of a sorted list (linear interpolation, "type 7").
function montecarlo.quantile(sorted, q)
  local h = (#sorted - 1) * q + 1
  local lo = math.floor(h)
  if lo >= #sorted then return sorted[#sorted] end
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo])
end

local PERIOD_NAMES = { [1] = "annual", [4] = "quarterly", [12] = "monthly" }

local QUANTILES = { p05 = 0.05, p25 = 0.25, p50 = 0.5, p75 = 0.75, p95 = 0.95 }

--- The collected path's period (1 for a yearly one); raises for a path
-- not collected.
local function period_of(self, path, level)
  if not self.units[path] then error(string.format("montecarlo: '%s' was not collected", path), level + 1) end
  return self.periods[path] or 1
end

--- The q-quantile of values with weights, { { value, weight }, ... }
-- sorted by value, weights above 0: linear between the points placed at
-- (C_k - w_k / 2 - w_1 / 2) / (W - w_1 / 2 - w_n / 2), C_k the weights
-- up to k's and W all of them, which with equal weights is the unweighted
-- "type 7" (montecarlo.quantile); with `nearest`, the value of the point
-- placed nearest q (half-way: the upper), for values that are steps (a
-- month, say) rather than amounts.
function montecarlo.weighted_quantile(sorted, q, nearest)
  local n = #sorted
  if n <= 1 then return sorted[1] and sorted[1][1] end -- (none: nil)
  local total = 0
  for i = 1, n do total = total + sorted[i][2] end
  local span, first = total - sorted[1][2] / 2 - sorted[n][2] / 2, sorted[1][2] / 2
  local at, cum = 0, 0
  for i = 1, n do
    local prev_at = at
    cum = cum + sorted[i][2]
    at = (cum - sorted[i][2] / 2 - first) / span
    if at >= q then
      if i == 1 or at == prev_at then return sorted[i][1] end
      local a, b = sorted[i - 1][1], sorted[i][1]
      if nearest then return (q - prev_at < at - q - 1e-12) and a or b end -- (a tie within rounding: the upper)
      return a + (q - prev_at) / (at - prev_at) * (b - a)
    end
  end
  return sorted[n][1]
end

--- { p05, p25, p50, p75, p95 } of step k (1 the first year's first) over
-- the runs with a value there (each nil when none has), weighted when the
-- runs are (MonteCarlo:weigh).
local function quantiles_of(self, path, k)
  local column, weights = {}, self.weights
  for i, row in pairs(self.values) do
    local v = row[path] and row[path][k]
    local w = weights and weights[i] or 1
    if v and v == v and w > 0 then column[#column + 1] = weights and { v, w } or v end
  end
  local out = {}
  if weights then
    table.sort(column, function(a, b) return a[1] < b[1] end)
    for name, q in pairs(QUANTILES) do out[name] = #column > 0 and montecarlo.weighted_quantile(column, q) or nil end
    return out
  end
  table.sort(column)
  for name, q in pairs(QUANTILES) do out[name] = #column > 0 and montecarlo.quantile(column, q) or nil end
  return out
end

--- Quantile bands of a collected variable over the runs done:
-- { p05, p25, p50, p75, p95 } as series (monthly for a monthly variable).
function MonteCarlo:bands(path)
  local period = period_of(self, path, 2)
  local steps = (self.last - self.first + 1) * period
  local bands = { p05 = {}, p25 = {}, p50 = {}, p75 = {}, p95 = {} }
  for k = 1, steps do
    for name, x in pairs(quantiles_of(self, path, k)) do bands[name][k] = x end
  end
  local out = {}
  for name in pairs(QUANTILES) do
    local sub_annual = period > 1
    out[name] = series.new { from = sub_annual and { self.first, 1 } or self.first,
      to = sub_annual and { self.last, period } or self.last, period = PERIOD_NAMES[period],
      unit = self.units[path], name = path .. " " .. name, table.unpack(bands[name], 1, steps) }
  end
  return out
end

--- The quantiles of a collected variable in one year (and month or
-- quarter, for a sub-annual one): { p05, p25, p50, p75, p95 }, numbers,
-- without the bands' series of every step.
function MonteCarlo:quantiles(path, year, sub)
  local period = period_of(self, path, 2)
  if math.type(year) ~= "integer" or year < self.first or year > self.last then
    error(string.format("montecarlo: '%s' has no year %s (%d-%d)", path, tostring(year), self.first, self.last), 2)
  end
  if period == 1 and sub ~= nil then
    error(string.format("montecarlo: '%s' is yearly: give a year, not a step", path), 2)
  end
  if period > 1 and (math.type(sub) ~= "integer" or sub < 1 or sub > period) then
    error(string.format("montecarlo: '%s' is %s: give the %s, 1-%d, not %s", path, PERIOD_NAMES[period],
      period == 12 and "month" or "quarter", period, tostring(sub)), 2)
  end
  return quantiles_of(self, path, (year - self.first) * period + (sub or 1))
end

--- A fan chart of a collected variable: the 5-95 and 25-75 percentile
-- bands shaded, the median a line (ree.svg options; `file` writes it).
function MonteCarlo:chart(path, opts)
  local b = self:bands(path)
  opts = opts or {}
  opts.title = opts.title or path
  local runs = self.weights and string.format("%d runs weighted (as %.0f)", self:count(), self:effective_runs())
    or string.format("%d runs", self:count())
  opts.subtitle = opts.subtitle or string.format("%s, seed %d: median, 25-75 and 5-95 percentile bands", runs,
    self.seed)
  return require("ree.svg").bands(b, opts)
end

--- The number of runs done (all, or this shard's).
function MonteCarlo:count()
  local n = 0
  for _ in pairs(self.values) do n = n + 1 end
  return n
end

--- Weighs the runs: weight(row, i), for run i's collected values row
-- ({ path = values }), a finite number 0 or more, not all 0; the bands,
-- quantiles and charts are weighted from then on (the files a sweep
-- writes hold the runs, not the weights). Returns the effective number
-- of runs.
function MonteCarlo:weigh(weight)
  if type(weight) ~= "function" then error("weigh: give a function(row, i) of a run's weight", 2) end
  local weights, any = {}, false
  for i, row in pairs(self.values) do
    local w = weight(row, i)
    if type(w) ~= "number" or not (w >= 0 and w < math.huge) then
      error(string.format("weigh: run %d's weight is %s, not a finite number 0 or more", i, tostring(w)), 2)
    end
    weights[i], any = w, any or w > 0
  end
  if not any then error("weigh: every run weighs 0", 2) end
  self.weights = weights
  return self:effective_runs()
end

--- The effective number of runs, (sum w)^2 / sum w^2 (Kish's): the count
-- when the runs are not weighted.
function MonteCarlo:effective_runs()
  if not self.weights then return self:count() end
  local sum, squares = 0, 0
  for _, w in pairs(self.weights) do sum, squares = sum + w, squares + w * w end
  return sum * sum / squares
end

--- Writes each run's sampled inputs and collected outputs to path, as CSV
-- (one row a run, for a spreadsheet) or JSON, by its extension; whole or
-- not at all. Returns path.
function MonteCarlo:write(path)
  local export = require("ree.export")
  return require("ree.files").write_format(path, {
    { "csv", "csv", function() return export.montecarlo_csv(self) end },
    { "json", "json", function() return export.montecarlo_json(self) end },
  })
end

-- {==================================================================
-- Sweeps in shards: each shard writes its runs to a JSON file, merge
-- joins the files of one sweep into one result.
-- ===================================================================

-- A run's values are packed (ree.core.pack_numbers: every bit of each
-- double, in base64), not decimal text: a sweep of 10,000 monthly runs has
-- millions of values, which a round-trip printf would take half a minute
-- to write. Files of the first format, values as JSON arrays, still merge.
local FORMAT, FORMATS = "ree-sweep-2", { ["ree-sweep-1"] = true, ["ree-sweep-2"] = true }

--- A sampled input as a shard file holds it: a number, or (a mapped
-- distribution may draw one) a series as { unit, from, sub, period, values }.
local function input_to_json(v)
  if not series.is(v) then return v end
  local core = require("ree.core")
  local year, _, sub = v:years()
  local values = v:values()
  for k = 1, #values do if values[k] ~= values[k] then values[k] = core.null end end
  return { unit = v:unit(), from = year, sub = sub or 1, period = v:period(), values = values }
end

--- The sampled input back from its shard form, or nil.
local function input_from_json(v)
  if math.type(v) then return v end
  if type(v) ~= "table" or type(v.values) ~= "table" or type(v.unit) ~= "string" then return nil end
  local core = require("ree.core")
  local names = { [1] = "annual", [4] = "quarterly", [12] = "monthly" }
  local spec = { unit = v.unit, period = names[v.period], from = v.period == 1 and v.from or { v.from, v.sub },
    to = nil }
  for k, x in ipairs(v.values) do spec[k] = x == core.null and series.missing or x end
  local ok, s = pcall(series.new, spec)
  return ok and s or nil
end

--- The runs done as a plain table for JSON, each variable's values packed
-- (a missing value as NaN).
function MonteCarlo:export(meta)
  local core = require("ree.core")
  local runs = {}
  local years = self.last - self.first + 1
  for i, row in pairs(self.values) do
    local packed, kept = {}, self.packed and self.packed[i] or {} -- (a merge keeps its shards' text)
    for path, values in pairs(row) do
      packed[path] = kept[path] or core.pack_numbers(values, years * (self.periods[path] or 1))
    end
    runs[tostring(i)] = packed
  end
  local out = { format = FORMAT, runs = self.runs, seed = self.seed, collect = self.collect, units = self.units,
    periods = self.periods, first = self.first, last = self.last, values = runs }
  if self.plan then -- each run's sampled inputs, in the order of self.inputs
    out.inputs, out.samples = self.inputs, {}
    for i in pairs(self.values) do
      local row = {}
      for k, name in ipairs(self.inputs) do row[k] = input_to_json(self.plan[i][name]) end
      out.samples[tostring(i)] = row
    end
  end
  for k, v in pairs(meta or {}) do out[k] = v end
  return out
end

--- Run i's sampled inputs in shard table t, { name = value }, checked.
local function sampled_inputs(t, i, inputs, name)
  local row = t.samples[tostring(i)]
  if type(row) ~= "table" or #row ~= #inputs then
    error(string.format("merge: %s: run %d has not one sampled value for each of its %d inputs", name, i, #inputs), 3)
  end
  local out = {}
  for k, input in ipairs(inputs) do
    out[input] = input_from_json(row[k])
    if out[input] == nil then
      error(string.format("merge: %s: run %d's input '%s' is %s, not a number or a series", name, i, input,
        type(row[k])), 3)
    end
  end
  return out
end

--- A MonteCarlo from exported tables (the shards of one sweep), checking
-- that they belong together, that no run is there twice and none is
-- missing. `names[i]` names t[i] in errors.
function montecarlo.join(list, names)
  local core = require("ree.core")
  if #list == 0 then error("merge: no shard files", 2) end
  local first = list[1]
  local mc = setmetatable({ runs = first.runs, seed = first.seed, collect = first.collect, units = first.units,
    periods = first.periods or {}, first = first.first, last = first.last, values = {}, packed = {},
    inputs = first.inputs or {}, plan = first.samples and {} or nil }, MonteCarlo)
  local from = {}
  for k, t in ipairs(list) do
    if not FORMATS[t.format] then error(string.format("merge: %s is not a ree sweep file", names[k]), 2) end
    for _, key in ipairs({ "runs", "seed", "first", "last", "scenario", "shards" }) do
      if t[key] ~= first[key] then
        error(string.format("merge: %s has %s %s, %s has %s", names[k], key, tostring(t[key]), names[1],
          tostring(first[key])), 2)
      end
    end
    if table.concat(t.collect, ",") ~= table.concat(first.collect, ",") then
      error(string.format("merge: %s collects other variables than %s", names[k], names[1]), 2)
    end
    if table.concat(t.inputs or {}, ",") ~= table.concat(mc.inputs, ",") or (t.samples == nil) ~= (mc.plan == nil) then
      error(string.format("merge: %s samples other inputs than %s", names[k], names[1]), 2)
    end
    local runs = {} -- in run order, so that a message names the first clash
    for key in pairs(t.values) do
      local i = math.tointeger(tonumber(key))
      if not i or tostring(i) ~= key or i < 1 or i > mc.runs then
        error(string.format("merge: %s has a run '%s', not one of 1-%d", names[k], tostring(key), mc.runs), 2)
      end
      runs[#runs + 1] = i
    end
    table.sort(runs)
    local years, collected = mc.last - mc.first + 1, {}
    for _, path in ipairs(mc.collect) do collected[path] = true end
    for _, i in ipairs(runs) do
      local row = t.values[tostring(i)]
      if from[i] then error(string.format("merge: run %d is in both %s and %s", i, from[i], names[k]), 2) end
      from[i] = names[k]
      if type(row) ~= "table" then
        error(string.format("merge: %s: run %d is not a table of variables", names[k], i), 2)
      end
      local packed = {}
      for _, path in ipairs(mc.collect) do
        if row[path] == nil then error(string.format("merge: %s: run %d has no '%s'", names[k], i, path), 2) end
      end
      for path, values in pairs(row) do
        if not collected[path] then
          error(string.format("merge: %s: run %d has '%s', which the sweep does not collect", names[k], i,
            tostring(path)), 2)
        end
        local period, was_packed = mc.periods[path] or 1, type(values) == "string"
        if was_packed then
          local unpacked, why = core.unpack_numbers(values)
          if not unpacked then error(string.format("merge: %s: run %d, '%s': %s", names[k], i, path, why), 2) end
          packed[path] = values -- exported again as it came, not packed anew
          values = unpacked
          row[path] = unpacked
        end
        if type(values) ~= "table" or #values ~= years * period then
          error(string.format("merge: %s: run %d, '%s': %s values, not %s of %d-%d", names[k], i, path,
            type(values) == "table" and tostring(#values) or "no",
            period == 1 and "one for each" or ("one for each " .. (period == 12 and "month" or "quarter")),
            mc.first, mc.last), 2)
        end
        if not was_packed then -- (packed values are all doubles)
          for y = 1, years * period do
            local v = values[y]
            if v == core.null then
              values[y] = 0 / 0
            elseif math.type(v) == nil then
              error(string.format("merge: %s: run %d, '%s' in %s is %s, not a number", names[k], i, path,
                format.time(mc.first + (y - 1) / period, period), type(v) == "string" and string.format("%q", v) or
                type(v)), 2)
            end
          end
        end
      end
      mc.values[i], mc.packed[i] = row, packed
      if mc.plan then mc.plan[i] = sampled_inputs(t, i, mc.inputs, names[k]) end
    end
  end
  for i = 1, mc.runs do
    if not from[i] then
      error(string.format("merge: run %d of %d is missing (is a shard file missing?)", i, mc.runs), 2)
    end
  end
  return mc
end

-- }==================================================================

--- Tornado sensitivity: each sampled parameter at its 10th and 90th
-- percentile, the others at their medians; the swing of output in year,
-- largest first: { { param, low, high, swing }, ... }.
function montecarlo.tornado(spec)
  local medians = {}
  for name, d in pairs(spec.sample) do medians[name] = d.quantile(0.5) end
  local function value_with(values)
    local res = spec.scenario:with(values):run()
    return res:get(spec.output)[spec.year]
  end
  local rows = {}
  for name, d in pairs(spec.sample) do
    local lo, hi = {}, {}
    for k, v in pairs(medians) do lo[k], hi[k] = v, v end
    lo[name], hi[name] = d.quantile(0.1), d.quantile(0.9)
    local a, b = value_with(lo), value_with(hi)
    rows[#rows + 1] = { param = name, low = a, high = b, swing = math.abs(b - a) }
  end
  table.sort(rows, function(x, y)
    if x.swing ~= y.swing then return x.swing > y.swing end
    return x.param < y.param
  end)
  return rows
end

montecarlo.MonteCarlo = MonteCarlo -- for help and completion

return montecarlo
