--- Elements and the conventions that group the rare earths.
--
--   ree.element "Dy"          --> { symbol = "Dy", z = 66, mass = 162.5, group = "heavy", oxide = "Dy2O3", ... }
--   ree.ree_group("Dy", "report")     --> "heavy"
--   ree.ree_group("Sm", "china2012")  --> "medium-heavy"
--   ree.define_grouping("magnet", { magnet = { "Nd", "Pr", "Dy", "Tb" }, other = { ... } })

local args = require("ree.args")
local core = require("ree.core")
local data = require("ree.data")

local elements = {}

--- The 17 rare earths, by atomic number.
elements.RARE_EARTHS = { "Sc", "Y", "La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd",
  "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu" }

local schema = {
  type = "object", required = { "title", "conventions" },
  fields = {
    title = { type = "string" },
    conventions = { type = "map", values = {
      type = "object", required = { "description", "source", "groups" },
      fields = {
        description = { type = "string" },
        source = { type = "source" },
        confidence = { type = "string" },
        groups = { type = "map", values = { type = "array", items = { type = "element" } } },
      },
    } },
  },
}

local conventions -- name -> { group of each symbol, description, source }

--- Builds { Dy = "heavy", ... } from { heavy = { "Dy", ... } }, checking
-- that each member is a rare earth and in one group only.
local function index_groups(name, groups)
  local of = {}
  local names = {}
  for group in pairs(groups) do names[#names + 1] = group end
  table.sort(names)
  for _, group in ipairs(names) do
    for _, symbol in ipairs(groups[group]) do
      local e = core.element(symbol)
      if not (e and e.ree) then
        error(string.format("grouping '%s': '%s' is not a rare earth", name, tostring(symbol)), 3)
      end
      if of[symbol] then
        error(string.format("grouping '%s': '%s' is in both '%s' and '%s'", name, symbol, of[symbol], group), 3)
      end
      of[symbol] = group
    end
  end
  return of
end

local function load_conventions()
  if conventions then return conventions end
  local doc = data.read("ree-groupings", schema)
  conventions = {}
  for name, c in pairs(doc.conventions) do
    conventions[name] = { of = index_groups(name, c.groups), description = c.description,
      source = c.source, builtin = true }
  end
  return conventions
end

local function symbol_of(el, fname)
  local e = core.element(el)
  if not e then args.fail(fname, 1, string.format("unknown element '%s'", tostring(el)), 3) end
  return e
end

--- The group of rare earth `el` under `convention` (default "report"), or
-- nil for an element the convention leaves out (and for non-rare-earths).
function elements.ree_group(el, convention)
  local e = symbol_of(el, "ree_group")
  local c = load_conventions()[convention or "report"]
  if not c then
    error(string.format("unknown grouping convention '%s' (known: %s)", tostring(convention),
      table.concat(elements.groupings(), ", ")), 2)
  end
  return c.of[e.symbol]
end

--- Adds a user convention: groups is { name = { symbols... }, ... }.
function elements.define_grouping(name, groups)
  args.check("define_grouping", 1, name, "string")
  args.check("define_grouping", 2, groups, "table")
  local all = load_conventions()
  if all[name] and all[name].builtin then
    error(string.format("grouping '%s' is built in and cannot be redefined", name), 2)
  end
  all[name] = { of = index_groups(name, groups), description = "defined by the user", source = "user" }
end

--- Sorted names of the known conventions.
function elements.groupings()
  local names = {}
  for name in pairs(load_conventions()) do names[#names + 1] = name end
  table.sort(names)
  return names
end

--- ree.element(symbol or z): the element's data, with its group under
-- the report's convention.
function elements.element(el)
  local e = core.element(el)
  if not e then error(string.format("unknown element '%s'", tostring(el)), 2) end
  if e.ree then e.group = load_conventions().report.of[e.symbol] end
  return e
end

return elements
