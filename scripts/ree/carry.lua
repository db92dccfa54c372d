--- A stock of products in use that a scenario builds year by year and
-- draws on: each year's inflow is added as the year runs, and what retires
-- comes from the stock built so far, so that recycling can run from the
-- scrap of products the scenario itself put in use. The stock is plain data
-- (no metatable): kept in a scenario's state.memory, a fork copies it with
-- the rest of the state.
--
--   local carry = require("ree.carry")
--   m.magnets = m.magnets or carry.new { lifetime = { "fixed", years = 12 }, unit = "t" }
--   carry.add(m.magnets, year, put_in_use)     -- once a year, in order
--   local scrap = carry.outflow(m.magnets, year) -- what retires this year
--
-- Each query solves the stock model over the years so far (ree.stock_model,
-- whose results do not depend on later years), a few microseconds a year of
-- history.

local args = require("ree.args")
local stocks = require("ree.stocks")

local carry = {}

--- A new, empty stock: { lifetime = { "fixed", years = N } | ..., unit = "t" }.
function carry.new(spec)
  if type(spec) ~= "table" or type(spec.lifetime) ~= "table" or type(spec.unit) ~= "string" then
    error("carry.new: give { lifetime = { ... }, unit = \"t\" }", 2)
  end
  args.options("carry.new", spec, { lifetime = true, unit = true })
  return { lifetime = spec.lifetime, unit = spec.unit, first = nil, inflow = {} }
end

--- Adds year's inflow: the years come one after another, from the first.
function carry.add(stock, year, amount)
  if math.type(year) ~= "integer" then error("carry.add: give a year", 2) end
  if type(amount) ~= "number" or not (amount >= 0) or amount == math.huge then -- luacheck: ignore 581 (NaN)
    error(string.format("carry.add: the inflow of %d is a number of 0 or more, not %s", year, tostring(amount)), 2)
  end
  local next_year = stock.first and (stock.first + #stock.inflow) or year
  if year ~= next_year then
    error(string.format("carry.add: %d comes after %d; the years are added in order, once each", year,
      next_year - 1), 2)
  end
  stock.first = stock.first or year
  stock.inflow[#stock.inflow + 1] = amount
end

--- The stock model over the years added so far.
local function model(stock, year, fname)
  if not stock.first or year < stock.first or year > stock.first + #stock.inflow - 1 then
    error(string.format("%s: %s has no inflow yet (add it first)", fname, tostring(year)), 3)
  end
  local s = require("ree.series").new { from = stock.first, unit = stock.unit,
    table.unpack(stock.inflow, 1, year - stock.first + 1) }
  return stocks.model { lifetime = stock.lifetime, inflow = s }
end

--- What retires in year, from the stock built up to it.
function carry.outflow(stock, year) return model(stock, year, "carry.outflow").outflow[year] end

--- What is in use at the end of year.
function carry.stock(stock, year) return model(stock, year, "carry.stock").stock[year] end

return carry
