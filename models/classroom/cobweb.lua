--- The cobweb model (Ezekiel 1938; docs/MODELS.md section 6): buyers
-- pay today's price, producers decide today's output from the price they
-- expected when they committed, L years ago.
--
--   demand    Qd = a - b P
--   supply    Qs = c + d Pe
--   naive     Pe(t) = P(t - L)
--   adaptive  Pe(t) = Pe(t - 1) + theta (P(t - 1) - Pe(t - 1))
--   clearing  P = (a - Qs) / b, and P = 0 with the surplus thrown away
--             when the harvest exceeds what buyers take for free
--
-- With L = 1 and naive expectations prices converge when d / b < 1, cycle
-- with constant amplitude when d / b = 1 and explode when d / b > 1.
--
--   local cobweb = require("ree.models.classroom.cobweb")
--   local res = cobweb.scenario { d = 1.2 }:run()
--   ree.plot { res.price }

local ree = require("ree")
local classroom_params = require("ree.models.classroom.params")

local cobweb = {}

cobweb.model = { name = "cobweb" }

function cobweb.model.init(state)
  state.memory.prices, state.memory.expected = {}, nil
end

--- The price producers expected when they committed this year's output.
local function expectation(state, p, year)
  local m = state.memory
  if p.expectations == "naive" then
    return m.prices[year - p.lag] or p.p_init
  elseif p.expectations == "adaptive" then
    local last = m.prices[year - 1]
    if m.expected == nil or last == nil then return p.p_init end
    return m.expected + p.theta * (last - m.expected)
  end
  error(string.format("cobweb: expectations must be \"naive\" or \"adaptive\", not '%s'", tostring(p.expectations)), 0)
end

function cobweb.model.supply(state, p, year)
  local pe = expectation(state, p, year)
  state.memory.expected = pe
  state.vars.expected, state.vars.harvest = pe, math.max(0, p.c + p.d * pe)
end

function cobweb.model.clearing(state, p, year)
  local v = state.vars
  local price = math.max(0, (p.a - v.harvest) / p.b)
  state.memory.prices[year] = price
  state.record("price", price, "US$/kg")
  state.record("expected", v.expected, "US$/kg")
  state.record("quantity", v.harvest, "t")
  state.record("sold", p.a - p.b * price, "t")
  state.record("discarded", v.harvest - (p.a - p.b * price), "t")
end

--- Illustrative parameters: a teaching market with its equilibrium at
-- P* = (a - c) / (b + d) = 6 and Q* = 4 (assumptions, with the ranges to
-- try: the interesting ones cross d / b = 1).
cobweb.defaults = {
  a = { value = 10, source = "assumption", range = { 5, 20 } },
  b = { value = 1, source = "assumption", range = { 0.5, 2 } },
  c = { value = 1, source = "assumption", range = { 0, 4 } },
  d = { value = 0.5, source = "assumption", range = { 0.2, 1.5 } },
  lag = { value = 1, source = "assumption", range = { 1, 10 } },
  expectations = { value = "naive", source = "ezekiel-1938", range = { "naive", "adaptive" } },
  theta = { value = 0.5, source = "assumption", range = { 0.1, 1 } },
  p_init = { value = 2, source = "assumption", range = { 0, 10 } },
}

--- A cobweb scenario over years (default 2000-2030), with the default
-- parameters but for the numbers given in `values`.
function cobweb.scenario(values, years)
  local params = classroom_params("cobweb", cobweb.defaults, values)
  return ree.scenario { name = "cobweb", years = years or { 2000, 2030 }, params = params, model = cobweb.model }
end

return cobweb
