--- The founding report's charts that the data allows, as SVG files:
--
--   ./ree scripts/examples/history_charts.lua [DIR]     (default: charts)
--
-- World production by country, China's export quota against its exports,
-- the 2011 price spike, Japan's demand, and China's magnet output. Each
-- chart names the sources of what it shows.

local ree = require("ree")
local svg = require("ree.svg")

local dir = arg and arg[1] or "charts"
assert(require("ree.host").mkdir(dir)) -- no shell: the name is taken as it is

--- "usgs-mcs-2016 [A], vc-2019 [C]": the sources behind the named series.
local function sources(ds, names)
  local seen, ids = {}, {}
  for _, name in ipairs(names) do
    for _, p in pairs(ds.provenance[name]) do
      local id = p.source .. " [" .. p.grade .. "]"
      if not seen[id] then seen[id], ids[#ids + 1] = true, id end
    end
  end
  table.sort(ids)
  return table.concat(ids, ", ") .. " (models/data/sources.json)"
end

local function pick(ds, names)
  local list = {}
  for i, name in ipairs(names) do list[i] = ds:get(name) end
  return list, sources(ds, names)
end

local written = {}
local function chart(kind, file, list, opts)
  opts.file = dir .. "/" .. file
  svg[kind](list, opts)
  written[#written + 1] = opts.file
end

-- 1. World mine production by country: stacked, in the years with a full breakdown
local production = ree.data.load "production"
local countries = { "China", "United States", "Australia", "India", "Brazil", "Malaysia", "CIS / Russia",
  "Thailand", "Other countries" }
local list, src = pick(production, countries)
chart("bars", "world-production.svg", list, {
  title = "World rare-earth mine production by country", stacked = true, source = src,
  subtitle = "Only the years with a complete country breakdown are drawn",
  note = string.format("China's share: %.0f%% in 2014 (97%% in 2011 by the founding report)",
    100 * production:get("China")[2014] / production:get("World")[2014]) })

-- 2. China's export quota against what it exported
local quotas = ree.data.load "china-quotas"
list, src = pick(quotas, { "Export quota", "Export quota, domestic firms", "Exports" })
chart("bars", "china-quota-vs-exports.svg", list, {
  title = "China: export quota and actual exports", source = src,
  subtitle = "From late 2011 exports fell well below the quota: it stopped binding",
  note = "Before 2009 only the domestic firms' quota is known; 2013 exports are derived from 2014's growth" })

-- 3. The price spike, on a log scale
local prices = ree.data.load "prices"
local seed = ree.data.load "seed-report"
local price_list = { prices:get "Dy2O3, year-end high (USGS)", prices:get "Nd2O3, year-end high (USGS)",
  prices:get "Tb4O7, year-end high (USGS)", seed:get("Dy price, import, high"):named "Dy, import price (report)",
  seed:get("Nd price, import, high"):named "Nd, import price (report)",
  seed:get("Dy metal, import price, peak"):named "Dy metal, peak July 2011 (report)",
  seed:get("Nd metal, import price, peak"):named "Nd metal, peak July 2011 (report)" }
chart("lines", "price-spike.svg", price_list, {
  title = "Rare-earth prices: the 2011 spike", log = true, ylabel = "US$/kg",
  subtitle = "Oxides FOB China at year end (USGS, upper end of the range); the report's import and peak prices",
  source = sources(prices, { "Dy2O3, year-end high (USGS)", "Nd2O3, year-end high (USGS)",
    "Tb4O7, year-end high (USGS)" }) .. "; seed-2012 [B]" })

-- 4. Japan's demand
local demand = ree.data.load "demand"
chart("lines", "japan-demand.svg", { demand:get "Japan", seed:get("Japan demand"):named "Japan (the report)",
  demand:get "Japan: Nd and Dy" }, {
  title = "Japan's rare-earth demand", source = sources(demand, { "Japan", "Japan: Nd and Dy" }) .. "; seed-2012 [B]",
  subtitle = "Thrifting, substitution, recycling and glass making moving to China",
  note = "Japan's demand by sector (JSNM) was not found in an accessible source: only totals are drawn" })

-- 5. China's magnet output, stacked
local ndfeb = ree.data.load "ndfeb-production"
list, src = pick(ndfeb, { "China, sintered", "China, bonded" })
chart("area", "china-ndfeb.svg", list, { title = "China's NdFeB magnet output", source = src,
  subtitle = "Sintered and bonded magnets, 2001-2009" })

for _, file in ipairs(written) do print(file) end
