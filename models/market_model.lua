--- A China / rest-of-world market model for ree.scenario, element by
-- element (equations: docs/MODELS.md, sections 1.2-1.3,
-- 3.1-3.2, 4 and 5.1-5.2).
--
--   local model = require("ree.models.market_model") { elements = { "Nd", "Dy" }, regions = { "JP", "RW" },
--     quota_groups = { light = { "Nd" }, heavy = { "Dy" } } }
--
-- Parameters (declared below, in model.parameters, with units and ranges),
-- per element el (numbers or series; tables where noted):
--   el.p0            reference price, US$/kg of oxide
--   el.d_cn0         demand in China at p0, t REO; el.d_<region>0 (el.d_jp0,
--                    el.d_rw0) the same for each region outside China
--   el.e_lr          long-run price elasticity (< 0)  el.lambda adjustment a year
--   el.s_cn          China's merit order: { { cost = US$/kg, cap = t }, ... }
--   el.s_rw          existing supply outside China, the same form
--   el.tax, el.vat_lost, el.quota (t, false none), el.cap (t, false none)
--   quota_total      (optional) one export quota in t REO for all the
--                    elements together, as China's were: a licence price
--                    per kg clears it (recorded as "licence.all", US$/kg);
--                    quota_total.<group> the same for each group of
--                    opts.quota_groups ({ light = { "La", "Nd" }, heavy = ... })
--   el.thrift_rmax, el.thrift_m, el.k_min   thrifting: the intensity k of use
--                    falls by up to rmax a year when prices exceed p0 (full
--                    speed at (1 + m) p0), never below k_min, and never back
--   el.uses          (instead of the three above) demand by end use:
--                    { { name, share, rmax, m, k_min }, ... }, shares summing
--                    to 1, each use thrifting on its own
--   el.stock_rw      (optional) t REO that stockpiles outside China buy (> 0)
--                    or release (< 0) in the year, whatever the price
--   el.p_floor       the price below which a mine's co-product is not sold
--                    (US$/kg); el.surplus "stock" or "dispose": what becomes
--                    of what finds no buyer at that price
--   projects         { { name, deposit, capacity = t REO, start, lead, ramp,
--                    cost = US$/kg REO, credit = US$/kg REO }, ... }: mines
--                    outside China
--   coproduct_prices (optional) { El = series, US$/kg oxide }: what mines
--                    get for the elements the model does not clear
--
-- Demand is partial adjustment: desired use D* = D0 k (P / p0)^e_lr; each
-- year's use moves lambda of the way in logs, so the year's demand curve is
-- D(P) = D_prev^(1 - lambda) (D0 k)^lambda (P / p0)^(lambda e_lr): a
-- constant-elasticity curve with the short-run elasticity lambda e_lr. The
-- regions outside China share one price and one exponent, so their curves
-- add up to one: a = a_JP + a_RW.
--
-- opts.monthly (optional) makes the markets clear every month, with
-- holders of stock, China's illegal fringe and the quota's tranches
-- (models/market_month.lua; what it holds is documented there).
--
-- Mines are co-production (section 4): a project online mines its whole
-- deposit in fixed shares, and runs only while its basket value (last
-- year's prices weighted by its shares, the co-products the model does not
-- clear at their recorded prices, coproduct_prices, and the project's
-- `credit`) covers its cost; it idles below. What it mines is sunk, so it
-- is offered at the floor price; what no one buys there is stocked (and
-- offered again the next year) or thrown away.
local ree = require("ree")
local args = require("ree.args")
local order = require("ree.order")

local OPTIONS = { elements = true, regions = true, quota_groups = true, monthly = true }

return function(opts)
  if type(opts) ~= "table" or type(opts.elements) ~= "table" then
    error("market model: give its elements: { elements = { \"Nd\", ... }, regions = ..., quota_groups = ... }", 2)
  end
  args.options("market model", opts, OPTIONS, 2)
  local elements = opts.elements
  local regions = opts.regions or { "RW" }
  local model = { name = "market_model", parameters = {} }

  -- What the model reads: each parameter with its unit and the range in
  -- which it makes sense (an optional one may be absent; a policy may
  -- still set it).
  local function declare(name, text, decl)
    decl[1], decl.owner = text, "market model"
    model.parameters[name] = decl
  end
  local INF, T = math.huge, "t REO"
  declare("quota_total", "export quota for all the elements together (false: none)",
    { unit = T, range = { 0, INF }, optional = true, none = true })
  for name in pairs(opts.quota_groups or {}) do
    declare("quota_total." .. name, "export quota for the group '" .. name .. "' (false: none)",
      { unit = T, range = { 0, INF }, optional = true, none = true })
  end
  declare("projects", "mines outside China", { kind = "table", optional = true })
  declare("coproduct_prices", "prices of the co-products the model does not clear, { El = series of US$/kg " ..
    "oxide }: a mine values them at last year's", { kind = "table", optional = true })
  for _, el in ipairs(elements) do
    local function per(key, text, decl) declare(el .. "." .. key, text, decl) end
    per("p0", "reference price of the oxide", { unit = "US$/kg", range = { 0, INF } })
    per("d_cn0", "demand in China at the reference price", { unit = T, range = { 0, INF } })
    for _, r in ipairs(regions) do
      per("d_" .. r:lower() .. "0", "demand in " .. r .. " at the reference price", { unit = T, range = { 0, INF } })
    end
    per("e_lr", "long-run price elasticity of demand", { unit = "fraction", range = { -INF, 0 } })
    per("lambda", "share of the way to desired demand moved in a year", { unit = "fraction", range = { 0, 1 } })
    per("s_cn", "China's merit order, { { cost, cap }, ... }", { kind = "table" })
    per("s_rw", "the merit order of mines outside China", { kind = "table", optional = true })
    per("tax", "China's export tax", { unit = "fraction", range = { 0, INF } })
    per("vat_lost", "the export VAT rebate withdrawn", { unit = "fraction", range = { 0, 1 } })
    per("quota", "China's export quota for the element (false: none)", { unit = T, range = { 0, INF }, none = true })
    per("cap", "China's cap on legal supply (false: none)", { unit = T, range = { 0, INF }, none = true })
    per("uses", "demand by end use, { { name, share, rmax, m, k_min }, ... }", { kind = "table", optional = true })
    local by_uses = el .. ".uses"
    per("thrift_rmax", "largest fall of the intensity of use in a year", { unit = "fraction", range = { 0, 1 },
      unless = by_uses })
    per("thrift_m", "price rise above p0 at which thrifting runs at full speed", { unit = "fraction",
      range = { 0, INF }, unless = by_uses })
    per("k_min", "the lowest intensity of use thrifting reaches", { unit = "fraction", range = { 0, 1 },
      unless = by_uses })
    per("stock_rw", "what stockpiles outside China buy (> 0) or release (< 0)", { unit = T,
      range = { -INF, INF }, optional = true })
    per("p_floor", "price below which a mine's co-product is not sold", { unit = "US$/kg", range = { 0, INF } })
    per("surplus", "what becomes of co-product no one buys", { kind = "string", values = { "stock", "dispose" } })
  end

  local function get(p, el, key)
    local v = p[el .. "." .. key]
    if v == nil then error(string.format("market model: no parameter '%s.%s'", el, key), 0) end
    return v
  end

  --- A merit order as the core takes it, its capacities times `scale` (1).
  local function steps(list, scale)
    local out = { "steps" }
    for _, s in ipairs(list or {}) do out[#out + 1] = { cost = s.cost, cap = s.cap * (scale or 1) } end
    return out
  end

  -- China first, then the regions outside it, which share its world price
  local sides = { "CN" }
  for _, r in ipairs(regions) do sides[#sides + 1] = r end

  --- What other parts of a scenario may read of the market's state: its
  -- interface. The layout of state.memory stays the market's own.
  model.exposes = {
    --- Whether any market has cleared yet (the first year has no prices).
    cleared = function(state) return next(state.memory.p) ~= nil end,
    --- Last cleared price outside China (FOB) and in China, US$/kg of oxide.
    price = function(state, el) return state.memory.p[el] end,
    price_in_china = function(state, el) return state.memory.p_cn[el] end,
    --- Last year's use of el outside China, t (0 before the first clearing).
    use_outside_china = function(state, el)
      local total = 0
      for side, by_el in order.pairs(state.memory.d or {}) do
        if side ~= "CN" then total = total + (by_el[el] or 0) end
      end
      return total
    end,
  }

  function model.init(state)
    local m = state.memory
    m.d, m.k, m.p, m.p_cn, m.stock = {}, {}, {}, {}, {}
    for _, side in ipairs(sides) do m.d[side] = {} end
  end

  local modelled = {}
  for _, el in ipairs(elements) do modelled[el] = true end

  --- What a t of a deposit's REO brings in, US$/kg: the modelled elements
  -- at last year's prices (p0 before the first), the co-products the model
  -- does not clear at last year's recorded price (none recorded: nothing),
  -- and the project's own credit.
  local function basket_of(m, p, year, pr, a)
    local basket = pr.credit or 0
    for _, el in ipairs(elements) do basket = basket + (a[el] or 0) * (m.p[el] or get(p, el, "p0")) end
    for el, price in order.pairs(p.coproduct_prices or {}) do
      if not modelled[el] then basket = basket + (a[el] or 0) * (price[year - 1] or 0) end
    end
    return basket
  end

  --- Mines outside China: online, running or idle, and what they mine.
  local shares = {} -- t REO of each element in 1 t REO of a deposit's ore
  function model.supply(state, p, year)
    local m = state.memory
    local mined = {}
    for _, el in ipairs(elements) do mined[el] = 0 end
    for _, pr in ipairs(p.projects or {}) do
      if not shares[pr.deposit] then shares[pr.deposit] = ree.magnet.supply({ [pr.deposit] = 1 }).reo end
      local a = shares[pr.deposit]
      local online = year - pr.start - pr.lead + 1
      local u = online <= 0 and 0 or math.min(1, online / pr.ramp)
      local basket = basket_of(m, p, year, pr, a)
      local running = u > 0 and basket >= pr.cost
      for _, el in ipairs(elements) do
        if running then mined[el] = mined[el] + pr.capacity * u * (a[el] or 0) end
      end
      if u > 0 then
        state.record("project." .. pr.name .. ".running", running and 1 or 0, "fraction")
        state.record("project." .. pr.name .. ".basket", basket, "US$/kg")
      end
    end
    state.vars.mined = mined
  end

  --- The end uses of an element: el.uses, or one use thrifted by
  -- el.thrift_rmax, el.thrift_m and el.k_min.
  local function uses_of(p, el)
    local uses = p[el .. ".uses"]
    if uses == nil then
      return { { name = "all", share = 1, rmax = get(p, el, "thrift_rmax"), m = get(p, el, "thrift_m"),
        k_min = get(p, el, "k_min") } }
    end
    local total = 0
    for _, u in ipairs(uses) do total = total + u.share end
    if math.abs(total - 1) > 1e-9 then
      error(string.format("market model: the shares of %s.uses sum to %.6g, not 1", el, total), 0)
    end
    return uses
  end

  --- This year's demand curves, and thrifting from last year's prices:
  -- each use's intensity falls, never rises, and the element's demand
  -- scales with their share-weighted sum.
  function model.demand(state, p)
    local m = state.memory
    state.vars.curves = {}
    for _, el in ipairs(elements) do
      local p0, lambda, e = get(p, el, "p0"), get(p, el, "lambda"), get(p, el, "e_lr")
      m.k[el] = m.k[el] or {}
      local last, k = m.p[el], 0
      for _, u in ipairs(uses_of(p, el)) do
        local ku = m.k[el][u.name] or 1
        if last then
          local r = u.rmax * math.min(1, math.max(0, last / p0 - 1) / u.m)
          ku = u.k_min + (ku - u.k_min) * (1 - r) -- the ratchet
          ku = math.min(ku, m.k[el][u.name] or 1) -- a k_min raised by a policy does not raise k
        end
        m.k[el][u.name] = ku
        k = k + u.share * ku
        state.record("intensity." .. el .. "." .. u.name, ku, "fraction")
      end
      state.record("intensity." .. el .. ".total", k, "fraction")
      local curves = {}
      for _, side in ipairs(sides) do
        local d0 = get(p, el, "d_" .. side:lower() .. "0")
        local prev = m.d[side][el] or d0
        curves[side] = prev ^ (1 - lambda) * (d0 * k) ^ lambda / p0 ^ (lambda * e)
      end
      state.vars.curves[el] = { a = curves, e = lambda * e }
    end
  end

  --- One element's market this year, as the core takes it, and the
  -- steps outside China (with the mines' sunk offer at the floor).
  local function market_of(state, p, year, el)
    local c, m = state.vars.curves[el], state.memory
    local a_rw = 0
    for i = 2, #sides do a_rw = a_rw + c.a[sides[i]] end
    local offered = state.vars.mined[el] + (m.stock[el] or 0)
    local s_rw = steps(p[el .. ".s_rw"])
    if offered > 0 then table.insert(s_rw, 2, { cost = get(p, el, "p_floor"), cap = offered }) end
    return {
      name = el, year = year,
      d_cn = { "elastic", a = c.a.CN, e = c.e }, d_rw = { "elastic", a = a_rw, e = c.e },
      s_cn = steps(get(p, el, "s_cn")), s_rw = #s_rw > 1 and s_rw or nil,
      tax = get(p, el, "tax"), vat_lost = get(p, el, "vat_lost"),
      quota = get(p, el, "quota") or -1, -- -1: the core's none
      cap = get(p, el, "cap") or -1, stock_rw = p[el .. ".stock_rw"] or 0,
    }, s_rw, offered, a_rw
  end

  --- Records what one element's market found, and what it leaves for next year.
  local function settle(state, p, el, r, s_rw, offered, a_rw)
    local m, rec, c = state.memory, state.record, state.vars.curves[el]
    -- what sold outside China beyond the existing mines cheaper than the
    -- floor came from the offer (at a price on a step, the core reports
    -- the quantity that clears: demand less imports)
    local floor = get(p, el, "p_floor")
    local cheaper = 0
    for i = 2, #s_rw do
      if s_rw[i].cost < floor then cheaper = cheaper + s_rw[i].cap end
    end
    -- (a price that stops on the floor's step is the floor, to rounding)
    local sold = r.p_rw < floor * (1 - 1e-9) and 0 or math.max(0, math.min(offered, r.s_rw - cheaper))
    local unsold = offered - sold
    local kept = get(p, el, "surplus") == "stock" and unsold or 0
    m.stock[el], m.p[el], m.p_cn[el] = kept, r.p_rw, r.p_cn
    m.d.CN[el] = r.d_cn
    rec("price." .. el .. ".cn", r.p_cn, "US$/kg")
    rec("price." .. el .. ".fob", r.p_rw, "US$/kg")
    rec("demand." .. el .. ".CN", r.d_cn, "t REO")
    for i = 2, #sides do
      local d = r.d_rw * c.a[sides[i]] / a_rw
      m.d[sides[i]][el] = d
      rec("demand." .. el .. "." .. sides[i], d, "t REO")
    end
    rec("supply." .. el .. ".CN", r.s_cn, "t REO")
    rec("supply." .. el .. ".RW", r.s_rw, "t REO")
    rec("mined." .. el, state.vars.mined[el], "t REO")
    rec("sold." .. el, sold, "t REO")
    rec("stock." .. el, kept, "t REO")
    rec("disposed." .. el, unsold - kept, "t REO")
    rec("exports." .. el, r.exports, "t REO")
    rec("stockpiled." .. el, p[el .. ".stock_rw"] or 0, "t REO")
    rec("quota_binding." .. el, r.quota_binding and 1 or 0, "fraction")
    rec("rent." .. el, r.quota_rent, "US$")
    rec("revenue." .. el, r.tax_revenue + r.vat_revenue, "US$")
    rec("deadweight." .. el, r.deadweight, "US$")
    state.vars[el] = r
  end

  --- Clears the markets in the core: each on its own, or under a tonnage
  -- quota shared by all (quota_total, t REO; false none) or by each group of
  -- opts.quota_groups (quota_total.<group>), recording its licence price.
  function model.clearing(state, p, year)
    local specs, extra, index = {}, {}, {}
    for i, el in ipairs(elements) do
      local spec, s_rw, offered, a_rw = market_of(state, p, year, el)
      specs[i], extra[i], index[el] = spec, { s_rw, offered, a_rw }, i
    end
    local groups = {}
    if p.quota_total then
      groups.all = { members = elements, quota = p.quota_total }
    else
      for name, members in pairs(opts.quota_groups or {}) do
        local q = p["quota_total." .. name]
        if q then groups[name] = { members = members, quota = q } end
      end
    end
    local results = {}
    for name, g in pairs(groups) do
      local list = {}
      for k, el in ipairs(g.members) do list[k] = specs[index[el]] end
      local rs, licence = ree.market.clear_joint(list, g.quota)
      for k, el in ipairs(g.members) do results[index[el]] = rs[k] end
      state.record("licence." .. name, licence, "US$/kg")
    end
    for i, spec in ipairs(specs) do
      if not results[i] then results[i] = ree.market.clear(spec) end
    end
    for i, el in ipairs(elements) do settle(state, p, el, results[i], table.unpack(extra[i])) end
  end

  --- The price ratio outside/inside China, the wedge a student compares
  -- with the 1.7-3 of 2011.
  function model.diagnostics(state)
    for _, el in ipairs(elements) do
      local r = state.vars[el]
      state.record("ratio." .. el, r.p_rw / r.p_cn, "fraction")
    end
  end

  if opts.monthly then
    return require("ree.models.market_month")(model, { elements = elements, sides = sides, get = get, steps = steps,
      quota_groups = opts.quota_groups, monthly = opts.monthly })
  end
  return model
end
