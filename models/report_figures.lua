--- The founding report's own figures, loaded from models/data and checked:
-- Japan's magnet industry (seed-japan-magnets.json) and the non-China
-- supply planned for 2014 (non-china-supply-2014.json).

local data = require "ree.data"

local figures = {}

local range_schema = { type = "array", items = { type = "number", min = 0 } }
local seed_schema = {
  type = "object", required = { "title", "unit", "source", "table", "prose" },
  fields = {
    title = { type = "string" }, unit = { type = "string" }, source = { type = "source" },
    table = { type = "array", items = { type = "object", required = { "year", "magnets", "nd_pr_metal", "dy_metal" },
      fields = { year = { type = "number" }, estimate = { type = "boolean" }, magnets = range_schema,
        nd_pr_metal = range_schema, dy_metal = range_schema, tb_metal = range_schema } } },
    prose = { type = "object", fields = { magnets = range_schema, nd_metal = range_schema,
      dy_metal = range_schema, dy_wt_pct = range_schema, note = { type = "string" } } },
  },
}

local sourced = data.sourced
local supply_schema = {
  type = "object", required = { "title", "unit", "projects", "report" },
  fields = {
    title = { type = "string" }, unit = { type = "string" },
    projects = { type = "array", items = { type = "object", required = { "name", "deposit", "capacity" },
      fields = { name = { type = "string" }, deposit = { type = "string" }, capacity = sourced("value", 0) } } },
    report = { type = "object", required = { "total_2014", "nd_2014", "dy_2014" }, fields = {
      total_2014 = sourced("value", 0), nd_2014 = sourced("value", 0), dy_2014 = sourced("value", 0) } },
  },
}

--- { table = { { year, magnets, nd_pr_metal, dy_metal, tb_metal }, ... },
-- prose = { magnets, nd_metal, dy_metal, dy_wt_pct } }, ranges as { low, high }.
local loaded = {}

local function load(name, schema)
  if not loaded[name] then loaded[name] = data.load(name, schema) end
  return loaded[name]
end

function figures.japan_magnets()
  return load("seed-japan-magnets", seed_schema)
end

--- The row of the report's Japan table for year.
function figures.japan_magnets_in(year)
  for _, row in ipairs(figures.japan_magnets().table) do
    if row.year == year then return row end
  end
  error("the report's table has no year " .. tostring(year), 2)
end

--- { projects = { { name, deposit, capacity }, ... }, report = { total_2014,
-- nd_2014, dy_2014 } }, each value { value = x, source = id }.
function figures.non_china_2014()
  return load("non-china-supply-2014", supply_schema)
end

--- The planned project called name: { name, deposit, capacity }.
function figures.project(name)
  for _, p in ipairs(figures.non_china_2014().projects) do
    if p.name == name then return p end
  end
  error("no planned project '" .. tostring(name) .. "'", 2)
end

return figures
