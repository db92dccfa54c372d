--- Storage and panic buying: a monthly market whose buyers keep a stock,
-- and keep more of it when supply looks at risk (the stock-management
-- structure of Sterman 2000, ch. 17, with a precautionary cover).
--
-- Each month, with the year's risk index R (0 or 1, a dated event's years):
--   consumption   C(P)  = c0 (P / p0)^e                          (flow demand)
--   desired stock S*(P) = cover0 (1 + theta R) c0 (P / Pe)^(-eta) (months of use,
--                         fewer when the price is high against what buyers expect)
--   purchases     B(P)  = (S*(P) - S) / tau, never selling more than S
--   clearing      q = C(P) + B(P): the one price where they meet (both fall with P)
--   afterwards    S += q - C(P);  Pe += (P - Pe) / tau_e        (adaptive expectations)
-- Supply q is the year's output spread evenly over its months.
--
-- By hand, the month the risk arrives (S = cover0 c0, Pe = p0, q = c0):
-- the price multiple m solves m^e + (cover0 (1 + theta) m^(-eta) - cover0) / tau = 1;
-- for e = -0.15, cover 2 to 5 months, tau 4 months and eta 0.5, m is about 3.5.
--
--   local panic = require("ree.models.classroom.panic")
--   local res = panic.scenario { eta = 0.3 }:run()
--   res.price:at(2010, 1), res.price:max(), res.stock:annual("last")

local ree = require("ree")
local classroom_params = require("ree.models.classroom.params")

local panic = {}

panic.model = { name = "panic", period = 12 }

function panic.model.init(state, p)
  state.memory.stock, state.memory.expected = p.cover0 * p.c0, p.p0
end

--- Consumption and stock purchases at price x, this month.
local function demand_at(m, p, x)
  local use = p.c0 * (x / p.p0) ^ p.e
  local wanted = p.cover0 * (1 + p.theta * p.risk) * p.c0 * (x / m.expected) ^ (-p.eta)
  return use, math.max(-m.stock, (wanted - m.stock) / p.tau)
end

--- The price where the month's supply meets consumption and purchases,
-- by bisection in log price (the demand falls with the price).
local function clear(m, p, q)
  local lo, hi = p.p0 * 1e-4, p.p0 * 1e4
  local function excess(x)
    local use, buy = demand_at(m, p, x)
    return use + buy - q
  end
  if excess(hi) > 0 or excess(lo) < 0 then
    error(string.format("panic: no price between %g and %g US$/kg clears the month", lo, hi), 0)
  end
  for _ = 1, 100 do
    local mid = math.sqrt(lo * hi)
    if excess(mid) > 0 then lo = mid else hi = mid end
  end
  return math.sqrt(lo * hi)
end

function panic.model.step(state, p)
  local m, q = state.memory, p.q / 12
  local price = clear(m, p, q)
  local use = demand_at(m, p, price)
  m.stock = m.stock + q - use
  m.expected = m.expected + (price - m.expected) / p.tau_e
  state.record("price", price, "US$/kg")
  state.record("consumption", use, "t")
  state.record("stock", m.stock, "t")
  state.record("expected", m.expected, "US$/kg")
end

--- A teaching market of 12,000 t a year at US$20/kg with two months of
-- stock, in balance; a supply scare in 2010-2011 (the risk index at 1),
-- output unchanged. The cover, its rise and tau follow the storage
-- literature's usual magnitudes; every number is an assumption for
-- teaching, the flow elasticity excepted.
panic.defaults = {
  p0 = { value = 20, source = "assumption", range = { 5, 100 } },
  c0 = { value = 1000, source = "assumption", range = { 100, 10000 } },
  e = { value = -0.15, source = "japan-arc-elasticity", range = { -0.3, -0.05 } },
  cover0 = { value = 2, source = "assumption", range = { 1, 3 } },
  theta = { value = 1.5, source = "assumption", range = { 0.5, 3 } },
  eta = { value = 0.5, source = "assumption", range = { 0.1, 1 } },
  tau = { value = 4, source = "assumption", range = { 2, 8 } },
  tau_e = { value = 6, source = "assumption", range = { 3, 12 } },
  q = { value = ree.series { from = 2009, unit = "t", 12000, 12000, 12000, 12000, 12000 }, source = "assumption",
    range = { 10000, 12000 } },
  risk = { value = ree.series { from = 2009, unit = "fraction", 0, 1, 1, 0, 0 }, source = "assumption",
    range = { 0, 1 } },
}

--- The market over 2009-2013, with the defaults but for `values`.
function panic.scenario(values)
  local params = classroom_params("panic", panic.defaults, values)
  return ree.scenario { name = "panic", years = { 2009, 2013 }, params = params, model = panic.model }
end

return panic
