--- Benchmark: the scenario engine over the market model.
--
--   ./ree bench scenario [RUNS]      RUNS for the Monte Carlo (10000)
--
-- 1. One 2005-2020 run of models/market_model.lua with 6 elements (La, Ce,
--    Pr, Nd, Tb, Dy), China and 2 regions outside it (JP, RW), two mines
--    outside China and an export quota from 2010: the full year loop of
--    policies, supply, demand, clearing and diagnostics. Target: under 5 ms.
-- 2. A Monte Carlo of that scenario, Latin hypercube over 4 parameters.
--    Target: 10,000 runs under 60 s, the process under 200 MB.
-- 3. The 96 market clearings of one run, in the core and in plain Lua (the
--    same equations and bisection). Target: plain Lua at least 5x slower.
-- 4. The history scenario of models/scenarios/history.lua (5 elements,
--    joint tonnage quotas, China's recorded policies, Japan's
--    countermeasures), for its timing.
--
-- The inputs are round numbers of the right order for timing, not data.

local ree = require("ree")
local timing = require("bench.timing")
local market_model = require("ree.models.market_model")

local RUNS = 9
local MC_RUNS = math.tointeger(tonumber(arg and arg[1] or "")) or 10000
local ELEMENTS = { "La", "Ce", "Pr", "Nd", "Tb", "Dy" }
-- reference price US$/kg, China's demand, Japan's, the rest's (t REO)
local BASE = {
  La = { 5, 20000, 5000, 6000 }, Ce = { 4, 30000, 7000, 8000 }, Pr = { 30, 3000, 800, 700 },
  Nd = { 30, 12000, 4000, 3000 }, Tb = { 600, 200, 60, 40 }, Dy = { 150, 900, 400, 200 },
}

local function scenario()
  local params = {}
  local function set(name, value) params[name] = { value = value, source = "assumption", range = { value, value } } end
  for _, el in ipairs(ELEMENTS) do
    local b = BASE[el]
    set(el .. ".p0", b[1])
    set(el .. ".d_cn0", b[2])
    set(el .. ".d_jp0", b[3])
    set(el .. ".d_rw0", b[4])
    set(el .. ".e_lr", -0.6)
    set(el .. ".lambda", 0.25)
    local total = b[2] + b[3] + b[4]
    set(el .. ".s_cn", { { cost = 0.5 * b[1], cap = 0.6 * total }, { cost = 0.9 * b[1], cap = 0.3 * total },
      { cost = 1.4 * b[1], cap = 0.3 * total } })
    set(el .. ".tax", 0.15)
    set(el .. ".vat_lost", 0.13)
    set(el .. ".quota", ree.series { from = 2005, unit = "t", (function()
      local q = {}
      for y = 2010, 2020 do q[y - 2004] = 0.6 * (b[3] + b[4]) end -- none before 2010: missing
      return table.unpack(q, 1, 16)
    end)() })
    set(el .. ".cap", false)
    set(el .. ".thrift_rmax", 0.1)
    set(el .. ".thrift_m", 2)
    set(el .. ".k_min", 0.6)
    set(el .. ".p_floor", 0.2 * b[1])
    set(el .. ".surplus", "stock")
  end
  set("projects", {
    { name = "Mountain Pass", deposit = "Mountain Pass", capacity = 20000, start = 2009, lead = 2, ramp = 3,
      cost = 12 },
    { name = "Mt Weld", deposit = "Mt Weld", capacity = 11000, start = 2008, lead = 4, ramp = 3, cost = 15 },
  })
  return ree.scenario { name = "bench", years = { 2005, 2020 }, params = params,
    model = market_model { elements = ELEMENTS, regions = { "JP", "RW" } } }
end

-- {==================================================================
-- Market clearing in plain Lua: what core/market.c computes (free trade,
-- the tax equilibrium, the three trade regimes, a binding quota, welfare
-- against free trade), with the same bisection in log price.
-- ===================================================================

local function curve_at(c, p)
  if c == nil then return 0 end
  if c[1] == "elastic" then return c.a * p ^ c.e end
  local q = 0
  for i = 2, #c do if c[i].cost <= p then q = q + c[i].cap end end
  return q
end

--- The integral of curve c from a to b.
local function integral(c, a, b)
  if c == nil or a == b then return 0 end
  if c[1] == "elastic" then return c.a / (c.e + 1) * (b ^ (c.e + 1) - a ^ (c.e + 1)) end
  local lo, hi = math.min(a, b), math.max(a, b)
  local q = 0
  for i = 2, #c do
    if c[i].cost < hi then q = q + c[i].cap * (hi - math.max(lo, c[i].cost)) end
  end
  return a < b and q or -q
end

local function root(f)
  local lo, hi = 1.0, 1.0
  while f(lo) > 0 and lo > 1e-9 do lo = lo / 10 end
  while f(hi) < 0 and hi < 1e9 do hi = hi * 10 end
  for _ = 1, 200 do
    if hi / lo <= 1 + 1e-15 then break end
    local mid = math.sqrt(lo * hi)
    if f(mid) < 0 then lo = mid else hi = mid end
  end
  return math.sqrt(lo * hi)
end

local function plain_clear(m)
  local function es(p) return curve_at(m.s_cn, p) - curve_at(m.d_cn, p) end
  local function ed(p) return curve_at(m.d_rw, p) - curve_at(m.s_rw, p) end
  local r = {}
  local w = (1 + m.tax) * (1 + m.vat_lost)
  r.p_free = root(function(p) return es(p) - ed(p) end)
  local p_cn, p_rw
  local legal, imports = 0, 0
  if ed(r.p_free) < 0 then
    p_cn, p_rw, imports = r.p_free, r.p_free, -ed(r.p_free)
  else
    p_cn = root(function(p) return es(p) - ed(w * p) end)
    p_rw = w * p_cn
    legal = ed(p_rw)
    if legal < 0 then
      p_cn = root(es)
      p_rw = root(function(p) return -ed(p) end)
      legal = 0
    end
  end
  if m.quota >= 0 and legal > m.quota then
    p_rw = root(function(p) return m.quota - ed(p) end)
    p_cn = root(function(p) return es(p) - m.quota end)
    legal = m.quota
    r.quota_rent = (p_rw - w * p_cn) * m.quota * 1000
  end
  r.p_cn, r.p_rw, r.exports, r.imports = p_cn, p_rw, legal - imports, imports
  r.d_cn, r.d_rw = curve_at(m.d_cn, p_cn), curve_at(m.d_rw, p_rw)
  r.s_cn, r.s_rw = r.d_cn + r.exports, r.d_rw - r.exports
  r.tax_revenue = m.tax * p_cn * legal * 1000
  r.vat_revenue = m.vat_lost * (1 + m.tax) * p_cn * legal * 1000
  r.tax_equivalent = p_rw / ((1 + m.vat_lost) * p_cn) - 1
  r.d_cs_cn = integral(m.d_cn, p_cn, r.p_free) * 1000
  r.d_ps_cn = -integral(m.s_cn, p_cn, r.p_free) * 1000
  r.d_cs_rw = -integral(m.d_rw, r.p_free, p_rw) * 1000
  r.d_ps_rw = integral(m.s_rw, r.p_free, p_rw) * 1000
  r.deadweight = -(r.d_cs_cn + r.d_ps_cn + r.d_cs_rw + r.d_ps_rw + r.tax_revenue + r.vat_revenue
    + (r.quota_rent or 0))
  return r
end

-- }==================================================================


--- The process's peak resident memory in MB (Linux), or nil.
local function peak_mb()
  local f = io.open("/proc/self/status")
  if not f then return nil end
  local kb = f:read("a"):match("VmHWM:%s*(%d+)")
  f:close()
  return kb and tonumber(kb) / 1024
end

local sc = scenario()

-- every market the run clears, to time the two clearings on
local markets = {}
local clear = ree.market.clear
ree.market.clear = function(spec)
  markets[#markets + 1] = spec
  return clear(spec)
end
sc:run()
ree.market.clear = clear
for _, m in ipairs(markets) do -- the two must agree before their speed means anything
  local r, plain = clear(m), plain_clear(m)
  for _, k in ipairs({ "p_cn", "p_rw", "exports", "deadweight" }) do
    assert(math.abs(plain[k] - r[k]) <= 1e-6 * math.max(1, math.abs(r[k])),
      string.format("ree and plain Lua disagree on %s in %s %d: %.17g, %.17g", k, m.name, m.year, r[k], plain[k]))
  end
end

local history = require("ree.models.scenarios.history").scenario("history")
local rows = {
  { "one run: 6 elements, 3 regions, 2005-2020", timing.measure(function() sc:run() end, RUNS) },
  { "the history, 2005-2015 (models/scenarios)", timing.measure(function() history:run() end, RUNS) },
  { string.format("%d market clearings in the core", #markets),
    timing.measure(function() for _, m in ipairs(markets) do clear(m) end end, RUNS) },
  { string.format("%d market clearings in plain Lua", #markets),
    timing.measure(function() for _, m in ipairs(markets) do plain_clear(m) end end, RUNS) },
}
timing.print(string.format("scenario engine, median of %d runs (%s)", RUNS, _VERSION), rows)
print(string.format("plain Lua clearing / core clearing: %.1fx", rows[4][2] / rows[3][2]))

local t0 = os.clock()
local mc = ree.montecarlo { scenario = sc, runs = MC_RUNS, seed = 1, collect = { "price.Dy.fob", "price.Nd.fob" },
  sample = {
    ["Dy.e_lr"] = ree.dist.uniform(-1.0, -0.3), ["Nd.e_lr"] = ree.dist.uniform(-1.0, -0.3),
    ["Dy.lambda"] = ree.dist.triangular(0.1, 0.25, 0.5), ["Dy.thrift_rmax"] = ree.dist.uniform(0.02, 0.2),
  } }
local seconds = os.clock() - t0
local b = mc:bands "price.Dy.fob"
print(string.format("Monte Carlo: %d runs in %.1f s (%.2f ms a run), peak memory %.0f MB", MC_RUNS, seconds,
  seconds / MC_RUNS * 1e3, peak_mb() or 0 / 0))
print(string.format("  Dy fob price in 2012, US$/kg: p05 %.0f, median %.0f, p95 %.0f", b.p05[2012], b.p50[2012],
  b.p95[2012]))
