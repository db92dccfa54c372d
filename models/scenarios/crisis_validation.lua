--- The crisis judged on what it was never fitted to: a Monte Carlo over
-- the parameters the data cannot pin, each held-out fact with the
-- record, the model's 5-95% band and median, and whether the band
-- reaches the record.
--
--   local v = require("ree.models.scenarios.crisis_validation")
--   local out = v.run { runs = 400, seed = 1 }
--   print(v.report(out.facts, out.prior))
--   out.mc:bands "price.Dy.fob"
--
-- The calibration (models/scenarios/crisis_fit.lua) fixes the parameters
-- it identifies; the Monte Carlo draws the rest uniformly over their
-- ranges, Latin hypercube: the stocks' cover, its rise with risk and its
-- price elasticity, the adjustment and expectation times, how far
-- ahead holders extrapolate the price's trend, the risk
-- index's scale and half-life, the fringe's price
-- response, smuggling, the growth of magnets and their part of each
-- element's demand, how fast and how much of Japan's glass and polishing
-- moves to China, the state reserve and the light stockpile's 2011
-- purchases, and the fitted parameters the data left free. The runs the
-- calibration's data rule out (exports, output, the price levels of
-- 2014-2015: validation.weigh) are then set aside, so that what those
-- data say of a parameter they cannot pin still counts; the bands of all
-- the runs, the priors alone, are reported beside.
--
-- A fact holds when its band reaches the record: contains a recorded
-- value, overlaps a recorded range, reaches a recorded lower bound; the
-- peak months when the median run's peak falls within two months of the
-- record's. Bands are wide by design: the priors are wide, and a band that
-- brackets the record is the honest result, not a hit.

local ree = require("ree")
local format = require("ree.format")
local weighted_quantile = require("ree.montecarlo").weighted_quantile
local aggregation = require("ree.series").aggregation
local base = require("ree.models.scenarios.base")
local crisis = require("ree.models.scenarios.crisis")
local fit = require("ree.models.scenarios.crisis_fit")

local validation = {}

local FIRST = base.YEARS[1]
local ELEMENTS = base.ELEMENTS

--- What the Monte Carlo draws: { name = distribution }, given the fit.
function validation.sample(calibration)
  local draw = {}
  local PRIORS = { "stock.cover0", "stock.theta", "stock.cover0_cn", "stock.theta_cn", "stock.eta", "stock.tau",
    "stock.tau_e", "stock.phi", "risk.full", "risk.half_life", "fringe.e", "leak.g",
    "crisis.magnet_growth", "crisis.magnets.Nd", "crisis.magnets.Pr", "crisis.magnets.Dy",
    "crisis.relocation_speed", "crisis.relocatable.La", "crisis.relocatable.Ce" }
  for _, name in ipairs(PRIORS) do
    local r = crisis.PARAMS[name].range
    draw[name] = ree.dist.uniform(r[1], r[2])
  end
  for _, name in ipairs(calibration.params) do
    if not calibration.identified[name] then
      local r = calibration.range[name]
      draw[name] = ree.dist.uniform(r[1], r[2])
    end
  end
  -- the reserve's yearly purchases in 2012-2013, from none to the range's top
  local reserve = crisis.PARAMS.reserve
  draw.reserve = ree.dist.map(ree.dist.uniform(0, 1), function(u)
    local s = reserve.value
    return s * (u * reserve.range[2] / s:max())
  end, "reserve: 2012-2013 purchases uniform(0, " .. reserve.range[2] .. ") t a year")
  -- the light stockpile's 2011 purchases (2010's are on record)
  local light = crisis.PARAMS["reserve.light"].range
  draw["reserve.light"] = ree.dist.map(ree.dist.uniform(light[1], light[2]), crisis.light_stockpile,
    string.format("reserve.light: 2011 purchases uniform(%g, %g) t", light[1], light[2]))
  return draw
end

validation.COLLECT = { "price.La.fob", "price.Ce.fob", "price.Nd.fob", "price.Dy.fob", "price.Nd.cn", "ratio.Nd",
  "exports.customs", "exports.smuggled", "licence.all", "output.CN" }
for _, el in ipairs(ELEMENTS) do validation.COLLECT[#validation.COLLECT + 1] = "purchases." .. el .. ".JP" end

-- A run's monthly values: index of (year, month).
local function at(year, month) return (year - FIRST) * 12 + month end
local function mean(v, from, to)
  local s = 0
  for i = from, to do s = s + v[i] end
  return s / (to - from + 1)
end
local function year_sum(v, year) return mean(v, at(year, 1), at(year, 12)) * 12 end

--- The peak of v in 2010-2012: its height and its index.
local function peak(v)
  local best, where = -math.huge, nil
  for i = at(2010, 1), at(2012, 12) do
    if v[i] > best then best, where = v[i], i end
  end
  return best, where
end

local function month_text(i)
  local y, m = FIRST + (i - 1) // 12, (i - 1) % 12 + 1
  return string.format("%d-%02d", y, m)
end

--- Each run's statistic f(row) with its weight (1 each without
-- weights), sorted, those of weight 0 and NaN left out.
local function weighed(mc, weights, f)
  local xs = {}
  for i, row in pairs(mc.values) do
    local x, w = f(row), weights and weights[i] or 1
    if x == x and w > 0 then xs[#xs + 1] = { x, w } end
  end
  table.sort(xs, function(a, b) return a[1] < b[1] end)
  return xs
end

--- The held-out facts, from a finished Monte Carlo: its bands weighted
-- as its runs are (MonteCarlo:weigh), or with opts.prior each run alike.
function validation.facts(mc, opts)
  local weights = not (opts and opts.prior) and mc.weights or nil
  local quotas = assert(ree.data.load "china-quotas")
  local _, modelled = crisis.mix(crisis.PARAMS["fringe.light"].value, crisis.PARAMS["fringe.heavy"].value)
  local facts = {}
  local function fact(spec) facts[#facts + 1] = spec end
  local function value_fact(name, record, lo, hi, f, unit, source)
    local xs = weighed(mc, weights, f)
    local b = { p05 = weighted_quantile(xs, 0.05), p50 = weighted_quantile(xs, 0.5),
      p95 = weighted_quantile(xs, 0.95) }
    fact { name = name, record = record, band = b, unit = unit, source = source,
      holds = b.p05 <= hi and b.p95 >= lo }
  end
  local function peak_month_fact(name, record, from, to, path, source)
    local where = weighed(mc, weights, function(row) return select(2, peak(row[path])) end)
    local q = function(p) return weighted_quantile(where, p, true) end
    local median = q(0.5)
    fact { name = name, record = record, band = { p05 = q(0.05), p50 = median, p95 = q(0.95) }, months = true,
      source = source, holds = median >= from - 2 and median <= to + 2 }
  end
  value_fact("Nd oxide peak, FOB, 2010-2012", "about 370 US$/kg (mid-2011)", 370, 370,
    function(row) return (peak(row["price.Nd.fob"])) end, "US$/kg", "reuters-ibtimes-2011")
  peak_month_fact("Nd oxide peak month", "mid-2011 (June-August)", at(2011, 6), at(2011, 8), "price.Nd.fob",
    "reuters-ibtimes-2011")
  value_fact("Dy oxide peak, FOB, 2010-2012", "2,300 US$/kg or more (Oct 2011, past its peak)", 2300, math.huge,
    function(row) return (peak(row["price.Dy.fob"])) end, "US$/kg", "lynas-mining-com")
  peak_month_fact("Dy oxide peak month", "before October 2011 (mid-2011)", at(2011, 6), at(2011, 9), "price.Dy.fob",
    "lynas-mining-com")
  value_fact("FOB / China price, Nd, June-August 2011", "1.7-3", 1.7, 3,
    function(row) return mean(row["ratio.Nd"], at(2011, 6), at(2011, 8)) end, "", "reuters-ibtimes-2011")
  -- (where the peak's height is made: inside China, or at its border)
  value_fact("Nd oxide in China, June-August 2011", "about 217 US$/kg (mid-2011)", 217, 217,
    function(row) return mean(row["price.Nd.cn"], at(2011, 6), at(2011, 8)) end, "US$/kg", "reuters-ibtimes-2011")
  -- (Japan's demand as its industry buys it: use, and the stock its users
  -- and traders build or run down)
  value_fact("Japan's demand, 2010 to 2011", "-32% (31,000 to 21,090 t)", -0.32, -0.32, function(row)
    local d10, d11 = 0, 0
    for _, el in ipairs(ELEMENTS) do
      local v = row["purchases." .. el .. ".JP"]
      d10, d11 = d10 + year_sum(v, 2010), d11 + year_sum(v, 2011)
    end
    return d11 / d10 - 1
  end, "%", "jsnm")
  -- (the Ministry of Finance's tonnes of product from China, not REO: a
  -- change, against the model's purchases of the five elements from all
  -- origins, when little came from elsewhere)
  local demand = assert(ree.data.load "demand")
  local by_month, jan_may = demand:get("Japan: imports from China, by month"), 0
  for m = 1, 5 do jan_may = jan_may + by_month:at(2011, m) end
  local change = (jan_may / 5) / (demand:get("Japan: imports from China")[2010] / 12) - 1
  value_fact("Japan's imports, Jan-May 2011 on 2010", string.format("%s t a month from China: %+.0f%%",
    format.number(jan_may / 5), 100 * change), change, change, function(row)
    local early, before = 0, 0
    for _, el in ipairs(ELEMENTS) do
      local v = row["purchases." .. el .. ".JP"]
      early, before = early + mean(v, at(2011, 1), at(2011, 5)), before + mean(v, at(2010, 1), at(2010, 12))
    end
    return early / before - 1
  end, "%", "reuters-2011-04-japan-imports")
  value_fact("La oxide, Q3 2011 to 2013", "117 to 6-9 US$/kg: -92% to -95%", -0.95, -0.92, function(row)
    local v = row["price.La.fob"]
    return mean(v, at(2013, 1), at(2013, 12)) / mean(v, at(2011, 7), at(2011, 9)) - 1
  end, "%", "usgs-mcs-2014")
  value_fact("Ce oxide, end of 2011 to end of 2013", "40-45 to 5-6 US$/kg: -85% to -89%", -0.89, -0.85,
    function(row)
      local v = row["price.Ce.fob"]
      return v[at(2013, 12)] / v[at(2011, 12)] - 1
    end, "%", "usgs-mcs-2016")
  local exports, quota = quotas:get("Exports"), quotas:get("Export quota")
  for _, year in ipairs({ 2011, 2012 }) do
    local fill = exports[year] / quota[year]
    value_fact(string.format("%d: exports against the quota", year),
      string.format("%s of %s t: %.0f%%", format.number(exports[year]), format.number(quota[year]), 100 * fill),
      fill, fill, function(row) return year_sum(row["exports.customs"], year) / modelled / quota[year] end, "share",
      year == 2011 and "miit-2011-exports" or "afp-2013-exports")
  end
  value_fact("2010: the export licence's price, July", "about 15 US$/kg", 15, 15,
    function(row) return row["licence.all"][at(2010, 7)] end, "US$/kg", "jmb-4991")
  return facts
end

local function shown(f, x)
  if f.months then return month_text(x) end
  if f.unit == "%" then return math.abs(x) < 0.005 and "0%" or string.format("%+.0f%%", 100 * x) end
  if f.unit == "share" then return string.format("%.0f%%", 100 * x) end
  if math.abs(x) >= 100 then return format.number(x) end
  return string.format("%.2f", x)
end

--- The facts as rows of text, a header first; and how many hold.
function validation.rows(facts)
  local rows = { { "", "held-out fact", "the record", "model: 5-95%", "median", "source" } }
  local met = 0
  for _, f in ipairs(facts) do
    if f.holds then met = met + 1 end
    rows[#rows + 1] = { f.holds and "ok" or "MISS", f.name, f.record,
      shown(f, f.band.p05) .. " to " .. shown(f, f.band.p95), shown(f, f.band.p50), f.source }
  end
  return rows, met
end

--- The facts as a table for the terminal; with `prior` (the facts with
-- each run alike), how many of those hold too.
function validation.report(facts, prior)
  local rows, met = validation.rows(facts)
  local text = format.table(rows, "  ") .. string.format("\n  %d of %d held-out facts within the band", met, #facts)
  if not prior then return text end
  local _, prior_met = validation.rows(prior)
  return text .. string.format("; %d of %d in the bands of all the runs (the priors alone)", prior_met, #prior)
end

local OXIDE = { Nd = "Nd2O3", Dy = "Dy2O3" }

--- Fan charts of Nd and Dy oxide FOB, 2008-2015, with the record's
-- monthly prices over them: { { element, svg text }, ... } (opts.dir: also
-- written there as crisis-Nd.svg and crisis-Dy.svg).
function validation.charts(out, opts)
  opts = opts or {}
  local prices = assert(ree.data.load "prices")
  local list = {}
  for _, el in ipairs({ "Nd", "Dy" }) do
    local b = out.mc:bands("price." .. el .. ".fob")
    for q, s in pairs(b) do b[q] = s:slice(2008, 2015) end
    local text = require("ree.svg").bands(b, {
      title = el .. " oxide FOB China, by month: the crisis model against the record",
      subtitle = string.format("%.0f of %d runs (those the fit's data do not rule out); dots: the record, " ..
        "never fitted", out.mc:effective_runs(), out.mc:count()),
      ylabel = "US$/kg", log = true, file = opts.dir and string.format("%s/crisis-%s.svg", opts.dir, el),
      record = prices:get(OXIDE[el] .. ", FOB, by month"):named("the record"),
      source = "models/data/history/prices.json; the model: models/scenarios/crisis.lua" })
    list[#list + 1] = { el, text, opts.dir and string.format("%s/crisis-%s.svg", opts.dir, el) }
  end
  return list
end

--- Run row's yearly value of a collected path, as the calibration
-- compares it: its months summed or averaged, as its unit adds up
-- (series.aggregation: a flow summed, a price averaged).
local function yearly(mc, row)
  return function(path, year)
    local v = row[path]
    if not v then error(string.format("crisis validation: the calibration's target '%s' is not collected", path), 0) end
    local s = mean(v, at(year, 1), at(year, 12))
    return aggregation(mc.units[path]) == "sum" and 12 * s or s
  end
end

-- A run farther than this from a calibration target is ruled out
-- (Calibration:implausibility: three of its widened sds, the custom of
-- history matching).
validation.IMPLAUSIBLE = 3

--- Keeps those of mc's runs the calibration's data do not rule out
-- (weight 1; 0 the rest): none further than validation.IMPLAUSIBLE from
-- a target it was fitted to, never judged on a held-out fact. Returns
-- the number kept.
function validation.weigh(mc, calibration)
  return mc:weigh(function(row)
    return calibration:implausibility(yearly(mc, row)) <= validation.IMPLAUSIBLE and 1 or 0
  end)
end

--- Calibrates, runs the Monte Carlo, weighs its runs by the calibration's
-- data and judges it: { fit, mc, facts, prior }, prior the facts with
-- every run (the priors alone). opts: runs (default 400), seed (1),
-- max_runs (the calibration's).
function validation.run(opts)
  opts = opts or {}
  local calibration = fit.run(opts.max_runs)
  local mc = ree.montecarlo { scenario = calibration:scenario(), runs = opts.runs or 400, seed = opts.seed or 1,
    sample = validation.sample(calibration), collect = validation.COLLECT, progress = opts.progress }
  validation.weigh(mc, calibration)
  return { fit = calibration, mc = mc, facts = validation.facts(mc), prior = validation.facts(mc, { prior = true }) }
end

return validation
