--- Products in use: dynamic stock models over series.
--
--   local m = ree.stock_model {
--     lifetime = { "weibull", shape = 2.5, scale = 12 },   -- or { "fixed", years = 15 },
--                                                          -- { "normal", mean = 10, sd = 3 },
--                                                          -- { "lognormal", mean = 10, sd = 4 }
--     inflow = magnets_sold,            -- a series; or stock = in_use
--     initial = ree.series { from = 1995, unit = "t", ... },  -- optional: cohorts in use at the start
--   }
--   m.stock, m.outflow, m.inflow, m.retired_early     -- series, in the unit of the input
--   m:outflow_of(dy_share)   -- end-of-life Dy: each vintage's outflow times its own share
--
-- Stock-driven models never take a negative inflow: where the stock falls
-- faster than products retire, the excess retires early (m.retired_early).

local args = require("ree.args")
local core = require("ree.core")
local series = require("ree.series")

local stocks = {}

local LIFETIMES = {
  fixed = { "years" },
  normal = { "mean", "sd" },
  weibull = { "shape", "scale" },
  lognormal = { "mean", "sd" },
}

local OPTIONS = { lifetime = true, inflow = true, stock = true, initial = true }

local StockModel = {}
StockModel.__index = StockModel
StockModel.__name = "ree.StockModel"

function StockModel:__tostring()
  local first, last = self.stock:years()
  return string.format("ree.StockModel %d-%d, %s: stock %s in %d", first, last, self.stock:unit(),
    require("ree.format").number(self.stock[last] or 0 / 0), last)
end

local function check_lifetime(lt)
  if type(lt) ~= "table" or not LIFETIMES[lt[1]] then
    error("stock_model: lifetime must be { \"fixed\", years = N }, { \"normal\", mean = M, sd = S }, "
      .. "{ \"weibull\", shape = K, scale = L } or { \"lognormal\", mean = M, sd = S }", 3)
  end
  local params = LIFETIMES[lt[1]]
  for k in pairs(lt) do
    local known = k == 1
    for _, p in ipairs(params) do known = known or k == p end
    if not known then error(string.format("stock_model: a %s lifetime has no '%s'", lt[1], tostring(k)), 3) end
  end
  for _, p in ipairs(params) do
    if type(lt[p]) ~= "number" then error(string.format("stock_model: a %s lifetime needs '%s'", lt[1], p), 3) end
  end
  return lt[1], lt[params[1]], lt[params[2]]
end

local function values_of(s)
  local first, last = s:years()
  local v = {}
  for y = first, last do v[y - first + 1] = s[y] or (0 / 0) end
  return v
end

local function as_series(first, unit, values, name)
  return series.new { from = first, unit = unit, name = name, table.unpack(values) }
end

--- A solved stock model (see the module's comment).
function stocks.model(spec)
  args.check("stock_model", 1, spec, "table")
  args.options("stock_model", spec, OPTIONS)
  local kind, a, b = check_lifetime(spec.lifetime)
  local given, mode = spec.inflow, "inflow"
  if spec.stock then given, mode = spec.stock, "stock" end
  if (spec.inflow == nil) == (spec.stock == nil) then
    error("stock_model: give either an inflow or a stock series", 2)
  end
  local first, last = given:years()
  local m, err = core.stock_model(first, last - first + 1, kind, a, b)
  if not m then error("stock_model: " .. err, 2) end
  if spec.initial then
    if spec.initial:unit() ~= given:unit() then
      error(string.format("stock_model: initial stock in '%s' and %s in '%s'", spec.initial:unit(), mode,
        given:unit()), 2)
    end
    local ok, ierr = m:set_initial((spec.initial:years()), values_of(spec.initial))
    if not ok then error("stock_model: " .. ierr, 2) end
  end
  local initial_total = 0
  if spec.initial then
    for _, v in spec.initial:pairs() do initial_total = initial_total + (v or 0) end
  end
  local ok, serr = m:solve(mode, values_of(given))
  if not ok then error("stock_model: " .. serr, 2) end
  local unit = given:unit()
  local inflow, outflow, stock, retired = m:results(first, last - first + 1)
  local model = setmetatable({
    core = m, first = first, last = last, unit = unit, mode = mode, initial_total = initial_total,
    inflow = as_series(first, unit, inflow, "inflow"),
    outflow = as_series(first, unit, outflow, "outflow"),
    stock = as_series(first, unit, stock, "stock"),
    retired_early = as_series(first, unit, retired, "retired early"),
  }, StockModel)
  return model
end

--- Outflow and stock weighted by vintage: share is a series of shares
-- ("fraction" or "%") by the year each cohort entered use (Dy in the
-- magnets of that year). A cohort outside the share series counts as 0.
-- @return outflow, stock: series in the model's unit
function StockModel:outflow_of(share)
  local ok, fraction = pcall(share.to, share, "fraction")
  if not ok then error("outflow_of: the share must be a fraction or a %, not '" .. share:unit() .. "'", 2) end
  local out, stock = self.core:weighted(self.first, self.last - self.first + 1, values_of(fraction),
    (fraction:years()))
  local name = share:name()
  return as_series(self.first, self.unit, out, name and ("outflow of " .. name)),
    as_series(self.first, self.unit, stock, name and ("stock of " .. name))
end

--- What cohort (a year of entry) holds at the end of year, and what left
-- it during that year.
function StockModel:cohort(year, cohort) return self.core:cohort(year, cohort) end

--- The largest |inflow - outflow - stock change| over the years.
function StockModel:balance()
  local worst, before = 0, self.initial_total
  for year = self.first, self.last do
    local change = self.stock[year] - before
    worst = math.max(worst, math.abs(self.inflow[year] - self.outflow[year] - change))
    before = self.stock[year]
  end
  return worst
end

stocks.StockModel = StockModel -- for help and completion

return stocks
