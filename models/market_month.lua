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
--                    (below); China's state reserve buys besides
--   China's supply   the legal merit order under the mining quota, and an
--                    illegal fringe by group beyond it, F (P_cn / p0)^e_F,
--                    less the share enforcement stops
--   exports          the year's quota released in its recorded tranches:
--                    what is unused carries to later months of the year;
--                    each month may use what is left, spread over the
--                    months until the next tranche; smuggling (shrinking
--                    with enforcement) and, before the quota covered them,
--                    exports as ferro-alloys, leak past it
-- then S += B, Pe moves 1/tau_e of the way to the month's price.
--
-- The risk index: each event of opts.monthly.events adds its step (+1 a
-- threat to supply, -1 a relief) over risk.full, the steps that make the
-- risk full, fading with a half-life of risk.half_life months; R is that
-- sum kept within [0, 1]. It reads no price.

local ree = require("ree")

local LN2 = math.log(2)

--- The supply-risk index in month (year, sub) from dated events
-- ({ year, month, step }), steps of 1/full fading with half_life months.
local function risk_index(events, year, sub, full, half_life)
  local now, r = year * 12 + sub - 1, 0
  for _, e in ipairs(events) do
    local age = now - (e.year * 12 + e.month - 1)
    if age >= 0 then r = r + e.step / full * math.exp(-LN2 * age / half_life) end
  end
  return math.max(0, math.min(1, r))
end

return function(model, ctx)
  local elements, sides, get, steps = ctx.elements, ctx.sides, ctx.get, ctx.steps
  local monthly = ctx.monthly
  local groups = ctx.quota_groups or {}
  model.period = 12
  local SET_NAMES = { "all" }
  for name in pairs(groups) do SET_NAMES[#SET_NAMES + 1] = name end
  table.sort(SET_NAMES)

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
  declare("risk.full", "threat steps that make the supply risk full", { unit = "fraction", range = { 1, 20 } })
  declare("risk.half_life", "half-life of an event's effect on the supply risk", { unit = M,
    range = { 1, 120 } })
  declare("reserve", "what China's state reserve buys, heavy elements in their deposit's shares",
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
    for _, key in ipairs({ "fringe", "exports", "legal", "leakage", "ratio" }) do t[key] = key .. "." .. el end
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
        CN = { stock = p["stock.cover0_cn"] * use_cn, expected = p0, use = use_cn },
        RW = { stock = p["stock.cover0"] * use_rw, expected = p0, use = use_rw },
      }
      mm.mine_stock[el] = 0
    end
    state.memory.month = mm
  end

  --- What holders on one side buy at their price, as the core takes it:
  -- a falling curve and a fixed part (selling S / tau whatever the price).
  local function holders(h, cover, p)
    local tau, eta = p["stock.tau"], p["stock.eta"]
    return { "elastic", a = cover * h.use / tau * h.expected ^ eta, e = -eta }, -h.stock / tau
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

  --- One element's market this month, what settle needs of it, and the
  -- share of its leakage that is uncovered products, not smuggling.
  local function market_of(state, p, year, sub, el, R, enforced)
    local c, mm, key = state.vars.curves[el], state.memory.month, KEY[el]
    local a_rw = 0
    for i = 2, #sides do a_rw = a_rw + c.a[sides[i]] end
    local p0, h = p[key.p0], mm.holders[el]
    local s_cn = steps(p[key.s_cn], 1 / 12)
    local cap = p[key.cap]
    local fringe = nil
    if cap >= 0 then -- the fringe is what mining quotas do not hold: none before them
      local f = 0
      for name, shares in pairs(monthly.fringe_shares) do f = f + p["fringe." .. name] * (shares[el] or 0) end
      local e = p["fringe.e"]
      fringe = { "elastic", a = f * (1 - enforced) / 12 / p0 ^ e, e = e }
      cap = cap / 12
    end
    local offered = state.vars.mined[el] / 12 + mm.mine_stock[el]
    local s_rw = steps(p[key.s_rw], 1 / 12)
    if offered > 0 then table.insert(s_rw, 2, { cost = p[key.p_floor], cap = offered }) end
    local hold_rw, stock_rw = holders(h.RW, p["stock.cover0"] * (1 + p["stock.theta"] * R), p)
    local hold_cn, stock_cn = holders(h.CN, p["stock.cover0_cn"] * (1 + p["stock.theta_cn"] * R), p)
    local share = monthly.shares[el]
    local smuggled = p["leak.l0"] * (1 - enforced)
    local shifted = year * 12 + sub - 1 < covered and p["shift.l0"] or 0
    local l0 = smuggled + shifted
    return {
      name = el, year = year,
      d_cn = { "elastic", a = c.a.CN / 12, e = c.e }, d_rw = { "elastic", a = a_rw / 12, e = c.e },
      s_cn = s_cn, s_rw = #s_rw > 1 and s_rw or nil, fringe = fringe,
      tax = p[key.tax], vat_lost = p[key.vat_lost],
      quota = p[key.quota] >= 0 and p[key.quota] / 12 or -1, cap = cap,
      leak = l0 > 0 and { l0 = l0 * share / 12, g = p["leak.g"] } or nil,
      hold_rw = hold_rw, stock_rw = stock_rw + (p[key.stock_rw] or 0) / 12,
      hold_cn = hold_cn, stock_cn = stock_cn + p.reserve * (monthly.fringe_shares.heavy[el] or 0) / 12,
    }, s_rw, offered, a_rw, l0 > 0 and shifted / l0 or 0 -- (the last: what of the leakage customs see)
  end

  --- Records the month's market and moves the stocks and expectations.
  local function settle(state, p, el, r, s_rw, offered, a_rw)
    local mm, rec, c = state.memory.month, state.record, state.vars.curves[el]
    local key = KEY[el]
    local floor, cheaper = p[key.p_floor], 0
    for i = 2, #s_rw do
      if s_rw[i].cost < floor then cheaper = cheaper + s_rw[i].cap end
    end
    local sold = r.p_rw < floor * (1 - 1e-9) and 0 or math.max(0, math.min(offered, r.s_rw - cheaper))
    mm.mine_stock[el] = p[key.surplus] == "stock" and offered - sold or 0
    local tau_e, path = p["stock.tau_e"], PATH[el]
    local function hold(side, price, bought, use)
      local hs, names = mm.holders[el][side], path.side[side]
      hs.stock = hs.stock + bought
      hs.expected = hs.expected + (price - hs.expected) / tau_e
      hs.use = use
      rec(names.stock, hs.stock, "t REO", "last")
      rec(names.bought, bought, "t REO")
      rec(names.expected, hs.expected, "US$/kg")
    end
    hold("CN", r.p_cn, r.bought_cn, r.d_cn)
    hold("RW", r.p_rw, r.bought_rw, r.d_rw)
    rec(path.cn, r.p_cn, "US$/kg")
    rec(path.fob, r.p_rw, "US$/kg")
    rec(path.ratio, r.p_rw / r.p_cn, "fraction")
    rec(path.demand.CN, r.d_cn, "t REO")
    for i = 2, #sides do
      local share = c.a[sides[i]] / a_rw -- of use outside China; holders there buy in the same shares
      rec(path.demand[sides[i]], r.d_rw * share, "t REO")
      rec(path.purchases[sides[i]], (r.d_rw + r.bought_rw) * share, "t REO")
    end
    rec(path.supply.CN, r.s_cn, "t REO")
    rec(path.supply.RW, r.s_rw, "t REO")
    rec(path.fringe, r.fringe, "t REO")
    rec(path.exports, r.exports, "t REO")
    rec(path.legal, r.legal, "t REO")
    rec(path.leakage, r.leakage, "t REO")
  end

  --- The month: each quota group clears under its allowance and its
  -- licence price, the other elements on their own.
  function model.step(state, p, year, sub)
    local mm = state.memory.month
    if sub == 1 then mm.used = {} end
    local R = risk_index(events, year, sub, p["risk.full"], p["risk.half_life"])
    local enforced = enforced_in(state, p, year, sub)
    state.record("risk", R, "fraction")
    local specs, extra, index, shifted = {}, {}, {}, {}
    for i, el in ipairs(elements) do
      local spec, s_rw, offered, a_rw, seen = market_of(state, p, year, sub, el, R, enforced)
      specs[i], extra[i], index[el], shifted[i] = spec, { s_rw, offered, a_rw }, i, seen
    end
    local sets = {}
    if p.quota_total ~= nil and p.quota_total >= 0 then
      sets.all = { members = elements, quota = p.quota_total }
    else
      for name, members in pairs(groups) do
        local q = p["quota_total." .. name]
        if q ~= nil and q >= 0 then sets[name] = { members = members, quota = q } end
      end
    end
    local results = {}
    for _, name in ipairs(SET_NAMES) do -- every month, 0 where no quota holds
      if not sets[name] then
        state.record("licence." .. name, 0, "US$/kg")
        state.record("allowance." .. name, -1, "t REO")
      end
    end
    for name, g in pairs(sets) do
      local list = {}
      for k, el in ipairs(g.members) do list[k] = specs[index[el]] end
      local allowed = allowance(year, sub, name, g.quota, mm.used[name] or 0)
      local rs, licence = ree.market.clear_joint(list, allowed)
      local legal = 0
      for k, el in ipairs(g.members) do
        results[index[el]] = rs[k]
        legal = legal + rs[k].legal
      end
      mm.used[name] = (mm.used[name] or 0) + legal
      state.record("licence." .. name, licence, "US$/kg")
      state.record("allowance." .. name, allowed, "t REO")
    end
    for i, spec in ipairs(specs) do
      if not results[i] then results[i] = ree.market.clear(spec) end
    end
    local exported, customs = 0, 0
    for i, el in ipairs(elements) do
      local r = results[i]
      settle(state, p, el, r, table.unpack(extra[i]))
      exported = exported + r.exports
      customs = customs + r.legal + r.leakage * shifted[i]
    end
    state.record("exports.total", exported, "t REO")
    state.record("exports.customs", customs, "t REO") -- legal, and products the quota did not cover
  end

  --- The year, for the annual parts: mean prices and summed use.
  function model.clearing(state)
    local m = state.memory
    for _, el in ipairs(elements) do
      m.p[el] = state.annual("price." .. el .. ".fob", "mean")
      m.p_cn[el] = state.annual("price." .. el .. ".cn", "mean")
      for _, side in ipairs(sides) do m.d[side][el] = state.annual("demand." .. el .. "." .. side, "sum") end
    end
  end
  model.diagnostics = nil

  return model
end
