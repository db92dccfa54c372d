--- The founding report's own figures, for checking the models against:
-- Japan's magnet industry (from the 'seed-report' dataset in
-- models/data/history) and the non-China supply planned for 2014
-- (models/data/non-china-supply-2014.json).

local data = require("ree.data")

local figures = {}

local sourced = data.sourced
local year_value = sourced("value", 1990, 2030)
local supply_schema = {
  type = "object", required = { "title", "unit", "projects", "report" },
  fields = {
    title = { type = "string" }, unit = { type = "string" },
    projects = { type = "array", items = { type = "object", required = { "name", "deposit", "capacity" },
      fields = { name = { type = "string" }, deposit = { type = "string" }, capacity = sourced("value", 0),
        planned_start = year_value, actual_start = year_value } } },
    report = { type = "object", required = { "total_2014", "nd_2014", "dy_2014" }, fields = {
      total_2014 = sourced("value", 0), nd_2014 = sourced("value", 0), dy_2014 = sourced("value", 0) } },
    output = { type = "array", items = { type = "object", required = { "deposit", "year", "low", "high", "source" },
      fields = { deposit = { type = "string" }, year = { type = "number" }, low = { type = "number", min = 0 },
        high = { type = "number", min = 0 }, source = { type = "source" }, note = { type = "string" } } } },
    trading_houses = sourced("value", 0),
  },
}

--- The report's value of a series for year as { low, high }: from the
-- series "NAME, low" and "NAME, high", or "NAME" twice.
local function range(ds, name, year)
  local one = ds.series[name]
  if one then return { one[year], one[year] } end
  return { ds:get(name .. ", low")[year], ds:get(name .. ", high")[year] }
end

--- The report's Japan figures for year: { magnets, nd_pr_metal, dy_metal }
-- and, from its prose, { nd_metal, dy_metal, dy_wt_pct } (2011), each a
-- { low, high } range.
function figures.japan_magnets_in(year)
  local ds = data.load("seed-report")
  local row = {
    magnets = range(ds, "Japan: sintered magnets produced", year),
    nd_pr_metal = range(ds, "Japan: Nd+Pr metal for magnets", year),
    dy_metal = range(ds, "Japan: Dy metal for magnets", year),
  }
  if row.magnets[1] == nil then error("the report's table has no year " .. tostring(year), 2) end
  row.prose = {
    nd_metal = range(ds, "Japan: Nd metal for magnets (prose)", 2011),
    dy_metal = range(ds, "Japan: Dy metal for magnets (prose)", 2011),
    dy_wt_pct = range(ds, "Dy in the magnet", 2011),
    magnets = range(ds, "Sintered NdFeB, Japan", 2011),
  }
  return row
end

--- { projects = { { name, deposit, capacity, ... }, ... }, report = {
-- total_2014, nd_2014, dy_2014 }, output, trading_houses }.
function figures.non_china_2014()
  return (data.read("non-china-supply-2014", supply_schema))
end

--- The planned project called name: { name, deposit, capacity, ... }.
function figures.project(name)
  for _, p in ipairs(figures.non_china_2014().projects) do
    if p.name == name then return p end
  end
  error("no planned project '" .. tostring(name) .. "'", 2)
end

return figures
