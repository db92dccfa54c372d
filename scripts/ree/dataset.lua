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
local format = require("ree.format")

local dataset = {}

local Dataset = {}
Dataset.__index = Dataset
Dataset.__name = "ree.Dataset"

local value_schema = {
  type = "object", required = { "year", "value", "source" },
  fields = {
    year = { type = "number", min = 1900, max = 2100 },
    month = { type = "number", min = 1, max = 12 }, -- in a monthly series
    quarter = { type = "number", min = 1, max = 4 }, -- in a quarterly one
    value = { type = "number" },
    source = { type = "source" },
    grade = { type = "string" },
    note = { type = "string" },
  },
  check = function(v)
    if math.type(v.year) ~= "integer" then return "has a year that is not a whole number" end
    if v.month and math.type(v.month) ~= "integer" then return "has a month that is not a whole number" end
    if v.quarter and math.type(v.quarter) ~= "integer" then return "has a quarter that is not a whole number" end
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
        period = { type = "string" }, -- "monthly" or "quarterly"; annual when absent
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

local PERIODS = { annual = 1, quarterly = 4, monthly = 12 }
local SUB = { [4] = "quarter", [12] = "month" }

--- A step (year * period + sub - 1) as people write it: 2011, 2011-06 or
-- 2011Q2; and the step of a time Series:pairs gives.
local function step_text(step, period) return format.time(step / period, period) end
local function step_of(t, period) return math.floor(t * period + 0.5) end

--- The step of value v in a series of that period, or nil and what is
-- wrong with it.
local function value_step(v, period, series_name)
  local sub = period == 12 and v.month or period == 4 and v.quarter or nil
  if period > 1 and not sub then
    return nil, string.format("series '%s' is %s: each value needs its %s", series_name,
      period == 12 and "monthly" or "quarterly", SUB[period])
  end
  local other = period == 12 and v.quarter or period == 4 and v.month or period == 1 and (v.month or v.quarter)
  if other then
    return nil, string.format("series '%s' is %s: a value gives a %s", series_name,
      period == 12 and "monthly" or period == 4 and "quarterly" or "annual", v.month and "month" or "quarter")
  end
  return v.year * period + (sub or 1) - 1
end

--- Builds a Dataset from a decoded, schema-checked table; `where(path,
-- message)` says where a problem is. Returns the dataset or nil, message.
local function build(spec, name, where)
  local ds = setmetatable({ name = name, title = spec.title, unit = spec.unit,
    description = spec.description, notes = spec.notes or {}, events = spec.events or {},
    order = {}, series = {}, provenance = {} }, Dataset)
  local bib = assert(data.bibliography())
  for i, s in ipairs(spec.series) do
    if ds.series[s.name] then return nil, where({ "series", i, "name" }, "series '" .. s.name .. "' is given twice") end
    local period = PERIODS[s.period or "annual"]
    if not period then
      return nil, where({ "series", i, "period" }, string.format("series '%s': period must be \"monthly\" or " ..
        "\"quarterly\" (or absent: annual), not \"%s\"", s.name, s.period))
    end
    local by_step, first, last = {}, math.huge, -math.huge
    for j, v in ipairs(s.values) do
      local step, why = value_step(v, period, s.name)
      if not step then return nil, where({ "series", i, "values", j }, why) end
      if by_step[step] then
        return nil, where({ "series", i, "values", j, "year" },
          string.format("series '%s' has two values for %s", s.name, step_text(step, period)))
      end
      by_step[step] = v
      first, last = math.min(first, step), math.max(last, step)
    end
    if #s.values == 0 then return nil, where({ "series", i, "values" }, "series '" .. s.name .. "' has no values") end
    local values, prov = {}, {}
    for k = first, last do
      local v = by_step[k]
      values[k - first + 1] = v and v.value or nil
      if v then prov[k] = { source = v.source, grade = v.grade or bib[v.source].grade, note = v.note } end
    end
    local ok, series = pcall(core.series, first // period, s.unit or spec.unit, values, last - first + 1, period,
      first % period + 1)
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
-- (or months) each source gives.
function Dataset:source_lines()
  local bib = assert(data.bibliography())
  local lines = { string.format("%s (%s)", self.title, self.unit) }
  for _, name in ipairs(self.order) do
    lines[#lines + 1] = "  " .. name .. ":"
    local years_of, ids = {}, {}
    local period = self.series[name]:period()
    for step, p in pairs(self.provenance[name]) do
      local key = p.source .. " [" .. p.grade .. "]"
      if not years_of[key] then years_of[key], ids[#ids + 1] = {}, key end
      table.insert(years_of[key], step)
    end
    table.sort(ids)
    for _, key in ipairs(ids) do
      table.sort(years_of[key])
      local id, shown = key:match("^(%S+)"), {}
      for k, step in ipairs(years_of[key]) do shown[k] = step_text(step, period) end
      lines[#lines + 1] = string.format("    %s %s: %s", key, table.concat(shown, ", "), bib[id].cite)
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
    local period = s:period()
    for t, v in s:pairs() do
      if v then
        local step = step_of(t, period)
        local p = self.provenance[name][step]
        rows[#rows + 1] = { self.title, name, step_text(step, period), csv.number(v), s:unit(), p.source, p.grade,
          p.note or "" }
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
    local period = s:period()
    for t, v in s:pairs() do
      if v then
        local step = step_of(t, period)
        local p = self.provenance[name][step]
        local row = { year = step // period, value = v, source = p.source, grade = p.grade, note = p.note }
        if period > 1 then row[SUB[period]] = step % period + 1 end
        values[#values + 1] = row
      end
    end
    local names = { [4] = "quarterly", [12] = "monthly" }
    out.series[#out.series + 1] = { name = name, unit = s:unit(), period = names[period], values = values }
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
    -- the year column: 2011, 2011-06 (a month) or 2011Q2 (a quarter)
    local when, value = r[3] or "", tonumber(r[4])
    local year, month, quarter = math.tointeger(tonumber(when)), nil, nil
    if not year then
      local y, m = when:match("^(%d%d%d%d)%-(%d%d)$")
      local yq, q = when:match("^(%d%d%d%d)Q(%d)$")
      year, month, quarter = math.tointeger(tonumber(y or yq)), math.tointeger(tonumber(m)), math.tointeger(tonumber(q))
    end
    if #r ~= #CSV_HEADER or not year or not value then
      return nil, string.format("%s: line %d: expected %d fields with a year (or 2011-06, 2011Q2) and a value", path,
        i, #CSV_HEADER)
    end
    spec.title, spec.unit = spec.title or r[1], spec.unit or r[5]
    local s = by_name[r[2]]
    if not s then
      s = { name = r[2], unit = r[5], values = {}, period = month and "monthly" or quarter and "quarterly" or nil }
      by_name[r[2]] = s
      spec.series[#spec.series + 1] = s
    elseif r[5] ~= s.unit then
      return nil, string.format("%s: line %d: series '%s' is in %s, this value in %s (one unit a series)", path, i,
        r[2], s.unit, r[5])
    end
    s.values[#s.values + 1] = { year = year, month = month, quarter = quarter, value = value, source = r[6],
      grade = r[7], note = r[8] ~= "" and r[8] or nil }
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
