--- Datasets: named series with a source on every value, loaded from
-- models/data/history/*.json, written as JSON or tidy CSV.
--
-- A dataset file:
--   { "title": ..., "unit": "t REO", "description": ...,
--     "series": [ { "name": "China (USGS)", "unit": ..., "values": [
--         { "year": 2010, "value": 130000, "source": "usgs-mcs-2011", "grade": "A", "note": ... } ] } ],
--     "events": [ { "date": "2011-07", "what": ..., "source": ... } ] }
-- A missing value is simply not listed. A value's grade defaults to its
-- source's grade in models/data/sources.json.

local core = require("ree.core")
local data = require("ree.data")
local csv = require("ree.csv")
local files = require("ree.files")

local dataset = {}

local Dataset = {}
Dataset.__index = Dataset
Dataset.__name = "ree.Dataset"

local value_schema = {
  type = "object", required = { "year", "value", "source" },
  fields = {
    year = { type = "number", min = 1900, max = 2100 },
    value = { type = "number" },
    source = { type = "source" },
    grade = { type = "string" },
    note = { type = "string" },
  },
  check = function(v)
    if math.type(v.year) ~= "integer" then return "has a year that is not a whole number" end
  end,
}

dataset.schema = {
  type = "object", required = { "title", "unit", "series" },
  fields = {
    title = { type = "string" },
    unit = { type = "string" },
    description = { type = "string" },
    notes = { type = "array", items = { type = "string" } },
    series = { type = "array", items = {
      type = "object", required = { "name", "values" },
      fields = {
        name = { type = "string" }, unit = { type = "string" }, description = { type = "string" },
        values = { type = "array", items = value_schema },
      },
    } },
    events = { type = "array", items = {
      type = "object", required = { "date", "what", "source" },
      fields = {
        date = { type = "string" }, what = { type = "string" }, source = { type = "source" },
        value = { type = "number" }, unit = { type = "string" }, grade = { type = "string" },
        note = { type = "string" },
      },
    } },
  },
}

--- Builds a Dataset from a decoded, schema-checked table; `where(path,
-- message)` says where a problem is. Returns the dataset or nil, message.
local function build(spec, name, where)
  local ds = setmetatable({ name = name, title = spec.title, unit = spec.unit,
    description = spec.description, notes = spec.notes or {}, events = spec.events or {},
    order = {}, series = {}, provenance = {} }, Dataset)
  local bib = assert(data.bibliography())
  for i, s in ipairs(spec.series) do
    if ds.series[s.name] then return nil, where({ "series", i, "name" }, "series '" .. s.name .. "' is given twice") end
    local by_year, first, last = {}, math.huge, -math.huge
    for j, v in ipairs(s.values) do
      if by_year[v.year] then
        return nil, where({ "series", i, "values", j, "year" },
          string.format("series '%s' has two values for %d", s.name, v.year))
      end
      by_year[v.year] = v
      first, last = math.min(first, v.year), math.max(last, v.year)
    end
    if #s.values == 0 then return nil, where({ "series", i, "values" }, "series '" .. s.name .. "' has no values") end
    local values, prov = {}, {}
    for y = first, last do
      local v = by_year[y]
      values[y - first + 1] = v and v.value or nil
      if v then prov[y] = { source = v.source, grade = v.grade or bib[v.source].grade, note = v.note } end
    end
    local ok, series = pcall(core.series, first, s.unit or spec.unit, values, last - first + 1)
    if not ok then return nil, where({ "series", i }, series:gsub("^[^:]*:%d+: ", "")) end
    ds.order[#ds.order + 1] = s.name
    ds.series[s.name] = series:named(s.name)
    ds.provenance[s.name] = prov
  end
  return ds
end

--- The dataset in models/data/history/NAME.json, or nil and a message.
function dataset.load(name)
  if type(name) ~= "string" or not name:find("^[%w_][%w_%-]*$") then
    return nil, string.format("no dataset '%s': a dataset's name is letters, digits, '-' and '_' " ..
      "(ree.data.list() names them)", tostring(name))
  end
  local value, doc = data.read_checked("history/" .. name, dataset.schema)
  if value == nil then return nil, doc end
  return build(value, name, function(path, message) return doc:message(path, message) end)
end

--- Names of the datasets in models/data/history.
function dataset.list()
  local names = {}
  for _, file in ipairs(assert(require("ree.files").list(data.dir .. "/history"))) do
    local n = file:match("^(.+)%.json$")
    if n then names[#names + 1] = n end
  end
  table.sort(names)
  return names
end

--- The series called name (raises naming the known ones otherwise).
function Dataset:get(name)
  local s = self.series[name]
  if not s then
    error(string.format("dataset '%s' has no series '%s' (it has: %s)", self.name, tostring(name),
      table.concat(self.order, ", ")), 2)
  end
  return s
end

--- Where each value came from, as lines of text: per series, the years
-- each source gives.
function Dataset:source_lines()
  local bib = assert(data.bibliography())
  local lines = { string.format("%s (%s)", self.title, self.unit) }
  for _, name in ipairs(self.order) do
    lines[#lines + 1] = "  " .. name .. ":"
    local years_of, ids = {}, {}
    for year, p in pairs(self.provenance[name]) do
      local key = p.source .. " [" .. p.grade .. "]"
      if not years_of[key] then years_of[key], ids[#ids + 1] = {}, key end
      table.insert(years_of[key], year)
    end
    table.sort(ids)
    for _, key in ipairs(ids) do
      table.sort(years_of[key])
      local id = key:match("^(%S+)")
      lines[#lines + 1] = string.format("    %s %s: %s", key, table.concat(years_of[key], ", "), bib[id].cite)
    end
  end
  for _, e in ipairs(self.events) do
    lines[#lines + 1] = string.format("  event %s: %s [%s]", e.date, e.what, e.source)
  end
  return lines
end

function Dataset:__tostring()
  return string.format("ree.Dataset '%s': %s (%d series, %s)", self.name, self.title, #self.order, self.unit)
end

local CSV_HEADER = { "dataset", "series", "year", "value", "unit", "source", "grade", "note" }

--- The dataset as tidy CSV: one row per known value, with its source.
-- Events are not rows; they stay in the JSON.
function Dataset:csv()
  local rows = { CSV_HEADER }
  for _, name in ipairs(self.order) do
    local s = self.series[name]
    for year, v in s:pairs() do
      if v then
        local p = self.provenance[name][year]
        rows[#rows + 1] = { self.title, name, tostring(year), csv.number(v), s:unit(), p.source, p.grade, p.note or "" }
      end
    end
  end
  return csv.format(rows)
end

--- The dataset in the JSON layout it was loaded from.
function Dataset:json()
  local out = { title = self.title, unit = self.unit, description = self.description, series = {} }
  if #self.notes > 0 then out.notes = self.notes end
  if #self.events > 0 then out.events = self.events end
  for _, name in ipairs(self.order) do
    local s, values = self.series[name], {}
    for year, v in s:pairs() do
      if v then
        local p = self.provenance[name][year]
        values[#values + 1] = { year = year, value = v, source = p.source, grade = p.grade, note = p.note }
      end
    end
    out.series[#out.series + 1] = { name = name, unit = s:unit(), values = values }
  end
  return core.json_encode(out, true) .. "\n"
end

--- Writes the dataset to path, as CSV or JSON by its extension; returns
-- path, or raises naming the file and why it could not be written.
function Dataset:write(path)
  return files.write_as(path, { csv = function() return self:csv() end, json = function() return self:json() end })
end

--- Reads a tidy CSV written by Dataset:csv. Returns a Dataset or nil and
-- "<path>: line N: ...".
function dataset.read_csv(path)
  local text, err = files.read(path)
  if not text then return nil, err end
  local rows, perr = csv.parse(text)
  if not rows then return nil, path .. ": " .. perr end
  if table.concat(rows[1] or {}, ",") ~= table.concat(CSV_HEADER, ",") then
    return nil, path .. ": line 1: the header must be " .. table.concat(CSV_HEADER, ",")
  end
  local spec, by_name = { series = {} }, {}
  for i = 2, #rows do
    local r = rows[i]
    local year, value = math.tointeger(tonumber(r[3])), tonumber(r[4])
    if #r ~= #CSV_HEADER or not year or not value then
      return nil, string.format("%s: line %d: expected %d fields with a year and a value", path, i, #CSV_HEADER)
    end
    spec.title, spec.unit = spec.title or r[1], spec.unit or r[5]
    local s = by_name[r[2]]
    if not s then
      s = { name = r[2], unit = r[5], values = {} }
      by_name[r[2]] = s
      spec.series[#spec.series + 1] = s
    elseif r[5] ~= s.unit then
      return nil, string.format("%s: line %d: series '%s' is in %s, this value in %s (one unit a series)", path, i,
        r[2], s.unit, r[5])
    end
    s.values[#s.values + 1] = { year = year, value = value, source = r[6], grade = r[7],
      note = r[8] ~= "" and r[8] or nil }
  end
  if #spec.series == 0 then return nil, path .. ": no values" end
  local bib = assert(data.bibliography())
  for _, s in ipairs(spec.series) do
    for _, v in ipairs(s.values) do
      if not bib[v.source] then return nil, path .. ": unknown source '" .. v.source .. "'" end
    end
  end
  return build(spec, path:match("([^/]+)%.csv$"), function(_, message) return path .. ": " .. message end)
end

dataset.Dataset = Dataset -- for help and completion

return dataset
