--- Global sensitivity: which uncertain inputs an output depends on, over
-- all of their ranges at once (the tornado moves one at a time).
--
--   local s = ree.sensitivity { scenario = sc, output = "price.Dy.fob", year = 2011,
--     sample = { ["Dy.lambda"] = ree.dist.uniform(0.1, 0.5), ... }, method = "sobol", runs = 256 }
--   print(s)                  -- each input's first-order and total index, with 95% intervals
--   s:chart { file = "sobol.svg" }
--
-- method = "sobol": first-order and total-order indices by Saltelli's
-- scheme, N (runs) base draws in two matrices and one more a input, N (k +
-- 2) evaluations; Saltelli's estimator of the first-order index and
-- Jansen's of the total (A. Saltelli et al., "Variance based sensitivity
-- analysis of model output", Computer Physics Communications 181:259-270,
-- 2010, table 2, estimators (b) and (f)); 95% intervals from 500
-- bootstrap resamples of the base draws.
-- method = "morris": elementary effects over runs trajectories of k + 1
-- points on a grid of `levels` (4) in probability space, each input moved
-- half the range once a trajectory (M. D. Morris, Technometrics 33:161-174,
-- 1991; mu* of Campolongo, Cariboni and Saltelli, 2007): mu*, the mean of
-- the effects' sizes, ranks the inputs; sigma says how far an input acts
-- through others or not linearly. Effects are per unit of probability (the
-- whole range of a uniform input is 1), so inputs compare.
-- Instead of a scenario and an output, `model` may be a function of a
-- table of the inputs' values that returns the number.

local args = require("ree.args")
local montecarlo = require("ree.montecarlo")
local suggest = require("ree.suggest")

local sensitivity = {}

local Sensitivity = {}
Sensitivity.__index = Sensitivity
Sensitivity.__name = "ree.Sensitivity"

local OPTIONS = { scenario = true, model = true, output = true, year = true, sample = true, method = true,
  runs = true, seed = true, levels = true, progress = true }
local METHODS = { sobol = true, morris = true }
local MIN_RUNS = { sobol = 64, morris = 4 }
local BOOTSTRAP = 500

--- The function from a table of input values to the output's number,
-- from the spec's model, or its scenario and output (a path and a year,
-- or a function of the results).
local function evaluator(spec)
  if spec.model then
    if type(spec.model) ~= "function" then error("sensitivity: model is a function of the inputs' values", 3) end
    return spec.model
  end
  local sc, output = spec.scenario, spec.output
  if getmetatable(sc) ~= require("ree.scenario").Scenario then
    error("sensitivity: give a scenario (and an output), or a model function", 3)
  end
  if type(output) == "function" then return function(values) return output(sc:with(values):run()) end end
  if type(output) ~= "string" then
    error("sensitivity: output is a result path (with year) or a function of the results", 3)
  end
  if math.type(spec.year) ~= "integer" then error("sensitivity: give the year of output '" .. output .. "'", 3) end
  return function(values)
    local v = sc:with(values):run():get(output)[spec.year]
    if v == nil then
      error(string.format("sensitivity: '%s' has no value in %d for a run", output, spec.year), 0)
    end
    return v
  end
end

local function check(spec)
  if type(spec) ~= "table" then error("sensitivity: give { scenario = ..., sample = ..., method = ... }", 3) end
  args.options("sensitivity", spec, OPTIONS, 3)
  if not METHODS[spec.method] then
    error(string.format("sensitivity: method is \"sobol\" or \"morris\", not %s%s", tostring(spec.method),
      suggest.hint(spec.method, METHODS)), 3)
  end
  local names = {}
  for name, d in require("ree.order").pairs(spec.sample or {}) do
    if type(d) ~= "table" or type(d.quantile) ~= "function" then
      error(string.format("sensitivity: sample '%s' is not a distribution (ree.dist.*)", tostring(name)), 3)
    end
    names[#names + 1] = name
  end
  table.sort(names)
  if #names < 2 then error("sensitivity: sample two inputs or more", 3) end
  local runs = spec.runs
  if math.type(runs) ~= "integer" or runs < MIN_RUNS[spec.method] then
    error(string.format("sensitivity: %s runs are too few for %s: give runs = %d or more", tostring(runs),
      spec.method == "sobol" and "the indices' confidence intervals" or "Morris's means", MIN_RUNS[spec.method]), 3)
  end
  return names
end

--- The inputs' values at u (a list of probabilities, one an input).
local function values_at(spec, names, u)
  local values = {}
  for k, name in ipairs(names) do values[name] = spec.sample[name].quantile(u[k]) end
  return values
end

local function variance(list)
  local mean = 0
  for _, v in ipairs(list) do mean = mean + v end
  mean = mean / #list
  local s = 0
  for _, v in ipairs(list) do s = s + (v - mean) ^ 2 end
  return s / (#list - 1)
end

--- First-order and total indices of every input from the evaluations at
-- rows (a list of base-draw indices): Saltelli's and Jansen's estimators.
local function sobol_indices(fa, fb, fab, rows, k)
  local both = {}
  for _, r in ipairs(rows) do both[#both + 1], both[#both + 2] = fa[r], fb[r] end
  local v = variance(both)
  local first, total = {}, {}
  for i = 1, k do
    local s1, st = 0, 0
    for _, r in ipairs(rows) do
      s1 = s1 + fb[r] * (fab[i][r] - fa[r])
      st = st + (fa[r] - fab[i][r]) ^ 2
    end
    first[i] = s1 / #rows / v
    total[i] = st / (2 * #rows) / v
  end
  return first, total, v
end

local function sobol(spec, names, f)
  local n, k = spec.runs, #names
  local rng = montecarlo.rng(spec.seed or 1)
  local a, b = {}, {}
  for r = 1, n do
    a[r], b[r] = {}, {}
    for i = 1, k do a[r][i] = rng:uniform() end
    for i = 1, k do b[r][i] = rng:uniform() end
  end
  local fa, fb, fab = {}, {}, {}
  for r = 1, n do
    fa[r], fb[r] = f(values_at(spec, names, a[r])), f(values_at(spec, names, b[r]))
  end
  for i = 1, k do
    fab[i] = {}
    for r = 1, n do
      local u = table.move(a[r], 1, k, 1, {})
      u[i] = b[r][i]
      fab[i][r] = f(values_at(spec, names, u))
    end
  end
  local all = {}
  for r = 1, n do all[r] = r end
  local first, total, v = sobol_indices(fa, fb, fab, all, k)
  if not (v > 0) then -- luacheck: ignore 581 (NaN too)
    error("sensitivity: the output does not vary over the sample: there is nothing to share", 3)
  end
  -- 95% intervals: the indices of resampled base draws
  local boot_first, boot_total = {}, {}
  for i = 1, k do boot_first[i], boot_total[i] = {}, {} end
  for _ = 1, BOOTSTRAP do
    local rows = {}
    for r = 1, n do rows[r] = math.floor(rng:uniform() * n) + 1 end
    local bf, bt = sobol_indices(fa, fb, fab, rows, k)
    for i = 1, k do
      boot_first[i][#boot_first[i] + 1], boot_total[i][#boot_total[i] + 1] = bf[i], bt[i]
    end
  end
  local out = { method = "sobol", names = names, runs = n, evaluations = n * (k + 2), variance = v,
    first = {}, total = {}, first_ci = {}, total_ci = {} }
  for i, name in ipairs(names) do
    table.sort(boot_first[i])
    table.sort(boot_total[i])
    out.first[name], out.total[name] = first[i], total[i]
    out.first_ci[name] = { montecarlo.quantile(boot_first[i], 0.025), montecarlo.quantile(boot_first[i], 0.975) }
    out.total_ci[name] = { montecarlo.quantile(boot_total[i], 0.025), montecarlo.quantile(boot_total[i], 0.975) }
  end
  return out
end

local function morris(spec, names, f)
  local levels = spec.levels or 4
  if math.type(levels) ~= "integer" or levels < 2 or levels % 2 ~= 0 then
    error(string.format("sensitivity: levels is an even number, 2 or more, not %s", tostring(spec.levels)), 3)
  end
  local k, rng = #names, montecarlo.rng(spec.seed or 1)
  local jump = levels // 2 -- half the levels: each input moves half its range
  local delta = jump / levels
  local effects = {}
  for i = 1, k do effects[i] = {} end
  for _ = 1, spec.runs do
    -- a start on the grid's lower half, so that a move up stays on it
    local level = {}
    for i = 1, k do level[i] = math.floor(rng:uniform() * (levels - jump)) end
    local function u_of() local u = {} for i = 1, k do u[i] = (level[i] + 0.5) / levels end return u end
    local y = f(values_at(spec, names, u_of()))
    for _, i in ipairs(rng:permutation(k)) do
      level[i] = level[i] + jump
      local y2 = f(values_at(spec, names, u_of()))
      effects[i][#effects[i] + 1] = (y2 - y) / delta
      y = y2
    end
  end
  local out = { method = "morris", names = names, runs = spec.runs, evaluations = spec.runs * (k + 1),
    levels = levels, mu = {}, mu_star = {}, sigma = {} }
  for i, name in ipairs(names) do
    local sum, abs = 0, 0
    for _, e in ipairs(effects[i]) do sum, abs = sum + e, abs + math.abs(e) end
    out.mu[name], out.mu_star[name] = sum / #effects[i], abs / #effects[i]
    out.sigma[name] = #effects[i] > 1 and math.sqrt(variance(effects[i])) or 0
  end
  return out
end

--- ree.sensitivity(spec): see the module's comment.
function sensitivity.run(spec)
  local names = check(spec)
  local f = evaluator(spec)
  local out = (spec.method == "sobol" and sobol or morris)(spec, names, f)
  return setmetatable(out, Sensitivity)
end

--- The inputs, most influential first (by total index, or mu*).
function Sensitivity:ranked()
  local key = self.method == "sobol" and self.total or self.mu_star
  local list = table.move(self.names, 1, #self.names, 1, {})
  table.sort(list, function(a, b) if key[a] ~= key[b] then return key[a] > key[b] end return a < b end)
  return list
end

--- The table's rows, most influential input first.
function Sensitivity:rows()
  local function n(x) return string.format("%.3f", x) end
  local rows
  if self.method == "sobol" then
    rows = { { "input", "first order", "95% interval", "total", "95% interval" } }
    for _, name in ipairs(self:ranked()) do
      local f, t = self.first_ci[name], self.total_ci[name]
      rows[#rows + 1] = { name, n(self.first[name]), n(f[1]) .. " to " .. n(f[2]), n(self.total[name]),
        n(t[1]) .. " to " .. n(t[2]) }
    end
  else
    rows = { { "input", "mu*", "mu", "sigma" } }
    for _, name in ipairs(self:ranked()) do
      rows[#rows + 1] = { name, n(self.mu_star[name]), n(self.mu[name]), n(self.sigma[name]) }
    end
  end
  return rows
end

function Sensitivity:__tostring()
  local head = self.method == "sobol"
    and string.format("Sobol indices, %d base runs (%d evaluations):\n", self.runs, self.evaluations)
    or string.format("Morris elementary effects, %d trajectories of %d levels (%d evaluations):\n", self.runs,
      self.levels, self.evaluations)
  return head .. require("ree.format").table(self:rows(), "  ")
end

--- The indices as an SVG chart: a bar an input, most influential first
-- (first-order and total, with their intervals; or mu* and sigma). opts:
-- title, file (an .svg, or a .png where rsvg-convert is), source.
function Sensitivity:chart(opts)
  opts = opts or {}
  args.options("chart", opts, { title = true, file = true, source = true }, 2)
  local svgdoc = require("ree.svgdoc")
  local escape, num = svgdoc.escape, svgdoc.num
  local names = self:ranked()
  local sobol_kind = self.method == "sobol"
  local bars = sobol_kind and { { self.first, "first order", "#0072B2", self.first_ci },
    { self.total, "total", "#56B4E9", self.total_ci } } or { { self.mu_star, "mu*", "#0072B2" },
    { self.sigma, "sigma", "#E69F00" } }
  local longest = 0
  for _, name in ipairs(names) do longest = math.max(longest, utf8.len(name) or #name) end
  local left = math.max(120, math.floor(longest * 12 * 0.6) + 24)
  local W, TOP, ROW = 860, 70, 34
  local H = TOP + #names * ROW + 70
  local hi = 0
  for _, b in ipairs(bars) do
    for _, name in ipairs(names) do
      hi = math.max(hi, b[1][name], b[4] and b[4][name][2] or 0)
    end
  end
  if sobol_kind then hi = math.max(hi, 1) end
  local x_of = function(v) return left + math.max(0, v) / hi * (W - left - 40) end
  local out = {}
  local function add(...) out[#out + 1] = string.format(...) end
  add('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" ' ..
    'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">', W, H, W, H)
  add('<rect width="%d" height="%d" fill="#ffffff"/>', W, H)
  local title = opts.title or (sobol_kind and "Sobol indices" or "Morris elementary effects")
  add('<title>%s</title>', escape(title))
  add('<text x="20" y="26" font-size="18" font-weight="bold">%s</text>', escape(title))
  local x = 20
  for _, b in ipairs(bars) do
    add('<rect x="%s" y="38" width="14" height="14" fill="%s"/>', num(x), b[3])
    add('<text x="%s" y="45" dominant-baseline="middle">%s</text>', num(x + 19), escape(b[2]))
    x = x + 19 + #b[2] * 7.5 + 24
  end
  if sobol_kind then
    add('<text x="%s" y="45" dominant-baseline="middle" fill="#444">lines: 95%% intervals</text>', num(x))
  end
  for r, name in ipairs(names) do
    local y = TOP + (r - 1) * ROW
    add('<text x="%d" y="%s" text-anchor="end" dominant-baseline="middle">%s</text>', left - 8, num(y + ROW / 2 - 2),
      escape(name))
    for j, b in ipairs(bars) do
      local top, v = y + 4 + (j - 1) * 12, b[1][name]
      add('<rect x="%d" y="%s" width="%s" height="11" fill="%s"><title>%s, %s: %.3f</title></rect>', left, num(top),
        num(x_of(v) - left), b[3], escape(name), escape(b[2]), v)
      if b[4] then
        local ci = b[4][name]
        add('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#222"/>', num(x_of(ci[1])), num(top + 5.5),
          num(x_of(ci[2])), num(top + 5.5))
      end
    end
  end
  local base = TOP + #names * ROW
  add('<line x1="%d" y1="%d" x2="%d" y2="%s" stroke="#333"/>', left, TOP, left, num(base))
  for _, t in ipairs(require("ree.scale").ticks(0, hi, 5)) do
    if t <= hi + 1e-12 then
      add('<text x="%s" y="%s" text-anchor="middle">%s</text>', num(x_of(t)), num(base + 16),
        escape(require("ree.format").number(t)))
    end
  end
  add('<text x="20" y="%d" font-size="11" fill="#444">%s</text>', H - 14, escape(string.format("%d evaluations. %s",
    self.evaluations, opts.source and ("Source: " .. opts.source) or "")))
  add('</svg>')
  return svgdoc.finish(table.concat(out, "\n") .. "\n", opts)
end

sensitivity.Sensitivity = Sensitivity -- for help and completion

return sensitivity
