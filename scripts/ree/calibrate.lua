--- Calibration: a scenario's parameters fitted to observed series by
-- weighted least squares, with each fitted parameter's uncertainty and
-- whether the data identify it at all.
--
--   local fit = ree.calibrate {
--     scenario = sc,
--     fit = { "Dy.lambda", ["Nd.e_lr"] = { -0.8, -0.1 } },  -- a range replaces the parameter's own
--     targets = { { "supply.Dy.CN", data = output, sd = 500 },  -- sd in the data's unit,
--                 { "exports.Nd", data = exports, rel = 0.1 } },  -- or a fraction of each value
--     hold_out = { "price.Dy.fob" },  -- never a target: what the fit is judged on;
--                                     -- { "price.Nd.fob", from = 2010, to = 2013 }: those years only
--     years = { 2005, 2009 },          -- the years fitted (default: the scenario's)
--   }
--   fit.values["Dy.lambda"], fit.sd["Dy.lambda"], fit.identified["Dy.lambda"]
--   print(fit)                         -- the table of it
--   fit:scenario():run()               -- the scenario with the fitted values
--
-- The objective is S = sum over targets and fitted years of
-- ((model - data) / sd)^2 (a monthly or quarterly result taken as the
-- year's aggregate, Series:annual), minimised by the core's bounded Nelder-Mead
-- (core/optim.h) within each parameter's range. A run with no solution
-- counts as infinitely bad. At the optimum the Jacobian J of the weighted
-- residuals (central differences) gives the covariance
-- (J'J)^-1 * max(1, S / (N - p)): the stated uncertainties, widened when
-- the fit is worse than they allow. A parameter is identified when J'J has
-- a pivot for it and its 95% interval (+-1.96 sd) is narrower than its
-- range; otherwise the data cannot say where in its range it lies.

local args = require("ree.args")
local core = require("ree.core")
local format = require("ree.format")
local suggest = require("ree.suggest")

local calibrate = {}

local Calibration = {}
Calibration.__index = Calibration
Calibration.__name = "ree.Calibration"
calibrate.Calibration = Calibration

local KEYS = { scenario = true, fit = true, targets = true, hold_out = true, years = true, max_runs = true }
local TARGET_KEYS = { [1] = true, data = true, sd = true, rel = true }

local function fail(fmt, ...) error("calibrate: " .. string.format(fmt, ...), 0) end

local function shown(x)
  if x == math.huge then return "inf" end
  if x == -math.huge then return "-inf" end
  return string.format("%.6g", x)
end

--- The parameters to fit, in name order: { name, lo, hi, start }.
local function fitted(sc, fit)
  local names, list = {}, {}
  for k, v in pairs(fit) do
    if math.type(k) == "integer" then names[#names + 1] = v else names[#names + 1] = k end
  end
  table.sort(names)
  local declared = sc.model.parameters or {}
  local known = {}
  for name in pairs(sc.params) do known[#known + 1] = name end
  for _, name in ipairs(names) do
    local p = sc.params[name]
    if type(name) ~= "string" or not p then
      fail("the scenario has no parameter '%s'%s", tostring(name), suggest.hint(name, known))
    end
    if type(p.value) ~= "number" then
      fail("'%s' is a %s; only a number can be fitted", name, type(p.value) == "userdata" and "series" or type(p.value))
    end
    local range = type(fit[name]) == "table" and fit[name] or p.range
    local decl = declared[name]
    if not range and decl and decl.range and decl.range[1] > -math.huge and decl.range[2] < math.huge then
      range = decl.range
    end
    local lo_, hi_ = type(range) == "table" and range[1], type(range) == "table" and range[2]
    if type(lo_) ~= "number" or type(hi_) ~= "number" or lo_ ~= lo_ or hi_ ~= hi_ or lo_ >= hi_ then
      fail("'%s' needs a range to search, { lo, hi } with lo < hi", name)
    end
    if decl and decl.range and (range[1] < decl.range[1] or range[2] > decl.range[2]) then
      fail("the range of '%s', %s to %s, leaves its valid range %s to %s", name, shown(range[1]), shown(range[2]),
        shown(decl.range[1]), shown(decl.range[2]))
    end
    if not (p.value >= range[1] and p.value <= range[2]) then
      fail("'%s' starts at %s, outside its range %s to %s", name, shown(p.value), shown(range[1]), shown(range[2]))
    end
    list[#list + 1] = { name = name, lo = range[1], hi = range[2], start = p.value }
  end
  if #list == 0 then fail("give the parameters to fit: fit = { \"name\", ... }") end
  return list
end

--- The targets, checked: each a recorded path with data in the fitted
-- years, an uncertainty, and not held out.
local function checked_targets(targets, held, first, last)
  if type(targets) ~= "table" or #targets == 0 then
    fail("give the targets: targets = { { \"path\", data = series, sd = number }, ... }")
  end
  local list = {}
  for i, t in ipairs(targets) do
    if type(t) ~= "table" or type(t[1]) ~= "string" then fail("target %d needs a result path", i) end
    args.options("calibrate: target '" .. t[1] .. "'", t, TARGET_KEYS, 0)
    local h = held[t[1]]
    if h and h.whole then fail("'%s' is held out; it cannot also be a target", t[1]) end
    if type(t.data) ~= "userdata" or t.data.values == nil then fail("target '%s' needs its data as a series", t[1]) end
    if (t.sd == nil) == (t.rel == nil) then
      fail("target '%s' needs an sd (in the data's unit) or rel (a fraction of each value), one of them", t[1])
    end
    local uncertainty = t.sd or t.rel
    if type(uncertainty) ~= "number" or not (uncertainty > 0 and uncertainty < math.huge) then
      fail("target '%s': its %s must be a positive number", t[1], t.sd and "sd" or "rel")
    end
    local points = {}
    for year = first, last do
      local v = t.data[year]
      if v and h and year >= h.from and year <= h.to then
        fail("target '%s' has data for %d, inside its held-out years %d-%d", t[1], year, h.from, h.to)
      end
      if v then points[#points + 1] = { year = year, value = v, sd = t.sd or t.rel * math.abs(v) } end
    end
    if #points == 0 then fail("target '%s' has no data in %d-%d, the years fitted", t[1], first, last) end
    for _, pt in ipairs(points) do
      if pt.sd <= 0 then fail("target '%s': a relative sd of a zero value (%d) weighs nothing", t[1], pt.year) end
    end
    list[#list + 1] = { path = t[1], points = points }
  end
  return list
end

--- A run's yearly value of a path, value(path, year), from its Results
-- (a monthly result against yearly data: the year's aggregate).
local function yearly_of(res)
  local annual = {}
  return function(path, year)
    local s = annual[path]
    if not s then
      s = res[path]
      if s:period() ~= 1 then s = s:annual() end
      annual[path] = s
    end
    return s[year]
  end
end

--- The weighted residuals of a run's values, value(path, year), target
-- by target, in one list (a value the run lacks: infinitely bad).
local function residuals_of(value, targets)
  local out = {}
  for _, t in ipairs(targets) do
    for _, pt in ipairs(t.points) do
      local m = value(t.path, pt.year)
      out[#out + 1] = (m and m == m) and (m - pt.value) / pt.sd or math.huge
    end
  end
  return out
end

--- The weighted residuals of a run with the fitted parameters at values;
-- nil and the message when the run fails.
local function residuals(sc, params, values, targets)
  local v = {}
  for i, p in ipairs(params) do v[p.name] = values[i] end
  local ok, res = pcall(function() return sc:with(v):run() end)
  if not ok then return nil, res end
  return residuals_of(yearly_of(res), targets)
end

--- The widening of the stated uncertainties when a fit of sum of squares
-- s on df degrees of freedom is worse than they allow: k = max(1, s / df).
local function widening(s, df)
  return math.max(1, df > 0 and s / df or 1)
end

local function sum_of_squares(r)
  local s = 0
  for _, x in ipairs(r) do s = s + x * x end
  return s
end

--- J'J at x by central differences (one-sided at a bound), or nil and
-- the failing message.
local function normal_matrix(sc, params, x, targets)
  local p, cols = #params, {}
  for j, par in ipairs(params) do
    local h = 1e-4 * (par.hi - par.lo)
    local up, down = table.move(x, 1, p, 1, {}), table.move(x, 1, p, 1, {})
    up[j], down[j] = math.min(par.hi, x[j] + h), math.max(par.lo, x[j] - h)
    local ru, err = residuals(sc, params, up, targets)
    if not ru then return nil, err end
    local rd, err2 = residuals(sc, params, down, targets)
    if not rd then return nil, err2 end
    local col = {}
    for i = 1, #ru do col[i] = (ru[i] - rd[i]) / (up[j] - down[j]) end
    cols[j] = col
  end
  local m = {}
  for a = 1, p do
    for b = 1, p do
      local s = 0
      for i = 1, #cols[a] do s = s + cols[a][i] * cols[b][i] end
      m[(a - 1) * p + b] = s
    end
  end
  return m
end

--- The covariance of the identified parameters: J'J scaled by the ranges,
-- inverted; a parameter without a pivot is dropped and the rest tried
-- again. Returns { [j] = variance } and { [j] = true } for those dropped.
local function covariance(m, params, inflate)
  local keep, dropped = {}, {}
  for j = 1, #params do keep[#keep + 1] = j end
  while #keep > 0 do
    local q, a, b = #keep, {}, {}
    for r = 1, q do
      for c = 1, q do
        local wr, wc = params[keep[r]].hi - params[keep[r]].lo, params[keep[c]].hi - params[keep[c]].lo
        a[(r - 1) * q + c] = m[(keep[r] - 1) * #params + keep[c]] * wr * wc
        b[(r - 1) * q + c] = r == c and 1 or 0
      end
    end
    local inv, _, _, bad = core.solve(a, b, q, 1e-10 * math.max(1e-300, table.unpack(a)))
    if inv then
      local var = {}
      for r = 1, q do
        local w = params[keep[r]].hi - params[keep[r]].lo
        var[keep[r]] = inv[(r - 1) * q + r] * w * w * inflate
      end
      return var, dropped
    end
    dropped[keep[bad]] = true
    table.remove(keep, bad)
  end
  return {}, dropped
end

--- Calibrates (see the module's comment).
function calibrate.run(spec)
  args.check("calibrate", 1, spec, "table")
  args.options("calibrate", spec, KEYS, 0)
  local sc = spec.scenario
  if type(sc) ~= "table" or type(sc.with) ~= "function" then fail("give the scenario to calibrate") end
  local years = spec.years or { sc.first, sc.last }
  if math.type(years[1]) ~= "integer" or math.type(years[2]) ~= "integer" or years[1] > years[2] or
      years[1] < sc.first or years[2] > sc.last then
    fail("years must be { first, last } within the scenario's %d-%d", sc.first, sc.last)
  end
  local held, held_paths, held_text = {}, {}, {}
  for i, h in ipairs(spec.hold_out or {}) do
    if type(h) == "string" then
      held[h] = { whole = true }
      held_paths[i], held_text[i] = h, h
    elseif type(h) == "table" and type(h[1]) == "string" and math.type(h.from) == "integer" and
        math.type(h.to) == "integer" and h.from <= h.to then
      held[h[1]] = { from = h.from, to = h.to }
      held_paths[i], held_text[i] = h[1], string.format("%s (%d-%d)", h[1], h.from, h.to)
    else
      fail("hold_out %d: give a result path, or { path, from = year, to = year }", i)
    end
  end
  local params = fitted(sc, spec.fit or {})
  local targets = checked_targets(spec.targets, held, years[1], years[2])
  -- every path named must be one the scenario records
  local base = sc:run()
  local names = base:variables()
  for _, path in ipairs(held_paths) do
    if not base:has(path) then fail("the scenario records no '%s' to hold out%s", path, suggest.hint(path, names)) end
  end
  for _, t in ipairs(targets) do
    if not base:has(t.path) then fail("the scenario records no '%s'%s", t.path, suggest.hint(t.path, names)) end
  end
  local start, lo, hi, runs, first_error = {}, {}, {}, 0, nil
  for i, p in ipairs(params) do start[i], lo[i], hi[i] = p.start, p.lo, p.hi end
  local function objective(...)
    runs = runs + 1
    local r, err = residuals(sc, params, { ... }, targets)
    if not r then
      first_error = first_error or err
      return math.huge
    end
    return sum_of_squares(r)
  end
  local max_runs = spec.max_runs or (200 * #params + 200)
  if math.type(max_runs) ~= "integer" or max_runs < 1 then
    fail("max_runs must be a whole number of runs, 1 or more")
  end
  local x, s, code, best_x, best_s = core.minimize(objective, start, lo, hi, max_runs)
  if not x then
    if code == "limit" then
      local at = {}
      for i, p in ipairs(params) do at[i] = p.name .. " = " .. shown(best_x[i]) end
      fail("no convergence in %d runs (best S %s at %s); allow more with max_runs, or fit fewer parameters", max_runs,
        shown(best_s), table.concat(at, ", "))
    end
    fail("%s%s", s, first_error and (" (a run failed: " .. tostring(first_error) .. ")") or "")
  end
  local n_points = 0
  for _, t in ipairs(targets) do n_points = n_points + #t.points end
  local df = n_points - #params
  local m, err = normal_matrix(sc, params, x, targets)
  if not m then fail("a run at the optimum failed: %s", tostring(err)) end
  local var, dropped = covariance(m, params, widening(s, df))
  local fit = setmetatable({ values = {}, sd = {}, identified = {}, range = {}, start = {}, s = s, points = n_points,
    df = df, runs = runs, targets = {}, hold_out = held_text, years = years, base = sc, params = {} },
    Calibration)
  for i, p in ipairs(params) do
    local sd = var[i] and math.sqrt(math.max(0, var[i])) or math.huge
    fit.params[i] = p.name
    fit.values[p.name], fit.sd[p.name], fit.range[p.name], fit.start[p.name] = x[i], sd, { p.lo, p.hi }, p.start
    fit.identified[p.name] = not dropped[i] and 2 * 1.96 * sd < p.hi - p.lo
  end
  local named = {}
  for _, t in ipairs(targets) do
    if not named[t.path] then fit.targets[#fit.targets + 1], named[t.path] = t.path, true end
  end
  fit.target_points = targets
  return fit
end

--- Another run's weighted residuals on the targets: `run` its Results,
-- or a function(path, year) giving its yearly value of a target's path
-- (a value the run lacks: infinitely bad, as a failed run in the fit).
local function run_residuals(self, run, level)
  local value = run
  if type(run) ~= "function" then
    local mt = getmetatable(run)
    if not (mt and mt.__name == "ree.Results") then
      error("calibrate: give a run's Results or a function(path, year) of its values, not " .. type(run), level + 1)
    end
    value = yearly_of(run)
  end
  return residuals_of(value, self.target_points)
end

--- S of another run, the sum of squares the fit minimised (see
-- run_residuals for `run`).
function Calibration:misfit(run)
  return sum_of_squares(run_residuals(self, run, 2))
end

--- How implausible another run is in the light of the data it was fitted
-- to: its largest residual, |model - data| / (sd sqrt(k)), over every
-- target and year, the stated sd widened by the misfit the fit itself
-- has left (k = max(1, S / degrees of freedom), as its covariance is),
-- which is the model's discrepancy from the record.
-- Above 3 a run is ruled out (history matching: Craig et al. 1997,
-- Vernon et al. 2010); runs drawn from the priors and kept so keep what
-- the data say of the parameters they cannot pin, without betting on the
-- ones that fit best a model that is not the world.
function Calibration:implausibility(run)
  local worst = 0
  for _, r in ipairs(run_residuals(self, run, 2)) do worst = math.max(worst, math.abs(r)) end
  return worst / math.sqrt(widening(self.s, self.df))
end

--- The scenario with the fitted values.
function Calibration:scenario()
  return self.base:with(self.values)
end

--- The calibration as text: each parameter's start, fitted value,
-- standard error, range and whether the data identify it; the fit.
function Calibration:__tostring()
  local rows = { { "parameter", "start", "fitted", "sd", "range", "identified" } }
  for _, name in ipairs(self.params) do
    local r = self.range[name]
    rows[#rows + 1] = { name, shown(self.start[name]), shown(self.values[name]),
      self.sd[name] == math.huge and "-" or shown(self.sd[name]), shown(r[1]) .. " to " .. shown(r[2]),
      self.identified[name] and "yes" or "no: the data leave it free" }
  end
  local lines = { string.format("calibration on %s, %d-%d (%d points, %d runs)", table.concat(self.targets, ", "),
    self.years[1], self.years[2], self.points, self.runs), format.table(rows, "  "),
    string.format("  S = %s on %d degrees of freedom", shown(self.s), self.df) }
  if #self.hold_out > 0 then lines[#lines + 1] = "  held out, never fitted: " .. table.concat(self.hold_out, ", ") end
  return table.concat(lines, "\n")
end

return calibrate
