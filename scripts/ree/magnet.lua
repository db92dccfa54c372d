--- Sintered NdFeB magnets: grades, the route back to the mine, deposits.
--
--   local grade = ree.magnet.grade "jp-2011-mix"
--   local need = ree.magnet.requirement(grade, 10000)   -- t of magnets
--   need.metal.Dy, need.oxide.Dy, need.ore["Bayan Obo"].reo_t
--   print(need)                                         -- a summary with its assumptions
--
-- The data (models/data/magnet-grades.json, magnet-route.json,
-- deposits.json) carries a source for every number; the walks along the
-- route and the deposit arithmetic run in the C core.

local args = require("ree.args")
local chain = require("ree.chain")
local core = require("ree.core")
local data = require("ree.data")
local format = require("ree.format")

local magnet = {}

local RARE_EARTH_ENTRY = "mining" -- rare earths come from the ground (the route's first stage)
local METAL_ENTRY = "alloy"       -- iron, boron and the rest are bought as metal
local REPORTED_STAGES = { "mining", "separation", "reduction", "alloy" }

-- {==================================================================
-- Data
-- ===================================================================

local sourced = data.sourced

local grades_schema = {
  type = "object", required = { "title", "unit", "grades" },
  fields = {
    title = { type = "string" }, unit = { type = "string" },
    grades = { type = "array", items = {
      type = "object", required = { "name", "description", "composition", "balance", "confidence" },
      fields = {
        name = { type = "string" }, description = { type = "string" },
        composition = { type = "map", keys = "element", values = sourced("wt", 0, 100) },
        balance = { type = "element" }, confidence = { type = "string" },
      },
    } },
  },
}

local route_schema = {
  type = "object", required = { "title", "unit", "routes" },
  fields = {
    title = { type = "string" }, unit = { type = "string" },
    routes = { type = "map", values = {
      type = "object", required = { "description", "stages" },
      fields = {
        description = { type = "string" },
        stages = { type = "array", items = {
          type = "object", required = { "name", "product", "yield" },
          fields = {
            name = { type = "string" }, product = { type = "string" },
            yield = sourced("value", 0, 1),
            scrap_recycled = sourced("value", 0, 1),
            scrap_returns_to = { type = "string" },
          },
        } },
      },
    } },
  },
}

local deposits_schema = {
  type = "object", required = { "title", "unit", "deposits" },
  fields = {
    title = { type = "string" }, unit = { type = "string" },
    deposits = { type = "array", items = {
      type = "object", required = { "name", "region", "type", "distribution" },
      fields = {
        name = { type = "string" }, region = { type = "string" }, type = { type = "string" },
        distribution = { type = "map", keys = "element", values = sourced("pct", 0, 100) },
        unassigned_note = { type = "string" },
        ore_grade_pct = sourced("value", 0, 100),
        checks = { type = "array", items = {
          type = "object", required = { "claim", "source" },
          fields = { claim = { type = "string" }, source = { type = "source" } },
        } },
      },
    } },
  },
}

local range_schema = {
  type = "object", required = { "low", "high", "source" },
  fields = { low = { type = "number", min = 0 }, high = { type = "number", min = 0 }, source = { type = "source" } },
  check = function(v) if v.high < v.low then return "has a high below its low" end end,
}

local uses_schema = {
  type = "object", required = { "title", "unit", "description", "uses" },
  fields = {
    title = { type = "string" }, unit = { type = "string" }, description = { type = "string" },
    uses = { type = "array", items = {
      type = "object", required = { "name" },
      fields = { name = { type = "string" }, note = { type = "string" }, lifetime_years = range_schema,
        content_g_nd = range_schema },
    } },
  },
}

--- The schemas of the data files, for checking edited copies of them.
magnet.schemas = { grades = grades_schema, route = route_schema, deposits = deposits_schema, uses = uses_schema }

local function load(name, schema) return (data.read(name, schema)) end

local function names_of(list)
  local names = {}
  for _, item in ipairs(list) do names[#names + 1] = item.name end
  table.sort(names)
  return names
end

local function find(list, name, what)
  for _, item in ipairs(list) do
    if item.name == name then return item end
  end
  error(string.format("unknown %s '%s' (known: %s)", what, tostring(name),
    table.concat(names_of(list), ", ")), 3)
end

-- }==================================================================

-- {==================================================================
-- Grades
-- ===================================================================

local Grade = {}
Grade.__index = Grade
Grade.__name = "ree.Grade"

function Grade:__tostring()
  return string.format("magnet grade '%s' (%s): %s", self.name, self.description,
    self.composition:formula())
end

--- The grade called name, from models/data/magnet-grades.json.
-- Fields: name, description, confidence, wt (wt% by element, the balance
-- included), composition (a Composition), sources and notes by element.
function magnet.grade(name)
  if getmetatable(name) == Grade then return name end
  local spec = find(load("magnet-grades", grades_schema).grades, name, "magnet grade")
  local wt, sources, notes, given = {}, {}, {}, 0
  for el, entry in pairs(spec.composition) do
    wt[el], sources[el], notes[el] = entry.wt, entry.source, entry.note
    given = given + entry.wt
  end
  local composition, err = core.composition(wt, spec.balance, 100)
  if not composition then error(string.format("magnet grade '%s': %s", name, err), 2) end
  wt[spec.balance] = 100 - given
  sources[spec.balance] = "balance"
  return setmetatable({
    name = spec.name, description = spec.description, confidence = spec.confidence,
    wt = wt, composition = composition, sources = sources, notes = notes,
  }, Grade)
end

--- Names of the grades in the data.
function magnet.grades()
  return names_of(load("magnet-grades", grades_schema).grades)
end

-- }==================================================================

-- {==================================================================
-- Routes and deposits
-- ===================================================================

--- The route called name (default "default"): its description and
-- stages { name, product, yield, scrap_recycled, scrap_returns_to, ... }.
function magnet.route(name)
  local routes = load("magnet-route", route_schema).routes
  local spec = routes[name or "default"]
  if not spec then
    local known = {}
    for k in pairs(routes) do known[#known + 1] = k end
    table.sort(known)
    error(string.format("unknown route '%s' (known: %s)", tostring(name), table.concat(known, ", ")), 2)
  end
  -- the requirement reads metal, oxide, concentrate and ore at these stages
  for _, needed in ipairs(REPORTED_STAGES) do
    local found = false
    for _, stage in ipairs(spec.stages) do found = found or stage.name == needed end
    if not found then error(string.format("route '%s' has no stage '%s'", name or "default", needed), 2) end
  end
  return spec
end

--- Names of the deposits in the data.
function magnet.deposits()
  return names_of(load("deposits", deposits_schema).deposits)
end

--- The deposit called name: region, type, distribution ({ La = { pct,
-- source }, ... }), ore_grade_pct, and shares ({ La = pct }).
function magnet.deposit(name)
  local spec = find(load("deposits", deposits_schema).deposits, name, "deposit")
  local shares = {}
  for el, entry in pairs(spec.distribution) do shares[el] = entry.pct end
  return setmetatable({ shares = shares }, { __index = spec })
end

--- Names of the magnet uses in the data (models/data/magnet-uses.json).
function magnet.uses()
  return names_of(load("magnet-uses", uses_schema).uses)
end

--- A lifetime for ree.stock_model for a use, from its sourced range: a
-- normal distribution centred on the range with a quarter of it as its
-- standard deviation (an assumption: the range taken as about +-2 sd).
-- Raises for a use whose lifetime the data does not have.
function magnet.lifetime(use)
  local spec = find(load("magnet-uses", uses_schema).uses, use, "magnet use")
  local r = spec.lifetime_years
  if not r then
    error(string.format("the lifetime of '%s' is not in the data (unconfirmed): give one", use), 2)
  end
  return { "normal", mean = (r.low + r.high) / 2, sd = (r.high - r.low) / 4 }, r.source
end

--- Element output of deposits: mix is { ["Mt Weld"] = t REO, ... }.
-- @return { reo = { Nd = t of Nd2O3, ... }, metal = { Nd = t of Nd, ... } }
function magnet.supply(mix)
  local metal, reo = {}, {}
  for name, reo_t in pairs(mix) do
    if type(reo_t) ~= "number" or reo_t < 0 or reo_t ~= reo_t then
      error(string.format("supply of '%s' must be a non-negative number of t REO", tostring(name)), 2)
    end
    for el, t in pairs(core.deposit_elements(magnet.deposit(name).shares, reo_t)) do
      metal[el] = (metal[el] or 0) + t
    end
  end
  for el, t in pairs(metal) do reo[el] = t * core.oxide_factor(el) end
  return { reo = reo, metal = metal }
end

-- }==================================================================

-- {==================================================================
-- Requirements: from magnets back to the mine
-- ===================================================================

local Requirement = {}
Requirement.__index = Requirement
Requirement.__name = "ree.Requirement"

local OPTIONS = { route = true, deposits = true, yield = true, scrap_recycled = true }

local function check_options(opts)
  if opts == nil then return {} end
  args.check("requirement", 3, opts, "table", 3)
  args.options("requirement", opts, OPTIONS, 3)
  if opts.scrap_recycled ~= nil and type(opts.scrap_recycled) ~= "number" then
    error("option 'scrap_recycled' must be a number", 3)
  end
  if opts.yield ~= nil and type(opts.yield) ~= "table" then
    error("option 'yield' must be a table of yields by stage", 3)
  end
  return opts
end

--- The stages of route spec with the caller's overrides ({ name, yield,
-- recycled, returns_to }), and the list of assumptions they rest on.
local function stages_of(spec, opts)
  local stages, assumptions = {}, {}
  local overrides = opts.yield or {}
  local stage_names = {}
  for _, stage in ipairs(spec.stages) do stage_names[stage.name] = true end
  for name, y in pairs(overrides) do
    if not stage_names[name] then error(string.format("no stage '%s' in the route", tostring(name)), 4) end
    if type(y) ~= "number" then error(string.format("yield of stage '%s' must be a number", name), 4) end
  end
  for _, stage in ipairs(spec.stages) do
    local yield, recycled = stage.yield.value, stage.scrap_recycled and stage.scrap_recycled.value or 0
    if overrides[stage.name] then
      yield = overrides[stage.name]
      assumptions[#assumptions + 1] = string.format("%s yield %s (set by the caller)", stage.name, yield)
    elseif stage.yield.source == "assumption" then
      assumptions[#assumptions + 1] = string.format("%s yield %s (assumption, range %s-%s)", stage.name,
        yield, stage.yield.range[1], stage.yield.range[2])
    end
    if stage.scrap_recycled then
      if opts.scrap_recycled ~= nil then
        recycled = opts.scrap_recycled
        assumptions[#assumptions + 1] = string.format("%s scrap recycled %s (set by the caller)", stage.name, recycled)
      elseif stage.scrap_recycled.source == "assumption" then
        assumptions[#assumptions + 1] = string.format("%s scrap recycled %s to %s (assumption, range %s-%s)",
          stage.name, recycled, stage.scrap_returns_to, stage.scrap_recycled.range[1], stage.scrap_recycled.range[2])
      end
    end
    if not (yield > 0 and yield <= 1) then
      error(string.format("stage '%s': yield must be in (0, 1], got %s", stage.name, yield), 4)
    end
    if not (recycled >= 0 and recycled <= 1) then
      error(string.format("stage '%s': recycled share must be in [0, 1], got %s", stage.name, recycled), 4)
    end
    if recycled > 0 and not stage_names[stage.scrap_returns_to or ""] then
      error(string.format("stage '%s': scrap returns to unknown stage '%s'", stage.name,
        tostring(stage.scrap_returns_to)), 4)
    end
    stages[#stages + 1] = { name = stage.name, yield = yield, recycled = recycled, returns_to = stage.scrap_returns_to }
  end
  return stages, assumptions
end

--- The stages of a route (opts: route, yield, scrap_recycled, as for
-- requirement): { { name, yield, recycled, returns_to }, ... }, and the
-- assumptions they rest on. For models that build their own chains.
function magnet.stages(opts)
  opts = check_options(opts)
  return stages_of(magnet.route(opts.route), opts)
end

--- Adds routes to chain c, each a copy of the stages: ore into the first
-- stage, each stage drawing on the one before (at METAL_ENTRY only the
-- rare earths: the other elements are bought there as metal), scrap back
-- to the stage that recycles it, the rest lost, magnets out of the last.
-- opts = { elements, mode }: pulled (mode "pull"), a route's `magnets` is
-- the demand and every stage draws what it needs; pushed ("push"), its
-- `ore` enters and the magnets follow. Each route may give a `prefix`
-- (default ""; its processes are prefix .. stage and its flows are named
-- after them: "CN ore", "CN magnets"); `has(stage)`, whether it holds a
-- stage (default all; ore enters only the route's first stage);
-- `sources(stage)`, the { [process] = share } of previous stages a stage
-- draws on (default its own); `process(stage)`, extra options for
-- c:process. Every route's processes come first, so routes may draw on
-- each other's stages.
function magnet.add_routes(c, stages, opts, routes)
  local push = opts.mode == "push"
  local ree_only, others_only = {}, {}
  for _, el in ipairs(opts.elements) do
    local is_ree = core.element(el).ree
    ree_only[el], others_only[el] = is_ree and 1 or 0, is_ree and 0 or 1
  end
  local function holds(route, stage) return route.has == nil or route.has(stage) end
  for _, route in ipairs(routes) do
    for _, st in ipairs(stages) do
      if holds(route, st.name) then
        local o = route.process and route.process(st.name) or {}
        o.mode = opts.mode
        c:process((route.prefix or "") .. st.name, o)
      end
    end
  end
  for _, route in ipairs(routes) do
    local prefix = route.prefix or ""
    for i, st in ipairs(stages) do
      if holds(route, st.name) then
        local here = prefix .. st.name
        if i == 1 then
          c:flow { prefix .. "ore", to = here, pull = (not push) and 1 or nil, value = push and route.ore or nil }
        else
          local sources = route.sources and route.sources(st.name) or { [prefix .. stages[i - 1].name] = 1 }
          local from_list = {}
          for from in pairs(sources) do from_list[#from_list + 1] = from end
          table.sort(from_list)
          if st.name == METAL_ENTRY and not push then
            c:flow { prefix .. "purchased metal", to = here, pull = others_only }
          end
          for _, from in ipairs(from_list) do
            local pull = sources[from]
            if st.name == METAL_ENTRY then
              pull = {}
              for el, v in pairs(ree_only) do pull[el] = v * sources[from] end
            end
            c:flow { from .. " to " .. here, from = from, to = here, pull = (not push) and pull or nil,
              split = push and sources[from] or nil }
          end
        end
        local scrap = 1 - st.yield
        if st.recycled > 0 then
          c:flow { here .. " scrap", from = here, to = prefix .. st.returns_to, tc = st.recycled * scrap }
        end
        c:flow { here .. " loss", from = here, tc = (1 - st.recycled) * scrap }
      end
    end
    c:flow { prefix .. "magnets", from = prefix .. stages[#stages].name, value = (not push) and route.magnets or nil,
      split = push and 1 or nil }
  end
  return c
end

-- The route alone, solved: the graph of requirement and production.
local function route_chain(stages, elements, mode, given)
  local c = chain.new { elements = elements, from = 1 }
  magnet.add_routes(c, stages, { elements = elements, mode = mode },
    { { ore = mode == "push" and given or nil, magnets = mode == "pull" and given or nil } })
  return c:solve()
end

--- What `tonnes` of magnets of `grade` take, element by element, from the
-- alloy back to the ore of each deposit: the route pulled through the
-- mass-balance graph.
-- @param grade a grade or its name
-- @param tonnes t of finished magnets, >= 0
-- @param opts { route = name, deposits = { names }, yield = { stage = y },
--   scrap_recycled = share }
-- @return a Requirement: magnet_t, grade, content, metal (gross metal into
--   alloy making), metal_primary (newly reduced or bought), scrap_recycled,
--   oxide (separated REO into reduction), concentrate (REO into separation),
--   ore_reo (REO mined), ore[deposit] = { reo_t, ore_t, binding, surplus_reo },
--   result (the solved chain), assumptions
function magnet.requirement(grade, tonnes, opts)
  grade = magnet.grade(grade)
  if type(tonnes) ~= "number" or tonnes < 0 or tonnes ~= tonnes or tonnes == math.huge then
    args.fail("requirement", 2, "tonnes must be a non-negative number, got " .. tostring(tonnes))
  end
  opts = check_options(opts)
  local route_name = opts.route or "default"
  local stages, assumptions = stages_of(magnet.route(route_name), opts)
  local need = setmetatable({
    magnet_t = tonnes, grade = grade, route = route_name, content = {}, metal = {}, metal_primary = {},
    scrap_recycled = {}, oxide = {}, concentrate = {}, ore_reo = {}, ore = {}, from_ground = {},
    assumptions = assumptions,
  }, Requirement)
  local elements = {}
  for el, frac in pairs(grade.composition:mass_fractions()) do
    elements[#elements + 1] = el
    need.content[el] = tonnes * frac
  end
  table.sort(elements)
  local ok, r = pcall(route_chain, stages, elements, "pull", need.content)
  if not ok then error(r, 2) end
  need.result = r
  r.timeless = true -- a requirement has no calendar year
  for _, el in ipairs(elements) do
    need.metal[el] = r:input(METAL_ENTRY, el)[1]
    need.scrap_recycled[el] = 0
    for _, st in ipairs(stages) do
      if st.recycled > 0 and st.returns_to == METAL_ENTRY then
        need.scrap_recycled[el] = need.scrap_recycled[el] + r:value(st.name .. " scrap", el)
      end
    end
    need.metal_primary[el] = need.metal[el] - need.scrap_recycled[el]
    if core.element(el).ree then
      local f = core.oxide_factor(el)
      need.oxide[el] = r:input("reduction", el)[1] * f
      need.concentrate[el] = r:input("separation", el)[1] * f
      need.ore_reo[el] = r:input(RARE_EARTH_ENTRY, el)[1] * f
      need.from_ground[el] = r:value("ore", el)
    end
  end
  for _, name in ipairs(opts.deposits or magnet.deposits()) do
    local d = magnet.deposit(name)
    local reo_t, binding, surplus = core.deposit_requirement(d.shares, need.from_ground)
    if reo_t == nil then
      need.ore[name] = { error = string.format("deposit '%s': %s", name, binding) }
    else
      local surplus_reo = {}
      for el, t in pairs(surplus) do surplus_reo[el] = t * core.oxide_factor(el) end
      need.ore[name] = {
        reo_t = reo_t, binding = binding, surplus_reo = surplus_reo,
        ore_t = d.ore_grade_pct and reo_t / (d.ore_grade_pct.value / 100) or nil,
      }
    end
  end
  for el, source in pairs(grade.sources) do
    if source == "assumption" then
      local note = grade.notes[el]
      assumptions[#assumptions + 1] = string.format("%s %s wt%% in '%s' (assumption%s)", el,
        grade.wt[el], grade.name, note and ("; " .. note) or "")
    end
  end
  table.sort(assumptions)
  return need
end

--- Forward: the magnets of `grade` that the ore in `mix` ({ ["Mt Weld"] =
-- t REO, ... }) can make along the route (pushed through the mass-balance
-- graph), every other input bought as metal. The rare earth that runs out
-- first binds; the rest is left over.
-- @return { magnet_t, binding, used = { el = t }, left_reo = { el = t REO },
--   output = { el = t of element that reaches finished magnets } }
function magnet.production(grade, mix, opts)
  grade = magnet.grade(grade)
  opts = check_options(opts)
  local stages = stages_of(magnet.route(opts.route), opts)
  local fractions = grade.composition:mass_fractions()
  local mined = magnet.supply(mix).metal
  local result = { grade = grade, output = {}, used = {}, left_reo = {}, magnet_t = math.huge }
  local elements = {}
  for el in pairs(mined) do elements[#elements + 1] = el end
  table.sort(elements)
  if #elements > 0 then
    local ok, r = pcall(route_chain, stages, elements, "push", mined)
    if not ok then error(r, 2) end
    for _, el in ipairs(elements) do
      result.output[el] = r:value("magnets", el)
      local frac = fractions[el]
      if frac and result.output[el] / frac < result.magnet_t then
        result.magnet_t, result.binding = result.output[el] / frac, el
      end
    end
  end
  local missing = {}
  for el in pairs(fractions) do
    if core.element(el).ree and not mined[el] then missing[#missing + 1] = el end
  end
  table.sort(missing)
  if missing[1] then result.magnet_t, result.binding = 0, missing[1] end
  for el, out in pairs(result.output) do
    result.used[el] = result.magnet_t * (fractions[el] or 0)
    -- what reaches magnets unused, counted back as REO at the mine
    result.left_reo[el] = (out - result.used[el]) / out * mined[el] * core.oxide_factor(el)
  end
  return result
end

--- Sum of field (say "metal") over elements: need:total("metal", "Nd", "Pr").
function Requirement:total(field, ...)
  local sum = 0
  for _, el in ipairs({ ... }) do sum = sum + (self[field][el] or 0) end
  return sum
end

--- The largest residual of any stage and element, and where: the mass
-- balance of the whole walk in one number.
function Requirement:balance()
  return self.result:balance()
end

--- Elements of the requirement, rare earths first, each group by mass.
function Requirement:elements()
  local list = {}
  for el in pairs(self.content) do list[#list + 1] = el end
  table.sort(list, function(a, b)
    local ra, rb = core.element(a).ree, core.element(b).ree
    if ra ~= rb then return ra end
    return self.content[a] > self.content[b]
  end)
  return list
end

local n = format.number

--- The requirement as text: magnets, then each stage's need by element,
-- the deposits' ore and what binds them, and the assumptions used.
function Requirement:summary()
  local lines = {}
  local function add(s) lines[#lines + 1] = s end
  add(string.format("%s t of sintered NdFeB magnets, grade '%s' (%s)", n(self.magnet_t), self.grade.name,
    self.grade.description))
  local rows = { { "element", "wt%", "in magnets", "metal, gross", "metal, primary", "oxide REO",
    "concentrate REO", "ore REO" } }
  for _, el in ipairs(self:elements()) do
    local re = self.oxide[el] ~= nil
    rows[#rows + 1] = { el, string.format("%.2f", self.grade.wt[el]), n(self.content[el]), n(self.metal[el]),
      n(self.metal_primary[el]), re and n(self.oxide[el]) or "", re and n(self.concentrate[el]) or "",
      re and n(self.ore_reo[el]) or "" }
  end
  add(format.table(rows, "  "))
  add("  (t; metal, gross = all metal melted into alloy, in-process scrap included;")
  add("   primary = newly reduced metal; REO = t of each element's reporting oxide)")
  local deposits = {}
  for name in pairs(self.ore) do deposits[#deposits + 1] = name end
  table.sort(deposits)
  if #deposits > 0 then
    add("Mined from a single deposit, the elements come in its proportions:")
    rows = { { "deposit", "REO mined", "ore", "binding", "largest surplus" } }
    -- ore: t of ore where the data give its grade
    for _, name in ipairs(deposits) do
      local o = self.ore[name]
      if o.error then
        rows[#rows + 1] = { name, o.error, "", "", "" }
      else
        local big, big_t = nil, 0
        for el, t in pairs(o.surplus_reo) do
          if t > big_t then big, big_t = el, t end
        end
        rows[#rows + 1] = { name, n(o.reo_t), o.ore_t and n(o.ore_t) or "-", o.binding or "-",
          big and string.format("%s %s t REO", big, n(big_t)) or "-" }
      end
    end
    add(format.table(rows, "  "))
  end
  add("Assumptions:")
  for _, a in ipairs(self.assumptions) do add("  - " .. a) end
  local worst, where = self:balance()
  add(string.format("Mass balance: largest residual %.3g t (%s)", worst, where or "-"))
  return table.concat(lines, "\n")
end

Requirement.__tostring = Requirement.summary

-- }==================================================================

magnet.Grade, magnet.Requirement = Grade, Requirement -- for help and completion

return magnet
