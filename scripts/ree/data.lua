--- Loading the JSON files of models/data and checking them against a schema.
--
-- Every failure names the file, the key and its line:
--   models/data/magnet-grades.json: unknown key 'dysprosium' at line 14
-- `data.read_checked` returns `nil, message` on bad data, like io.open;
-- `data.read` raises instead, for callers that cannot go on without the
-- file. The historical datasets (models/data/history) load as Datasets:
-- `data.list()`, `data.load(name)`, `data.sources(name)`.

local core = require("ree.core")
local files = require("ree.files")

local data = {}

--- The toolkit's root, where models/data is.
data.root = files.root()
data.dir = data.root .. "/models/data"

local function display(path)
  local prefix = data.root .. "/"
  if path:sub(1, #prefix) == prefix then return path:sub(#prefix + 1) end
  return path
end

--- A decoded file: its value, and its text for finding lines again.
local Document = {}
Document.__index = Document

--- Opens models/data/NAME.json ("magnet-grades", "history/prices"), or
-- the file at a path ending in .json.
-- @return a Document, or nil and a message naming the file
function data.open(name)
  local path = name:match("%.json$") and name or (data.dir .. "/" .. name .. ".json")
  local text, err = files.read(path)
  if not text then return nil, err end
  local value, msg = core.json_decode(text)
  if value == nil then return nil, display(path) .. ": " .. msg end
  return setmetatable({ path = path, name = display(path), text = text, value = value }, Document)
end

--- " at line N" for the node at path (a list of keys and 1-based indexes).
function Document:where(path)
  local line = core.json_locate(self.text, path)
  return line and (" at line " .. line) or ""
end

--- "<file>: <message> at line N"
function Document:message(path, message)
  return self.name .. ": " .. message .. self:where(path)
end

-- {==================================================================
-- Schemas: tables that describe what a value must be.
--   { type = "number", min = 0, max = 1 }    { type = "string" }    { type = "boolean" }
--   { type = "object", fields = { name = schema, ... }, required = {...},
--     check = function(value) return "a problem" or nil end }
--   { type = "map", keys = "element", values = schema }
--   { type = "array", items = schema }
--   { type = "source" }   a string naming an id in sources.json
-- ===================================================================

local json_types = { number = "a number", string = "a string", boolean = "a boolean" }

local function typename(v)
  if v == core.null then return "null" end
  local t = type(v)
  if t == "table" then return (#v > 0 or next(v) == nil) and "an array" or "an object" end
  return json_types[t] or t
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end) -- by text: "10" before "9", as JSON keys
  return keys
end

local checker = {}

local function check(ctx, value, schema, path)
  local fn = checker[schema.type]
  assert(fn, "schema type " .. tostring(schema.type))
  fn(ctx, value, schema, path)
end

local function fail(ctx, path, message)
  error({ message = ctx.doc:message(path, message) }, 0)
end

local function last_key(path)
  local k = path[#path]
  if k == nil then return "the document" end
  return type(k) == "string" and ("'" .. k .. "'") or ("item " .. k)
end

local function extend(path, key)
  local p = table.move(path, 1, #path, 1, {})
  p[#p + 1] = key
  return p
end

function checker.number(ctx, v, schema, path)
  if type(v) ~= "number" then
    fail(ctx, path, last_key(path) .. " must be a number, not " .. typename(v))
  end
  if v ~= v or (schema.min and v < schema.min) or (schema.max and v > schema.max) then
    fail(ctx, path, string.format("%s must be in [%s, %s], got %s", last_key(path),
      tostring(schema.min or "-inf"), tostring(schema.max or "inf"), tostring(v)))
  end
end

function checker.string(ctx, v, _, path)
  if type(v) ~= "string" then
    fail(ctx, path, last_key(path) .. " must be a string, not " .. typename(v))
  end
end

function checker.boolean(ctx, v, _, path)
  if type(v) ~= "boolean" then
    fail(ctx, path, last_key(path) .. " must be true or false, not " .. typename(v))
  end
end

function checker.source(ctx, v, schema, path)
  checker.string(ctx, v, schema, path)
  if ctx.sources and not ctx.sources[v] then
    fail(ctx, path, "unknown source '" .. v .. "' (not in models/data/sources.json)")
  end
end

function checker.element(ctx, v, schema, path)
  checker.string(ctx, v, schema, path)
  if not core.element(v) then fail(ctx, path, "unknown element '" .. v .. "'") end
end

local function check_table(ctx, v, path, what)
  if type(v) ~= "table" then
    fail(ctx, path, last_key(path) .. " must be " .. what .. ", not " .. typename(v))
  end
end

function checker.object(ctx, v, schema, path)
  check_table(ctx, v, path, "an object")
  for _, key in ipairs(sorted_keys(v)) do
    local field = schema.fields[key]
    if field == nil then fail(ctx, extend(path, key), "unknown key '" .. tostring(key) .. "'") end
    check(ctx, v[key], field, extend(path, key))
  end
  for _, key in ipairs(schema.required or {}) do
    if v[key] == nil then fail(ctx, path, last_key(path) .. " has no '" .. key .. "'") end
  end
  if schema.check then
    local problem = schema.check(v)
    if problem then fail(ctx, path, last_key(path) .. " " .. problem) end
  end
end

function checker.map(ctx, v, schema, path)
  check_table(ctx, v, path, "an object")
  for _, key in ipairs(sorted_keys(v)) do
    local p = extend(path, key)
    if schema.keys == "element" and not core.element(key) then
      fail(ctx, p, "unknown element '" .. key .. "'")
    end
    check(ctx, v[key], schema.values, p)
  end
end

function checker.array(ctx, v, schema, path)
  check_table(ctx, v, path, "an array")
  if next(v) ~= nil and #v == 0 then fail(ctx, path, last_key(path) .. " must be an array, not an object") end
  for i = 1, #v do check(ctx, v[i], schema.items, extend(path, i)) end
end

-- }==================================================================

local sources_schema = {
  type = "object", required = { "title", "sources" },
  fields = {
    title = { type = "string" },
    grades_used = { type = "map", values = { type = "string" } },
    sources = { type = "map", values = {
      type = "object", required = { "cite", "grade" },
      fields = { cite = { type = "string" }, url = { type = "string" }, grade = { type = "string" } },
    } },
  },
}

local bibliography -- sources.json, read once

--- The bibliography: { id = { cite, url, grade } }, or nil and a message.
function data.bibliography()
  if bibliography then return bibliography end
  local doc, err = data.open("sources")
  if not doc then return nil, err end
  local ok, e = pcall(check, { doc = doc }, doc.value, sources_schema, {})
  if not ok then return nil, e.message end
  bibliography = doc.value.sources
  return bibliography
end

local checked = {} -- each file has one schema, so it is read and checked once

--- A copy of a decoded value: what a caller changes in it changes
-- nothing in the next caller's.
local function fresh(v)
  if type(v) ~= "table" then return v end
  local out = {}
  for k, x in pairs(v) do out[k] = fresh(x) end
  return out
end

--- Opens models/data/NAME.json and checks it against schema.
-- @return a fresh copy of the decoded value and its Document, or nil and
-- a message
function data.read_checked(name, schema)
  if checked[name] then return fresh(checked[name].value), checked[name] end
  local sources, err = data.bibliography()
  if not sources then return nil, err end
  local doc
  doc, err = data.open(name)
  if not doc then return nil, err end
  local ok, e = pcall(check, { doc = doc, sources = sources }, doc.value, schema, {})
  if not ok then
    if type(e) == "table" then return nil, e.message end
    error(e, 0)
  end
  checked[name] = doc
  return fresh(doc.value), doc
end

--- As read_checked, raising the message instead of returning it.
function data.read(name, schema)
  local value, doc = data.read_checked(name, schema)
  if value == nil then error(doc, 2) end
  return value, doc
end

--- A sourced value: { value = x, source = id [, range, note] }. An
-- assumption must give the range of values a user should try.
function data.sourced(key, min, max)
  return {
    type = "object", required = { key, "source" },
    fields = {
      [key] = { type = "number", min = min, max = max },
      source = { type = "source" },
      note = { type = "string" },
      range = { type = "array", items = { type = "number", min = min, max = max } },
    },
    check = function(v)
      if v.range and #v.range ~= 2 then return "has a range that is not [low, high]" end
      if v.source == "assumption" and not v.range then return "is an assumption without a range" end
    end,
  }
end

-- {==================================================================
-- The historical datasets (scripts/ree/dataset.lua does the work)
-- ===================================================================

--- Names of the datasets in models/data/history.
function data.list() return require("ree.dataset").list() end

--- The dataset NAME: a Dataset; raises with file and line on bad data.
function data.load(name)
  local ds, err = require("ree.dataset").load(name)
  if not ds then error(err, 2) end
  return ds
end

--- Prints where each value of dataset NAME came from (to out, default
-- io.stdout) and returns the lines.
function data.sources(name, out)
  local lines = data.load(name):source_lines()
  out = out or io.stdout
  for _, line in ipairs(lines) do out:write(line, "\n") end
  return lines
end

-- }==================================================================

return data
