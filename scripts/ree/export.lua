--- A scenario's results in the formats other tools read: tidy CSV (one
-- value a row: pandas, R, a spreadsheet's pivot table), the IAMC template's
-- wide CSV (one variable a row, a column a year: pyam and the integrated
-- assessment community) and JSON. Results:write(FILE, { format = ... })
-- calls these; each returns the file's text.
--
-- A result's path names its variable, element and region at once
-- ("demand.Nd.JP"): the element (a symbol) and the region (CN, JP, RW)
-- become columns of their own, the rest is the variable ("demand").
--
--   export.tidy(res)   --> "scenario,variable,region,element,unit,period,value\nhistory,demand,Japan,Nd,t REO,2005,..."
--   export.iamc(res)   --> "Model,Scenario,Region,Variable,Unit,2005,...\nree 0.1.0,history,Japan,demand|Nd,t REO,..."

local core = require("ree.core")
local csv = require("ree.csv")
local format = require("ree.format")
local series = require("ree.series")

local export = {}

local PERIOD_NAMES = { [1] = "annual", [4] = "quarterly", [12] = "monthly" }

-- the regions a path names, by the code it uses
export.REGIONS = { CN = "China", JP = "Japan", RW = "Rest of World" }

local function is_element(part) return core.element(part) ~= nil end

--- A path's facets: { variable = "demand", element = "Nd", region = "Japan" }
-- (element and region nil when it names none).
function export.facets(path)
  local rest, element, region = {}, nil, nil
  for part in path:gmatch("[^.]+") do
    if #rest > 0 and not element and is_element(part) then
      element = part
    elseif #rest > 0 and not region and export.REGIONS[part] then
      region = export.REGIONS[part]
    else
      rest[#rest + 1] = part
    end
  end
  return { variable = table.concat(rest, "."), element = element, region = region }
end

--- Every variable of the results with its facets, in path order; raises
-- when two paths would give the same row key (a format could not tell them
-- apart).
local function variables(results)
  local list, seen = {}, {}
  for _, path in ipairs(results:variables()) do
    local f = export.facets(path)
    local key = table.concat({ f.variable, f.region or "", f.element or "" }, "\0")
    if seen[key] then
      error(string.format("export: '%s' and '%s' would share a row (variable %s, region %s, element %s)", seen[key],
        path, f.variable, f.region or "-", f.element or "-"), 3)
    end
    seen[key], f.path = path, path
    list[#list + 1] = f
  end
  return list
end

--- The results as tidy CSV: scenario, variable, region, element, unit,
-- period (2011, 2011-03, 2011Q2), value (empty where missing).
function export.tidy(results)
  local name = results.scenario.name
  local rows = { { "scenario", "variable", "region", "element", "unit", "period", "value" } }
  for _, f in ipairs(variables(results)) do
    local s = results:get(f.path)
    local period, unit = s:period(), s:unit()
    for t, v in s:pairs() do
      rows[#rows + 1] = { name, f.variable, f.region or "", f.element or "", unit, format.time(t, period),
        v and v == v and csv.number(v) or "" }
    end
  end
  return csv.format(rows)
end

--- The results in the IAMC template: Model, Scenario, Region, Variable,
-- Unit and a column a year; a monthly or quarterly variable as its year's
-- aggregate (a price's mean, a flow's sum), a variable with no region in
-- the region "World", the variable's parts joined by "|" as the template's
-- are.
function export.iamc(results)
  local sc = results.scenario
  local annual = results:annual()
  local header = { "Model", "Scenario", "Region", "Variable", "Unit" }
  for year = sc.first, sc.last do header[#header + 1] = tostring(year) end
  local rows = { header }
  local model = "ree " .. core._VERSION
  for _, f in ipairs(variables(results)) do
    local s = annual:get(f.path)
    local variable = f.variable:gsub("%.", "|")
    if f.element then variable = variable:gsub("^([^|]+)", "%1|" .. f.element) end
    local row = { model, sc.name, f.region or "World", variable, s:unit() }
    for year = sc.first, sc.last do
      local v = s[year]
      row[#row + 1] = v and v == v and csv.number(v) or ""
    end
    rows[#rows + 1] = row
  end
  return csv.format(rows)
end

--- The results as JSON: the scenario, its years, and each variable with
-- its path, facets, unit, period, first step and values (null where
-- missing).
function export.json(results)
  local sc = results.scenario
  local out = { scenario = sc.name, model = "ree " .. core._VERSION, first = sc.first, last = sc.last,
    variables = {} }
  for i, f in ipairs(variables(results)) do
    local s = results:get(f.path)
    local values = s:values()
    local n = #values
    for k = 1, n do
      if values[k] ~= values[k] then values[k] = core.null end
    end
    local period, year, _, sub = s:period(), s:years()
    out.variables[i] = { path = f.path, variable = f.variable, element = f.element, region = f.region,
      unit = s:unit(), period = PERIOD_NAMES[period], from = format.time(year + ((sub or 1) - 1) / period, period),
      values = values }
  end
  return core.json_encode(out, true) .. "\n"
end

-- {==================================================================
-- A Monte Carlo: each run's sampled inputs and collected outputs.
-- ===================================================================

--- The steps of a collected variable as column labels: "price.Nd.fob 2011-03".
local function output_columns(mc, path)
  local period, out = mc.periods[path] or 1, {}
  for k = 1, (mc.last - mc.first + 1) * period do
    out[k] = path .. " " .. format.time(mc.first + (k - 1) / period, period)
  end
  return out
end

--- The runs done, in order.
local function runs_of(mc)
  local list = {}
  for i in pairs(mc.values) do list[#list + 1] = i end
  table.sort(list)
  return list
end

local function cell(v) return v and v == v and csv.number(v) or "" end

--- An input's columns: its name, or for a series drawn whole (a mapped
-- distribution's) a column a step, "reserve 2011".
local function input_columns(name, v)
  if not series.is(v) then return { name } end
  local out = {}
  for t in v:pairs() do out[#out + 1] = name .. " " .. format.time(t, v:period()) end
  return out
end

--- A Monte Carlo as CSV, one row a run: run, each sampled input, then each
-- collected variable at each step ("price.Nd.fob 2011"), empty where missing.
function export.montecarlo_csv(mc)
  local runs = runs_of(mc)
  local header = { "run" }
  for _, name in ipairs(mc.inputs) do
    for _, label in ipairs(input_columns(name, mc.plan and mc.plan[runs[1]][name])) do header[#header + 1] = label end
  end
  for _, path in ipairs(mc.collect) do
    for _, label in ipairs(output_columns(mc, path)) do header[#header + 1] = label end
  end
  local rows = { header }
  for _, i in ipairs(runs) do
    local row = { tostring(i) }
    for _, name in ipairs(mc.inputs) do
      local v = mc.plan and mc.plan[i][name]
      if series.is(v) then
        for _, x in v:pairs() do row[#row + 1] = cell(x) end
      else
        row[#row + 1] = cell(v)
      end
    end
    for _, path in ipairs(mc.collect) do
      for _, v in ipairs(mc.values[i][path]) do row[#row + 1] = cell(v) end
    end
    rows[#rows + 1] = row
  end
  return csv.format(rows)
end

--- An input for JSON: a number, or a series as { unit, from, values }.
local function series_json(v)
  if not series.is(v) then return v end
  local values, period = v:values(), v:period()
  for k = 1, #values do if values[k] ~= values[k] then values[k] = core.null end end
  local year, _, sub = v:years()
  return { unit = v:unit(), from = format.time(year + ((sub or 1) - 1) / period, period), values = values }
end

--- A Monte Carlo as JSON: its plan (runs, seed, years), the inputs and the
-- outputs (path, unit, period), and each run with its inputs and outputs.
function export.montecarlo_json(mc)
  local outputs = {}
  for k, path in ipairs(mc.collect) do
    local period = mc.periods[path] or 1
    outputs[k] = { path = path, unit = mc.units[path], period = PERIOD_NAMES[period],
      from = format.time(mc.first, period) }
  end
  local results = {}
  for k, i in ipairs(runs_of(mc)) do
    local values = {}
    for _, path in ipairs(mc.collect) do
      local list = {}
      for j, v in ipairs(mc.values[i][path]) do list[j] = v == v and v or core.null end
      values[path] = list
    end
    local inputs = core.null
    if mc.plan then
      inputs = {}
      for name, v in pairs(mc.plan[i]) do inputs[name] = series_json(v) end
    end
    results[k] = { run = i, inputs = inputs, outputs = values }
  end
  local out = { model = "ree " .. core._VERSION, runs = mc.runs, seed = mc.seed, first = mc.first, last = mc.last,
    inputs = mc.inputs, outputs = outputs, results = results }
  return core.json_encode(out, true) .. "\n"
end

-- }==================================================================

return export
