--- The base of the history scenarios: the world rare-earth market of
-- 2009, before the quota cut, for La, Ce, Pr, Nd and Dy, with China, Japan
-- and the rest of the world, from the record where it has the numbers and
-- from stated assumptions where it does not. Policies are not here: a
-- scenario adds China's (models/china.lua) and Japan's (models/japan.lua).
--
--   local base = require("ree.models.scenarios.base")
--   local sc = base.scenario { name = "no restrictions" }     -- 2005-2015
--   base.shares.Nd, base.params["Nd.d_cn0"]
--
-- How each number was made:
--   demand 2009, t REO: China 73,000 (xitucn); Japan 31,000 (its 2010
--     level, meti-2011: an assumption for 2009, range 20,000-32,390: 2009
--     was the slump's year, Japan's imports from China rising 49% in 2010,
--     and the government puts its demand at 20,000-30,000 t a year); the
--     rest of the world what China's recorded exports (34,600 t in 2008, ccr-2010)
--     and the mines outside China (India, Brazil, Malaysia: 3,600 t,
--     afr-reuters-2010 and usgs-mcs-compiled) leave after Japan: 7,200 t.
--     The world comes to 111,200 t against the Economist's 134,000 t
--     (economist-2010): the gap is smuggling and stock-building, which the
--     model leaves out. The 7,200 t is what the recorded trade leaves, and
--     it is low: the United States alone used 11,000-17,000 t a year in
--     2011-2015 (usgs-mcs-2016, in demand.json). Raising it would need
--     the smuggled exports that met it (about 1.2 times the legal ones in
--     2011, ecns-2012-12-quota), which the 2009 balance does not count
--   the mines outside China: their 3,600 t at half the reference price
--     (an assumption), in each element's share
--   element shares of demand: China's 2010 mining quotas (77,000 t light
--     from rock, 12,200 t medium/heavy from clays; china-quotas) times the
--     REO distributions of Bayan Obo and Longnan (usgs-sir-2010-5220), the
--     same in every region (an assumption: Japan's Nd and Dy of 2010,
--     5,800 t of 31,000 (cjc-nd-dy), is 19% against 17% here)
--   reference prices, FOB China, US$/kg oxide: Lynas's 2008 averages for
--     La, Ce and Dy, its 2009 averages for Nd and Pr (lynas-mining-com)
--   China's supply: at the 2009 FOB price less the wedge of 2009's duty
--     and lost VAT rebate, a flat marginal step (capacity beyond demand
--     by half); 90% of 2009's output at half that cost (assumptions)
--   demand response: long-run elasticity -0.6, a quarter of the way a
--     year (docs/MODELS.md 3.1; defaults: short run -0.15, the Japan
--     2010-11 arc elasticity, japan-arc-elasticity)
--   magnet plants (models/location.lua): 2005's sintered NdFeB output,
--     China 33,000 t of the world's 42,300 t (ccr-2011, meank), the rest
--     split between Japan and the others as in 2010 (18,950 to 1,280 t,
--     china-org-2013: computed); conversion costs, freight, the logit's
--     scale and the speed of moving are assumptions with ranges

local ree = require("ree")
local china = require("ree.models.china")
local location = require("ree.models.location")
local market_model = require("ree.models.market_model")

local base = {}

base.ELEMENTS = { "La", "Ce", "Pr", "Nd", "Dy" }
base.REGIONS = { "JP", "RW" }
base.YEARS = { 2005, 2015 }

base.DEMAND_2009 = {
  CN = { value = 73000, source = "xitucn" },
  JP = { value = 31000, source = "meti-2011", range = { 20000, 32390 },
    note = "2010's level, a year of normal demand; 2009's was the slump's (demand.json)" },
  exports = { value = 34600, source = "ccr-2010", note = "2008" },
  outside = { value = 2700 + 550 + 350, source = "usgs-mcs-compiled", note = "India, Brazil, Malaysia" },
}

base.PRICES = { -- US$/kg oxide, FOB China
  La = { value = 8.71, source = "lynas-mining-com", note = "2008 average" },
  Ce = { value = 4.56, source = "lynas-mining-com", note = "2008 average" },
  Pr = { value = 18, source = "lynas-mining-com", note = "2009 average" },
  Nd = { value = 19.12, source = "lynas-mining-com", note = "2009 average" },
  Dy = { value = 118.49, source = "lynas-mining-com", note = "2008 average" },
}

--- Each element's share of all rare earths mined in China, from the 2010
-- mining quotas and the two deposits' distributions.
local function shares()
  local quotas = assert(ree.data.load "china-quotas")
  local light = quotas:get("Mining quota, light (rock)")[2010]
  local heavy = quotas:get("Mining quota, medium and heavy (ion-adsorption)")[2010]
  local from_light = ree.magnet.supply({ ["Bayan Obo"] = light }).reo
  local from_heavy = ree.magnet.supply({ ["Longnan"] = heavy }).reo
  local out = {}
  for _, el in ipairs(base.ELEMENTS) do
    out[el] = ((from_light[el] or 0) + (from_heavy[el] or 0)) / (light + heavy)
  end
  return out
end
base.shares = shares()

--- The share of all rare earths the modelled elements make up: quotas in
-- tonnes of all rare earths are scaled by it.
base.modelled_share = 0
for _, el in ipairs(base.ELEMENTS) do base.modelled_share = base.modelled_share + base.shares[el] end

local function assumption(value, range) return { value = value, source = "assumption", range = range } end

--- The prices of the co-products the scenarios do not model, as mines
-- outside China value them: Eu2O3 and Tb4O7 at the midpoint of each year's
-- year-end range (USGS, 2011-2015), US$/kg of oxide.
function base.coproduct_prices()
  local prices = assert(ree.data.load "prices")
  local out = {}
  for el, oxide in pairs({ Eu = "Eu2O3", Tb = "Tb4O7" }) do
    local lo, hi = prices:get(oxide .. ", year-end low (USGS)"), prices:get(oxide .. ", year-end high (USGS)")
    out[el] = ((lo + hi) / 2):named(oxide .. ", year-end midpoint")
  end
  return out
end

--- Kg of alloy a kg of sintered magnet takes, net of the process scrap
-- returned to alloy making: (1 - (1 - y) r) / y with the magnet stage's
-- yield y and scrap return r (models/data/magnet-route.json; computed).
local function alloy_per_magnet()
  local stages = ree.magnet.route().stages
  local magnet = stages[#stages]
  local y, r = magnet.yield.value, magnet.scrap_recycled.value
  return (1 - (1 - y) * r) / y
end
base.ALLOY_PER_MAGNET = alloy_per_magnet()

--- The parameters of the base, with their sources.
local function parameters()
  local d = base.DEMAND_2009
  local rw = d.exports.value + d.outside.value - d.JP.value
  local params = {}
  local policy_2009 = china.policies(base.ELEMENTS, 2009, 2009)[1].set
  for _, el in ipairs(base.ELEMENTS) do
    local share, p0 = base.shares[el], base.PRICES[el].value
    local function set(key, value, source, range)
      params[el .. "." .. key] = { value = value, source = source, range = range }
    end
    set("p0", p0, base.PRICES[el].source)
    set("d_cn0", d.CN.value * share, "xitucn")
    set("d_jp0", d.JP.value * share, "meti-2011", { d.JP.range[1] * share, d.JP.range[2] * share })
    set("d_rw0", rw * share, "ccr-2010")
    set("e_lr", -0.6, "assumption", { -1.0, -0.3 }) -- with lambda 0.25: the short run -0.15 of japan-arc-elasticity
    set("lambda", 0.25, "assumption", { 0.15, 0.5 })
    local wedge = (1 + policy_2009[el .. ".tax"]) * (1 + policy_2009[el .. ".vat_lost"])
    local p_cn0, output = p0 / wedge, (d.CN.value + d.exports.value) * share
    set("s_rw", { { cost = 0.5 * p0, cap = d.outside.value * share } }, "usgs-mcs-compiled")
    set("s_cn", { { cost = 0.5 * p_cn0, cap = 0.9 * output }, { cost = p_cn0, cap = 0.6 * output } }, "assumption",
      { 0.3, 0.9 }) -- the range: the cheap step's cost as a share of the marginal one
    set("tax", 0, "assumption", { 0, 0 })
    set("vat_lost", 0, "assumption", { 0, 0 })
    set("quota", false, "assumption")
    set("cap", false, "assumption")
    set("thrift_rmax", 0, "assumption", { 0, 0.2 })
    set("thrift_m", 4, "assumption", { 2, 8 })
    set("k_min", 1, "assumption", { 0.5, 1 })
    set("p_floor", 0.2 * p0, "assumption", { 0, p0 })
    set("surplus", "stock", "assumption", { "stock", "dispose" })
  end
  params.quota_total = assumption(false)
  params["quota_total.light"] = assumption(false)
  params["quota_total.heavy"] = assumption(false)
  params.projects = assumption({}, { {}, {} })
  params.coproduct_prices = { value = base.coproduct_prices(), source = "usgs-mcs-2016",
    note = "Eu2O3 and Tb4O7, the midpoints of USGS's year-end ranges, 2011-2015; a mine values the other " ..
      "years' Eu and Tb, and Sm, Gd and Y in every year, at nothing (no price on record)" }
  local outside = 42300 - 33000
  params["loc.magnet.k0.CN"] = { value = 33000, source = "ccr-2011" }
  params["loc.magnet.k0.JP"] = { value = outside * 18950 / (18950 + 1280), source = "china-org-2013" }
  params["loc.magnet.k0.RW"] = { value = outside * 1280 / (18950 + 1280), source = "china-org-2013" }
  params["loc.magnet.conversion.CN"] = assumption(10, { 5, 15 })
  params["loc.magnet.conversion.JP"] = assumption(18, { 10, 25 })
  params["loc.magnet.conversion.RW"] = assumption(20, { 10, 30 })
  for _, r in ipairs({ "CN", "JP", "RW" }) do params["loc.magnet.kappa." .. r] = assumption(0, { 0, 0 }) end
  params["loc.magnet.duty"] = { value = 0, source = "wsj-2011-08" }
  -- alloy making (stage 4): where magnets are made at the start, as by
  -- the integrated makers (an assumption: the record has no alloy
  -- tonnages by region); strip casting costs a fraction of sintering
  for _, r in ipairs({ "CN", "JP", "RW" }) do
    local k0 = params["loc.magnet.k0." .. r].value
    params["loc.alloy.k0." .. r] = assumption(k0, { 0.5 * k0, 1.5 * k0 })
    params["loc.alloy.kappa." .. r] = assumption(0, { 0, 0 })
  end
  params["loc.alloy.conversion.CN"] = assumption(2, { 1, 4 })
  params["loc.alloy.conversion.JP"] = assumption(4, { 2, 6 })
  params["loc.alloy.conversion.RW"] = assumption(4, { 2, 6 })
  params["loc.alloy.duty"] = { value = 0, source = "seed-2012" } -- 2009: alloys untaxed; the ladder sets it
  params["loc.freight"] = assumption(1, { 0.5, 3 })
  params["loc.mu"] = assumption(5, { 1, 20 })
  params["loc.rho"] = assumption(0.2, { 0.2, 0.5 })
  return params
end
base.params = parameters()

--- A scenario on the base: { name =, policies =, years =, params =, monthly =,
-- declare = } (params add to the base's or replace them; monthly: the
-- market model's monthly part, models/market_month.lua; declare: the
-- parameters the scenario's own policies read, as model.parameters
-- declares them; policies in the order they act).
function base.scenario(spec)
  spec = spec or {}
  local light, heavy = {}, {}
  for _, el in ipairs(base.ELEMENTS) do
    if china.is_light(el) then light[#light + 1] = el else heavy[#heavy + 1] = el end
  end
  local params = base.params
  if spec.params then -- the base's, with these added or replacing theirs
    params = {}
    for k, v in pairs(base.params) do params[k] = v end
    for k, v in pairs(spec.params) do params[k] = v end
  end
  local model = location.attach(market_model { elements = base.ELEMENTS, regions = base.REGIONS,
      quota_groups = { light = light, heavy = heavy }, monthly = spec.monthly },
    { stages = { alloy = "jp-2011-mix", magnet = { from = "alloy", per_kg = base.ALLOY_PER_MAGNET } },
      regions = { "CN", "JP", "RW" }, elements = base.ELEMENTS })
  for name, decl in pairs(spec.declare or {}) do model.parameters[name] = decl end
  return ree.scenario { name = spec.name or "base", years = spec.years or base.YEARS, params = params,
    policies = spec.policies, checks = spec.checks, model = model }
end

return base
