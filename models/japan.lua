--- Japan's countermeasures (the founding report, and docs/MODELS.md
-- sections 3.2, 5.1 and 1.4), each a function that returns the scenario
-- policies that switch it on: tune them with options, combine them by
-- listing them. Every default names its source or says it is an
-- assumption, with the range to try.
--
--   local japan = require("ree.models.japan")
--   sc:apply(japan.dy_saving(), japan.new_mines(), japan.export_control())
--   japan.describe()     -- what each does, with its sources
--
-- The parameters they set are those of models/market_model.lua and
-- models/location.lua.

local ree = require("ree")
local args = require("ree.args")

local japan = {}

--- Options with defaults. An unknown option is an error naming it (and
-- the nearest known one); so is a value of another type than the
-- default's, and a number outside what the option can mean (valid: a
-- share between 0 and 1, a year of the record's era); the range is the
-- plausible one, to try in a sensitivity run.
local function options(name, given, defaults)
  local o = {}
  for k, v in pairs(defaults) do o[k] = v.value end
  for k, v in pairs(given or {}) do
    local d = defaults[k]
    if d == nil then args.options("japan." .. name, { [k] = true }, defaults, 3) end
    if type(v) ~= type(d.value) and not (type(d.value) == "boolean" or type(v) == "boolean") then
      error(string.format("japan.%s: option '%s' takes a %s, not a %s", name, k, type(d.value), type(v)), 3)
    end
    local valid = d.valid
    if valid and (type(v) ~= "number" or v ~= v or v < valid[1] or v > valid[2]) then
      error(string.format("japan.%s: option '%s' is %s, outside %s to %s", name, k, v ~= v and "NaN" or tostring(v),
        tostring(valid[1]), tostring(valid[2])), 3)
    end
    o[k] = v
  end
  return o
end

japan.defaults = {}

-- {==================================================================
-- Technology: less Dy in each magnet, substitutes for rare earths
-- ===================================================================

japan.defaults.dy_saving = {
  from = { value = 2011, valid = { 2000, 2050 }, source = "assumption", range = { 2008, 2013 },
    note = "grain-boundary diffusion was in use from about 2005 (trout-gbd); the 2011 prices pushed it" },
  -- "4-5% -> 2-3%": the floor is about half the intensity, 2.5 / 4.5
  k_min = { value = 2.5 / 4.5, valid = { 0, 1 }, source = "seed-2012", range = { 2 / 5, 3 / 4 } },
  rmax = { value = 0.10, valid = { 0, 1 }, source = "sprecher-2017", range = { 0.05, 0.2 } },
  m = { value = 4, valid = { 0, math.huge }, source = "assumption", range = { 2, 8 } },
}

--- Dy-saving magnets (grain-boundary diffusion, trout-gbd): the intensity
-- of Dy falls toward k_min, at up to rmax a year when Dy is dear.
function japan.dy_saving(opts)
  local o = options("dy_saving", opts, japan.defaults.dy_saving)
  return ree.policy { "Dy-saving magnets", from = o.from, source = "seed-2012",
    set = { ["Dy.k_min"] = o.k_min, ["Dy.thrift_rmax"] = o.rmax, ["Dy.thrift_m"] = o.m } }
end

japan.defaults.substitution = {
  from = { value = 2011, valid = { 2000, 2050 }, source = "sprecher-2017" },
  elements = { value = { "Nd", "La", "Ce" }, source = "assumption", note = "the light rare earths users replaced" },
  k_min = { value = 0.7, valid = { 0, 1 }, source = "assumption", range = { 0.5, 0.9 } },
  rmax = { value = 0.10, valid = { 0, 1 }, source = "sprecher-2017", range = { 0.05, 0.2 } },
  m = { value = 4, valid = { 0, math.huge }, source = "assumption", range = { 2, 8 } },
}

--- De-rare-earth substitution (polishing powder, motors without magnets):
-- the intensities of the elements fall toward k_min.
function japan.substitution(opts)
  local o = options("substitution", opts, japan.defaults.substitution)
  local set = {}
  for _, el in ipairs(o.elements) do
    set[el .. ".k_min"], set[el .. ".thrift_rmax"], set[el .. ".thrift_m"] = o.k_min, o.rmax, o.m
  end
  return ree.policy { "substitution", from = o.from, source = "sprecher-2017", set = set }
end

-- }==================================================================

-- {==================================================================
-- Supply outside China: recycling and new mines
-- ===================================================================

japan.defaults.recycling = {
  from = { value = 2012, valid = { 2000, 2050 }, source = "assumption", range = { 2011, 2016 } },
  collection = { value = 0.1, valid = { 0, 1 }, source = "assumption", range = { 0.01, 0.5 },
    note = "the share of end-of-life magnets whose rare earths come back; under 1% of all rare earths " ..
      "were recycled in 2011 (binnemans-2013)" },
  magnet_share = { value = 0.6, valid = { 0, 1 }, source = "assumption", range = { 0.4, 0.9 },
    note = "the share of an element's use outside China that goes into magnets" },
  use = { value = "consumer electronics", source = "assumption",
    note = "the magnet use whose lifetime (models/data/magnet-uses.json) sets when magnets retire" },
  lifetime = { value = false, source = "assumption", note = "a lifetime to use instead of the use's" },
  cost = { value = 30, valid = { 0, math.huge }, source = "assumption", range = { 15, 60 },
    note = "US$/kg of recovered oxide" },
  elements = { value = { "Nd", "Dy" }, source = "assumption", note = "magnet scrap" },
}

--- Recycling end-of-life magnets: what was used outside China enters a
-- dynamic stock of products in use (ree.stock_model, with the lifetime of
-- a magnet use); of what retires each year, `collection` comes back as
-- supply outside China at `cost` (a merit-order step). The uses of past
-- years are kept in the scenario's state, so forks and Monte Carlo runs
-- stay apart.
function japan.recycling(opts)
  local o = options("recycling", opts, japan.defaults.recycling)
  local lifetime = o.lifetime or ree.magnet.lifetime(o.use)
  return ree.policy { "recycling", source = "binnemans-2013", apply = function(p, year, state, market)
    if not state then return end
    if not (market and market.use_outside_china) then
      error("japan.recycling: the model must expose the use outside China (model.exposes.use_outside_china)", 0)
    end
    local m = state.memory
    m.recycling = m.recycling or {}
    for _, el in ipairs(o.elements) do
      local used = m.recycling[el] or {}
      m.recycling[el] = used
      -- last year's use outside China, in magnets (none before a clearing)
      if market.cleared(state) then used[year - 1] = market.use_outside_china(state, el) * o.magnet_share end
      local first = year
      for y in pairs(used) do first = math.min(first, y) end
      if year >= o.from and first < year then
        local values = {}
        for y = first, year do values[y - first + 1] = used[y] or 0 end -- nothing new retires at once
        local stock = ree.stock_model { lifetime = lifetime,
          inflow = ree.series { from = first, unit = "t", table.unpack(values, 1, year - first + 1) } }
        local back = o.collection * stock.outflow[year]
        local steps = {}
        for i, s in ipairs(p[el .. ".s_rw"] or {}) do steps[i] = s end
        if back > 0 then steps[#steps + 1] = { cost = o.cost, cap = back } end
        p[el .. ".s_rw"] = steps
      end
    end
  end }
end

japan.defaults.new_mines = {
  lynas = { value = { name = "Lynas", deposit = "Mt Weld", capacity = 11000, start = 2008, lead = 4, ramp = 4,
    cost = 16.08 }, source = "jmb-4347-lynas",
    note = "Phase 1 11,000 t REO/yr; cash cost US$16.08/kg (adamas-2016-lynas); start, lead and ramp are " ..
      "assumptions: online from 2012, 253 t in the September 2013 quarter (lynas-quarterly-2013)" },
  molycorp = { value = { name = "Mountain Pass", deposit = "Mountain Pass", capacity = 19050, start = 2010,
    lead = 2, ramp = 5, cost = 20 }, source = "investingnews-2011-molycorp",
    note = "Phase 1 19,050 t/yr; 3,473 t in 2013 and 4,785 t in 2014 (emj-2015): a slow ramp; start, lead, " ..
      "ramp and cost (range 15-40 US$/kg) are assumptions" },
  -- the trading houses' projects beyond Lynas (Sojitz's offtake) and Molycorp
  orissa = { value = { name = "Orissa", deposit = "Mt Weld", capacity = 5000, start = 2011, lead = 4, ramp = 3,
    cost = 20 }, source = "reuters-2014-irel",
    note = "Toyota Tsusho and Indian Rare Earths, monazite from beach sand: planned for 3,000-4,000 t/yr from " ..
      "2012, building from early 2011 (deccanherald-2010-toyota); 'commissioning' a 5,000 t plant in August " ..
      "2014 (reuters-2014-irel), so online from 2015. The element shares are Mt Weld's, an assumption (both " ..
      "are light-REE monazite; Indian monazite has no extractable heavy rare earths, pib-2023-india); ramp " ..
      "and cost (range 10-40 US$/kg) are assumptions" },
  sareco = { value = { name = "SARECO", deposit = false, capacity = 1500, start = 2010, lead = 4, ramp = 3,
    cost = 20 }, source = "reuters-2012-sareco",
    note = "Sumitomo and Kazatomprom, rare earths from uranium residues: a 1,500 t REO/yr plant opened in " ..
      "November 2012 (reuters-2012-sareco), trial output only from June 2014 (indmin-2014-sareco). Off unless " ..
      "given a deposit: the record says 'high in Nd and Dy' and gives no element shares. Ramp and cost " ..
      "(range 10-40 US$/kg) are assumptions" },
}

local PROJECTS = { "lynas", "molycorp", "orissa", "sareco" }

--- New mines outside China (Lynas with Sojitz's offtake, Molycorp, and the
-- trading houses' projects in India and Kazakhstan): projects added to the
-- market model's pipeline, co-producing every element of their deposits.
-- A project is switched off with `false`, or changed field by field:
--   japan.new_mines { molycorp = false, sareco = { deposit = "Longnan" } }
-- A project without a deposit (SARECO's shares are not in the record) is off.
function japan.new_mines(opts)
  local given = {}
  args.options("japan.new_mines", opts or {}, japan.defaults.new_mines, 2)
  for k, v in pairs(opts or {}) do
    if type(v) == "table" then -- field by field over the default
      local merged = {}
      for field, x in pairs(japan.defaults.new_mines[k].value) do merged[field] = x end
      for field, x in pairs(v) do
        if merged[field] == nil then
          error(string.format("japan.new_mines: unknown field '%s' of project '%s'", tostring(field), k), 2)
        end
        merged[field] = x
      end
      v = merged
    end
    given[k] = v
  end
  local o = options("new_mines", given, japan.defaults.new_mines)
  local projects = {}
  for _, key in ipairs(PROJECTS) do
    if o[key] and o[key].deposit then projects[#projects + 1] = o[key] end
  end
  return ree.policy { "new mines outside China", source = "jmb-4347-lynas", apply = function(p)
    local list = {}
    for i, pr in ipairs(p.projects or {}) do list[i] = pr end
    for _, pr in ipairs(projects) do list[#list + 1] = pr end
    p.projects = list
  end }
end

-- }==================================================================

-- {==================================================================
-- Stockpiling
-- ===================================================================

japan.defaults.stockpile = {
  elements = { value = { "Nd", "Dy" }, source = "assumption", note = "JOGMEC's rare-metal stockpile" },
  buy = { value = 0.05, valid = { 0, 1 }, source = "assumption", range = { 0, 0.2 },
    note = "a share of Japan's reference demand bought each buying year; the record has no tonnages" },
  from = { value = 2008, valid = { 2000, 2050 }, source = "assumption", range = { 2006, 2010 } },
  to = { value = 2009, valid = { 2000, 2050 }, source = "assumption", range = { 2008, 2010 } },
  release = { value = 2011, valid = { 2000, 2050 }, source = "assumption", range = { 2010, 2013 },
    note = "released in one year, at the peak" },
}

--- A public stockpile outside China: buys a share of Japan's reference
-- demand each year from..to, whatever the price, and releases all of it
-- in the release year.
function japan.stockpile(opts)
  local o = options("stockpile", opts, japan.defaults.stockpile)
  local years = o.to - o.from + 1
  return ree.policy { "stockpile", from = o.from, to = o.release, source = "assumption", apply = function(p, year)
    for _, el in ipairs(o.elements) do
      local d_jp0 = p[el .. ".d_jp0"]
      if type(d_jp0) ~= "number" then
        error(string.format("japan.stockpile: the model has no '%s.d_jp0' (Japan's reference demand)", el), 0)
      end
      local bought = o.buy * d_jp0
      if year <= o.to then
        p[el .. ".stock_rw"] = (p[el .. ".stock_rw"] or 0) + bought
      elseif year == o.release then
        p[el .. ".stock_rw"] = (p[el .. ".stock_rw"] or 0) - bought * years
      end
    end
  end }
end

-- }==================================================================

-- {==================================================================
-- Trade law: the WTO case
-- ===================================================================

japan.defaults.wto_case = {
  removal = { value = 2015, valid = { 2000, 2050 }, source = "bofit-2015", range = { 2013, 2015 },
    note = "consultations March 2012, panel report March 2014, Appellate Body August 2014 (wto-ds431); " ..
      "quotas gone January 2015, duties May 2015. Earlier years: had the case gone faster" },
}

--- The WTO case of Japan, the USA and the EU (DS431-433): from the
-- removal year China's export duties (on oxide and on alloy), the lost
-- VAT rebate and the export quotas are gone. The ruling was on duties and
-- quotas; the record has the whole export wedge gone with them in 2015
-- (chinadaily-2015-04), and so does the case here. It acts after China's
-- policies, so list it after them.
function japan.wto_case(opts)
  local o = options("wto_case", opts, japan.defaults.wto_case)
  return ree.policy { "WTO case: duties and quotas removed", from = o.removal, source = "wto-ds431",
    apply = function(p)
      local off = {}
      for k in pairs(p) do
        if k:match("%.tax$") or k:match("%.vat_lost$") or k == "loc.alloy.duty" then off[k] = 0
        elseif k:match("%.quota$") or k:match("^quota_total") then off[k] = false end
      end
      for k, v in pairs(off) do p[k] = v end
    end }
end

-- }==================================================================

-- {==================================================================
-- Where magnets are made: export control and patents
-- ===================================================================

japan.defaults.export_control = {
  from = { value = 2012, valid = { 2000, 2050 }, source = "yomiuri-2023" },
  to = { value = 2013, valid = { 2000, 2050 }, source = "yomiuri-2023", note = "joint ventures again from about 2014" },
  kappa = { value = 20, valid = { 0, math.huge }, source = "assumption", range = { 5, 100 },
    note = "US$/kg of magnet: the licence cost and the risk of refusal of a move to China" },
}

--- Japan's 2012 catch-all export control on magnet technology: a cost
-- on making magnets in China (models/location.lua's kappa), added to any
-- other (the patents), so that the two combine.
function japan.export_control(opts)
  local o = options("export_control", opts, japan.defaults.export_control)
  return ree.policy { "export control on magnets", from = o.from, to = o.to, source = "yomiuri-2023",
    apply = function(p) p["loc.magnet.kappa.CN"] = (p["loc.magnet.kappa.CN"] or 0) + o.kappa end }
end

japan.defaults.patent_expiry = {
  year = { value = 2014, valid = { 2000, 2050 }, source = "reuters-2011-patents" },
  before = { value = 10, valid = { 0, math.huge }, source = "assumption", range = { 0, 50 },
    note = "US$/kg: what entering without Hitachi Metals' licence cost makers outside Japan" },
}

--- Hitachi Metals' core patents (litigated at the US ITC in 2012) ran to
-- 2014: until then making magnets outside Japan carries a cost.
function japan.patent_expiry(opts)
  local o = options("patent_expiry", opts, japan.defaults.patent_expiry)
  return ree.policy { "NdFeB patents in force", to = o.year - 1, source = "reuters-2011-patents",
    apply = function(p)
      for _, r in ipairs({ "CN", "RW" }) do
        local key = "loc.magnet.kappa." .. r
        p[key] = (p[key] or 0) + o.before
      end
    end }
end

-- }==================================================================

--- What each countermeasure does, its defaults and their sources, as text.
function japan.describe()
  local lines = {}
  local names = {}
  for name in pairs(japan.defaults) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    lines[#lines + 1] = "japan." .. name .. "()"
    local keys = {}
    for k in pairs(japan.defaults[name]) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do
      local d = japan.defaults[name][k]
      local v = d.value
      if type(v) == "table" then v = v.name or table.concat(v, ", ")
      elseif math.type(v) == "float" then v = string.format("%.4g", v)
      else v = tostring(v) end
      lines[#lines + 1] = string.format("  %-10s %-22s %s%s%s", k, v, d.source,
        d.range and string.format(", range %s-%s", d.range[1], d.range[2]) or "",
        d.note and ("; " .. d.note) or "")
    end
  end
  return table.concat(lines, "\n")
end

return japan
