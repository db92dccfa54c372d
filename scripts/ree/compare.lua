--- Scenarios side by side, as many as are given: one table of the chosen
-- variables in a year, a chart of each in the terminal or as SVG, and an
-- HTML page of both.
--
--   local c = ree.compare { history = h, no_wto = w, free = f }   -- or a list: { h, w, f }
--   print(c)                                 -- each variable in the last year, and where they part most
--   c:plot "price.Dy.fob"                    -- all of them on one terminal chart
--   c:write "compare.html"                   -- the table and a chart a variable, one page
--
-- Options (with the results): variables = { paths } (every one all share),
-- year = the table's year (the last). Results over other years are refused.

local args = require("ree.args")
local format = require("ree.format")
local suggest = require("ree.suggest")

local compare = {}

local Comparison = {}
Comparison.__index = Comparison
Comparison.__name = "ree.Comparison"

local OPTIONS = { variables = true, year = true }

--- The results and their names: a table { name = results } (sorted by
-- name) or a list of results, named by their scenarios.
local function named_results(set)
  local names, list = {}, {}
  if #set > 0 then
    local seen = {}
    for i, res in ipairs(set) do
      local name = type(res) == "table" and res.scenario and res.scenario.name
      if not name then error(string.format("compare: item %d is not a scenario's results", i), 3) end
      if seen[name] then
        error(string.format("compare: two results are of scenarios named '%s': name them, " ..
          "ree.compare { a = r1, b = r2, ... }", name), 3)
      end
      seen[name], names[i], list[i] = true, name, res
    end
  else
    for k in pairs(set) do
      if not OPTIONS[k] then names[#names + 1] = k end
    end
    table.sort(names, function(a, b) return tostring(a) < tostring(b) end)
    for i, name in ipairs(names) do
      local res = set[name]
      if type(res) ~= "table" or not res.scenario then
        error(string.format("compare: '%s' is not a scenario's results", tostring(name)), 3)
      end
      list[i] = res
    end
  end
  if #list < 2 then error("compare: give two results or more, ree.compare { a = r1, b = r2, ... }", 3) end
  return names, list
end

--- The variables every result holds, or the chosen ones, checked.
local function variables_of(names, list, chosen)
  local shared = {}
  for _, path in ipairs(list[1]:variables()) do
    local everywhere = true
    for k = 2, #list do everywhere = everywhere and list[k].recorded[path] ~= nil end
    if everywhere then shared[#shared + 1] = path end
  end
  if not chosen then return shared end
  local known = {}
  for _, path in ipairs(shared) do known[path] = true end
  for _, path in ipairs(chosen) do
    if not known[path] then
      local lacking = {}
      for k, res in ipairs(list) do
        if not res.recorded[path] then lacking[#lacking + 1] = names[k] end
      end
      error(string.format("compare: no variable '%s' in %s%s", tostring(path), table.concat(lacking, ", "),
        suggest.hint(path, shared)), 3)
    end
  end
  return chosen
end

--- ree.compare(set): see the module's comment.
function compare.new(set)
  if type(set) ~= "table" then error("compare: give the results, ree.compare { a = r1, b = r2, ... }", 2) end
  local names, list = named_results(set)
  local first, last = list[1].scenario.first, list[1].scenario.last
  for k = 2, #list do
    local sc = list[k].scenario
    if sc.first ~= first or sc.last ~= last then
      error(string.format("compare: '%s' runs %d-%d, '%s' %d-%d: compare scenarios over the same years", names[1],
        first, last, names[k], sc.first, sc.last), 2)
    end
  end
  local year = set.year or last
  if math.type(year) ~= "integer" or year < first or year > last then
    error(string.format("compare: year must be one of %d-%d, not %s", first, last, tostring(set.year)), 2)
  end
  local variables = variables_of(names, list, set.variables)
  local annual = {}
  for k, res in ipairs(list) do annual[k] = res:sub_annual() and res:annual() or res end
  return setmetatable({ names = names, results = list, annual = annual, variables = variables, year = year,
    first = first, last = last }, Comparison)
end

--- The table's rows: variable, unit, each scenario's value in the year,
-- the largest gap between them in any year and that year.
function Comparison:rows()
  local n = format.number
  local header = { "variable", "unit" }
  for _, name in ipairs(self.names) do header[#header + 1] = name end
  header[#header + 1] = "largest gap"
  header[#header + 1] = "in"
  local rows = { header }
  for _, path in ipairs(self.variables) do
    local all = {}
    for k, res in ipairs(self.annual) do all[k] = res:get(path) end
    local row = { path, all[1]:unit() }
    for _, s in ipairs(all) do row[#row + 1] = s[self.year] and n(s[self.year]) or "-" end
    local gap, when = 0, nil
    for year = self.first, self.last do
      local low, high = math.huge, -math.huge
      for _, s in ipairs(all) do
        local v = s[year]
        if v then low, high = math.min(low, v), math.max(high, v) end
      end
      if high - low > gap then gap, when = high - low, year end
    end
    row[#row + 1] = n(gap)
    row[#row + 1] = when and tostring(when) or "-"
    rows[#rows + 1] = row
  end
  return rows
end

function Comparison:__tostring()
  return string.format("%s in %d:\n", table.concat(self.names, ", "), self.year) ..
    format.table(self:rows(), "  ")
end

--- Each scenario's series of path, named by its scenario.
function Comparison:series(path)
  variables_of(self.names, self.results, { path })
  local out = {}
  for k, res in ipairs(self.results) do out[k] = res:get(path):named(self.names[k]) end
  return out
end

--- The variable at path of every scenario on one terminal chart.
function Comparison:plot(path, opts)
  local list = self:series(path)
  for k, v in pairs(opts or {}) do list[k] = v end
  list.title = list.title or path
  return require("ree.plot").lines(list)
end

--- The variable at path of every scenario as one SVG chart (opts as
-- ree.svg.lines takes them: file, title, log, source ...).
function Comparison:chart(path, opts)
  opts = opts or {}
  local o = {}
  for k, v in pairs(opts) do o[k] = v end
  o.title = o.title or path
  return require("ree.svg").lines(self:series(path), o)
end

--- One HTML page: the table, then a chart a variable (the first eight,
-- or opts.charts, a list of paths). Written whole or not at all.
function Comparison:write(path, opts)
  opts = opts or {}
  args.options("write", opts, { charts = true, title = true }, 2)
  local html = require("ree.html")
  local page = html.page(opts.title or ("ree: " .. table.concat(self.names, ", ") .. " compared"))
  page:heading(string.format("Each variable in %d", self.year))
  page:para("The largest gap is the widest spread between the scenarios in any year, and 'in' that year; " ..
    "monthly variables are compared as their year's mean (a price) or sum (an amount).", "note")
  page:table(self:rows())
  page:heading("Charts")
  local charts = opts.charts
  if not charts then
    charts = {}
    for i = 1, math.min(8, #self.variables) do charts[i] = self.variables[i] end
  end
  for _, p in ipairs(charts) do page:figure(self:chart(p), p) end
  return require("ree.files").write_format(path, { { "html", "html", function() return page:render() end } })
end

compare.Comparison = Comparison -- for help and completion

return compare
