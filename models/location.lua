--- Where a stage of the chain is made: magnet alloy (stage 4) and sintered
-- magnets (stage 5) in the report's argument, any stage a model names
-- (docs/MODELS.md section 1.4): a unit cost for each region that could
-- make the stage and deliver it to a market, a logit share of new capacity
-- by cost, and capacity that moves toward that share with inertia.
--
--   cost of stage s made in r for market m, US$/kg of product:
--     c = sum_i q_i P_i[r]          inputs at r's prices (kg per kg of product)
--       + v[r]                      conversion: labour, energy, capital
--       + f[r][m]                   freight
--       + x_out[r] P_out   if r ~= m   r's export duty on the product
--       + tariff[m] P_out  if r ~= m   m's import duty
--   the share r would take:   S*[r] = exp(-(c[r] + kappa[r]) / mu) / sum_k ...
--   capacity:                 K[r] += rho (S*[r] K_total - K[r])
--
-- kappa is a cost that is not a price: Japan's 2012 catch-all export
-- control on magnet technology, the hazard of losing know-how. mu sets how
-- strongly firms follow cost (small mu: all go to the cheapest region).
--
--   local location = require("ree.models.location")
--   local c = location.cost { inputs = { Nd = 0.26 }, prices = { Nd = 120 }, conversion = 6 }
--   location.shares({ CN = 51, JP = 59 }, 5)            --> { CN = 0.83, JP = 0.17 }
--   location.move({ CN = 20, JP = 80 }, shares, 0.25)   --> capacity a year later

local ree = require("ree")
local args = require("ree.args")
local order = require("ree.order")

local location = {}

local ATTACH_OPTIONS = { stages = true, regions = true, elements = true }

local COST_KEYS = { inputs = true, prices = true, conversion = true, freight = true, export_duty = true,
  tariff = true, p_out = true, home = true }

--- c plus the inputs' cost at prices (by element), in the order of keys
-- (their sorted names: the sum is the same to the last bit every run);
-- raises, at level, for an input with no price.
local function with_inputs(c, inputs, keys, prices, level)
  for _, el in ipairs(keys) do
    local p = prices[el]
    if type(p) ~= "number" then error(string.format("location.cost: no price for '%s'", tostring(el)), level + 1) end
    c = c + inputs[el] * p
  end
  return c
end

--- The unit cost of making a stage in a region for a market (US$/kg):
-- { inputs = { el = kg per kg }, prices = { el = US$/kg in the region },
--   conversion = US$/kg, freight = US$/kg, export_duty = fraction,
--   tariff = fraction, p_out = US$/kg (the product's price, for duties),
--   home = true when the region is the market }.
function location.cost(spec)
  args.options("location.cost", spec, COST_KEYS)
  local c = with_inputs(spec.conversion or 0, spec.inputs, order.keys(spec.inputs), spec.prices, 2)
  if not spec.home then
    local p_out = spec.p_out or 0
    c = c + (spec.freight or 0) + (spec.export_duty or 0) * p_out + (spec.tariff or 0) * p_out
  end
  return c
end

--- The kg of each rare earth in a kg of a magnet grade's alloy (its
-- composition by mass), for location.cost's inputs.
function location.inputs_of(grade, elements)
  local comp = ree.magnet.grade(grade).composition
  local out = {}
  for _, el in ipairs(elements) do out[el] = comp:mass_fraction(el) end
  return out
end

--- The share of new capacity each region would take: a logit over the
-- costs (US$/kg) plus the non-price costs kappa, with scale mu (US$/kg).
function location.shares(costs, mu, kappa)
  if not (mu > 0) then error("location.shares: mu must be positive", 2) end -- luacheck: ignore 581 (NaN too)
  kappa = kappa or {}
  local best, regions = math.huge, order.keys(costs)
  for _, r in ipairs(regions) do best = math.min(best, costs[r] + (kappa[r] or 0)) end
  local weights, total = {}, 0
  for _, r in ipairs(regions) do
    -- measured from the cheapest, so that exp never underflows them all
    weights[r] = math.exp(-(costs[r] + (kappa[r] or 0) - best) / mu)
    total = total + weights[r]
  end
  for _, r in ipairs(regions) do weights[r] = weights[r] / total end
  return weights
end

--- Capacity a year later: each region moves rho of the way to its share
-- of the total (rho about 1 / the years it takes to build or move a plant).
-- A region in `closed` (a set, { CN = true }) takes no capacity from
-- outside: its capacity may leave but none moves in, and the share it
-- would have taken goes to the open regions in proportion to theirs.
-- That is China's bar on foreign capital in mining, separation and
-- electrolysis (stages 1-3, the founding report).
function location.move(capacity, shares, rho, closed)
  if not (rho >= 0 and rho <= 1) then error("location.move: rho must be between 0 and 1", 2) end
  closed = closed or {}
  local total, regions = 0, order.keys(capacity)
  for _, r in ipairs(regions) do total = total + capacity[r] end
  local target, barred, open = {}, 0, 0
  for _, r in ipairs(regions) do
    local k = capacity[r]
    target[r] = (shares[r] or 0) * total
    if closed[r] and target[r] > k then
      barred, target[r] = barred + target[r] - k, k
    elseif not closed[r] then
      open = open + (shares[r] or 0)
    end
  end
  local out = {}
  for _, r in ipairs(regions) do
    local k = capacity[r]
    if barred > 0 and not closed[r] and open > 0 then target[r] = target[r] + barred * (shares[r] or 0) / open end
    out[r] = k + rho * (target[r] - k)
  end
  return out
end

--- Adds plant location to a model of models/market_model.lua: each year,
-- before markets clear, the capacity of each stage in opts.stages moves
-- toward the regions where last year's prices make it cheapest.
--   opts = { stages = { magnet = "jp-2011-mix" }, regions = { "CN", "JP", "RW" },
--            elements = { "Nd", "Dy" } }     -- the rare earths priced in the model
-- A stage is made of
--   "jp-2011-mix"                  the rare earths of a magnet grade's alloy;
--   { Nd = 1 }                     the rare earths a table gives (kg a kg of
--                                  product), each priced as its oxide;
--   { from = "alloy", per_kg = q } q kg of another stage's product, bought
--                                  where it is cheapest delivered: made at
--                                  home, or shipped (freight, and China's
--                                  duty on it when it comes from China).
-- The last is the ladder's top rung: a duty on alloy raises the cost of
-- magnets made outside China from Chinese alloy.
-- Parameters (per stage s and region r): loc.mu, loc.rho, loc.freight,
-- loc.s.conversion.r, loc.s.kappa.r, loc.s.duty (China's export duty on s,
-- a fraction of its value, taken as its cost in China), loc.s.k0.r
-- (capacity at the start),
-- and, optional, loc.s.closed.r = true: r takes no capacity from outside
-- (china.foreign_capital).
-- Rare earths are priced as oxide: inside China at China's price, elsewhere
-- at the FOB price; every region outside China makes for its own buyers,
-- China exports to them (freight and its duty). Records location.s.r (the
-- share of s's capacity in r) and cost.s.r (its unit cost, US$/kg).
function location.attach(model, opts)
  args.options("location.attach", opts, ATTACH_OPTIONS, 2)
  local market = model.exposes
  if type(market) ~= "table" or not (market.cleared and market.price and market.price_in_china) then
    error("location.attach: the model must expose its prices (model.exposes: cleared, price, price_in_china)", 2)
  end
  local init = model.init
  -- what plant location reads, declared beside the market's parameters
  model.parameters = model.parameters or {}
  local function declare(name, text, decl)
    decl[1], decl.owner = text, "plant location"
    model.parameters[name] = decl
  end
  local INF = math.huge
  declare("loc.mu", "the logit's scale: how far costs spread the shares", { unit = "US$/kg", range = { 0, INF } })
  declare("loc.rho", "share of the way to the target capacity moved in a year", { unit = "fraction",
    range = { 0, 1 } })
  declare("loc.freight", "freight of a stage's product between regions", { unit = "US$/kg", range = { 0, INF } })
  for stage in pairs(opts.stages) do
    local key = "loc." .. stage .. "."
    declare(key .. "duty", "China's export duty on " .. stage, { unit = "fraction", range = { 0, INF } })
    for _, r in ipairs(opts.regions) do
      declare(key .. "k0." .. r, stage .. " capacity in " .. r .. " at the start", { unit = "t", range = { 0, INF } })
      declare(key .. "conversion." .. r, "cost of making " .. stage .. " in " .. r .. ", rare earths aside",
        { unit = "US$/kg", range = { 0, INF } })
      declare(key .. "kappa." .. r, "non-price cost of " .. stage .. " in " .. r, { unit = "US$/kg",
        range = { -INF, INF } })
      declare(key .. "closed." .. r, r .. " takes no " .. stage .. " capacity from outside", { kind = "boolean",
        optional = true })
    end
  end
  local function param(p, name)
    local v = p[name]
    if v == nil then error(string.format("location: no parameter '%s'", name), 0) end
    return v
  end
  -- each stage's parameter and record names, made once (they are read every year of every run)
  local NAMES = {}
  for stage in pairs(opts.stages) do
    local key = "loc." .. stage .. "."
    local n = { duty = key .. "duty", k0 = {}, conversion = {}, kappa = {}, closed = {}, cost = {}, share = {} }
    for _, r in ipairs(opts.regions) do
      n.k0[r], n.conversion[r], n.kappa[r] = key .. "k0." .. r, key .. "conversion." .. r, key .. "kappa." .. r
      n.closed[r], n.cost[r] = key .. "closed." .. r, "cost." .. stage .. "." .. r
      n.share[r] = "location." .. stage .. "." .. r
    end
    NAMES[stage] = n
  end
  function model.init(state, p)
    if init then init(state, p) end
    state.memory.capacity = {}
    for stage in pairs(opts.stages) do
      local k = {}
      for _, r in ipairs(opts.regions) do k[r] = param(p, NAMES[stage].k0[r]) end
      state.memory.capacity[stage] = k
    end
  end

  -- what each stage is made of, and an order in which a stage comes after
  -- the one it is made from
  local inputs, by_depth, input_keys = {}, {}, {} -- (input_keys: an element stage's, sorted)
  for stage, made_of in pairs(opts.stages) do
    if type(made_of) == "table" and made_of.from then
      if not opts.stages[made_of.from] then
        error(string.format("location: stage '%s' is made from '%s', which is not placed", stage, made_of.from), 2)
      end
      inputs[stage] = made_of
    else
      inputs[stage] = type(made_of) == "table" and made_of or location.inputs_of(made_of, opts.elements)
    end
    by_depth[#by_depth + 1] = stage
    if not inputs[stage].from then input_keys[stage] = order.keys(inputs[stage]) end
  end
  local function depth(stage)
    local d = 0
    while inputs[stage].from do stage, d = inputs[stage].from, d + 1 end
    return d
  end
  table.sort(by_depth, function(a, b)
    local da, db = depth(a), depth(b)
    if da ~= db then return da < db end
    return a < b
  end)

  --- The cost of a kg of stage's product made in each region and sold at
  -- home (no freight, no duty), from last year's prices.
  local function ex_works(state, p, stage, made)
    local names, input = NAMES[stage], inputs[stage]
    local out = {}
    for _, r in ipairs(opts.regions) do
      local c
      if input.from then -- the cheapest delivered kg of the input stage's product
        local best = math.huge
        for _, s in ipairs(opts.regions) do
          local delivered = made[input.from][s]
          if s ~= r then
            delivered = delivered + param(p, "loc.freight") +
              (s == "CN" and param(p, NAMES[input.from].duty) * made[input.from].CN or 0)
          end
          best = math.min(best, delivered)
        end
        c = input.per_kg * best
      else
        local prices = {}
        for _, el in ipairs(input_keys[stage]) do
          local oxide = r == "CN" and market.price_in_china(state, el) or market.price(state, el)
          prices[el] = oxide * ree.oxide_factor(el) -- per kg of metal
        end
        c = with_inputs(0, input, input_keys[stage], prices, 1) -- location.cost's, made at home
      end
      out[r] = c + param(p, names.conversion[r])
    end
    return out
  end

  --- The capacity of stage a year later: China's plants sell abroad
  -- (freight and China's duty on the product), the others at home.
  local function move(state, p, stage, made)
    local m, names = state.memory, NAMES[stage]
    local costs, kappa, closed = {}, {}, {}
    for _, r in ipairs(opts.regions) do
      closed[r] = p[names.closed[r]] == true
      costs[r] = made[stage][r]
      if r == "CN" then
        costs[r] = costs[r] + param(p, "loc.freight") + param(p, names.duty) * made[stage].CN
      end
      kappa[r] = param(p, names.kappa[r])
      state.record(names.cost[r], costs[r], "US$/kg")
    end
    return location.move(m.capacity[stage], location.shares(costs, param(p, "loc.mu"), kappa), param(p, "loc.rho"),
      closed)
  end

  --- Each year: capacity moves, then its shares are recorded.
  function model.location(state, p)
    local m, made = state.memory, {}
    for _, stage in ipairs(by_depth) do
      if market.cleared(state) then -- no prices yet: plants stay
        made[stage] = ex_works(state, p, stage, made)
        m.capacity[stage] = move(state, p, stage, made)
      end
      local k, total = m.capacity[stage], 0
      for _, r in ipairs(opts.regions) do total = total + k[r] end
      for _, r in ipairs(opts.regions) do state.record(NAMES[stage].share[r], k[r] / total, "fraction") end
    end
  end
  return model
end

return location
