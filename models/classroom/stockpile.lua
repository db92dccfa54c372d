--- A market with stocks (docs/MODELS.md section 6): no auctioneer
-- clears it; traders hold inventory and the price moves with how many
-- years of demand that inventory covers (the system-dynamics form of
-- Jeffers et al. 2015, after Sterman 2000). A public stockpile buys below
-- a price band and sells above it, as JOGMEC's rare-metal stockpile or
-- China's 2010-11 reserve plans were meant to.
--
-- Each year:
--   demand     D = d0 (P(t-1) / p0)^e          buyers react to last year's price
--   public     buys min(buy_rate, room) when P(t-1) < buy_below,
--              sells min(sell_rate, what it holds) when P(t-1) > sell_above
--   private    S = S(t-1) + q - D - bought + sold; if that would go below 0,
--              buyers get what there is and the rest is a shortage
--   price      P = max(p_floor, P(t-1) (cover / cover_ref)^(-1 / eps_inv)),
--              cover = max(S, cover_min D) / D years of demand
--
--   local stockpile = require("ree.models.classroom.stockpile")
--   local res = stockpile.scenario { buy_rate = 0 }:run()    -- no public stockpile

local ree = require("ree")
local classroom_params = require("ree.models.classroom.params")

local stockpile = {}

stockpile.model = { name = "stockpile" }

function stockpile.model.init(state, p)
  state.memory.price, state.memory.private, state.memory.public = p.p0, p.stock0, p.public0
end

function stockpile.model.demand(state, p)
  state.vars.wanted = p.d0 * (state.memory.price / p.p0) ^ p.e
end

--- The public stockpile's rule, on last year's price.
function stockpile.model.supply(state, p)
  local m, last = state.memory, state.memory.price
  local bought, sold = 0, 0
  if last < p.buy_below then
    bought = math.max(0, math.min(p.buy_rate, p.public_cap - m.public))
  elseif last > p.sell_above then
    sold = math.min(p.sell_rate, m.public)
  end
  state.vars.bought, state.vars.sold = bought, sold
end

function stockpile.model.clearing(state, p)
  local m, v, rec = state.memory, state.vars, state.record
  local available = m.private + p.q + v.sold
  local bought = math.min(v.bought, available) -- the stockpile buys only what there is
  local used = math.min(v.wanted, available - bought)
  m.private = available - bought - used
  m.public = m.public + bought - v.sold
  local cover = math.max(m.private, p.cover_min * used) / math.max(used, 1e-12)
  m.price = math.max(p.p_floor, m.price * (cover / p.cover_ref) ^ (-1 / p.eps_inv))
  rec("price", m.price, "US$/kg")
  rec("demand", used, "t")
  rec("shortage", v.wanted - used, "t")
  rec("production", p.q, "t")
  rec("stock.private", m.private, "t")
  rec("stock.public", m.public, "t")
  rec("bought", bought, "t")
  rec("sold", v.sold, "t")
  rec("cover", cover, "yr")
end

--- A teaching market of 10,000 t a year at US$20/kg, in balance with a
-- quarter-year of stocks, hit by a 30% production cut in 2010-2012 (the
-- quota years). Every number but the elasticity is an assumption.
stockpile.defaults = {
  p0 = { value = 20, source = "assumption", range = { 5, 100 } },
  d0 = { value = 10000, source = "assumption", range = { 1000, 100000 } },
  e = { value = -0.15, source = "japan-arc-elasticity", range = { -0.3, -0.05 } },
  stock0 = { value = 2500, source = "assumption", range = { 0, 10000 } },
  public0 = { value = 0, source = "assumption", range = { 0, 10000 } },
  cover_ref = { value = 0.25, source = "assumption", range = { 0.1, 0.5 } },
  cover_min = { value = 0.02, source = "assumption", range = { 0.01, 0.1 } },
  eps_inv = { value = 2, source = "assumption", range = { 0.5, 5 } },
  p_floor = { value = 1, source = "assumption", range = { 0, 5 } },
  buy_below = { value = 18, source = "assumption", range = { 0, 30 } },
  sell_above = { value = 40, source = "assumption", range = { 20, 200 } },
  buy_rate = { value = 500, source = "assumption", range = { 0, 2000 } },
  sell_rate = { value = 1000, source = "assumption", range = { 0, 3000 } },
  public_cap = { value = 3000, source = "assumption", range = { 0, 10000 } },
  q = { value = ree.series { from = 2005, unit = "t", 10000, 10000, 10000, 10000, 10000, 7000, 7000, 7000,
    10000, 10000, 10000, 10000, 10000, 10000, 10000, 10000 }, source = "assumption", range = { 5000, 12000 } },
}

--- The stockpile market over 2005-2020, with the defaults but for `values`.
function stockpile.scenario(values)
  local params = classroom_params("stockpile", stockpile.defaults, values)
  return ree.scenario { name = "stockpile", years = { 2005, 2020 }, params = params, model = stockpile.model }
end

return stockpile
