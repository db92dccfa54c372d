--- The dynamic stock model: the core's (survival tabulated once by age)
-- against two plain-Lua twins of the same inflow-driven model, one that
-- evaluates the survival function twice a cohort-year cell (as the core
-- did before, and as a model that builds its survival matrix cell by cell
-- does) and one that tabulates it too; and how the core's time grows with
-- the years (cohorts x years cells: exponent 2 is linear in the cells).
--
-- Where ODYM is at hand (ODYM_DIR: the folder with its
-- dynamic_stock_model.py; Python with numpy and scipy), the same model in
-- ODYM beside it (scripts/bench/stocks_odym.py), with the time ratio.
--
--   ./ree bench stocks [RUNS]     (7 runs a size; the median is what counts)

local ree = require("ree")
local timing = require("bench.timing")

local RUNS = math.tointeger(tonumber(arg and arg[1] or "")) or 7
local SHAPE, SCALE = 2.5, 12 -- a Weibull lifetime: magnets in motors

local function survival(age)
  if age < 0 then return 1 end
  return math.exp(-((age / SCALE) ^ SHAPE))
end

local function inflow_values(years)
  local v = {}
  for i = 1, years do v[i] = 100 + 10 * math.sin(i) end
  return v
end

--- The model in plain Lua: the stock at the end of the last year.
local function plain(inflow, tabulated)
  local n, cur, sf = #inflow, {}, {}
  if tabulated then for a = -1, n do sf[a] = survival(a) end end
  local function sf_of(a) if tabulated then return sf[a] end return survival(a) end
  local stock = 0
  for t = 1, n do
    stock = 0
    for c = 1, t - 1 do
      local before, after = sf_of(t - 1 - c), sf_of(t - c)
      cur[c] = cur[c] * (before > 0 and after / before or 0)
      stock = stock + cur[c]
    end
    cur[t] = inflow[t] * sf_of(0)
    stock = stock + cur[t]
  end
  return stock
end

local function core_model(inflow)
  local s = ree.series { from = 0, unit = "t", table.unpack(inflow) }
  return ree.stock_model { lifetime = { "weibull", shape = SHAPE, scale = SCALE }, inflow = s }
end

local rows, medians, ratios = {}, {}, {}
for _, years in ipairs({ 50, 200, 1000, 2000 }) do
  local inflow = inflow_values(years)
  local m = core_model(inflow)
  -- the three give one stock, to rounding
  local reference = plain(inflow, true)
  assert(math.abs(m.stock[years - 1] - reference) <= 1e-9 * reference, "the twins disagree")
  local med, lo, hi = timing.measure(function() core_model(inflow) end, RUNS)
  rows[#rows + 1] = { string.format("core, %d years", years), med, lo, hi }
  medians[years] = med
  if years <= 1000 then
    local pm, pl, ph = timing.measure(function() plain(inflow, true) end, RUNS)
    rows[#rows + 1] = { string.format("plain Lua, tabulated, %d years", years), pm, pl, ph }
    local nm, nl, nh = timing.measure(function() plain(inflow, false) end, years <= 200 and RUNS or 3)
    rows[#rows + 1] = { string.format("plain Lua, survival a cell, %d years", years), nm, nl, nh }
    ratios[#ratios + 1] = string.format("plain Lua (survival a cell) / core, %d years: %.1fx; tabulated / core: %.1fx",
      years, nm / med, pm / med)
  end
end
timing.print(string.format("Dynamic stock model, Weibull lifetime (median of %d runs)", RUNS), rows)
for _, line in ipairs(ratios) do print(line) end
print(string.format("growth of the core's time, 1000 -> 2000 years: exponent %.2f (2 = linear in cohort-years)",
  math.log(medians[2000] / medians[1000], 2)))

-- ODYM on the same inputs, where it is at hand (CPU time both sides, one
-- BLAS thread: ree uses one core)
local py = os.getenv("ODYM_DIR") and timing.python("numpy, scipy")
if not py then
  print("ODYM: not at hand (set ODYM_DIR to the folder with ODYM's dynamic_stock_model.py; Python needs numpy " ..
    "and scipy): the side-by-side is skipped")
else
  for _, years in ipairs({ 50, 1000 }) do
    local p = assert(io.popen(string.format("OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 %s %s/scripts/bench/" ..
      "stocks_odym.py %d %.17g %.17g %d", py, require("ree.files").root(), years, SHAPE, SCALE, RUNS)))
    local line = p:read("a")
    p:close()
    local stock, med, lo, hi = line:match("^(%S+) (%S+) (%S+) (%S+)")
    if not stock then error("stocks_odym.py: " .. line, 0) end
    local ours = core_model(inflow_values(years)).stock[years - 1]
    print(string.format("ODYM, %d years: median %.2f ms (%.2f-%.2f); ree %.3f ms: ree %.0fx faster; last stock " ..
      "%.10g against ree's %.10g", years, tonumber(med), tonumber(lo), tonumber(hi), medians[years] * 1e3,
      tonumber(med) / (medians[years] * 1e3), tonumber(stock), ours))
  end
end
