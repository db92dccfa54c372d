--- A scenario's report: what `./ree run SCENARIO` prints and what
-- `./ree report SCENARIO -o FILE.html` writes, one self-contained HTML
-- page: a summary, charts (prices, production by region, where each stage
-- is made, China's ladder of effective protection, Sankeys of Nd and Dy),
-- tables, and every parameter with its source or its range as an
-- assumption, and the bibliography of the sources used.
--
--   local report = require("app.report")
--   local sc = report.scenario "history"          -- a name, or a FILE.lua returning a scenario
--   report.text(sc:run(), io.write)
--   report.write(sc:run(), "history.html")
--
-- Sections show what the results hold: a scenario of another model gets
-- its variables charted by unit.

local ree = require("ree")
local html = require("ree.html")
local svg = require("ree.svg")
local files = require("ree.files")
local format = require("ree.format")

local report = {}

--- The scenario a command names: one of the history's (see
-- models/scenarios/history.lua) or a Lua file that returns a scenario.
-- Returns the scenario, or nil, a message and the exit status it means: 2
-- for a name that is no scenario, 1 for a file that failed to give one.
function report.scenario(name)
  local history = require("ree.models.scenarios.history")
  if type(name) ~= "string" or name == "" then
    return nil, "name a scenario: " .. table.concat(history.NAMES, ", ") .. ", crisis, or a FILE.lua that returns one",
      2
  end
  if name:match("%.lua$") then
    local chunk, err = loadfile(name)
    if not chunk then return nil, err, err:find("^cannot open") and 2 or 1 end
    local ok, sc = xpcall(chunk, debug.traceback)
    if not ok then return nil, tostring(sc), 1 end
    if getmetatable(sc) ~= require("ree.scenario").Scenario then
      return nil, string.format("%s: returns %s, not a scenario (ree.scenario { ... })", name, type(sc)), 1
    end
    -- a scenario made from one of ree's (history.scenario "history" with a
    -- policy added) is the file's, not that one: it takes the file's name
    if sc.name == "crisis" or sc.name == "scenario" then return sc:named(name:match("([^/]+)%.lua$")) end
    for _, known in ipairs(history.NAMES) do
      if sc.name == known then return sc:named(name:match("([^/]+)%.lua$")) end
    end
    return sc
  end
  for _, known in ipairs(history.NAMES) do
    if known == name then return history.scenario(name) end
  end
  if name == "crisis" then return require("ree.models.scenarios.crisis").scenario() end
  return nil, string.format("no scenario '%s': name one of %s, crisis, or a FILE.lua that returns one", name,
    table.concat(history.NAMES, ", ")), 2
end

-- {==================================================================
-- What the results hold
-- ===================================================================

--- The elements whose prices the results recorded, in a steady order.
local function elements_of(res)
  local list = {}
  for _, path in ipairs(res:variables()) do
    local el = path:match("^price%.(%a+)%.fob$")
    if el then list[#list + 1] = el end
  end
  table.sort(list, function(a, b) return ree.element(a).z < ree.element(b).z end)
  return list
end

local function years_of(res) return res.scenario.first, res.scenario.last end

--- The sum over elements of res[what][el][side] (or res[what][el]) in year.
local function total(res, els, what, side, year)
  local t = 0
  for _, el in ipairs(els) do
    local s = side and res[what][el][side] or res[what][el]
    t = t + (s[year] or 0)
  end
  return t
end

--- The key numbers: { { label, value text }, ... } (of the year's
-- aggregates, for results recorded by month or quarter).
function report.digest(res)
  if res:sub_annual() then res = res:annual() end
  local els = elements_of(res)
  local first, last = years_of(res)
  local rows = {}
  local function add(label, value) rows[#rows + 1] = { label, value } end
  add("scenario", string.format("%s, %d-%d", res.scenario.name, first, last))
  add("policies", tostring(#res.scenario.policies))
  for _, el in ipairs(els) do
    local peak, year = res.price[el].fob:max()
    add(el .. " oxide price outside China", string.format("peak %s US$/kg in %d; %s in %d", format.number(peak), year,
      format.number(res.price[el].fob[last]), last))
  end
  if #els > 0 and res:has("revenue") then
    local collected = 0
    for year = first, last do
      collected = collected + total(res, els, "revenue", nil, year) + total(res, els, "rent", nil, year)
    end
    add("China's duties, lost VAT rebates and quota rents", format.money(collected) .. " in all")
    add("China's exports", string.format("%s t REO in %d, %s t in %d", format.number(total(res, els, "exports",
      nil, first)), first, format.number(total(res, els, "exports", nil, last)), last))
  end
  for _, stage in ipairs({ "alloy", "magnet" }) do
    if res:has("location." .. stage) then
      add("China's share of " .. stage .. " making", string.format("%.0f%% in %d, %.0f%% in %d",
        100 * res.location[stage].CN[first], first, 100 * res.location[stage].CN[last], last))
    end
  end
  add("check violations", tostring(#res.violations))
  return rows, els
end

--- What `./ree run SCENARIO` prints: the digest, then prices by year.
function report.text(res, write)
  if res:sub_annual() then res = res:annual() end
  local rows, els = report.digest(res)
  write(format.table(rows, "  ") .. "\n")
  if #els > 0 then
    local first, last = years_of(res)
    local table_rows = { { "year" } }
    for _, el in ipairs(els) do table_rows[1][#table_rows[1] + 1] = el .. " FOB" end
    for year = first, last do
      local row = { tostring(year) }
      for _, el in ipairs(els) do row[#row + 1] = format.number(res.price[el].fob[year]) end
      table_rows[#table_rows + 1] = row
    end
    write("\n  Prices outside China, US$/kg of oxide:\n" .. format.table(table_rows, "  ") .. "\n")
  end
  for _, v in ipairs(res.violations) do
    write(string.format("  check '%s' fails in %d: %s\n", v.check, v.year, v.why))
  end
end

-- }==================================================================

-- {==================================================================
-- Charts
-- ===================================================================

--- A Sankey of one element's flows in year: mined in China (legally,
-- and by its illegal fringe where the model has one) and outside, used in
-- China and stocked there (by its holders, and by its stockpiles where the
-- model has them), exported, bought by Japan and the rest of the world.
function report.sankey(res, el, year)
  local function maybe(path) return res:has(path) and res:get(path)[year] or 0 end
  local mined_cn = res.supply[el].CN[year] + maybe("fringe." .. el)
  local mined_rw = res.supply[el].RW[year]
  local exports, stocked_cn = res.exports[el][year], maybe("bought." .. el .. ".CN")
  local c = ree.chain { elements = { el }, from = year, to = year }
  c:process("China", { label = "China's market", region = "CN" })
  c:process("world", { label = "the market outside China", region = "RW" })
  c:flow { "mined in China", to = "China", value = { [el] = mined_cn } }
  c:flow { "mined outside China", to = "world", value = { [el] = mined_rw } }
  if stocked_cn < 0 then c:flow { "out of stocks in China", to = "China", value = { [el] = -stocked_cn } } end
  local into_cn = mined_cn + math.max(0, -exports) + math.max(0, -stocked_cn)
  if stocked_cn > 0 then c:flow { "into stocks in China", from = "China", tc = { [el] = stocked_cn / into_cn } } end
  local reserve = maybe("reserve." .. el) -- the state reserve's and stockpiles', apart from the holders'
  if reserve > 0 then c:flow { "into China's stockpiles", from = "China", tc = { [el] = reserve / into_cn } } end
  local into_rw = mined_rw + math.max(0, exports)
  if exports >= 0 then
    c:flow { "exports", from = "China", to = "world", tc = { [el] = into_cn > 0 and exports / into_cn or 0 } }
  else
    c:flow { "imports", from = "world", to = "China", tc = { [el] = -exports / into_rw } }
  end
  c:flow { "used in China", from = "China", tc = { [el] = into_cn > 0 and res.demand[el].CN[year] / into_cn or 0 } }
  local jp = res.demand[el].JP and res.demand[el].JP[year] or 0
  if res:has("bought." .. el .. ".RW") then -- the holders' stocks outside China are in the results
    local stocked, stockpiled = maybe("bought." .. el .. ".RW"), maybe("stockpiled." .. el)
    if stocked < 0 then
      c:flow { "out of stocks outside China", to = "world", value = { [el] = -stocked } }
      into_rw = into_rw - stocked
    end
    if stockpiled < 0 then
      c:flow { "out of stockpiles outside China", to = "world", value = { [el] = -stockpiled } }
      into_rw = into_rw - stockpiled
    end
    local function share(q) return into_rw > 0 and q / into_rw or 0 end
    c:flow { "used in Japan", from = "world", tc = { [el] = share(jp) } }
    c:flow { "used elsewhere", from = "world", tc = { [el] = share(maybe("demand." .. el .. ".RW")) } }
    if stocked > 0 then c:flow { "into stocks outside China", from = "world", tc = { [el] = share(stocked) } } end
    if stockpiled > 0 then
      c:flow { "into stockpiles outside China", from = "world", tc = { [el] = share(stockpiled) } }
    end
    return c:solve()
  end
  local outside_use = into_rw - math.max(0, -exports)
  c:flow { "used in Japan", from = "world", tc = { [el] = into_rw > 0 and jp / into_rw or 0 } }
  c:flow { "used elsewhere or stocked", from = "world",
    tc = { [el] = into_rw > 0 and (outside_use - jp) / into_rw or 0 } }
  return c:solve()
end

--- The record's annual average price of el's oxide (USGS), or nil.
local function recorded_price(el)
  local oxide = ree.element(el).oxide
  local ok, s = pcall(function() return ree.data.load("prices"):get(oxide .. ", annual average (USGS)") end)
  return ok and s or nil
end

local function chart_prices(res, els)
  local list, record = {}, {}
  local first, last = years_of(res)
  for i, el in ipairs(els) do
    list[i] = res.price[el].fob:named(el)
    local r = recorded_price(el)
    if r then record[i] = r:slice(first, last):named(el .. ", USGS") end
  end
  return svg.lines(list, { title = "Oxide prices outside China (FOB): the model and the record", log = true,
    ylabel = "US$/kg", record = record, source = "the model: " .. res.scenario.name ..
    "; the record: USGS Minerals Yearbook annual averages (models/data/history/prices.json)" })
end

local function chart_supply(res, els)
  local cn, rw = {}, {}
  local first, last = years_of(res)
  for year = first, last do
    cn[#cn + 1] = total(res, els, "supply", "CN", year)
    rw[#rw + 1] = total(res, els, "supply", "RW", year)
  end
  local n = last - first + 1
  local s_cn = ree.series { from = first, unit = "t", name = "China", table.unpack(cn, 1, n) }
  local s_rw = ree.series { from = first, unit = "t", name = "outside China", table.unpack(rw, 1, n) }
  return svg.area({ s_cn, s_rw }, { title = "Supply by region, " .. table.concat(els, ", "), ylabel = "t REO",
    source = "the model: " .. res.scenario.name })
end

local function chart_location(res)
  local list = {}
  for _, stage in ipairs({ "alloy", "magnet" }) do
    if res:has("location." .. stage) then
      for _, r in ipairs({ "CN", "JP" }) do
        list[#list + 1] = res.location[stage][r]:to("%"):named(stage .. " making in " .. r)
      end
    end
  end
  return svg.lines(list, { title = "Where magnet alloy and magnets are made", ylabel = "share of capacity, %",
    source = "the model: " .. res.scenario.name .. " (models/location.lua)" })
end

local function chart_erp()
  local china = require("ree.models.china")
  local erp = china.erp_by_year("Dy", 2006, 2015)
  return svg.lines({ erp.alloy:to("%"):named("alloy making"), erp.magnet:to("%"):named("magnet sintering") },
    { title = "China's ladder: effective protection of Dy-magnet stages", ylabel = "effective rate of protection, %",
      source = "duties: models/data/history/china-export-duties.json; Corden's formula; input shares assumed" })
end

-- }==================================================================

-- {==================================================================
-- The page
-- ===================================================================

local function value_text(v)
  if type(v) == "number" then return format.number(v) end
  if type(v) == "table" then
    if getmetatable(v) then return tostring(v) end
    return string.format("a table (%d entries)", #v)
  end
  return tostring(v)
end

--- The market's prices, charted and by year, and production by region.
local function prices_section(page, res, els)
  page:heading("Prices")
  page:figure(chart_prices(res, els), "Log scale. Lines: the model's prices outside China (FOB China); " ..
    "hollow squares in the same colour: the record's annual averages, never fitted to.")
  local first, last = years_of(res)
  local by_year = { { "year" } }
  for _, el in ipairs(els) do
    by_year[1][#by_year[1] + 1] = el .. " FOB"
    by_year[1][#by_year[1] + 1] = el .. " China"
  end
  for year = first, last do
    local row = { tostring(year) }
    for _, el in ipairs(els) do
      row[#row + 1] = format.number(res.price[el].fob[year])
      row[#row + 1] = format.number(res.price[el].cn[year])
    end
    by_year[#by_year + 1] = row
  end
  page:table(by_year)
  page:heading("Production by region")
  page:figure(chart_supply(res, els))
end

--- Another model's variables, charted by unit (eight a chart at most).
local function results_section(page, res)
  page:heading("Results")
  local by_unit, units = {}, {}
  for _, path in ipairs(res:variables()) do
    local series = res:get(path)
    local unit = series:unit()
    if not by_unit[unit] then by_unit[unit], units[#units + 1] = {}, unit end
    table.insert(by_unit[unit], series:named(path))
  end
  local name = res.scenario.name
  for _, unit in ipairs(units) do
    local list = { table.unpack(by_unit[unit], 1, math.min(#by_unit[unit], 8)) }
    local ok, chart = pcall(svg.lines, list, { title = name .. ": " .. unit, source = "the model: " .. name })
    if ok then page:figure(chart) end
  end
end

--- Sankeys of Nd and Dy between the markets in a year (opts.year, or the
-- year of the last one's price peak), where the results have them.
local function flows_section(page, res, opts)
  local flows = {}
  for _, el in ipairs({ "Nd", "Dy" }) do
    if res:has("supply." .. el) then flows[#flows + 1] = el end
  end
  if #flows == 0 then return end
  local year = opts.year or select(2, res.price[flows[#flows]].fob:max())
  page:heading(string.format("Flows of %s in %d", table.concat(flows, " and "), year))
  for _, el in ipairs(flows) do
    local r = report.sankey(res, el, year)
    -- (the chart prints its largest balance residual itself)
    page:figure(require("ree.sankey").svg(r, { element = el, year = year, title = "Flows between the markets",
      quantity = "t of " .. ree.element(el).oxide }))
  end
end

--- A calibration and its held-out facts (models/scenarios/crisis_validation.lua).
local function validation_section(page, v)
  local validation = require("ree.models.scenarios.crisis_validation")
  page:heading("Calibrated on quantities, judged on held-out prices")
  page:para("Fitted on China's exports and mine output and on the price levels of 2014-2015 only; never on a " ..
    "price of 2010-2013.")
  local fit = { { "parameter", "start", "fitted", "sd", "range", "identified by the data" } }
  for _, name in ipairs(v.fit.params) do
    local r = v.fit.range[name]
    fit[#fit + 1] = { name, format.number(v.fit.start[name]), format.number(v.fit.values[name]),
      v.fit.sd[name] == math.huge and "-" or format.number(v.fit.sd[name]),
      format.number(r[1]) .. " to " .. format.number(r[2]), v.fit.identified[name] and "yes" or "no" }
  end
  page:table(fit)
  page:para(string.format("Targets: %s, %d-%d; S = %.4g on %d degrees of freedom. Held out, never fitted: %s.",
    table.concat(v.fit.targets, ", "), v.fit.years[1], v.fit.years[2], v.fit.s, v.fit.df,
    table.concat(v.fit.hold_out, ", ")), "note")
  local facts, met = validation.rows(v.facts)
  local _, prior_met = validation.rows(v.prior)
  page:para(string.format("%d of %d held-out facts within the model's 5-95%% band: the %.0f of %d Monte Carlo " ..
    "runs over the parameters the data leave free that the calibration's data do not rule out (none more than " ..
    "%g widened sds from a target); %d of %d in the bands of all %d runs, the priors alone. A miss is reported, " ..
    "not tuned away.", met, #v.facts, v.mc:effective_runs(), v.mc:count(), validation.IMPLAUSIBLE, prior_met,
    #v.prior, v.mc:count()))
  page:table(facts)
  for _, chart in ipairs(validation.charts(v)) do
    page:figure(chart[2], "Log scale. The record's monthly prices were never fitted.")
  end
end

--- The scenario's parameters and policies, and the sources they cite.
local function sources_section(page, sc)
  page:heading("Parameters and their sources")
  page:para("Each parameter the scenario starts from, with its source (an id in models/data/sources.json) or, " ..
    "for an assumption, the range of values a user should try.", "note")
  local names = {}
  for name in pairs(sc.params) do names[#names + 1] = name end
  table.sort(names)
  local params = { { "parameter", "value", "source", "range" } }
  local cited = {}
  for _, name in ipairs(names) do
    local p = sc.params[name]
    cited[p.source] = true
    local range = p.range and string.format("%s to %s", value_text(p.range[1]), value_text(p.range[2])) or ""
    params[#params + 1] = { name, value_text(p.value), p.source, range }
  end
  page:table(params)
  page:heading("Policies")
  local policies = { { "policy", "from", "to", "source" } }
  for _, pol in ipairs(sc.policies) do
    if pol.source then cited[pol.source] = true end
    policies[#policies + 1] = { pol.name, pol.from == -math.huge and "" or tostring(pol.from),
      pol.to == math.huge and "" or tostring(pol.to), pol.source or "" }
  end
  page:table(policies)
  page:heading("Sources")
  local bib = assert(ree.data.bibliography())
  local ids = {}
  for id in pairs(cited) do
    if bib[id] then ids[#ids + 1] = id end
  end
  table.sort(ids)
  local sources = { { "id", "source", "grade" } }
  for _, id in ipairs(ids) do
    local b = bib[id]
    sources[#sources + 1] = { id, b.url and { b.cite, href = b.url } or b.cite, b.grade or "" }
  end
  page:table(sources)
end

--- The HTML page of results (see the module's comment). opts: year, the
-- year of the Sankeys (default: the year of the Dy or first element's
-- price peak); validation, a calibration and its held-out facts.
function report.html(res, opts)
  opts = opts or {}
  if res:sub_annual() then res = res:annual() end -- the charts and tables are by year
  local sc = res.scenario
  local page = html.page(string.format("ree: the scenario '%s', %d-%d", sc.name, sc.first, sc.last))
  local rows, els = report.digest(res)
  page:heading("Summary")
  page:para("A run of the scenario's model under its policies. Every number below comes from the " ..
    "parameters listed at the end, each with its source or, for an assumption, the range to try.")
  local summary = { { "", "" } }
  for _, r in ipairs(rows) do summary[#summary + 1] = r end
  page:table(summary)
  if #els > 0 then prices_section(page, res, els) else results_section(page, res) end
  if res:has("location") then
    page:heading("Where each stage is made")
    page:figure(chart_location(res), "Shares of capacity; the rest of the world is the remainder.")
  end
  if #els > 0 then
    page:heading("China's ladder")
    page:figure(chart_erp(), "Corden's effective rate of protection of each stage inside China, from the " ..
      "duty ladder of the record: taxing metal but not alloy protects alloy making; taxing alloy too moves " ..
      "the advantage to magnet sintering.")
  end
  flows_section(page, res, opts)
  if opts.validation then validation_section(page, opts.validation) end
  sources_section(page, sc)
  page:para("Written by ree " .. ree._VERSION .. ". The model is annual; see README.md for what it leaves out.",
    "note")
  return page:render()
end

--- Writes the page to path, whole or not at all.
function report.write(res, path, opts)
  local ok, err = pcall(files.write, path, report.html(res, opts))
  if not ok then error(err, 2) end
  return path
end

-- }==================================================================

return report
