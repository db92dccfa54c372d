--- The beer game (Sterman 1989; docs/MODELS.md section 6): four stages
-- (retailer, wholesaler, distributor, factory), each ordering from the
-- next by Sterman's anchoring-and-adjustment rule, with delays on orders
-- and on goods. A step in customer demand sets off the bullwhip: orders
-- swing more the further a stage is from the customer.
--
-- Each week, at each stage, in this order:
--   arrivals A    the goods shipped to it `ship_delay` weeks ago
--   incoming I    the order placed on it `order_delay` weeks ago (the
--                 retailer's: this week's customer demand)
--   shipped       min(goods on hand + A, I + backlog)
--   stock S       S + A - I (net: inventory less backlog)
--   expectation   Lhat = theta I + (1 - theta) Lhat
--   supply line   SL = SL - A (what it ordered and has not received)
--   order O       max(0, Lhat + alpha_S (S' - S - beta SL)), and SL = SL + O
-- The factory's orders go to a brewery that always delivers, after
-- order_delay + ship_delay weeks. A "year" of the scenario is a week.
--
--   local beer = require("ree.models.classroom.beer_game")
--   local res = beer.scenario():run()
--   res.orders.factory            -- the bullwhip, week by week

local ree = require("ree")
local classroom_params = require("ree.models.classroom.params")

local beer = {}

beer.STAGES = { "retailer", "wholesaler", "distributor", "factory" }

beer.model = { name = "beer_game" }

local function queue(n, value)
  local q = {}
  for i = 1, n do q[i] = value end
  return q
end

--- Every stage in the steady state of the board game's first weeks: the
-- pipelines full of `flow` cases a week.
function beer.model.init(state, p)
  local m = state.memory
  m.stages = {}
  for i, name in ipairs(beer.STAGES) do
    m.stages[i] = { name = name, stock = p.stock0, expected = p.flow0,
      supply_line = p.flow0 * (p.order_delay + p.ship_delay), inbound = queue(p.ship_delay, p.flow0),
      orders_in = queue(p.order_delay, p.flow0) }
  end
  -- the factory's goods come from the brewery: its production delay is the
  -- order delay and the shipping delay together
  m.stages[#beer.STAGES].inbound = queue(p.order_delay + p.ship_delay, p.flow0)
  m.delivered, m.brewed = 0, 0
end

function beer.model.supply(state, p)
  local m, rec = state.memory, state.record
  local stages = m.stages
  local shipments = {}
  for i, st in ipairs(stages) do
    local arrived = table.remove(st.inbound, 1)
    local incoming = i == 1 and p.demand or table.remove(st.orders_in, 1)
    local on_hand, backlog = math.max(st.stock, 0), math.max(-st.stock, 0)
    shipments[i] = math.min(on_hand + arrived, incoming + backlog)
    st.stock = st.stock + arrived - incoming
    st.expected = p.theta * incoming + (1 - p.theta) * st.expected
    st.supply_line = st.supply_line - arrived
    st.order = math.max(0, st.expected + p.alpha_s * (p.s_target - st.stock - p.beta * st.supply_line))
    st.supply_line = st.supply_line + st.order
    rec("stock." .. st.name, st.stock, "cases")
    rec("orders." .. st.name, st.order, "cases")
    rec("shipped." .. st.name, shipments[i], "cases")
    rec("cost." .. st.name, p.holding_cost * math.max(st.stock, 0) + p.backlog_cost * math.max(-st.stock, 0),
      "US$")
  end
  -- goods move down the chain, orders up it; the factory's orders to the brewery
  m.delivered = m.delivered + shipments[1]
  for i, st in ipairs(stages) do
    if i > 1 then table.insert(stages[i - 1].inbound, shipments[i]) end
    if i < #stages then
      table.insert(stages[i + 1].orders_in, st.order)
    else
      table.insert(st.inbound, st.order)
      m.brewed = m.brewed + st.order
    end
  end
  rec("demand", p.demand, "cases")
  rec("delivered", m.delivered, "cases")
  rec("brewed", m.brewed, "cases")
end

--- Cases in the system: on hand at every stage and in transit to it. The
-- brewery's output less what customers took must equal its change.
function beer.cases_in_system(state)
  local total = 0
  for _, st in ipairs(state.memory.stages) do
    total = total + math.max(st.stock, 0)
    for _, x in ipairs(st.inbound) do total = total + x end
  end
  return total
end

--- Sterman's parameters and the board game's settings.
beer.defaults = {
  theta = { value = 0.36, source = "sterman-1989" },
  alpha_s = { value = 0.26, source = "sterman-1989" },
  beta = { value = 0.34, source = "sterman-1989" },
  s_target = { value = 17, source = "sterman-1989" },
  stock0 = { value = 12, source = "sterman-1989" },
  flow0 = { value = 4, source = "sterman-1989" },
  order_delay = { value = 2, source = "sterman-1989" },
  ship_delay = { value = 2, source = "sterman-1989" },
  holding_cost = { value = 0.5, source = "sterman-1989" },
  backlog_cost = { value = 1, source = "sterman-1989" },
  demand = { value = nil, source = "sterman-1989" }, -- below
}

do -- customer demand: 4 cases a week, 8 from week 5
  local weeks = {}
  for week = 1, 36 do weeks[week] = week < 5 and 4 or 8 end
  beer.defaults.demand.value = ree.series { from = 1, unit = "cases", table.unpack(weeks) }
end

--- The board game over 36 weeks, with the defaults but for `values`
-- (beta = 1 is the rule that watches its pipeline, and damps the bullwhip).
function beer.scenario(values)
  local params = classroom_params("beer game", beer.defaults, values)
  return ree.scenario { name = "beer game", years = { 1, 36 }, params = params, model = beer.model }
end

return beer
