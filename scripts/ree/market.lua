--- One element's market between China and the rest of the world, cleared
-- in the C core (core/market.h has the equations).
--
--   local r = ree.market.clear {
--     name = "Dy", year = 2011,   -- (and month = 1-12 in a month's market: both name it in messages)
--     d_cn = { "elastic", q = 1000, p = 300, e = -0.15 },   -- through (p, q), elasticity e
--     s_cn = { "steps", { cost = 50, cap = 800 }, { cost = 120, cap = 600 } },  -- merit order
--     d_rw = { "linear", a = 900, b = -0.5 },
--     s_rw = { "elastic", a = 5, e = 0.5 },
--     tax = 0.25, vat_lost = 0.05, quota = 300, cap = 1000,
--     fringe = { "elastic", a = 2, e = 0.8 }, leak = { l0 = 50, g = 1.5 },
--     stock_rw = 100,   -- t stockpiles outside China buy (or, negative, release) whatever the price
--     stock_cn = 0,     -- the same in China
--     hold_rw = { "elastic", a = 400, e = -0.5 },  -- and what holders buy besides, falling with the price
--                                                 -- (hold_cn: in China); bought_rw, bought_cn in the result
--   }
--   r.p_cn, r.p_rw (US$/kg), r.exports (net: negative when China imports), r.imports,
--   r.quota_binding, r.quota_rent (US$), r.tax_revenue, r.vat_revenue, r.deadweight
--   ree.market.clear_joint({ nd, dy, la }, 30000)  -- one quota in tonnes for all three
--   ree.market.month_year(elements, sets, params)   -- a year of months with stocks (the crisis)
--
-- A market where no price clears raises, naming the element, the year (and
-- month) and why; ree.market.try_clear returns nil and the message instead.

local args = require("ree.args")
local core = require("ree.core")

local market = {}

local KEYS = { name = true, year = true, month = true, d_cn = true, s_cn = true, d_rw = true, s_rw = true,
  fringe = true, tax = true, vat_lost = true, quota = true, cap = true, leak = true, stock_rw = true,
  stock_cn = true, hold_rw = true, hold_cn = true }

local function check(spec)
  args.check("clear", 1, spec, "table", 3)
  return args.options("market.clear", spec, KEYS, 3)
end

--- The cleared market, or nil and a message naming the market and year.
function market.try_clear(spec)
  return core.market_clear(check(spec))
end

--- Markets that share one export quota of `quota` t (China's quotas were
-- tonnes of rare earths, whatever the element): a list of results, and
-- the licence price (US$/kg) every exported kg carries; raises when no
-- price clears.
function market.clear_joint(specs, quota)
  if type(specs) ~= "table" or #specs == 0 then error("market.clear_joint: give a list of markets", 2) end
  for _, spec in ipairs(specs) do check(spec) end
  local results, licence = core.market_clear_joint(specs, quota)
  if not results then error(licence, 2) end
  return results, licence
end

--- A year of the crisis market, month by month, in the core (core/month.h
-- has the equations; models/market_month.lua builds the arguments):
-- elements { { spec = <a market>, floor, cheaper, mined, stock_rw, stock_cn,
-- leak_share, mine_stock, cn = holders, rw = holders, ... }, ... }, holders
-- { stock, expected, reference (default: expected), use }; quota sets
-- { { quota, release = { shares by month } }, ... }; params (stock rule,
-- phi (default 0), leakage, and the months' risk, enforced and shifting). Returns per element its months ({ p_cn = { 12
-- values }, ... }), per set its licence prices and allowances, and the
-- months' exports and what customs see of them; each element's holders and
-- mine_stock move to the year's end. Raises when a month does not clear.
function market.month_year(elements, sets, params)
  args.check("month_year", 1, elements, "table", 3)
  args.check("month_year", 2, sets, "table", 3)
  args.check("month_year", 3, params, "table", 3)
  local outs, set_outs, exports, customs = core.month_year(elements, sets, params)
  if not outs then error(set_outs, 2) end
  return outs, set_outs, exports, customs
end

--- The cleared market; raises when no price clears.
function market.clear(spec)
  local r, err = core.market_clear(check(spec))
  if not r then error(err, 2) end
  return r
end

return market
