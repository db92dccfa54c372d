--- Declared parameters: what each part of a model reads, in what unit and
-- within what range, so that a scenario is checked against its model before
-- it runs, not halfway through.
--
--   model.parameters["Nd.lambda"] = { "demand's adjustment a year", unit = "fraction",
--     range = { 0, 1 }, owner = "market model" }
--
-- A declaration: its description (first), `unit`, `range` = { lo, hi } (the
-- values that make sense, both included), `owner` (the part that reads it),
-- `kind` ("number", the default: a number or a series of them; "table";
-- "string" with its `values`; "boolean"), `optional = true` (read when
-- given), `unless` = another parameter (needed only when that one is not
-- given), `none = true` (false means there is none: no quota; a series's
-- missing year too). The value's source is the scenario's to give (see ree.scenario).

local suggest = require("ree.suggest")

local parameters = {}

local function about(decl)
  local unit = decl.unit and (", in " .. decl.unit) or ""
  return string.format("%s: %s%s", decl.owner or "model", decl[1] or "no description", unit)
end

local function shown(x)
  if x == math.huge then return "inf" end
  if x == -math.huge then return "-inf" end
  return string.format("%.6g", x)
end

local function out_of_range(name, decl, v, where)
  local lo, hi = decl.range[1], decl.range[2]
  error(string.format("scenario: parameter '%s' is %s%s, outside its range %s to %s (%s)", name, shown(v), where,
    shown(lo), shown(hi), about(decl)), 0)
end

--- Raises unless value suits the declaration of parameter name: its kind,
-- and every number of it (a series: each year's) within the range.
function parameters.check_value(name, decl, value)
  if value == false and decl.none then return end
  local kind = decl.kind or "number"
  if kind == "number" then
    local is_series = require("ree.series").is(value)
    if type(value) ~= "number" and not is_series then
      error(string.format("scenario: parameter '%s' must be a number or a series%s, not a %s (%s)", name,
        decl.none and " (or false: none)" or "", type(value), about(decl)), 0)
    end
    if decl.range then
      local lo, hi = decl.range[1], decl.range[2]
      if is_series then
        for year, v in value:pairs() do
          if v and not (v >= lo and v <= hi) then out_of_range(name, decl, v, " in " .. year) end
          if v == nil and not decl.none then
            error(string.format("scenario: parameter '%s' has no value for %s (%s)", name, year, about(decl)), 0)
          end
        end
      elseif not (value >= lo and value <= hi) then
        out_of_range(name, decl, value, "")
      end
    end
  elseif kind == "string" then
    local listed = decl.values == nil and type(value) == "string"
    for _, allowed in ipairs(decl.values or {}) do listed = listed or allowed == value end
    if not listed then
      error(string.format("scenario: parameter '%s' must be one of %s, not %s (%s)", name,
        table.concat(decl.values or {}, ", "), tostring(value), about(decl)), 0)
    end
  elseif type(value) ~= kind then
    error(string.format("scenario: parameter '%s' must be a %s, not a %s (%s)", name, kind, type(value),
      about(decl)), 0)
  end
end

--- Checks a scenario's params against the declarations: each is declared,
-- suits its declaration (an assumption's range too), and every parameter
-- a part needs is there. Raises naming the first that is not.
function parameters.check(declared, params)
  local names = {}
  for name in pairs(declared) do names[#names + 1] = name end
  table.sort(names)
  local given = {}
  for name in pairs(params) do given[#given + 1] = name end
  table.sort(given)
  for _, name in ipairs(given) do
    local decl, p = declared[name], params[name]
    if not decl then
      error(string.format("scenario: parameter '%s' is read by no part of the model%s", name,
        suggest.hint(name, names)), 0)
    end
    parameters.check_value(name, decl, p.value)
    if type(p.range) == "table" and decl.range and (decl.kind or "number") == "number" then
      for _, v in ipairs(p.range) do
        if type(v) == "number" and not (v >= decl.range[1] and v <= decl.range[2]) then
          out_of_range(name, decl, v, " at an end of its assumed range")
        end
      end
    end
  end
  for _, name in ipairs(names) do
    local decl = declared[name]
    if params[name] == nil and not decl.optional and not (decl.unless and params[decl.unless] ~= nil) then
      error(string.format("scenario: the %s needs parameter '%s' (%s)", decl.owner or "model", name, about(decl)),
        0)
    end
  end
end

return parameters
