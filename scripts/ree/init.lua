--- ree: the rare-earth supply chain toolkit.
--
--   local ree = require("ree")
--   local m = ree.formula "(Nd0.8Pr0.2)2Fe14B"
--   m:molar_mass(), m:mass_fraction "Nd", m:atom_fraction "Fe"
--   ree.oxide_factor "Nd"                 --> 1.1664 t Nd2O3 per t Nd
--   ree.element "Dy"                      --> { symbol = "Dy", z = 66, ..., group = "heavy" }
--   ree.magnet.requirement("jp-2011-mix", 10000)
--
-- Misuse (a wrong type, an unknown option) raises. A malformed formula or
-- table raises too, with a message that names it; ree.parse_formula is the
-- form that returns nil, message instead, as io.open does.

local args = require("ree.args")
local core = require("ree.core")
local elements = require("ree.elements")
local series = require("ree.series")

local ree = {
  _NAME = "ree",
  _VERSION = core._VERSION,
  core = core,
  data = require("ree.data"),
  magnet = require("ree.magnet"),
  market = require("ree.market"),
  element = elements.element,
  ree_group = elements.ree_group,
  define_grouping = elements.define_grouping,
  groupings = elements.groupings,
  RARE_EARTHS = elements.RARE_EARTHS,
  --- Parses a formula: a Composition, or nil and a message.
  parse_formula = core.formula,
  --- The Composition and Series methods, for extending them.
  Composition = core.Composition,
  Series = core.Series,
  series = series.new,
  sum = series.sum,
  mean = series.mean,
  --- The missing value (NaN) for ree.series { ... }.
  missing = series.missing,
}

--- A dynamic stock model of products in use (see scripts/ree/stocks.lua).
function ree.stock_model(spec) return require("ree.stocks").model(spec) end

--- Stock models by region and product, with each product's element
-- content by vintage: sums over regions, products, elements (scripts/ree/stockset.lua).
function ree.stock_models(spec) return require("ree.stockset").new(spec) end

--- A scenario: { name, years = { first, last }, params = { name = { value,
-- source [, range] } }, model, policies, checks } (scripts/ree/scenario.lua).
function ree.scenario(spec) return require("ree.scenario").new(spec) end

--- A policy: { "name", from = YEAR, to = YEAR, set = { param = value },
-- scale = { param = factor }, apply = function(params, year, state) }.
function ree.policy(spec) return require("ree.scenario").policy(spec) end
ree.check = setmetatable({}, { __index = function(_, k) return require("ree.scenario").check[k] end })

--- Compares results, as many as given: { a = r1, b = r2, ... } or a list
-- named by their scenarios; a table (it prints) of the variables all have
-- in a year (`year`, the last) and where they part most, charts of each
-- (`:plot`, `:chart`), one HTML page (`:write`). `variables` chooses.
function ree.compare(set) return require("ree.compare").new(set) end

--- Monte Carlo over a scenario: { scenario, runs, seed, sample = { param =
-- ree.dist.* }, collect = { paths } } (scripts/ree/montecarlo.lua).
function ree.montecarlo(spec) return require("ree.montecarlo").run(spec) end

--- Tornado sensitivity, { scenario, sample, output = path, year }: each
-- sampled parameter at its 10th and 90th percentile, the others at their
-- medians; { { param, low, high, swing }, ... }, largest swing first.
function ree.tornado(spec) return require("ree.montecarlo").tornado(spec) end

--- Global sensitivity of an output to its uncertain inputs: { scenario, output,
-- year (or model = f(values)), sample = { param = ree.dist.* }, method = "sobol" |
-- "morris", runs, seed }: Sobol's first- and total-order indices with 95% intervals,
-- or Morris's elementary effects (scripts/ree/sensitivity.lua).
function ree.sensitivity(spec) return require("ree.sensitivity").run(spec) end
--- Fits a scenario's parameters to observed series by weighted least
-- squares, within their ranges, and says which the data identify
-- (scripts/ree/calibrate.lua).
function ree.calibrate(spec) return require("ree.calibrate").run(spec) end
ree.dist = setmetatable({}, { __index = function(_, k) return require("ree.montecarlo").dist[k] end })

--- A mass-balance graph (scripts/ree/chain.lua).
function ree.chain(spec) return require("ree.chain").new(spec) end

--- Reconciles measured flows with their balances (scripts/ree/reconcile.lua).
function ree.reconcile(spec) return require("ree.reconcile").run(spec) end

--- Draws series in the terminal: ree.plot { s1, s2, title = "..." }
function ree.plot(list) return require("ree.plot").lines(list) end
--- Horizontal bars of a series, or of { { label, value }, ... }.
function ree.bars(s, opts) return require("ree.plot").bars(s, opts) end

local function check_arg(fname, n, value, expected) args.check(fname, n, value, expected, 3) end

--- A function of one string that raises where fn returns nil, message,
-- with the caller's position, as assert(io.open(...)) would.
local function raising(fname, fn)
  return function(s)
    if type(s) ~= "string" then check_arg(fname, 1, s, "string") end
    local value, msg = fn(s)
    if value == nil then error(msg, 2) end
    return value
  end
end

--- The composition of a formula; raises with the formula, the column and
-- the problem when it cannot be read.
ree.formula = raising("formula", core.formula)

--- g/mol of a formula, without building a Composition.
ree.molar_mass = raising("molar_mass", core.molar_mass)

--- A composition from a table of masses by element:
--   ree.composition { Nd = 29.5, Dy = 4, B = 1, balance = "Fe" }   -- wt%
--   ree.composition { Nd = 0.3, Fe = 0.7, unit = "fraction" }
-- With a balance element the rest of 100 wt% (or 1) is that element;
-- without one the table must add up.
function ree.composition(t)
  check_arg("composition", 1, t, "table")
  local masses, balance, unit = {}, nil, "wt%"
  for k, v in pairs(t) do
    if k == "balance" then balance = v
    elseif k == "unit" then unit = v
    else masses[k] = v end
  end
  local total = ({ ["wt%"] = 100, fraction = 1 })[unit]
  if not total then
    error(string.format("composition: unit must be 'wt%%' or 'fraction', got '%s'", tostring(unit)), 2)
  end
  local ok, c, msg = pcall(core.composition, masses, balance, total)
  if not ok then error(c, 2) end
  if not c then error("composition: " .. msg, 2) end
  return c
end

--- Mixes compositions by mass: ree.mix { { magnet, 96 }, { ree.formula "Dy", 4 } }
function ree.mix(parts)
  check_arg("mix", 1, parts, "table")
  local comps, masses = {}, {}
  for i, part in ipairs(parts) do
    if type(part) ~= "table" or part[2] == nil then
      error(string.format("mix: part %d must be { composition, mass }", i), 2)
    end
    comps[i], masses[i] = part[1], part[2]
  end
  local ok, c, msg = pcall(core.mix, comps, masses)
  if not ok then error("mix: " .. c, 2) end
  if not c then error("mix: " .. msg, 2) end
  return c
end

local OXIDE = {} -- each element's factor, once: a constant that models ask every year of every run

--- t of reporting oxide per t of element: ree.oxide_factor "Nd" --> 1.1664
function ree.oxide_factor(el)
  local f = OXIDE[el]
  if f then return f end
  local ok
  ok, f = pcall(core.oxide_factor, el)
  if not ok then error(f, 2) end
  OXIDE[el] = f
  return f
end

local function convert(masses, fname, to_oxide)
  check_arg(fname, 1, masses, "table")
  local out = {}
  for el, t in pairs(masses) do
    if type(t) ~= "number" then
      error(string.format("%s: mass of '%s' must be a number", fname, tostring(el)), 3)
    end
    local f = ree.oxide_factor(el)
    out[el] = to_oxide and t * f or t / f
  end
  return out
end

--- Element masses to reporting-oxide (REO) masses: { Nd = 1 } --> { Nd = 1.1664 }
function ree.to_oxide(masses) return convert(masses, "to_oxide", true) end
--- REO masses to element masses: { Nd = 1.1664 } --> { Nd = 1 }
function ree.to_metal(masses) return convert(masses, "to_metal", false) end

return ree
