--- Scenarios: a model run year by year under policies, every variable
-- recorded as a series.
--
--   local sc = ree.scenario {
--     name = "quota stays binding",
--     years = { 2005, 2015 },
--     params = {
--       quota = { value = quota_series, source = "tmr-quota-2011" },
--       e_lr = { value = -0.6, source = "assumption", range = { -1.0, -0.3 } },
--     },
--     model = require("ree.models.market_model"),     -- { init = fn, supply = fn, ..., diagnostics = fn }
--     policies = { ree.policy { "quota held", from = 2012, set = { quota = 20000 } } },
--     checks = { ree.check.always("prices are positive", function(s) return s.vars.p > 0 end) },
--   }
--   local res = sc:run()
--   res.price.Dy.fob          -- a Series, as the model recorded it
--   sc:fork(2012)             -- a copy of the scenario that starts from the 2012 state
--
-- One simulated year runs: policies (in their list order) on that year's
-- parameters, then the model's steps in the order of docs/MODELS.md
-- section 7: supply, demand, location, clearing, diagnostics. A model with
-- a sub-annual part declares model.period (4 or 12) and model.step(state,
-- p, year, sub), which runs period times between location and clearing;
-- what it records is recorded for that quarter or month (a monthly
-- series in the results), and state.annual(path [, how]) gives the annual
-- parts the year's aggregate of it. Instead of step, model.steps(state, p,
-- year) may run the year's quarters or months at once (in the core, say),
-- recording each path's values with state.record_steps(path, list, unit
-- [, how]), list holding one value a step. state.record(path, value, unit [, how])
-- may say how its year aggregates ("last" for a stock; by default as
-- series.aggregation says for the unit).

local args = require("ree.args")
local data = require("ree.data")
local series = require("ree.series")
local parameters = require("ree.parameters")
local suggest = require("ree.suggest")

local scenario = {}

local STEPS = { "supply", "demand", "location", "clearing", "diagnostics" }
local SUBANNUAL_AFTER = "location" -- the sub-annual steps run after this one
local PERIOD_NAMES = { [4] = "quarterly", [12] = "monthly" }
local KEYS = { name = true, years = true, params = true, model = true, policies = true, checks = true }

local Scenario = {}
Scenario.__index = Scenario
Scenario.__name = "ree.Scenario"

function Scenario:__tostring()
  local n = 0
  for _ in pairs(self.params) do n = n + 1 end
  return string.format("ree.Scenario '%s', %d-%d: %d parameters, %d policies", self.name, self.first, self.last, n,
    #self.policies)
end

local Results = {} -- its __index is below, with the lazy series

-- A recorded path is { unit, period, first, how } with, when yearly, its
-- values in r.values (1 for the scenario's first year, so that they fill
-- a Lua array) and, when monthly or quarterly, each year's list of steps
-- in r.years[year] (a model's steps hand over a year's list whole).

--- The "sum", "mean" or "last" of recorded r's steps in year; nil and the
-- first step missing when one is.
local function aggregate(r, year, how)
  local sum, last, steps = 0, nil, r.years[year] or {}
  for k = 1, r.period do
    last = steps[k]
    if last == nil then return nil, k end
    sum = sum + last
  end
  if how == "sum" then return sum elseif how == "mean" then return sum / r.period end
  return last
end

--- A new recorded path.
local function new_record(unit, period, first, how)
  return { unit = unit or "fraction", period = period, first = first, how = how,
    values = period == 1 and {} or nil, years = period > 1 and {} or nil }
end

--- The value of yearly path r in year.
local function yearly(r, year) return r.values[year - r.first + 1] end

local HOW = { sum = true, mean = true, last = true }

--- A deep copy of plain tables (model state, so that forks do not share it).
local function copy(v, seen)
  if type(v) ~= "table" or getmetatable(v) ~= nil then return v end
  seen = seen or {}
  if seen[v] then return seen[v] end
  local out = {}
  seen[v] = out
  for k, x in pairs(v) do out[k] = copy(x, seen) end
  return out
end

local function check_params(params)
  local bib = assert(data.bibliography())
  for name, p in pairs(params) do
    if type(p) ~= "table" or p.value == nil then
      error(string.format("scenario: parameter '%s' needs a value", tostring(name)), 4)
    end
    if type(p.source) ~= "string" then
      error(string.format("scenario: parameter '%s' needs a source (or \"assumption\")", name), 4)
    end
    if not bib[p.source] then
      error(string.format("scenario: parameter '%s' cites unknown source '%s'", name, p.source), 4)
    end
    if p.source == "assumption" and type(p.range) ~= "table" and p.value ~= false then -- false: none
      error(string.format("scenario: parameter '%s' is an assumption without a range", name), 4)
    end
  end
end

--- A new scenario (see the module's comment).
function scenario.new(spec)
  args.check("scenario", 1, spec, "table")
  args.options("scenario", spec, KEYS)
  if type(spec.years) ~= "table" or math.type(spec.years[1]) ~= "integer" or math.type(spec.years[2]) ~= "integer"
      or spec.years[2] < spec.years[1] then
    error("scenario: years must be { first, last }", 2)
  end
  if type(spec.model) ~= "table" then error("scenario: give a model: a table of steps", 2) end
  -- a model is its steps, plus its name, the parameters it reads (declared
  -- with unit and range, or just listed as optional) and the readers of
  -- its state it exposes to the other parts
  local DECLARED = { name = "string", parameters = "table", optional = "table", exposes = "table", period = "number" }
  for k, f in pairs(spec.model) do
    if DECLARED[k] then
      if type(f) ~= DECLARED[k] then
        error(string.format("scenario: the model's %s must be a %s", k, DECLARED[k]), 2)
      end
    else
      local known = k == "init" or k == "step" or k == "steps"
      for _, s in ipairs(STEPS) do known = known or s == k end
      if not known then error(string.format("scenario: the model has an unknown step '%s'", tostring(k)), 2) end
      if type(f) ~= "function" then error(string.format("scenario: step '%s' must be a function", k), 2) end
    end
  end
  local period = spec.model.period or 1
  if not PERIOD_NAMES[period] and period ~= 1 then error("scenario: the model's period must be 1, 4 or 12", 2) end
  if (period > 1) ~= (spec.model.step ~= nil or spec.model.steps ~= nil) then
    error("scenario: a model with a period of 4 or 12 needs a step(state, p, year, sub), and only such a model", 2)
  end
  if spec.model.step and spec.model.steps then
    error("scenario: a model has a step(state, p, year, sub) or steps(state, p, year), not both", 2)
  end
  check_params(spec.params or {})
  if spec.model.parameters then parameters.check(spec.model.parameters, spec.params or {}) end
  return setmetatable({ name = spec.name or "scenario", first = spec.years[1], last = spec.years[2],
    params = spec.params or {}, model = spec.model, policies = spec.policies or {}, checks = spec.checks or {} },
    Scenario)
end

local POLICY_KEYS = { from = true, to = true, set = true, scale = true, apply = true, source = true }

--- A policy: { "name", from = YEAR, to = YEAR, set = { param = value }, scale = { param = factor },
-- apply = function(params, year, state) ... end }. It acts in the years from..to (both optional).
function scenario.policy(spec)
  if type(spec) ~= "table" or type(spec[1]) ~= "string" then
    error("policy: give it a name: ree.policy { \"name\", from = YEAR, ... }", 2)
  end
  for k in pairs(spec) do
    if k ~= 1 and not POLICY_KEYS[k] then
      error(string.format("policy '%s': unknown key '%s'%s", spec[1], tostring(k), suggest.hint(k, POLICY_KEYS)), 2)
    end
  end
  return { name = spec[1], from = spec.from or -math.huge, to = spec.to or math.huge, set = spec.set or {},
    scale = spec.scale or {}, apply = spec.apply, source = spec.source }
end

--- Gives the scenario a name (its summary, report, comparisons and
-- exports use it); returns the scenario.
function Scenario:named(name)
  args.check("named", 1, name, "string")
  self.name = name
  return self
end

--- Adds policies after those it has (they act after them, in this order).
function Scenario:apply(...)
  for _, p in ipairs({ ... }) do self.policies[#self.policies + 1] = p end
  return self
end

--- A parameter's value for a year: the value, or a series' value (raises
-- when the series has no value for that year). A plain table (a merit
-- order, a list of projects) is copied once a run, into `tables`, so that
-- a model that changes it changes no other run.
local function value_for(name, v, year, tables, none)
  if type(v) ~= "table" and type(v) ~= "userdata" then return v end -- a number, a string, a boolean
  if type(v) == "table" and getmetatable(v) == nil then
    if not tables then return copy(v) end
    if tables[name] == nil then tables[name] = copy(v) end
    return tables[name]
  end
  local x = v[year]
  if x == nil then
    if none then return false end -- a year of a quota's series with none
    error(string.format("scenario: parameter '%s' has no value for %d", name, year), 0)
  end
  return x
end

--- The names a policy may set: the scenario's parameters and those the
-- model declares it reads without needing them (model.optional, a list).
local function known_parameters(self)
  local known = {}
  for name in pairs(self.params) do known[name] = true end
  for _, name in ipairs(self.model.optional or {}) do known[name] = true end
  for name in pairs(self.model.parameters or {}) do known[name] = true end
  return known
end

--- Raises for a parameter no part of the scenario reads, with the nearest
-- name there is.
local function unknown_parameter(policy, name, known, level)
  error(string.format("policy '%s': unknown parameter '%s'%s", policy, tostring(name), suggest.hint(name, known)),
    level)
end

--- Each policy's set and scale name parameters the scenario knows, and
-- what it sets suits the parameter's declaration.
local function check_policies(self)
  local known, declared = known_parameters(self), self.model.parameters or {}
  for _, pol in ipairs(self.policies) do
    for k, v in pairs(pol.set) do
      if not known[k] then unknown_parameter(pol.name, k, known, 3) end
      if declared[k] then
        local ok, err = pcall(parameters.check_value, k, declared[k], v)
        if not ok then error(string.format("policy '%s': %s", pol.name, err:gsub("^scenario: ", "")), 3) end
      end
    end
    for k in pairs(pol.scale) do if not known[k] then unknown_parameter(pol.name, k, known, 3) end end
  end
  return known
end

--- What of a run's parameters holds every year: the plain values and the
-- run's copies of plain tables (in `tables`), and the series, read by
-- year. Made at a run's first year and kept in `tables` (under its own key),
-- as its copies are: the parameters run every year of every run.
local RUN_BASE = {}
local function run_base(self, tables)
  local base = tables[RUN_BASE]
  if base then return base end
  base = { values = {}, by_year = {} }
  for name, param in pairs(self.params) do
    local v = param.value -- most are numbers
    local kind = type(v)
    if kind == "table" and getmetatable(v) == nil then
      base.values[name] = value_for(name, v, nil, tables)
    elseif kind == "table" or kind == "userdata" then
      local decl = self.model.parameters and self.model.parameters[name]
      base.by_year[#base.by_year + 1] = { name = name, value = v, none = decl and decl.none }
    else
      base.values[name] = v
    end
  end
  tables[RUN_BASE] = base
  return base
end

--- The parameters of a year, after the policies acting in it (in their
-- list order). A policy's `apply(p, year, state, exposes)` sees the model's
-- state when there is one, and what the model exposes of it (model.exposes);
-- a name it sets that no part of the scenario knows is an error.
function Scenario:parameters(year, state, tables, known)
  known = known or known_parameters(self)
  tables = tables or {}
  local base, p = run_base(self, tables), {}
  for name, v in next, base.values do p[name] = v end
  for _, b in ipairs(base.by_year) do p[b.name] = value_for(b.name, b.value, year, tables, b.none) end
  local acting -- the policy whose apply runs, for the message
  setmetatable(p, { __newindex = function(t, k, v)
    if not known[k] then unknown_parameter(acting, k, known, 2) end
    rawset(t, k, v)
  end })
  for _, pol in ipairs(self.policies) do
    if year >= pol.from and year <= pol.to then
      acting = pol.name
      for k, v in next, pol.set do p[k] = v end
      for k, f in next, pol.scale do
        if type(p[k]) ~= "number" then
          error(string.format("policy '%s': cannot scale '%s', which is not a number", pol.name, k), 3)
        end
        p[k] = p[k] * f
      end
      if pol.apply then pol.apply(p, year, state, self.model.exposes) end
    end
  end
  return setmetatable(p, nil)
end

--- Runs the scenario; returns its Results. With { snapshots = true } it
-- also keeps the state at the start of every year, for fork.
function Scenario:run(opts)
  local keep = opts and opts.snapshots
  local state = self.start and copy(self.start.state) or { vars = {}, memory = {} }
  local recorded = self.start and copy(self.start.recorded) or {}
  local violations = self.start and copy(self.start.violations) or {}
  local snapshots = {}
  local period, first_year = self.model.period or 1, self.first
  -- the period being recorded now (1: a year) and where: the year's slot
  -- in a yearly path, or the year and the step in a sub-annual one; set
  -- once a step (record runs thousands of times in a monthly run)
  local per, at, sub = 1, 1, nil
  --- path's record, made on first use with steps of `steps`; raises
  -- (at the model's call) for a unit ree cannot read and for a path
  -- recorded with other steps.
  local function record_of(path, unit, steps, how)
    local r = recorded[path]
    if not r then
      local ok, err = pcall(series.check_unit, unit or "fraction")
      if not ok then error(string.format("scenario: '%s': %s", path, err), 3) end
      r = new_record(unit, steps, first_year, how)
      recorded[path] = r
    elseif r.period ~= steps then
      error(string.format("scenario: '%s' is recorded both %s and yearly", path, PERIOD_NAMES[period]), 3)
    end
    return r
  end
  local function record(path, value, unit, how)
    if not at then error(string.format("scenario: '%s': the model's steps record with state.record_steps", path), 2) end
    local r = record_of(path, unit, per, how)
    if per == 1 then
      r.values[at] = value
    else
      local steps = r.years[at]
      if not steps then
        steps = {}
        r.years[at] = steps
      end
      steps[sub] = value
    end
  end
  state.record = record
  --- The year's values of a path, one a step, from a model's steps (the
  -- list is kept as it is, not copied).
  function state.record_steps(path, list, unit, how)
    local r = record_of(path, unit, period, how)
    if #list ~= period then
      error(string.format("scenario: '%s' has %d values for the %d steps of %d", path, #list, period, state.year), 2)
    end
    r.years[state.year] = list
  end
  --- The year's aggregate of a path the sub-annual step records: its sum,
  -- mean or last value (default: series.aggregation of its unit).
  function state.annual(path, how)
    local r = recorded[path]
    if not r or r.period == 1 then
      error(string.format("scenario: '%s' is not recorded by the sub-annual step", tostring(path)), 2)
    end
    how = how or r.how or series.aggregation(r.unit)
    if not HOW[how] then
      error(string.format("scenario: annual '%s': how is \"sum\", \"mean\" or \"last\", not %s", path,
        tostring(how)), 2)
    end
    local value, missing = aggregate(r, state.year, how)
    if value == nil then
      error(string.format("scenario: '%s' has no value for %d, step %d of %d", path, state.year, missing, r.period),
        2)
    end
    return value
  end
  local first = self.start and self.start.year or self.first
  local tables = {}
  local known = check_policies(self)
  if not self.start and self.model.init then self.model.init(state, self:parameters(first, nil, tables, known)) end
  for year = first, self.last do
    state.year = year
    per, at, sub = 1, year - first_year + 1, nil
    if keep then snapshots[year] = { state = copy(state), recorded = copy(recorded), violations = copy(violations) } end
    local p = self:parameters(year, state, tables, known)
    state.params = p
    for _, step in ipairs(STEPS) do
      local f = self.model[step]
      if f then f(state, p, year) end
      if step == SUBANNUAL_AFTER and self.model.steps then
        per, at = period, nil -- (state.record has no step to record in)
        self.model.steps(state, p, year)
        per, at = 1, year - first_year + 1
      elseif step == SUBANNUAL_AFTER and period > 1 then
        for k = 1, period do
          state.sub, per, at, sub = k, period, year, k
          self.model.step(state, p, year, k)
        end
        state.sub, per, at, sub = nil, 1, year - first_year + 1, nil
      end
    end
    for _, c in ipairs(self.checks) do
      local ok, why = c.test(state, year, recorded)
      if not ok then violations[#violations + 1] = { check = c.name, year = year, why = why } end
    end
  end
  state.record, state.record_steps, state.annual = nil, nil, nil
  self.results = setmetatable({ scenario = self, recorded = recorded, violations = violations,
    snapshots = snapshots }, Results)
  return self.results
end

-- {==================================================================
-- Results: res.price.Dy.fob is built into a Series when first read, so
-- that a Monte Carlo run pays only for the variables it collects.
-- ===================================================================

local function make_series(results, path, r)
  local sc = results.scenario
  local per = r.period or 1
  local n = (sc.last - sc.first + 1) * per
  if per == 1 then return series.of(sc.first, 1, 1, r.unit, r.values, n, path) end
  local values = {}
  for year = sc.first, sc.last do
    local steps, base = r.years[year], (year - sc.first) * per
    if steps then
      for k = 1, per do values[base + k] = steps[k] end
    end
  end
  return series.of(sc.first, 1, per, r.unit, values, n, path)
end

local lazy_node

--- Whether some recorded path starts with below ("location.").
local function any_below(recorded, below)
  for p in pairs(recorded) do
    if p:sub(1, #below) == below then return true end
  end
  return false
end

--- node[key] under prefix: a series, or a node of the paths below; raises
-- for a name the results do not hold.
local function lookup(results, prefix, node, key)
  if type(key) ~= "string" then return nil end
  local path = prefix .. key
  local r = results.recorded[path]
  local value
  if r then
    value = make_series(results, path, r)
  elseif any_below(results.recorded, path .. ".") then
    value = lazy_node(results, path .. ".")
  end
  if value == nil then
    local names = {}
    for p in pairs(results.recorded) do
      if p:sub(1, #prefix) == prefix then names[#names + 1] = prefix .. p:sub(#prefix + 1):match("^[^.]+") end
    end
    error(string.format("no variable '%s' in the results%s", path, suggest.hint(path, names)), 3)
  end
  rawset(node, key, value)
  return value
end

lazy_node = function(results, prefix)
  return setmetatable({}, {
    __index = function(node, key) return lookup(results, prefix, node, key) end,
    -- pairs() sees every name below, built
    __pairs = function(node)
      for p in pairs(results.recorded) do
        if p:sub(1, #prefix) == prefix then
          local _ = node[p:sub(#prefix + 1):match("^[^.]+")]
        end
      end
      return next, node, nil
    end,
  })
end

Results.__index = function(results, key)
  local method = Results[key]
  if method ~= nil then return method end
  return lookup(results, "", results, key)
end

-- pairs() sees the top names of the recorded variables, built
Results.__pairs = function(results)
  local names = {}
  for path in pairs(results.recorded) do names[path:match("^[^.]+")] = true end
  local list = {}
  for name in pairs(names) do list[#list + 1] = name end
  table.sort(list)
  local i = 0
  return function()
    i = i + 1
    if list[i] then return list[i], results[list[i]] end
  end
end

Results.__name = "ree.Results"
Results.__methods = Results

function Results:__tostring()
  local sc = self.scenario
  return string.format("ree.Results of '%s', %d-%d: %d variables, %d check violations", sc.name, sc.first,
    sc.last, #self:variables(), #self.violations)
end

-- }==================================================================

--- The recorded variable at path ("price.Dy.fob") as a series.
function Results:get(path)
  local node = self
  for part in path:gmatch("[^.]+") do
    node = type(node) == "table" and node[part] or nil
  end
  if node == nil then error(string.format("no variable '%s' in the results", path), 2) end
  return node
end

--- Whether the results hold path: a variable ("price.Dy.fob") or the
-- variables below a name ("location", "location.magnet").
function Results:has(path)
  return self.recorded[path] ~= nil or any_below(self.recorded, path .. ".")
end

--- Names of the recorded variables, sorted.
function Results:variables()
  local names = {}
  for path in pairs(self.recorded) do names[#names + 1] = path end
  table.sort(names)
  return names
end

--- Whether any variable is recorded by month or quarter.
function Results:sub_annual()
  for _, r in pairs(self.recorded) do
    if r.period > 1 then return true end
  end
  return false
end

--- The results by year: each monthly or quarterly variable as its year's
-- aggregate (series.aggregation of its unit: the mean of a price, the
-- sum of a flow; or how it was recorded), the yearly ones as they are; a
-- year with a step missing is missing.
function Results:annual()
  local years = self.scenario.last - self.scenario.first + 1
  local recorded = {}
  for path, r in pairs(self.recorded) do
    if r.period == 1 then
      recorded[path] = r
    else
      local how, values = r.how or series.aggregation(r.unit), {}
      for y = 1, years do values[y] = (aggregate(r, r.first + y - 1, how)) end -- a year with a gap is missing
      recorded[path] = { unit = r.unit, values = values, period = 1, first = r.first }
    end
  end
  return setmetatable({ scenario = self.scenario, recorded = recorded, violations = self.violations,
    snapshots = {} }, Results)
end

local WRITE_OPTIONS = { format = true }

--- Writes the results to path: tidy CSV (a .csv file: scenario, variable,
-- region, element, unit, period, value), the IAMC template's wide CSV
-- (format = "iamc") or JSON (.json); see ree.export. The file is whole or
-- not there. Returns path.
function Results:write(path, opts)
  opts = opts or {}
  args.check("write", 2, opts, "table")
  args.options("write", opts, WRITE_OPTIONS, 2)
  local export = require("ree.export")
  return require("ree.files").write_format(path, {
    { "tidy", "csv", function() return export.tidy(self) end },
    { "iamc", "csv", function() return export.iamc(self) end },
    { "json", "json", function() return export.json(self) end },
  }, opts.format)
end

--- The sources the scenario's parameters cite, with the parameters.
function Results:sources()
  local by, ids = {}, {}
  for name, p in pairs(self.scenario.params) do
    if not by[p.source] then by[p.source], ids[#ids + 1] = {}, p.source end
    table.insert(by[p.source], name)
  end
  table.sort(ids)
  local out = {}
  for _, id in ipairs(ids) do
    table.sort(by[id])
    out[#out + 1] = { source = id, params = by[id] }
  end
  return out
end

--- A copy of the scenario with the parameters in values set (keeping
-- each one's source and range), to run apart: a Monte Carlo draw.
function Scenario:with(values)
  local draw = setmetatable({}, Scenario)
  for k, v in pairs(self) do draw[k] = v end
  draw.params, draw.results, draw.start = {}, nil, nil
  for name, p in pairs(self.params) do draw.params[name] = p end
  draw.policies = table.move(self.policies, 1, #self.policies, 1, {})
  for name, v in pairs(values) do
    local p = self.params[name]
    if not p then error(string.format("montecarlo: the scenario has no parameter '%s'", name), 3) end
    draw.params[name] = { value = v, source = p.source, range = p.range }
  end
  return draw
end

--- A copy of the scenario that starts from its state at the start of
-- `year` (run it first), to branch with other policies from there.
function Scenario:fork(year)
  if not (self.results and next(self.results.snapshots)) then self.results = self:run { snapshots = true } end
  local snap = self.results.snapshots[year]
  if not snap then
    error(string.format("fork: %d is not a year of scenario '%s' (%d-%d)", year, self.name, self.first, self.last), 2)
  end
  local f = setmetatable({}, Scenario)
  for k, v in pairs(self) do f[k] = v end
  f.policies = table.move(self.policies, 1, #self.policies, 1, {})
  f.results = nil
  f.name = self.name .. " from " .. year
  f.start = { year = year, state = snap.state, recorded = snap.recorded, violations = snap.violations }
  return f
end

-- {==================================================================
-- Checks inside scenarios
-- ===================================================================

scenario.check = {}

--- A check that test(state, year) holds every year.
function scenario.check.always(name, test)
  return { name = name, test = function(state, year)
    local ok, why = test(state, year)
    return ok, why
  end }
end

--- A check that the recorded variable at path stays within a relative
-- tolerance of a data series, in the years the data has.
function scenario.check.close_to(path, data_series, tol)
  return { name = path .. " close to " .. (data_series:name() or "data"), test = function(_, year, recorded)
    local want = data_series[year]
    local r = recorded[path]
    local got = r and (r.period == 1 and yearly(r, year) or aggregate(r, year, r.how or series.aggregation(r.unit)))
    if want == nil or got == nil then return true end
    if math.abs(got - want) <= tol * math.abs(want) then return true end
    return false, string.format("%.6g against %.6g (tolerance %g)", got, want, tol)
  end }
end

-- }==================================================================

scenario.Scenario, scenario.Results = Scenario, Results -- for help and completion

return scenario
