--- China's downstream-capture ladder, as numbers: the export duty on each
-- stage of the magnet chain by year (from the record in
-- models/data/history/china-export-duties.json) and the effective rate of
-- protection (Corden 1966) it gives each stage inside China
-- (docs/MODELS.md section 1.1).
--
--   local china = require("ree.models.china")
--   china.ladder("Nd", 2011)        --> { oxide = 25, metal = 25, alloy = 25, magnet = 0 } (%), and sources
--   china.policies({ "Nd", "Dy" }, 2005, 2015)   --> ree.policy objects for a scenario
--   china.erp { nominal = { metal = -0.2, alloy = 0, magnet = 0 } }   --> { alloy = 1.8, magnet = 0 }
--   china.erp_by_year("Nd", 2006, 2015)   --> { alloy = Series, magnet = Series } (fraction)
--
-- An export duty x on an input lowers its price inside China to
-- P_world / (1 + x) while China still exports it: for a user inside China
-- the input carries the nominal rate t = -x / (1 + x). With a binding quota
-- the observed price ratio R = P_fob / P_china gives t = 1 / R - 1. Then
--   ERP_j = (t_j - sum_i a_ij t_i) / (1 - sum_i a_ij)
-- with a_ij the share of input i in the value of j at world prices.

local ree = require("ree")
local args = require("ree.args")

local china = {}

--- The stages the ladder climbs, each made from the one before.
china.STAGES = { "oxide", "metal", "alloy", "magnet" }

--- The share of each stage's input in the value of its output at world
-- prices. No source gives them for rare earths: assumptions, with ranges
-- (the alloy and magnet values are docs/MODELS.md's worked example, section 1.1).
china.SHARES = {
  metal = { input = "oxide", value = 0.85, source = "assumption", range = { 0.7, 0.95 } },
  alloy = { input = "metal", value = 0.9, source = "assumption", range = { 0.8, 0.95 } },
  magnet = { input = "alloy", value = 0.7, source = "assumption", range = { 0.5, 0.85 } },
}

--- The duty series of the record that apply to each stage of an element.
-- A rate stays in force until a later source states another (an
-- assumption: the record gives rates where a source stated them, not
-- every year); of two stated for the same year, the later in the list
-- wins: magnet alloy (strip-cast NdFeB, about 30% rare earth) is a
-- "ferro-alloy over 10% rare earth" (25% from May 2011) more than a Dy-Fe
-- or Nd-Fe master alloy (20%). For La and Ce the sources disagree on
-- 2010-2011; `reading` picks one ("gta", the default, or "bloomberg").
local ALLOY = { "Alloys: Dy-Fe, Nd-Fe", "Ferro-alloys over 10% rare earth" }
local MAGNET = { "Sintered NdFeB magnets" }
local FIRST = "Rare-earth products (first duty)"
local LIGHT_METALS = { "Rare-earth metals", "Metals: light rare earths" }
local SERIES = {
  Nd = { oxide = { FIRST, "Oxides: La, Nd", "Nd (oxide and metal)" },
    metal = { "Rare-earth metals", "Metals: light rare earths", "Nd (oxide and metal)" }, alloy = ALLOY,
    magnet = MAGNET },
  Dy = { oxide = { FIRST, "Oxides: Y, Eu, Dy, Tb" }, -- the oxides' 2010 entry covers metals too
    metal = { "Rare-earth metals", "Metals: heavy rare earths", "Oxides: Y, Eu, Dy, Tb" }, alloy = ALLOY,
    magnet = MAGNET },
  La = { oxide = { FIRST, "Oxides: La, Nd", "La, Ce" }, metal = LIGHT_METALS, alloy = ALLOY, magnet = MAGNET },
  Ce = { oxide = { FIRST, "La, Ce" }, metal = LIGHT_METALS, alloy = ALLOY, magnet = MAGNET },
  -- Pr has no entry of its own: Global Trade Alert's 2010 "other rare earths 15%" (kept with La, Ce)
  Pr = { oxide = { FIRST, "La, Ce (Global Trade Alert)" }, metal = LIGHT_METALS, alloy = ALLOY, magnet = MAGNET },
}
SERIES.Tb = SERIES.Dy
local READINGS = { gta = "La, Ce (Global Trade Alert)", bloomberg = "La, Ce (Bloomberg)" }

local NONE_BEFORE = 2007 -- "none in 2006" (seed-2012): the first duties came in 2007
local NONE_FROM = 2015   -- all removed from 1 May 2015 (chinadaily-2015-04)
-- The founding report puts the alloy duty in 2012, the record's first
-- alloy rate is of 2010: before 2010 both have alloys untaxed.
local ALLOYS_FROM = 2010

local duties
local function record()
  if not duties then duties = assert(ree.data.load "china-export-duties") end
  return duties
end

--- The duty rate (%) on stage of element el in year, and its source; nil
-- when the record has no rate in force.
local function rate(el, stage, year, reading)
  if year < NONE_BEFORE then return 0, "seed-2012" end
  if year >= NONE_FROM then return 0, "chinadaily-2015-04" end
  if stage == "magnet" then return 0, "wsj-2011-08" end -- finished magnets were never taxed
  if stage == "alloy" and year < ALLOYS_FROM then return 0, "seed-2012" end
  local d = record()
  local best, best_year, source
  for _, name in ipairs(SERIES[el][stage]) do
    if name == "La, Ce" then name = READINGS[reading] end
    local s = d:get(name)
    for y = year, (s:years()), -1 do
      local v = s[y]
      if v and (not best_year or y >= best_year) then
        best, best_year, source = v, y, d.provenance[name][y].source
        break
      end
    end
  end
  return best, source
end

--- The export duty (%) on each stage of el's magnet chain in year, with
-- each rate's source: ladder, sources. reading: for La and Ce, "gta" (the
-- default) or "bloomberg".
function china.ladder(el, year, reading)
  if not SERIES[el] then
    error(string.format("china.ladder: no duty record for '%s' (La, Ce, Pr, Nd, Dy or Tb)", tostring(el)), 2)
  end
  reading = reading or "gta"
  if not READINGS[reading] then
    error(string.format("china.ladder: reading must be \"gta\" or \"bloomberg\", not '%s'", tostring(reading)), 2)
  end
  local out, sources = {}, {}
  for _, stage in ipairs(china.STAGES) do out[stage], sources[stage] = rate(el, stage, year, reading) end
  return out, sources
end

--- The nominal rate an export duty of x (a fraction) gives a user inside China.
function china.nominal_from_duty(x) return -x / (1 + x) end

--- The nominal rate an observed price ratio R = P_fob / P_china gives.
function china.nominal_from_ratio(r) return 1 / r - 1 end

--- The effective rate of protection of each stage with an input:
-- { nominal = { stage = t }, shares = { stage = { input =, value = } } }
-- (shares default to china.SHARES). A stage whose rate or whose input's
-- rate is missing has no ERP.
function china.erp(spec)
  local shares = spec.shares or china.SHARES
  local out = {}
  for stage, a in pairs(shares) do
    local tj, ti = spec.nominal[stage], spec.nominal[a.input]
    if tj and ti then out[stage] = (tj - a.value * ti) / (1 - a.value) end
  end
  return out
end

--- The ERP of each stage of el's chain, year by year, from the duty
-- ladder: { metal = Series, alloy = Series, magnet = Series } (fractions;
-- missing where the record has no rate).
function china.erp_by_year(el, from, to, shares)
  local values = { metal = {}, alloy = {}, magnet = {} }
  for year = from, to do
    local ladder = china.ladder(el, year)
    local nominal = {}
    for stage, x in pairs(ladder) do nominal[stage] = china.nominal_from_duty(x / 100) end
    local erp = china.erp { nominal = nominal, shares = shares }
    for stage, v in pairs(values) do v[year - from + 1] = erp[stage] or ree.missing end
  end
  local out = {}
  for stage, v in pairs(values) do
    out[stage] = ree.series { from = from, unit = "fraction", name = "ERP, " .. stage .. " (" .. el .. ")",
      table.unpack(v, 1, to - from + 1) }
  end
  return out
end

--- The share of oxide in the value of a magnet at world prices, through
-- the stages above it: the product of china.SHARES (computed from
-- assumptions: 0.85 x 0.9 x 0.7 = 0.5355 with the defaults).
function china.oxide_share(shares)
  shares = shares or china.SHARES
  return shares.metal.value * shares.alloy.value * shares.magnet.value
end

local wedges_schema = {
  type = "object", required = { "title", "observations" },
  fields = {
    title = { type = "string" }, note = { type = "string" },
    observations = { type = "array", items = {
      type = "object", required = { "date", "element", "source" },
      fields = {
        date = { type = "string" }, element = { type = "element" }, source = { type = "source" },
        ratio = { type = "number", min = 0 }, fob = { type = "number", min = 0 },
        china = { type = "number", min = 0 }, note = { type = "string" },
      } } },
  },
}

--- The effective protection that observed price wedges gave China's
-- users of an oxide, next to what the duties alone give: for each dated
-- observation of models/data/price-wedges.json, a row
--   { date, element, ratio, duties, erp, erp_duties, source }
-- ratio: P_fob / P_china observed; duties: (1 + oxide duty)(1 + lost VAT
-- rebate) of the ladder that year; erp and erp_duties: the effective rate
-- of protection of making magnets inside China from that oxide (stages
-- 3-5 taken as one, magnets untaxed, the oxide's share of the magnet's
-- value china.oxide_share()). Where the observed ratio exceeds the duties,
-- the quota was binding and protected China's users beyond the ladder.
-- file: another file of observations in the same form (a path ending .json).
function china.erp_observed(shares, file)
  local observed = ree.data.read(file or "price-wedges", wedges_schema)
  local a = china.oxide_share(shares)
  local function erp(r) return (0 - a * china.nominal_from_ratio(r)) / (1 - a) end
  local rows = {}
  for i, o in ipairs(observed.observations) do
    local ratio = o.ratio or (o.fob and o.china and o.fob / o.china)
    if not ratio then
      error(string.format("%s: observation %d (%s, %s) gives neither a ratio nor both prices",
        file or "models/data/price-wedges.json", i, o.element, o.date), 2)
    end
    local year = tonumber(o.date:sub(1, 4))
    local wedge = (1 + (china.ladder(o.element, year).oxide or 0) / 100) * (1 + china.VAT_LOST.value)
    rows[i] = { date = o.date, element = o.element, ratio = ratio, duties = wedge, erp = erp(ratio),
      erp_duties = erp(wedge), source = o.source }
  end
  return rows
end

-- {==================================================================
-- China's export policy as scenario policies
-- ===================================================================

--- The export VAT rebate withdrawn with the first duties of 2007, as a
-- fraction of the price: the OECD's wedge of about 1.31 for duty and lost
-- rebate together (2008-2012) over the 15% duty on light oxides of 2008:
-- 1.31 / 1.15 - 1. Computed from oecd-fpj; range 0.05-0.17 to try.
china.VAT_LOST = { value = 1.31 / 1.15 - 1, source = "oecd-fpj", range = { 0.05, 0.17 } }

-- light or medium/heavy as the split quotas count them: the china2012
-- grouping of models/data/ree-groupings.json, the one place that says it
-- (Sm is medium/heavy there)
local function counts_light(el) return ree.ree_group(el, "china2012") == "light" end

local quotas
local function quotas_record()
  if not quotas then quotas = assert(ree.data.load "china-quotas") end
  return quotas
end

--- The export quota in force in year, t REO: the total, and the light and
-- medium/heavy quotas where the record splits them (2012-2014); nil when
-- there is none to apply. Before 2009 the record has the domestic firms'
-- quota only, which exports exceeded (2006: 61,560 t against 45,000 t),
-- so no total is applied: an assumption that it did not bind. None from
-- 2015 (bofit-2015).
function china.quota(year)
  if year >= 2015 then return nil end
  local d = quotas_record()
  local total = d:get("Export quota")[year]
  local light, heavy = d:get("Export quota, light")[year], d:get("Export quota, medium and heavy")[year]
  return total, light, heavy
end

--- Policies that set, for each year from..to, each element's oxide duty
-- (el.tax) and lost VAT rebate (el.vat_lost), the duty on magnet alloy
-- (loc.alloy.duty, for models/location.lua) and the export quota: one
-- tonnage quota for all (quota_total), or light and medium/heavy apart
-- (quota_total.light, quota_total.heavy) where the record splits it.
-- A year without a quota sets quota_total to false.
function china.policies(elements, from, to, reading)
  local list = {}
  for year = from, to do
    local set = {}
    for _, el in ipairs(elements) do
      set[el .. ".tax"] = (china.ladder(el, year, reading).oxide or 0) / 100
      set[el .. ".vat_lost"] = (year >= NONE_BEFORE and year < NONE_FROM) and china.VAT_LOST.value or 0
    end
    -- the duty on magnet alloy, for plant location: the ferro-alloy rate
    -- is the same for every element (Nd's series is read)
    set["loc.alloy.duty"] = (china.ladder("Nd", year).alloy or 0) / 100
    local total, light, heavy = china.quota(year)
    set.quota_total = not (light and heavy) and total or false
    set["quota_total.light"] = light or false
    set["quota_total.heavy"] = heavy or false
    list[#list + 1] = ree.policy { "China's export policy, " .. year, from = year, to = year, set = set,
      source = "models/data/history/china-export-duties.json, china-quotas.json" }
  end
  return list
end

--- The range of the 2011 value of china.above_quota (t REO).
china.ABOVE_QUOTA_2011_RANGE = { 6200, 40800 }

--- China's output above its mining quota, t REO a year: the USGS
-- estimate of China's production less the quota (computed). It falls
-- from 40,800 t in 2010 to 6,200 t in 2012-13 and none in 2014: the
-- crackdown and the consolidation of the State Council's May 2011
-- guideline (chinadaily-2011-05) as the record shows them. Other
-- estimates of illegal output run higher (BGR: about 35,000 t a year of
-- illegal exports alone), so this is the low reading. The record has no
-- 2011 production: 2011 takes 2012's value unless `in_2011` gives one, an
-- assumption (the crackdown took hold within the year of the guideline),
-- range 6,200-40,800 t (done at once, or not begun). The history's 2011
-- price peak hangs on it: at the midpoint, 23,500 t, the cap does not
-- bind in 2011 and the model's peak moves to 2012.
--   china.above_quota()[2010]   --> 40800 (t REO)
function china.above_quota(in_2011)
  local production = assert(ree.data.load "production"):get("China")
  local mining = quotas_record():get("Mining quota")
  local from, to = 2010, 2014
  local values = {}
  for year = to, from, -1 do -- backward: a missing year takes the next one's value
    local q, made = mining[year], production[year]
    values[year - from + 1] = (q and made) and math.max(0, made - q) or values[year - from + 2]
  end
  if in_2011 then values[2011 - from + 1] = in_2011 end
  return ree.series { from = from, unit = "t", name = "China's output above its mining quota",
    table.unpack(values, 1, to - from + 1) }
end

--- China's mining quotas as production caps, each raised by the output
-- the record shows above it that year (china.above_quota()): the cap
-- that held, the quota plus what the crackdown had not yet stopped. For
-- the elements of a model; shares: each element's share of China's output
-- (the quotas are tonnes of all rare earths); opts: { from, to, above_2011
-- (t, see china.above_quota) }. Years after the record's last quota
-- (2014) carry it (an assumption); years before its first (2010) have no cap.
function china.mining_quotas(elements, shares, opts)
  opts = opts or {}
  local OPTIONS = { from = true, to = true, above_2011 = true }
  args.options("china.mining_quotas", opts, OPTIONS, 2)
  for k, v in pairs(opts) do
    if math.type(v) == nil or v ~= v or v < 0 or (k ~= "above_2011" and (v < 2000 or v > 2050)) then
      error(string.format("china.mining_quotas: option '%s' is %s, not %s", k, tostring(v),
        k == "above_2011" and "a tonnage of 0 or more" or "a year from 2000 to 2050"), 2)
    end
  end
  local mining = quotas_record():get("Mining quota")
  local first, last = mining:years()
  local above = china.above_quota(opts.above_2011)
  return ree.policy { "mining quotas, and the output above them", from = math.max(opts.from or first, first),
    to = opts.to,
    source = "models/data/history/china-quotas.json, production.json", apply = function(p, year)
      local y = math.min(year, last)
      local held = mining[y] + (above[y] or 0)
      for _, el in ipairs(elements) do p[el .. ".cap"] = held * shares[el] end
    end }
end

--- The rates of the 2015 resource tax, light and heavy (see china.resource_tax).
china.RESOURCE_TAX = { light = { value = 0.07, source = "chinadaily-2015-04", range = { 0.07, 0.27 } },
  heavy = { value = 0.27, source = "chinadaily-2015-04", range = { 0.07, 0.27 } } }

--- The resource tax that replaced the duties and quotas in 2015: "7-27%"
-- of the value mined (chinadaily-2015-04). Which rate fell on which
-- element the record does not say: light rare earths at the low end and
-- medium/heavy at the high end is an assumption. A policy that raises the
-- cost of every step of China's merit order by the rate, from `from`.
function china.resource_tax(elements, from)
  return ree.policy { "resource tax", from = from or 2015, source = "chinadaily-2015-04", apply = function(p)
    for _, el in ipairs(elements) do
      local tax = china.RESOURCE_TAX[counts_light(el) and "light" or "heavy"].value
      local steps = {}
      for i, s in ipairs(p[el .. ".s_cn"]) do steps[i] = { cost = s.cost * (1 + tax), cap = s.cap } end
      p[el .. ".s_cn"] = steps
    end
  end }
end

--- China keeps mining, separation and electrolysis (stages 1-3) closed to
-- foreign capital (the founding report): a policy that closes China to
-- capacity moving in from outside for each stage models/location.lua
-- places (by default "metal", stage 3). Capacity already in China stays
-- and may still leave.
function china.foreign_capital(stages, from, to)
  stages = stages or { "metal" }
  local set = {}
  for _, stage in ipairs(stages) do set["loc." .. stage .. ".closed.CN"] = true end
  return ree.policy { "no foreign capital in stages 1-3", from = from, to = to, source = "seed-2012", set = set }
end

--- The elements of a list that the split quotas count as light.
function china.is_light(el) return counts_light(el) end

-- }==================================================================

return china
