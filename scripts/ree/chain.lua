--- The mass-balance graph from Lua: processes, flows, stocks; per element
-- and year; supply-driven (push) or demand-driven (pull).
--
--   local c = ree.chain { elements = { "Nd", "Dy" }, from = 2011, to = 2011 }
--   c:process("alloy", { mode = "pull", region = "JP" })
--   c:flow { "metal", from = "reduction", to = "alloy", pull = 1 }     -- a share of the need
--   c:flow { "scrap", from = "magnet", to = "alloy", tc = 0.315 }       -- of the source's input
--   c:flow { "loss", from = "alloy", tc = { Nd = 0.02, Dy = 0.03 } }     -- to outside, by element
--   c:flow { "in use", from = "use", to = "stock", tc = 0.9 }            -- into the process's stock
--   c:flow { "magnets", from = "magnet", value = { Nd = 2080 } }         -- a demand (or an import)
--   c:flow { "oxide", to = "reduction", value = { t = 500, of = "Nd2O3" } }  -- by formula, grade or
--                                                   -- composition: the element layers follow from it
--   local r = c:solve()
--   r:flow("scrap", "Nd")          --> a Series over the years
--   r:balance()                    --> the largest residual, and where
--
-- A coefficient is a number, a table by element (numbers or series), or a
-- series by year. A flow's definition is one of tc, split (a pushing
-- process's product), pull (a pulling process's need) or value. See
-- core/chain.h for the algebra.

local args = require("ree.args")
local core = require("ree.core")
local csv = require("ree.csv")
local files = require("ree.files")
local format = require("ree.format")
local series = require("ree.series")
local suggest = require("ree.suggest")

local chain = {}

local Chain = {}
Chain.__index = Chain
Chain.__name = "ree.Chain"

function Chain:__tostring()
  return string.format("ree.Chain of %s, %d-%d: %d processes, %d flows", table.concat(self.elements, ", "),
    self.from, self.to, #self.processes, #self.flows)
end

local Result = {}
Result.__index = Result
Result.__name = "ree.ChainResult"

function Result:__tostring()
  local worst, where = self:balance()
  return string.format("ree.ChainResult of %s, %d-%d: %d flows solved; largest residual %.3g t (%s)",
    table.concat(self.elements, ", "), self.from, self.to, #self.chain.flows, worst, where or "-")
end

local DEFS = { "tc", "split", "pull", "value" }
local FLOW_KEYS = { [1] = true, from = true, to = true, tc = true, split = true, pull = true, value = true,
  note = true }

--- A new, empty chain: spec = { elements = { ... }, from = YEAR [, to = YEAR] }.
function chain.new(spec)
  if type(spec) ~= "table" or type(spec.elements) ~= "table" or #spec.elements == 0 then
    error("chain: give a list of elements, { elements = { \"Nd\", ... }, from = YEAR }", 2)
  end
  if math.type(spec.from) ~= "integer" then error("chain: give the first year, from = YEAR", 2) end
  local to = spec.to or spec.from
  if math.type(to) ~= "integer" or to < spec.from then error("chain: 'to' must be a year not before 'from'", 2) end
  for _, el in ipairs(spec.elements) do
    if not core.element(el) then error("chain: unknown element '" .. tostring(el) .. "'", 2) end
  end
  return setmetatable({ elements = spec.elements, from = spec.from, to = to, processes = {}, process_index = {},
    flows = {}, flow_index = {} }, Chain)
end

--- Adds a process: opts = { mode = "push" | "pull" (default push), region = ..., label = ... }.
function Chain:process(name, opts)
  opts = opts or {}
  if type(name) ~= "string" then error("chain: a process needs a name", 2) end
  if self.process_index[name] then error(string.format("chain: process '%s' is defined twice", name), 2) end
  local mode = opts.mode or "push"
  if mode ~= "push" and mode ~= "pull" then
    error(string.format("chain: process '%s': mode must be 'push' or 'pull'", name), 2)
  end
  local p = { name = name, mode = mode, region = opts.region, label = opts.label or name }
  self.processes[#self.processes + 1] = p
  self.process_index[name] = #self.processes
  return self
end

--- Adds a flow (see the module's comment).
function Chain:flow(spec)
  local name = spec[1]
  if type(name) ~= "string" then error("chain: a flow needs a name", 2) end
  for k in pairs(spec) do
    if not FLOW_KEYS[k] then
      error(string.format("chain: flow '%s' has an unknown key '%s'%s", name, tostring(k), suggest.hint(k, FLOW_KEYS)),
        2)
    end
  end
  if self.flow_index[name] then error(string.format("chain: flow '%s' is defined twice", name), 2) end
  local def, coef
  for _, d in ipairs(DEFS) do
    if spec[d] ~= nil then
      if def then error(string.format("chain: flow '%s' has both '%s' and '%s'", name, def, d), 2) end
      def, coef = d, spec[d]
    end
  end
  if not def then error(string.format("chain: flow '%s' needs one of tc, split, pull or value", name), 2) end
  for _, side in ipairs({ "from", "to" }) do
    local p = spec[side]
    if p ~= nil and p ~= "stock" and not self.process_index[p] then
      error(string.format("chain: flow '%s' %s unknown process '%s'", name,
        side == "from" and "comes from" or "goes to", tostring(p)), 2)
    end
  end
  if spec.from == nil and spec.to == nil then
    error(string.format("chain: flow '%s' needs a 'from' or a 'to' process", name), 2)
  end
  self.flows[#self.flows + 1] = { name = name, from = spec.from, to = spec.to, def = def, coef = coef,
    note = spec.note }
  self.flow_index[name] = #self.flows
  return self
end

--- The composition a flow is declared by: a Composition, a magnet grade's
-- name, or a formula.
local function composition_of(of, name)
  if type(of) == "userdata" then return of end
  if type(of) == "string" then
    local ok, grade = pcall(require("ree.magnet").grade, of)
    if ok then return grade.composition end
    local c = core.formula(of)
    if c then return c end
  end
  error(string.format("chain: flow '%s': 'of' must be a composition, a magnet grade or a formula", name), 5)
end

--- The coefficients of one flow for one element, one per year.
local function coefficients(self, flow, el)
  local c = flow.coef
  if type(c) == "table" and getmetatable(c) == nil and c.of ~= nil then
    -- t of a material: each element's share of it
    local share = composition_of(c.of, flow.name):mass_fraction(el)
    if type(c.t) == "number" then return c.t * share end
    c = c.t
    if getmetatable(c) == nil or not c.years then
      error(string.format("chain: flow '%s': 't' must be a number or a series", flow.name), 4)
    end
    return coefficients(self, { name = flow.name, coef = c * share }, el)
  end
  if type(c) == "table" and getmetatable(c) == nil then
    c = c[el]
    if c == nil then return 0 end -- not given for this element: none of it flows
  end
  if type(c) == "number" then return c end
  if getmetatable(c) ~= nil and c.years then
    local values = {}
    for year = self.from, self.to do
      local v = c[year]
      if v == nil then
        error(string.format("chain: flow '%s' has no value for %s in %d", flow.name, el, year), 4)
      end
      values[year - self.from + 1] = v
    end
    return values
  end
  error(string.format("chain: flow '%s': a coefficient is a number, a series or a table by element", flow.name), 4)
end

--- "(layer 0, year 2)" in a core message becomes "(Nd, 2013)".
local function readable(self, message)
  return (message:gsub("%(layer (%d+), year (%d+)%)", function(l, y)
    return string.format("(%s, %d)", self.elements[tonumber(l) + 1], self.from + tonumber(y))
  end))
end

--- Solves every element and year; raises with the problem named.
function Chain:solve()
  local years = self.to - self.from + 1
  local made, c = pcall(core.chain, #self.elements, years)
  if not made then error("chain: " .. c, 2) end
  for _, p in ipairs(self.processes) do c:add_process(p.name, p.mode) end
  local function index(p)
    if p == nil then return -1 end
    if p == "stock" then return -2 end
    return self.process_index[p] - 1
  end
  for i, f in ipairs(self.flows) do
    c:add_flow(f.name, index(f.from), f.to == "stock" and -2 or index(f.to), f.def)
    for layer, el in ipairs(self.elements) do
      local ok, e = pcall(c.set, c, i - 1, layer - 1, coefficients(self, f, el), years)
      if not ok then error("chain: " .. e, 2) end
    end
  end
  local ok, serr = c:solve()
  if not ok then error("chain: " .. readable(self, serr), 2) end
  -- the result keeps the chain as it was solved: a process or flow added
  -- later belongs to the next solve, not to this result
  local function copy(t)
    local out = {}
    for k, v in pairs(t) do out[k] = v end
    return out
  end
  local solved = { processes = copy(self.processes), flows = copy(self.flows),
    process_index = copy(self.process_index), flow_index = copy(self.flow_index) }
  return setmetatable({ chain = solved, core = c, elements = self.elements, from = self.from, to = self.to }, Result)
end

local function years_of(r) return r.to - r.from + 1 end

local function layer_of(r, el)
  for i, e in ipairs(r.elements) do
    if e == el then return i - 1 end
  end
  error(string.format("chain: no element '%s' in the chain (it has %s)", tostring(el),
    table.concat(r.elements, ", ")), 3)
end

--- A flow's values for element el, as a series (t).
function Result:flow(name, el)
  local i = self.chain.flow_index[name]
  if not i then error(string.format("chain: no flow '%s'", tostring(name)), 2) end
  return series.new { from = self.from, unit = "t", name = name .. " " .. el,
    table.unpack(self.core:flow(i - 1, layer_of(self, el), years_of(self))) }
end

--- A process's input for element el, as a series (t).
function Result:input(name, el)
  local i = self.chain.process_index[name]
  if not i then error(string.format("chain: no process '%s'", tostring(name)), 2) end
  return series.new { from = self.from, unit = "t", name = name .. " " .. el,
    table.unpack(self.core:input(i - 1, layer_of(self, el), years_of(self))) }
end

--- The n largest balance residuals (default 5), largest first:
-- { { process, element, year, residual }, ... }. A solve balances every
-- process to rounding: within 1e-9 of its largest flow.
function Result:residuals(n)
  local all = {}
  for p, proc in ipairs(self.chain.processes) do
    for layer, el in ipairs(self.elements) do
      for y, v in ipairs(self.core:residual(p - 1, layer - 1, years_of(self))) do
        all[#all + 1] = { process = proc.name, element = el, year = self.from + y - 1, residual = v }
      end
    end
  end
  table.sort(all, function(a, b) return math.abs(a.residual) > math.abs(b.residual) end)
  local top = {}
  for i = 1, math.min(n or 5, #all) do top[i] = all[i] end
  return top
end

--- The goods a flow carries in year (t), where it was given as goods, {
-- t =, of = a composition, grade or formula }: the layer its elements'
-- tonnes are shares of; nil for a flow given by element.
function Result:goods(name, year)
  local i = self.chain.flow_index[name]
  if not i then error(string.format("chain: no flow '%s'", tostring(name)), 2) end
  local c = self.chain.flows[i].coef
  if type(c) ~= "table" or getmetatable(c) ~= nil or c.of == nil then return nil end
  if type(c.t) == "number" then return c.t end
  return c.t[year or self.from]
end

--- The value of a flow for one element and year.
function Result:value(name, el, year)
  return self:flow(name, el)[year or self.from]
end

--- The largest |inflows - outflows| of any process, element and year, and
-- where: the mass balance of the whole result in one number.
function Result:balance()
  local worst, where = 0, nil
  for p, proc in ipairs(self.chain.processes) do
    for layer, el in ipairs(self.elements) do
      local res = self.core:residual(p - 1, layer - 1, years_of(self))
      for y, v in ipairs(res) do
        if math.abs(v) >= worst then
          worst, where = math.abs(v), string.format("%s, %s", proc.name, el)
          if not self.timeless then where = where .. ", " .. (self.from + y - 1) end
        end
      end
    end
  end
  return worst, where
end

--- The flows of one year as a table, one column per element; where some
-- flow was given as goods, a column of its goods (t) before them, and
-- each element's share of the goods after its tonnes.
function Result:table(year)
  year = year or self.from
  local n = format.number
  local goods, any = {}, false
  for i, f in ipairs(self.chain.flows) do
    goods[i] = self:goods(f.name, year)
    any = any or goods[i] ~= nil
  end
  local rows = { { "flow", "from", "to", "as" } }
  if any then rows[1][#rows[1] + 1] = "goods (t)" end
  for _, el in ipairs(self.elements) do rows[1][#rows[1] + 1] = el .. " (t)" end
  for i, f in ipairs(self.chain.flows) do
    local row = { f.name, f.from or "outside", f.to or "outside", f.def }
    if any then row[#row + 1] = goods[i] and n(goods[i]) or "" end
    for _, el in ipairs(self.elements) do
      local v = self:value(f.name, el, year)
      row[#row + 1] = n(v) .. (goods[i] and goods[i] > 0 and string.format(" (%s%%)", n(100 * v / goods[i])) or "")
    end
    rows[#rows + 1] = row
  end
  local worst, where = self:balance()
  return string.format("%d:\n", year) .. format.table(rows, "  ")
    .. string.format("\n  largest balance residual: %.3g t (%s)", worst, where or "-")
end

--- Every flow, process input and balance residual, as JSON.
function Result:json()
  local out = { elements = self.elements, from = self.from, to = self.to, processes = {}, flows = {} }
  local years = years_of(self)
  for p, proc in ipairs(self.chain.processes) do
    local entry = { name = proc.name, mode = proc.mode, region = proc.region, input = {}, residual = {} }
    for layer, el in ipairs(self.elements) do
      entry.input[el] = self.core:input(p - 1, layer - 1, years)
      entry.residual[el] = self.core:residual(p - 1, layer - 1, years)
    end
    out.processes[p] = entry
  end
  for i, f in ipairs(self.chain.flows) do
    local entry = { name = f.name, from = f.from, to = f.to, as = f.def, note = f.note, values = {} }
    for layer, el in ipairs(self.elements) do entry.values[el] = self.core:flow(i - 1, layer - 1, years) end
    out.flows[i] = entry
  end
  return core.json_encode(out, true) .. "\n"
end

--- Every flow as tidy CSV: flow, from, to, element, year, value (t).
function Result:csv()
  local rows = { { "flow", "from", "to", "element", "year", "value_t" } }
  local years = years_of(self)
  for i, f in ipairs(self.chain.flows) do
    for layer, el in ipairs(self.elements) do
      for y, v in ipairs(self.core:flow(i - 1, layer - 1, years)) do
        rows[#rows + 1] = { f.name, f.from or "outside", f.to or "outside", el, tostring(self.from + y - 1),
          csv.number(v) }
      end
    end
  end
  return csv.format(rows)
end

--- One year's flows as a graph (see Result:graph); raises at the level of
-- whoever called the method that called this.
local function graph_of(self, opts)
  args.options("graph", opts, { year = true, element = true }, 3)
  local year = opts.year or (self.from == self.to and self.from) or nil
  if math.type(year) ~= "integer" or year < self.from or year > self.to then
    error(string.format("graph: a graph is one year's: give year = %d to %d, not %s", self.from, self.to,
      tostring(opts.year)), 3)
  end
  local chosen = self.elements
  if opts.element then
    for _, el in ipairs(self.elements) do if el == opts.element then chosen = { el } end end
    if #chosen ~= 1 or chosen[1] ~= opts.element then
      error(string.format("graph: no element '%s' in the chain (it has %s)", tostring(opts.element),
        table.concat(self.elements, ", ")), 3)
    end
  end
  local nodes, index = {}, {}
  local function node(name, region)
    if not index[name] then
      nodes[#nodes + 1] = { name = name, region = region }
      index[name] = #nodes - 1
    end
    return index[name]
  end
  for _, proc in ipairs(self.chain.processes) do node(proc.name, proc.region) end
  local links = {}
  for _, f in ipairs(self.chain.flows) do
    local source, target = node(f.from or "from outside"), node(f.to or "to outside")
    for _, el in ipairs(chosen) do
      local v = self:value(f.name, el, year)
      if v and v > 0 then
        links[#links + 1] = { source = source, target = target, value = v, flow = f.name, element = el }
      end
    end
  end
  return { year = year, nodes = nodes, links = links }
end

--- One year's flows as a graph that d3-sankey and plotly's sankey read:
-- { year, nodes = { { name, region } }, links = { { source, target,
-- value, flow, element } } }, source and target 0-based indices into
-- nodes; what comes from or goes outside the chain has the nodes "from
-- outside" and "to outside". Every element's links, or opts.element's;
-- opts.year may be left out when the result has one year.
function Result:graph(opts) return graph_of(self, opts or {}) end

--- Writes the result to path: every flow as tidy CSV (.csv), every flow,
-- process input and residual as JSON (.json), or one year's flows as a
-- graph (format = "graph", a .json file, with year and element as
-- Result:graph takes them). Returns path, or raises naming the file and
-- why it could not be written.
function Result:write(path, opts)
  opts = opts or {}
  args.options("write", opts, { format = true, year = true, element = true }, 2)
  local graph
  if opts.format == "graph" then
    graph = core.json_encode(graph_of(self, { year = opts.year, element = opts.element }), true) .. "\n"
  elseif opts.year or opts.element then
    error("write: year and element are for format = \"graph\"", 2)
  end
  return files.write_format(path, {
    { "csv", "csv", function() return self:csv() end },
    { "json", "json", function() return self:json() end },
    { "graph", "json", function() return graph end },
  }, opts.format)
end

--- A Sankey diagram of one element and year as SVG, written to file
-- (opts: element, year, title, source; see scripts/ree/sankey.lua).
function Result:sankey(file, opts)
  opts = opts or {}
  local o = { file = file }
  for k, v in pairs(opts) do o[k] = v end
  return require("ree.sankey").svg(self, o)
end

--- Which definition, coefficient and inputs produced a flow's value.
function Result:explain(name, el, year)
  year = year or self.from
  local i = self.chain.flow_index[name]
  if not i then error(string.format("chain: no flow '%s'", tostring(name)), 2) end
  local f, n = self.chain.flows[i], format.number
  local value = self:value(name, el, year)
  local y = year - self.from + 1
  local function coefficient()
    local c = coefficients(self.chain, f, el)
    return type(c) == "table" and c[y] or c
  end
  local function input(p) return self:input(p, el)[year] end
  local text
  if f.def == "value" then
    text = string.format("given: %s t", n(value))
  elseif f.def == "tc" then
    text = string.format("transfer coefficient %s of the input of '%s' (%s t)", coefficient(), f.from, n(input(f.from)))
  elseif f.def == "split" then
    text = string.format("split %s of the product of '%s' (its input %s t less what its transfer coefficients take)",
      coefficient(), f.from, n(input(f.from)))
  else
    local pushed = 0
    for _, g in ipairs(self.chain.flows) do
      if g.to == f.to and g.def ~= "pull" then pushed = pushed + self:value(g.name, el, year) end
    end
    text = string.format("share %s of what '%s' needs (%s t) after its other inflows (%s t)", coefficient(), f.to,
      n(input(f.to)), n(pushed))
  end
  return string.format("%s, %s %d: %s t = %s%s", name, el, year, n(value), text,
    f.note and ("; " .. f.note) or "")
end

chain.Chain, chain.Result = Chain, Result -- for help and completion

return chain
