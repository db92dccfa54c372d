--- The market model's monthly part: the crisis market (docs/MODELS.md,
-- section 8). The market model with opts.monthly clears every month
-- instead of once a year; its annual parts (mines, demand curves and
-- thrifting, plant location) keep their yearly step, fed with the year's
-- aggregates of the months.
--
-- Each month, element by element:
--   flow demand      the year's curves, a twelfth a month (same elasticity)
--   holders' stocks  outside China and in China, each S with an expected
--                    price Pe and monthly use C: they buy B(P) = (S*(P) - S) / tau,
--                    S*(P) = cover0 (1 + theta R) C (P / Pe)^(-eta) months of use;
--                    R in [0, 1] is the supply-risk index of dated events
--                    (below). Stockpiles buy besides, whatever the
--                    price: in China the state reserve (heavy) and
--                    reserve.light, outside it el.stock_rw; their tonnes
--                    are no part of the holders' S.
--                    Pe = Ps (Ps / Pr)^(phi / tau_e): the perceived price Ps
--                    and phi months of the trend it shows against its own
--                    past Pr (phi = 0: expectations only adapt)
--   China's supply   the legal merit order under the mining quota, and an
--                    illegal fringe by group beyond it, F (P_cn / p0)^e_F,
--                    less the share enforcement stops
--   exports          the year's quota released in its recorded tranches:
--                    what is unused carries to later months of the year;
--                    each month may use what is left, spread over the
--                    months until the next tranche; smuggling (shrinking
--                    with enforcement) and, before the quota covered them,
--                    exports as ferro-alloys, leak past it
-- then S += B, Ps moves 1/tau_e of the way to the month's price and Pr
-- 1/tau_e of the way to Ps (each from the month's start).
--
-- The risk index: each event of opts.monthly.events adds its step (+1 a
-- threat to supply, -1 a relief) over risk.full, the steps that make the
-- risk full, fading with a half-life of risk.half_life months; R is that
-- sum kept within [0, 1]. It reads no price.
--
-- The months run in the core (core/month.c, one call a year, for speed);
-- model.step below states the same equations in Lua and runs them instead
-- with opts.monthly.engine = "lua": it is the core's oracle in the specs.

local ree = require("ree")
local order = require("ree.order")

local LN2 = math.log(2)

--- The supply-risk index in each month of year from dated events
-- ({ year, month, step }), steps of 1/full fading with half_life months:
-- a list of 12. (An event's weight is computed once and fades by a
-- month's factor: one exp an event, not one a month.)
local function risk_of_year(events, year, full, half_life)
  local r, fade = {}, math.exp(-LN2 / half_life)
  for sub = 1, 12 do r[sub] = 0 end
  for _, e in ipairs(events) do
    local age = year * 12 - (e.year * 12 + e.month - 1) -- in January
    local first = math.max(1, 1 - age) -- the first month it has happened by
    if first <= 12 then
      local w = e.step / full * math.exp(-LN2 * (age + first - 1) / half_life)
      for sub = first, 12 do
        r[sub] = r[sub] + w
        w = w * fade
      end
    end
  end
  for sub = 1, 12 do r[sub] = math.max(0, math.min(1, r[sub])) end
  return r
end

return function(model, ctx)
  local elements, sides, get, steps = ctx.elements, ctx.sides, ctx.get, ctx.steps
  local monthly = ctx.monthly
  if monthly.engine ~= nil and monthly.engine ~= "core" and monthly.engine ~= "lua" then
    error(string.format("market model: monthly.engine is \"core\" or \"lua\", not %s", tostring(monthly.engine)), 0)
  end
  local groups = ctx.quota_groups or {}
  model.period = 12
  local SET_NAMES = { "all" }
  for name in pairs(groups) do SET_NAMES[#SET_NAMES + 1] = name end
  table.sort(SET_NAMES)
  local SET_PATH = {}
  for _, name in ipairs(SET_NAMES) do
    SET_PATH[name] = { licence = "licence." .. name, allowance = "allowance." .. name }
  end

  local function declare(name, text, decl)
    decl[1], decl.owner = text, "market model"
    model.parameters[name] = decl
  end
  local INF, M = math.huge, "months"
  declare("stock.cover0", "holders' normal stock outside China", { unit = M, range = { 0, 12 } })
  declare("stock.theta", "the rise of their desired stock at full supply risk", { unit = "fraction",
    range = { 0, 10 } })
  declare("stock.cover0_cn", "holders' normal stock in China", { unit = M, range = { 0, 12 } })
  declare("stock.theta_cn", "the rise of it at full supply risk", { unit = "fraction", range = { 0, 10 } })
  declare("stock.eta", "price elasticity of the desired stock (against the expected price)",
    { unit = "fraction", range = { 0, 5 } })
  declare("stock.tau", "months holders take to close the gap to their desired stock", { unit = M,
    range = { 1, 60 } })
  declare("stock.tau_e", "months expectations take to follow the price", { unit = M, range = { 1, 120 } })
  declare("stock.phi", "months ahead holders extrapolate the price's trend (0: none)", { unit = M,
    range = { 0, 60 } })
  declare("risk.full", "threat steps that make the supply risk full", { unit = "fraction", range = { 1, 20 } })
  declare("risk.half_life", "half-life of an event's effect on the supply risk", { unit = M,
    range = { 1, 120 } })
  declare("reserve", "what China's state reserve buys, heavy elements in their deposit's shares",
    { unit = "t REO", range = { 0, INF } })
  declare("reserve.light", "what stockpiles in China buy of the light elements, in their deposit's shares",
    { unit = "t REO", range = { 0, INF } })
  for name in pairs(monthly.fringe_shares) do
    declare("fringe." .. name, "China's illegal output of the group '" .. name .. "' at the reference price",
      { unit = "t REO", range = { 0, INF } })
  end
  declare("fringe.e", "price elasticity of the illegal fringe", { unit = "fraction", range = { 0, 10 } })
  declare("fringe.enforced", "share of the illegal fringe and of smuggling that enforcement stops",
    { unit = "fraction", range = { 0, 1 } })
  declare("leak.l0", "smuggling past the quota when FOB is twice China's price", { unit = "t REO",
    range = { 0, INF } })
  declare("leak.g", "exponent of smuggling in the price gap", { unit = "fraction", range = { 0.1, 10 } })
  declare("shift.l0", "exports as uncovered products (ferro-alloys) at twice China's price",
    { unit = "t REO", range = { 0, INF } })

  -- every path the month records, named once (not concatenated each month)
  local PATH = {}
  for _, el in ipairs(elements) do
    local t = { side = {} }
    for _, side in ipairs({ "CN", "RW" }) do
      t.side[side] = { stock = "stock." .. el .. "." .. side, bought = "bought." .. el .. "." .. side,
        expected = "expected." .. el .. "." .. side }
    end
    for _, key in ipairs({ "fringe", "exports", "legal", "leakage", "ratio", "reserve", "stockpiled" }) do
      t[key] = key .. "." .. el
    end
    t.cn, t.fob = "price." .. el .. ".cn", "price." .. el .. ".fob"
    t.demand, t.purchases, t.supply = {}, {}, { CN = "supply." .. el .. ".CN", RW = "supply." .. el .. ".RW" }
    for _, side in ipairs(sides) do
      t.demand[side], t.purchases[side] = "demand." .. el .. "." .. side, "purchases." .. el .. "." .. side
    end
    PATH[el] = t
  end

  local events = {}
  for _, e in ipairs(monthly.events) do events[#events + 1] = e end
  local covered = monthly.covered_from[1] * 12 + monthly.covered_from[2] - 1

  local init = model.init
  function model.init(state, p)
    init(state, p)
    local mm = { holders = {}, mine_stock = {}, used = {} }
    for _, el in ipairs(elements) do
      local use_cn = get(p, el, "d_cn0") / 12
      local use_rw = 0
      for i = 2, #sides do use_rw = use_rw + get(p, el, "d_" .. sides[i]:lower() .. "0") / 12 end
      local p0 = get(p, el, "p0")
      mm.holders[el] = {
        CN = { stock = p["stock.cover0_cn"] * use_cn, expected = p0, reference = p0, use = use_cn },
        RW = { stock = p["stock.cover0"] * use_rw, expected = p0, reference = p0, use = use_rw },
      }
      mm.mine_stock[el] = 0
    end
    state.memory.month = mm
  end

  --- The legal exports a group (or all) may make this month: the year's
  -- quota released so far, less what was used, spread over the months
  -- until the next tranche.
  local function allowance(year, sub, group, quota, used)
    local share = monthly.tranches[year] and monthly.tranches[year][group]
    if not share then return math.max(0, quota - used) / (13 - sub) end
    local released, next_release = 0, 13
    for m = 1, 12 do
      if share[m] then
        if m <= sub then released = released + share[m] elseif m < next_release then next_release = m end
      end
    end
    return math.max(0, quota * released - used) / (next_release - sub)
  end

  --- The share of the fringe enforcement stops this month: the year's
  -- fringe.enforced, from the month monthly.enforced_from[year] gives (1
  -- when it gives none); before it, last year's. Once a month.
  local function enforced_in(state, p, year, sub)
    local mm = state.memory.month
    if sub == 1 then mm.enforced_before, mm.enforced_year = mm.enforced_year, p["fringe.enforced"] end
    local from = monthly.enforced_from and monthly.enforced_from[year] or 1
    return sub < from and (mm.enforced_before or 0) or p["fringe.enforced"]
  end

  -- each element's parameter names, made once (not concatenated each month)
  local KEY = {}
  for _, el in ipairs(elements) do
    KEY[el] = {}
    for _, k in ipairs({ "p0", "s_cn", "s_rw", "cap", "p_floor", "tax", "vat_lost", "quota", "stock_rw", "surplus" }) do
      KEY[el][k] = el .. "." .. k
    end
  end

  --- What China's stockpiles buy of el a month, held apart from the
  -- holders' stock: the reserve's heavy and the light stockpile's part.
  local function reserve_of(p, el)
    local shares = monthly.fringe_shares
    return (p.reserve * (shares.heavy[el] or 0) + p["reserve.light"] * (shares.light[el] or 0)) / 12
  end

  --- What of one element's market holds for the whole year: the spec the
  -- months share (its monthly fields are set by market_of), the twelfth of
  -- the merit orders, the fringe at full strength. Made in January.
  local function year_of(state, p, year, el)
    local c, key = state.vars.curves[el], KEY[el]
    local a_rw = 0
    for i = 2, #sides do a_rw = a_rw + c.a[sides[i]] end
    local cap, fringe = p[key.cap] or -1, nil -- -1: the core's none
    if cap >= 0 then -- the fringe is what mining quotas do not hold: none before them
      fringe = 0
      for name, shares in order.pairs(monthly.fringe_shares) do
        fringe = fringe + p["fringe." .. name] * (shares[el] or 0)
      end
      cap = cap / 12
    end
    local s_rw = steps(p[key.s_rw], 1 / 12)
    local floor_step = { cost = p[key.p_floor], cap = 0 } -- the mines' sunk offer, set each month
    table.insert(s_rw, 2, floor_step)
    local cheaper = 0 -- what mines cheaper than the floor offer
    for i = 3, #s_rw do
      if s_rw[i].cost < floor_step.cost then cheaper = cheaper + s_rw[i].cap end
    end
    local spec = {
      name = el, year = year,
      d_cn = { "elastic", a = c.a.CN / 12, e = c.e }, d_rw = { "elastic", a = a_rw / 12, e = c.e },
      s_cn = steps(p[key.s_cn], 1 / 12), s_rw = s_rw, tax = p[key.tax], vat_lost = p[key.vat_lost],
      quota = p[key.quota] and p[key.quota] / 12 or -1, cap = cap, -- -1: the core's none
      hold_rw = { "elastic", a = 0, e = 0 }, hold_cn = { "elastic", a = 0, e = 0 },
      fringe = fringe and { "elastic", a = 0, e = p["fringe.e"] },
    }
    return { spec = spec, s_rw = s_rw, floor_step = floor_step, cheaper = cheaper, a_rw = a_rw, fringe = fringe,
      stock_rw = (p[key.stock_rw] or 0) / 12, reserve = reserve_of(p, el), p0 = p[key.p0] }
  end

  --- The price holders expect: the one they perceive, and phi months of
  -- the trend it shows against its past (ln(Ps / Pr) / tau_e a month).
  local function forecast(h, p)
    local phi = p["stock.phi"]
    if phi == 0 then return h.expected end
    return h.expected * (h.expected / h.reference) ^ (phi / p["stock.tau_e"])
  end

  --- The holders' curve on one side at their desired cover, as the core
  -- takes it: a falling curve, and a fixed part (selling S / tau whatever
  -- the price) that holds returns.
  local function holders(curve, h, cover, p)
    local tau, eta = p["stock.tau"], p["stock.eta"]
    curve.a, curve.e = cover * h.use / tau * forecast(h, p) ^ eta, -eta
    return -h.stock / tau
  end

  --- One element's market this month (the year's spec with the month's
  -- fields set), and the share of its leakage that is uncovered products,
  -- not smuggling.
  local function market_of(state, p, year, sub, el, R, enforced)
    local y, mm = state.memory.month.year[el], state.memory.month
    local spec, h = y.spec, mm.holders[el]
    spec.month = sub
    if y.fringe then
      local e = spec.fringe.e
      spec.fringe.a = y.fringe * (1 - enforced) / 12 / y.p0 ^ e
    end
    y.offered = state.vars.mined[el] / 12 + mm.mine_stock[el]
    y.floor_step.cap = y.offered
    spec.s_rw = (#y.s_rw > 2 or y.offered > 0) and y.s_rw or nil
    spec.stock_rw = holders(spec.hold_rw, h.RW, p["stock.cover0"] * (1 + p["stock.theta"] * R), p) + y.stock_rw
    spec.stock_cn = holders(spec.hold_cn, h.CN, p["stock.cover0_cn"] * (1 + p["stock.theta_cn"] * R), p) + y.reserve
    local smuggled = p["leak.l0"] * (1 - enforced)
    local shifted = year * 12 + sub - 1 < covered and p["shift.l0"] or 0
    local l0 = smuggled + shifted
    spec.leak = l0 > 0 and { l0 = l0 * monthly.shares[el] / 12, g = p["leak.g"] } or nil
    return spec, l0 > 0 and shifted / l0 or 0 -- (the last: what of the leakage customs see)
  end

  --- One side's holders after the month: their stock and expectation move.
  local function hold(rec, hs, names, price, bought, use, p)
    local tau_e, perceived = p["stock.tau_e"], hs.expected
    hs.stock = hs.stock + bought
    hs.expected = perceived + (price - perceived) / tau_e
    hs.reference = hs.reference + (perceived - hs.reference) / tau_e
    hs.use = use
    rec(names.stock, hs.stock, "t REO", "last")
    rec(names.bought, bought, "t REO")
    rec(names.expected, forecast(hs, p), "US$/kg")
  end

  --- Records the month's market and moves the stocks and expectations.
  --- An element's supply and export flows from r, a month's market result
  -- or the core's year of them (a value a month): rec takes either.
  local function record_flows(rec, path, r)
    rec(path.supply.CN, r.s_cn, "t REO")
    rec(path.supply.RW, r.s_rw, "t REO")
    rec(path.fringe, r.fringe, "t REO")
    rec(path.exports, r.exports, "t REO")
    rec(path.legal, r.legal, "t REO")
    rec(path.leakage, r.leakage, "t REO")
  end

  local function settle(state, p, el, r)
    local mm, rec, c = state.memory.month, state.record, state.vars.curves[el]
    local y, key = mm.year[el], KEY[el]
    local floor = y.floor_step.cost
    local sold = r.p_rw < floor * (1 - 1e-9) and 0 or math.max(0, math.min(y.offered, r.s_rw - y.cheaper))
    mm.mine_stock[el] = p[key.surplus] == "stock" and y.offered - sold or 0
    local path, h = PATH[el], mm.holders[el]
    -- the holders' own purchases: the reserve's and stockpiles' are not theirs to sell
    hold(rec, h.CN, path.side.CN, r.p_cn, r.bought_cn - y.reserve, r.d_cn, p)
    hold(rec, h.RW, path.side.RW, r.p_rw, r.bought_rw - y.stock_rw, r.d_rw, p)
    rec(path.reserve, y.reserve, "t REO")
    rec(path.stockpiled, y.stock_rw, "t REO")
    rec(path.cn, r.p_cn, "US$/kg")
    rec(path.fob, r.p_rw, "US$/kg")
    rec(path.ratio, r.p_rw / r.p_cn, "fraction")
    rec(path.demand.CN, r.d_cn, "t REO")
    for i = 2, #sides do
      local share = c.a[sides[i]] / y.a_rw -- of use outside China; holders there buy in the same shares
      rec(path.demand[sides[i]], r.d_rw * share, "t REO")
      rec(path.purchases[sides[i]], (r.d_rw + r.bought_rw) * share, "t REO")
    end
    record_flows(rec, path, r)
  end

  --- The quota sets this year: one for all the elements, or one a group.
  local function sets_of(p)
    local sets = {}
    if p.quota_total then
      sets.all = { members = elements, quota = p.quota_total, list = {} }
    else
      for name, members in pairs(groups) do
        local q = p["quota_total." .. name]
        if q then sets[name] = { members = members, quota = q, list = {} } end
      end
    end
    return sets
  end

  --- The month: each quota group clears under its allowance and its
  -- licence price, the other elements on their own.
  function model.step(state, p, year, sub)
    local mm, rec = state.memory.month, state.record
    if sub == 1 then
      mm.used, mm.year, mm.sets = {}, {}, sets_of(p)
      mm.risk = risk_of_year(events, year, p["risk.full"], p["risk.half_life"])
      for _, el in ipairs(elements) do mm.year[el] = year_of(state, p, year, el) end
    end
    local R = mm.risk[sub]
    local enforced = enforced_in(state, p, year, sub)
    rec("risk", R, "fraction")
    local specs, index, shifted = {}, {}, {}
    for i, el in ipairs(elements) do
      specs[i], shifted[i] = market_of(state, p, year, sub, el, R, enforced)
      index[el] = i
    end
    local results = {}
    for _, name in ipairs(SET_NAMES) do -- every month, 0 where no quota holds
      if not mm.sets[name] then
        rec(SET_PATH[name].licence, 0, "US$/kg")
        rec(SET_PATH[name].allowance, -1, "t REO")
      end
    end
    for name, g in pairs(mm.sets) do
      for k, el in ipairs(g.members) do g.list[k] = specs[index[el]] end
      local allowed = allowance(year, sub, name, g.quota, mm.used[name] or 0)
      local rs, licence = ree.market.clear_joint(g.list, allowed)
      local legal = 0
      for k, el in ipairs(g.members) do
        results[index[el]] = rs[k]
        legal = legal + rs[k].legal
      end
      mm.used[name] = (mm.used[name] or 0) + legal
      rec(SET_PATH[name].licence, licence, "US$/kg")
      rec(SET_PATH[name].allowance, allowed, "t REO")
    end
    for i, spec in ipairs(specs) do
      if not results[i] then results[i] = ree.market.clear(spec) end
    end
    local exported, customs, smuggled, mined_cn = 0, 0, 0, 0
    for i, el in ipairs(elements) do
      local r = results[i]
      settle(state, p, el, r)
      exported = exported + r.exports
      customs = customs + r.legal + r.leakage * shifted[i]
      smuggled = smuggled + r.leakage * (1 - shifted[i])
      mined_cn = mined_cn + r.s_cn + r.fringe
    end
    rec("output.CN", mined_cn, "t REO") -- China's mines, legal and illegal
    rec("exports.total", exported, "t REO")
    rec("exports.customs", customs, "t REO") -- legal, and products the quota did not cover
    rec("exports.smuggled", smuggled, "t REO") -- what customs do not see
  end

  --- The months of a year in the core (core/month.h: the same equations as
  -- model.step's, which is its oracle), recorded path by path.
  local ZERO, NONE = {}, {}
  local HOLDER_FIELDS = { CN = { stock = "stock_cn", bought = "bought_cn", expected = "expected_cn" },
    RW = { stock = "stock_rw", bought = "bought_rw", expected = "expected_rw" } } -- the core's fields a side
  for sub = 1, 12 do ZERO[sub], NONE[sub] = 0, -1 end
  local function every_month(v) return { v, v, v, v, v, v, v, v, v, v, v, v } end
  local function core_year(state, p, year)
    local mm, rec = state.memory.month, state.record_steps
    local risk, enforced, shifting = risk_of_year(events, year, p["risk.full"], p["risk.half_life"]), {}, {}
    for sub = 1, 12 do
      enforced[sub] = enforced_in(state, p, year, sub)
      shifting[sub] = year * 12 + sub - 1 < covered
    end
    rec("risk", risk, "fraction")
    local sets, set_list, set_names, set_of = sets_of(p), {}, {}, {}
    for _, name in ipairs(SET_NAMES) do
      local g = sets[name]
      if g then
        set_list[#set_list + 1] = { quota = g.quota, release = monthly.tranches[year] and monthly.tranches[year][name] }
        set_names[#set_list] = name
        for _, el in ipairs(g.members) do set_of[el] = #set_list end
      else
        rec(SET_PATH[name].licence, ZERO, "US$/kg")
        rec(SET_PATH[name].allowance, NONE, "t REO")
      end
    end
    local els = {}
    for i, el in ipairs(elements) do
      local y, key, h = year_of(state, p, year, el), KEY[el], mm.holders[el]
      els[i] = { spec = y.spec, fringe_a = y.fringe and y.fringe / 12 / y.p0 ^ p["fringe.e"], floor_step = 1,
        floor = y.floor_step.cost, cheaper = y.cheaper, mined = state.vars.mined[el] / 12, stock_rw = y.stock_rw,
        stock_cn = y.reserve, leak_share = monthly.shares[el] / 12,
        keep_unsold = p[key.surplus] == "stock", set = set_of[el], cn = h.CN, rw = h.RW,
        mine_stock = mm.mine_stock[el], a_rw = y.a_rw }
    end
    local outs, set_outs, exported, customs = ree.market.month_year(els, set_list, {
      cover_rw = p["stock.cover0"], theta_rw = p["stock.theta"], cover_cn = p["stock.cover0_cn"],
      theta_cn = p["stock.theta_cn"], eta = p["stock.eta"], tau = p["stock.tau"], tau_e = p["stock.tau_e"],
      phi = p["stock.phi"],
      leak_l0 = p["leak.l0"], leak_g = p["leak.g"], shift_l0 = p["shift.l0"],
      risk = risk, enforced = enforced, shifting = shifting })
    for k, name in ipairs(set_names) do
      rec(SET_PATH[name].licence, set_outs[k].licence, "US$/kg")
      rec(SET_PATH[name].allowance, set_outs[k].allowance, "t REO")
    end
    for i, el in ipairs(elements) do
      local o, path, c = outs[i], PATH[el], state.vars.curves[el]
      mm.mine_stock[el] = els[i].mine_stock
      for side, field in pairs(HOLDER_FIELDS) do
        local names = path.side[side]
        rec(names.stock, o[field.stock], "t REO", "last")
        rec(names.bought, o[field.bought], "t REO")
        rec(names.expected, o[field.expected], "US$/kg")
      end
      local ratio, p_rw, p_cn = {}, o.p_rw, o.p_cn
      for sub = 1, 12 do ratio[sub] = p_rw[sub] / p_cn[sub] end
      rec(path.cn, o.p_cn, "US$/kg")
      rec(path.fob, o.p_rw, "US$/kg")
      rec(path.ratio, ratio, "fraction")
      rec(path.demand.CN, o.d_cn, "t REO")
      rec(path.reserve, every_month(els[i].stock_cn), "t REO")
      rec(path.stockpiled, every_month(els[i].stock_rw), "t REO")
      local d_rw, bought_rw, stock_rw = o.d_rw, o.bought_rw, els[i].stock_rw
      for j = 2, #sides do
        local share, demand, purchases = c.a[sides[j]] / els[i].a_rw, {}, {}
        for sub = 1, 12 do
          local d = d_rw[sub]
          demand[sub], purchases[sub] = d * share, (d + bought_rw[sub] + stock_rw) * share
        end
        rec(path.demand[sides[j]], demand, "t REO")
        rec(path.purchases[sides[j]], purchases, "t REO")
      end
      record_flows(rec, path, o)
    end
    -- what customs do not see: the leakage, less its uncovered products (customs less the legal)
    local mined_cn, smuggled = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, {}
    for sub = 1, 12 do smuggled[sub] = -customs[sub] end
    for i = 1, #elements do
      local o = outs[i]
      for sub = 1, 12 do
        mined_cn[sub] = mined_cn[sub] + o.s_cn[sub] + o.fringe[sub]
        smuggled[sub] = smuggled[sub] + o.legal[sub] + o.leakage[sub]
      end
    end
    rec("output.CN", mined_cn, "t REO")
    rec("exports.total", exported, "t REO")
    rec("exports.customs", customs, "t REO")
    rec("exports.smuggled", smuggled, "t REO")
  end

  -- the core runs the months; the Lua step above, which says the same in
  -- Lua, runs them with monthly.engine = "lua" (the spec's oracle)
  if monthly.engine ~= "lua" then model.steps, model.step = core_year, nil end

  --- The year, for the annual parts: mean prices and summed use.
  function model.clearing(state)
    local m = state.memory
    for _, el in ipairs(elements) do
      local path = PATH[el]
      m.p[el] = state.annual(path.fob, "mean")
      m.p_cn[el] = state.annual(path.cn, "mean")
      for _, side in ipairs(sides) do m.d[side][el] = state.annual(path.demand[side], "sum") end
    end
  end
  model.diagnostics = nil

  return model
end
