--- The crisis: the history of models/scenarios/history.lua on a monthly
-- market with stocks (models/market_month.lua), 2005-2015.
--
--   local crisis = require("ree.models.scenarios.crisis")
--   local res = crisis.scenario():run()
--   res.price.Dy.fob:max()            -- the peak, and its month
--   crisis.scenario { ["stock.theta"] = 3 }:run()
--
-- What it adds to the history: holders of stock on both sides who want
-- more of it when a dated event puts supply at risk
-- (models/data/history/supply-risk-events.json); China's output as the
-- legal part under the mining quotas, by group, and an illegal fringe
-- that enforcement shrinks; the export quota released in its recorded
-- tranches (quota-tranches.json), with smuggling, and ferro-alloys
-- outside it until 20 May 2011 (wsj-2011-05); magnet demand that grows;
-- Japan's glass and polishing moving to China; China's stockpiles (the
-- state reserve, Baotou's of the light elements).
-- docs/MODELS.md, section 8, has the equations. Every number it adds is in
-- crisis.PARAMS with its source or, where no source gives it, labelled an
-- assumption with the range the Monte Carlo draws from.

local ree = require("ree")
local base = require("ree.models.scenarios.base")
local china = require("ree.models.china")
local history = require("ree.models.scenarios.history")
local suggest = require("ree.suggest")

local crisis = {}

local function assumption(value, range, note)
  return { value = value, source = "assumption", range = range, note = note }
end

--- Each element's share of a deposit's REO: the fringe and the legal
-- output of a group are mined in these shares.
local function deposit_shares(deposit)
  local reo = ree.magnet.supply({ [deposit] = 1 }).reo
  local out = {}
  for _, el in ipairs(base.ELEMENTS) do out[el] = reo[el] or 0 end
  return out
end
crisis.GROUP_SHARES = { light = deposit_shares("Bayan Obo"), heavy = deposit_shares("Longnan") }

-- China's output above its mining quota in 2010, t REO: USGS production
-- less the quota (computed, china.above_quota). The record gives no
-- split by group; Nguyen and Imholte's shares of illegal output (59-65%
-- of the heavy group's supply, 14-16% of the light's) give 0.59 of it
-- heavy on 2010's quotas (computed from the midpoints: 12,200 x 0.62 / 0.38
-- against 77,000 x 0.15 / 0.85); the default of fringe.heavy rounds it to 0.6.
local ABOVE_2010 = china.above_quota()[2010]
local HEAVY_SHARE = 0.6

-- What Baotou's stockpile bought of the light elements: 5,000 t in 2010
-- (china-stockpiles.json), and in 2011 an unknown amount, assumed half of
-- that and drawn from none to all of it.
local LIGHT_2010 = assert(ree.data.load "china-stockpiles"):get("Baotou stockpile, light")[2010]
local LIGHT_2011 = LIGHT_2010 / 2

--- What stockpiles in China bought of the light elements, t REO a year
-- (the parameter reserve.light): 2010's from the record, `in_2011` t in
-- 2011, none in the other years.
function crisis.light_stockpile(in_2011)
  return ree.series { from = 2005, unit = "t REO", 0, 0, 0, 0, 0, LIGHT_2010, in_2011, 0, 0, 0, 0 }
end

-- What enforcement stopped of the fringe (fringe.enforced), a year at a
-- time: nothing to 2010; from 2012 crisis.enforced, in 2011 a share
-- crisis.enforced_2011 of it (the guideline came in May). The record's
-- output above the quota (USGS less the quotas) falls to 6,200 t in
-- 2012-13 and none in 2014, so that enforcement stopped 85-100% of 2010's
-- fringe; BGR puts illegal exports alone at about 35,000 t a year, so
-- that it stopped far less. The level is fitted (models/scenarios/
-- crisis_fit.lua), within 0.3-1, and so is 2011's share, on the one
-- output of 2011 on record (96,900 t, Chinese statistics; USGS has none).
crisis.DECLARE = {
  ["crisis.enforced"] = { "share of 2010's illegal fringe that enforcement stops from 2012", unit = "fraction",
    range = { 0, 1 }, owner = "crisis" },
  ["crisis.enforced_2011"] = { "share of that enforcement in place in 2011", unit = "fraction", range = { 0, 1 },
    owner = "crisis" },
}

local function enforcement()
  return ree.policy { "enforcement against the illegal fringe", from = base.YEARS[1], apply = function(p, year)
    local late = p["crisis.enforced"]
    p["fringe.enforced"] = year <= 2010 and 0 or year == 2011 and late * p["crisis.enforced_2011"] or late
  end }
end

-- Demand that grows. The base holds each element's demand at constant
-- prices where 2009 had it; magnets did not stand still. From 2009 the
-- magnet part of Nd, Pr and Dy demand grows at the rate of China's
-- sintered NdFeB from 2010 to 2018, 78,000 t to 155,000 t: 9.0% a year
-- (computed from ndfeb-production.json), before prices and thrifting act
-- on it; the magnet part of each element is an assumption. The years the
-- model runs, not those before: 2005-2010 grew at 18.4% a year (the
-- world's, 42,300 to 98,200 t), and at that rate demand in 2015 would be
-- 1.6 times what 9% gives (the Monte Carlo draws 5-25%). Output that
-- includes the years of high prices understates growth at constant prices.
local MAGNETS = assert(ree.data.load "ndfeb-production"):get("China, sintered")
crisis.MAGNET_GROWTH = (MAGNETS[2018] / MAGNETS[2010]) ^ (1 / 8) - 1
crisis.MAGNET_SHARE = { Nd = { 0.7, 0.5, 0.9 }, Pr = { 0.7, 0.5, 0.9 }, Dy = { 0.9, 0.8, 1 } }
for el in pairs(crisis.MAGNET_SHARE) do
  crisis.DECLARE["crisis.magnets." .. el] = { "the part of " .. el .. " demand in magnets", unit = "fraction",
    range = { 0, 1 }, owner = "crisis" }
end
crisis.DECLARE["crisis.magnet_growth"] = { "yearly growth of magnet making at constant prices, from 2009",
  unit = "fraction", range = { 0, 1 }, owner = "crisis" }

local function growth()
  return ree.policy { "demand for magnets grows", from = 2010, apply = function(p, year)
    local g = (1 + p["crisis.magnet_growth"]) ^ (year - 2009)
    for el in pairs(crisis.MAGNET_SHARE) do
      local f = 1 + p["crisis.magnets." .. el] * (g - 1)
      for _, key in ipairs({ "d_cn0", "d_jp0", "d_rw0" }) do p[el .. "." .. key] = p[el .. "." .. key] * f end
    end
  end }
end

-- Japan's glass and polishing move to China. Those uses of La and Ce pay
-- the FOB price in Japan and China's own price there, so each year a
-- share `crisis.relocation_speed` of the relocatable demand still in Japan
-- moves for each unit by which last year's FOB/China ratio exceeds 1. The
-- relocatable parts of Japan's La and Ce demand and the speed are
-- assumptions (the product split of Japan's demand, in JSNM's tables, was
-- not read). What has moved is kept in the scenario's state, as
-- japan.recycling keeps its stock, so forks and Monte Carlo runs stay apart.
crisis.RELOCATABLE = { La = { 0.5, 0.2, 0.8 }, Ce = { 0.6, 0.3, 0.9 } }
for el in pairs(crisis.RELOCATABLE) do
  crisis.DECLARE["crisis.relocatable." .. el] = { "the part of Japan's " .. el .. " demand in glass and polishing",
    unit = "fraction", range = { 0, 1 }, owner = "crisis" }
end
crisis.DECLARE["crisis.relocation_speed"] = { "share of it that moves to China a year, for each unit by which " ..
  "last year's FOB/China ratio exceeds 1", unit = "fraction", range = { 0, 2 }, owner = "crisis" }

local function relocation()
  return ree.policy { "Japan's glass and polishing move to China", from = 2009,
    apply = function(p, year, state, market)
      if not state then return end
      local m = state.memory
      m.relocated = m.relocated or { year = year - 1 }
      local moved = m.relocated
      for el in pairs(crisis.RELOCATABLE) do
        if moved.year < year and market.cleared(state) then -- once a year, from last year's prices
          local gap = math.max(0, market.price(state, el) / market.price_in_china(state, el) - 1)
          local share = moved[el] or 0
          local room = p["crisis.relocatable." .. el] - share
          moved[el] = share + math.max(0, room) * math.min(1, p["crisis.relocation_speed"] * gap)
        end
        local jp = p[el .. ".d_jp0"] * (moved[el] or 0)
        p[el .. ".d_jp0"], p[el .. ".d_cn0"] = p[el .. ".d_jp0"] - jp, p[el .. ".d_cn0"] + jp
      end
      moved.year = year
      for el in pairs(crisis.RELOCATABLE) do state.record("relocated." .. el, moved[el] or 0, "fraction") end
    end }
end

--- What the crisis market reads besides the base's parameters.
crisis.PARAMS = {
  ["stock.cover0"] = assumption(2, { 1, 3 },
    "two months of use; Japan's rare-metal stockpile target, as reported, is 60 days"),
  ["stock.theta"] = assumption(1.5, { 0.5, 3 }, "cover up to 3-8 months at full risk"),
  ["stock.cover0_cn"] = assumption(1, { 0.5, 2 }),
  ["stock.theta_cn"] = assumption(0.5, { 0, 1.5 }, "traders and hoarders in China"),
  ["stock.eta"] = assumption(0.3, { 0.1, 1 }, "storage models' convenience yield"),
  ["stock.tau"] = assumption(4, { 2, 8 }, "the beer game's stock adjustment, about four periods"),
  ["stock.tau_e"] = assumption(6, { 3, 12 }),
  ["stock.phi"] = assumption(0, { 0, 6 }, "expectations that extrapolate the trend (Sterman's TREND): from none " ..
    "to half a year ahead, about the cover holders want at full risk"),
  ["risk.full"] = assumption(3, { 2, 4 }),
  ["risk.half_life"] = assumption(12, { 6, 24 }),
  reserve = { value = ree.series { from = 2005, unit = "t REO", 0, 0, 0, 0, 0, 0, 0, 2000, 2000, 0, 0 },
    source = "assumption", range = { 0, 7000 },
    note = "China's state reserve, reported at about 20,000 t by 2013, mostly heavy, bought from July 2012 " ..
      "(mining-2012-07-reserve); no yearly purchases on record" },
  ["reserve.light"] = { value = crisis.light_stockpile(LIGHT_2011), source = "reuters-2010-08-baotou",
    range = { 0, LIGHT_2010 }, note = "Baotou's stockpile: 2010's from the record; 2011's an assumption up to " ..
      "2010's (Baotou bought that year too, how much is not on record: reuters-2012-06-reserve)" },
  ["fringe.light"] = { value = ABOVE_2010 * (1 - HEAVY_SHARE), source = "nguyen-imholte-2016",
    range = { ABOVE_2010 * 0.2, ABOVE_2010 * 0.6 }, note = "computed: the output above the quota, its light part" },
  ["fringe.heavy"] = { value = ABOVE_2010 * HEAVY_SHARE, source = "nguyen-imholte-2016",
    range = { ABOVE_2010 * 0.3, ABOVE_2010 * 0.8 }, note = "computed: the output above the quota, its heavy part" },
  ["fringe.e"] = assumption(1, { 0.5, 2 }, "illegal miners respond fast"),
  ["fringe.enforced"] = { value = 0, source = "assumption", range = { 0, 1 }, note = "set by crisis.enforced" },
  ["crisis.enforced"] = { value = 1 - china.above_quota()[2012] / ABOVE_2010, source = "usgs-mcs-compiled",
    range = { 0.3, 1 },
    note = "computed: 2012-13 output above the quota against 2010's; fitted" },
  ["crisis.enforced_2011"] = assumption(0.5, { 0, 1 }, "the guideline came in May 2011; fitted on 2011's " ..
    "output (chinadaily-2012-08-output)"),
  ["crisis.magnet_growth"] = { value = crisis.MAGNET_GROWTH, source = "adamas-2019-ndfeb", range = { 0.05, 0.25 },
    note = "computed: China's sintered NdFeB 2010-2018 (china-org-2013, adamas-2019-ndfeb); 2005-2010 grew 18.4%" },
  ["crisis.relocation_speed"] = assumption(0.3, { 0, 1 }),
  ["leak.l0"] = assumption(5000, { 0, 40000 }, "smuggling; fitted on 2010's, about 10,000 t " ..
    "(reuters-2011-04-smuggling, domainb-2011-03-molycorp), which takes some 25,000-30,000 here; BGR puts " ..
    "illegal exports far higher, and China's industry association 2011's at 1.2 times the legal exports " ..
    "(globaltimes-2013-01-exports)"),
  ["leak.g"] = assumption(1, { 0.5, 2 }),
  ["shift.l0"] = assumption(3000, { 0, 10000 }, "ferro-alloy exports before May 2011"),
}

-- The element mix. The base shares each element's demand and supply by
-- its part of the mining quotas' output (base.shares); the crisis mines
-- the fringe besides, most of it heavy, so its mix is that of China's
-- 2010 output, legal and illegal, by group (computed from the fringe's
-- parameters, so that a fit or a draw of them keeps demand and supply in
-- one mix), and the base's demand and capacities of each element are
-- scaled to it. The history scales China's quotas for all rare earths by
-- the share of its output the modelled elements make; in this mix that
-- share is another.
local MINING = (function()
  local quotas = assert(ree.data.load "china-quotas")
  local light = quotas:get("Mining quota, light (rock)")
  return { light = light, heavy = quotas:get("Mining quota, medium and heavy (ion-adsorption)"),
    first = light:years(), last = select(2, light:years()) }
end)()

--- The mining quotas by group in year, { light, heavy } t REO, or nil
-- before the first (2010). The record has them for 2010, 2011, 2013 and
-- 2014; 2012's total equals 2011's, so 2012 takes 2011's split
-- (computed); a year after the last takes the last's.
function crisis.group_quotas(year)
  if year < MINING.first then return nil end
  local y = math.min(year, MINING.last)
  return { light = MINING.light[y] or MINING.light[y - 1], heavy = MINING.heavy[y] or MINING.heavy[y - 1] }
end
local Q2010 = crisis.group_quotas(2010)

--- Each element's factor on the base, and the modelled share of output,
-- with fringes of `light` and `heavy` t REO beyond the mining quotas
-- `quotas` ({ light, heavy }; default 2010's).
function crisis.mix(light, heavy, quotas)
  quotas = quotas or Q2010
  local l, h = quotas.light + light, quotas.heavy + heavy
  local out, modelled = {}, 0
  for _, el in ipairs(base.ELEMENTS) do
    local share = (l * crisis.GROUP_SHARES.light[el] + h * crisis.GROUP_SHARES.heavy[el]) / (l + h)
    out[el], modelled = share / base.shares[el], modelled + share
  end
  return out, modelled
end

local function scaled(steps, k)
  local out = {}
  for i, st in ipairs(steps) do out[i] = { cost = st.cost, cap = st.cap * k } end
  return out
end

-- the parameters the mix scales, each element's (named once: the policy runs every year of every run)
local MIX_DEMANDS, MIX_SUPPLIES = {}, {}
for _, el in ipairs(base.ELEMENTS) do
  MIX_DEMANDS[el] = { el .. ".d_cn0", el .. ".d_jp0", el .. ".d_rw0" }
  MIX_SUPPLIES[el] = { el .. ".s_cn", el .. ".s_rw" }
end

local function mix_policy()
  return ree.policy { "the crisis's element mix", from = base.YEARS[1], apply = function(p)
    local k, modelled = crisis.mix(p["fringe.light"], p["fringe.heavy"])
    for _, el in ipairs(base.ELEMENTS) do
      for _, name in ipairs(MIX_DEMANDS[el]) do p[name] = p[name] * k[el] end
      for _, name in ipairs(MIX_SUPPLIES[el]) do p[name] = scaled(p[name], k[el]) end
    end
    if p.quota_total then p.quota_total = p.quota_total * modelled / base.modelled_share end
  end }
end

for el, share in pairs(crisis.MAGNET_SHARE) do
  crisis.PARAMS["crisis.magnets." .. el] = assumption(share[1], { share[2], share[3] })
end
for el, share in pairs(crisis.RELOCATABLE) do
  crisis.PARAMS["crisis.relocatable." .. el] = assumption(share[1], { share[2], share[3] })
end

--- The dated events of the supply-risk index, { year, month, step, what },
-- from `list` (default: the events of supply-risk-events.json).
function crisis.events(list)
  list = list or assert(ree.data.load "supply-risk-events").events
  local out = {}
  for i, e in ipairs(list) do
    local what = type(e.what) == "string" and e.what or ("number " .. i)
    if type(e.source) ~= "string" then error(string.format("crisis: the event '%s' has no source", what), 2) end
    if type(e.date) ~= "string" then error(string.format("crisis: the event '%s' has no date", what), 2) end
    local y, m = e.date:match("^(%d%d%d%d)%-(%d%d)")
    if not y or tonumber(m) < 1 or tonumber(m) > 12 then
      error(string.format("crisis: the event '%s' is dated '%s': the risk index needs its year and month", what,
        e.date), 2)
    end
    if type(e.value) ~= "number" then
      error(string.format("crisis: the event '%s' has no step (value: +1, -1 or 0)", what), 2)
    end
    out[#out + 1] = { year = tonumber(y), month = tonumber(m), step = e.value, what = e.what }
  end
  return out
end

local TRANCHES = { all = { "Export quota tranches", "Export quota" },
  light = { "Export quota tranches, light", "Export quota, light" },
  heavy = { "Export quota tranches, medium and heavy", "Export quota, medium and heavy" } }

--- Each year's tranches as shares of its quota: { [year] = { [group] =
-- { [month] = share } } }; a year's tranches may not exceed its quota.
-- batches, quotas: datasets (default quota-tranches and china-quotas).
function crisis.tranches(batches, quotas)
  batches = batches or assert(ree.data.load "quota-tranches")
  quotas = quotas or assert(ree.data.load "china-quotas")
  local out = {}
  for group, names in pairs(TRANCHES) do
    local s, annual = batches:get(names[1]), quotas:get(names[2])
    local first, last = s:years()
    for year = first, last do
      local total, by_month = 0, {}
      for m = 1, 12 do
        local v = s:at(year, m)
        if v then total, by_month[m] = total + v, v end
      end
      if total > 0 then
        local q = annual[year]
        if not q then error(string.format("crisis: %d has tranches of '%s' but no quota", year, names[2]), 2) end
        if total > q * (1 + 1e-9) then
          error(string.format("crisis: the %d tranches of '%s' add up to %.0f t, more than the year's quota of %.0f t",
            year, names[2], total, q), 2)
        end
        for m, v in pairs(by_month) do by_month[m] = v / q end
        out[year] = out[year] or {}
        out[year][group] = by_month
      end
    end
  end
  return out
end

--- China's legal output capped by the mining quotas, each group's in its
-- deposit's shares (the fringe beyond is the market's).
function crisis.legal_caps()
  return ree.policy { "mining quotas, legal output only", from = MINING.first,
    source = "models/data/history/china-quotas.json", apply = function(p, year)
      local q = crisis.group_quotas(year)
      for _, el in ipairs(base.ELEMENTS) do
        p[el .. ".cap"] = q.light * crisis.GROUP_SHARES.light[el] + q.heavy * crisis.GROUP_SHARES.heavy[el]
      end
    end }
end

--- The crisis scenario; `values` (optional) replace parameters' values,
-- e.g. { ["stock.theta"] = 3 }; `engine` (optional) runs the months in the
-- core ("core", the default) or in Lua ("lua": the core's oracle, slower).
function crisis.scenario(values, engine)
  local policies = {}
  for _, pol in ipairs(history.china_policies_without_wto()) do
    policies[#policies + 1] = pol.name == "mining quotas, and the output above them" and crisis.legal_caps() or pol
  end
  policies[#policies + 1] = mix_policy()
  policies[#policies + 1] = enforcement()
  policies[#policies + 1] = growth()
  policies[#policies + 1] = relocation()
  for _, c in ipairs(history.RECORDED) do policies[#policies + 1] = history.COUNTERMEASURES[c]() end
  local sc = base.scenario { name = "crisis", policies = policies, params = crisis.PARAMS, declare = crisis.DECLARE,
    -- ferro-alloys under the quota from 20 May 2011 (wsj-2011-05); 2011's
    -- enforcement from the State Council's guideline that month (chinadaily-2011-05)
    monthly = { events = crisis.events(), tranches = crisis.tranches(), covered_from = { 2011, 5 },
      enforced_from = { [2011] = 5 },
      fringe_shares = crisis.GROUP_SHARES, shares = base.shares, engine = engine } }
  if not values then return sc end
  for k in pairs(values) do
    if not sc.params[k] then
      local names = {}
      for name in pairs(sc.params) do names[#names + 1] = name end
      error(string.format("crisis.scenario: no parameter '%s'%s", tostring(k), suggest.hint(tostring(k), names)), 2)
    end
  end
  return sc:with(values)
end

return crisis
