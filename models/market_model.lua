--- A China / rest-of-world market model for ree.scenario, element by
-- element (equations: shared/research/policy-models.md, sections 1.2-1.3,
-- 3.1-3.2 and 5.1-5.2).
--
--   local model = require "models.market_model" { elements = { "Nd", "Dy" } }
--
-- Parameters, per element el (numbers or series; tables where noted):
--   el.p0            reference price, US$/kg of oxide
--   el.d_cn0         demand in China at p0, t REO     el.d_rw0  outside China
--   el.e_lr          long-run price elasticity (< 0)  el.lambda adjustment a year
--   el.s_cn          China's merit order: { { cost = US$/kg, cap = t }, ... }
--   el.s_rw          existing supply outside China, the same form
--   el.tax, el.vat_lost, el.quota (t, -1 none), el.cap (t, -1 none)
--   el.thrift_rmax, el.thrift_m, el.k_min   thrifting: the intensity k of use
--                    falls by up to rmax a year when prices exceed p0 (full
--                    speed at (1 + m) p0), never below k_min, and never back
--   projects         { { name, deposit, capacity = t REO, start, lead, ramp,
--                    cost = US$/kg }, ... }: mines outside China
--
-- Demand is partial adjustment: desired use D* = D0 k (P / p0)^e_lr; each
-- year's use moves lambda of the way in logs, so the year's demand curve is
-- D(P) = D_prev^(1 - lambda) (D0 k)^lambda (P / p0)^(lambda e_lr): a
-- constant-elasticity curve with the short-run elasticity lambda e_lr.

local ree = require "ree"

return function(opts)
  local elements = opts.elements
  local model = { name = "market_model" }

  local function get(p, el, key)
    local v = p[el .. "." .. key]
    if v == nil then error(string.format("market model: no parameter '%s.%s'", el, key), 0) end
    return v
  end

  local function steps(list)
    local out = { "steps" }
    for _, s in ipairs(list or {}) do out[#out + 1] = { cost = s.cost, cap = s.cap } end
    return out
  end

  function model.init(state)
    state.memory.d_cn, state.memory.d_rw, state.memory.k, state.memory.p = {}, {}, {}, {}
  end

  --- Mines outside China that are online this year, as merit-order steps.
  function model.supply(state, p, year)
    state.vars.project_steps = {}
    for _, el in ipairs(elements) do state.vars.project_steps[el] = {} end
    for _, pr in ipairs(p.projects or {}) do
      local online = year - pr.start - pr.lead + 1
      local u = online <= 0 and 0 or math.min(1, online / pr.ramp)
      if u > 0 then
        local out = ree.magnet.supply({ [pr.deposit] = pr.capacity * u }).reo
        for _, el in ipairs(elements) do
          if out[el] and out[el] > 0 then
            table.insert(state.vars.project_steps[el], { cost = pr.cost, cap = out[el] })
          end
        end
      end
    end
  end

  --- This year's demand curves, and thrifting from last year's prices.
  function model.demand(state, p)
    local m = state.memory
    state.vars.curves = {}
    for _, el in ipairs(elements) do
      local p0, lambda, e = get(p, el, "p0"), get(p, el, "lambda"), get(p, el, "e_lr")
      local k = m.k[el] or 1
      local last = m.p[el]
      if last then
        local rmax, speed, k_min = get(p, el, "thrift_rmax"), get(p, el, "thrift_m"), get(p, el, "k_min")
        local r = rmax * math.min(1, math.max(0, last / p0 - 1) / speed)
        k = k_min + (k - k_min) * (1 - r) -- the ratchet: k never rises again
      end
      m.k[el] = k
      local curves = {}
      for _, side in ipairs({ "cn", "rw" }) do
        local d0 = get(p, el, "d_" .. side .. "0")
        local prev = m["d_" .. side][el] or d0
        local a = prev ^ (1 - lambda) * (d0 * k) ^ lambda / p0 ^ (lambda * e)
        curves[side] = { "elastic", a = a, e = lambda * e }
      end
      state.vars.curves[el] = curves
    end
  end

  --- Clears each element's market in the core and records what it found.
  function model.clearing(state, p, year)
    local m, rec = state.memory, state.record
    for _, el in ipairs(elements) do
      local s_rw = steps(p[el .. ".s_rw"])
      for _, step in ipairs(state.vars.project_steps[el]) do s_rw[#s_rw + 1] = step end
      local r = ree.market.clear {
        name = el, year = year,
        d_cn = state.vars.curves[el].cn, d_rw = state.vars.curves[el].rw,
        s_cn = steps(get(p, el, "s_cn")), s_rw = #s_rw > 1 and s_rw or nil,
        tax = get(p, el, "tax"), vat_lost = get(p, el, "vat_lost"),
        quota = get(p, el, "quota"), cap = get(p, el, "cap"),
      }
      m.d_cn[el], m.d_rw[el], m.p[el] = r.d_cn, r.d_rw, r.p_rw
      rec("price." .. el .. ".cn", r.p_cn, "US$/kg")
      rec("price." .. el .. ".fob", r.p_rw, "US$/kg")
      rec("demand." .. el .. ".CN", r.d_cn, "t REO")
      rec("demand." .. el .. ".RW", r.d_rw, "t REO")
      rec("supply." .. el .. ".CN", r.s_cn, "t REO")
      rec("supply." .. el .. ".RW", r.s_rw, "t REO")
      rec("exports." .. el, r.exports, "t REO")
      rec("quota_binding." .. el, r.quota_binding and 1 or 0, "fraction")
      rec("rent." .. el, r.quota_rent, "US$")
      rec("revenue." .. el, r.tax_revenue, "US$")
      rec("deadweight." .. el, r.deadweight, "US$")
      rec("intensity." .. el, m.k[el], "fraction")
      state.vars[el] = r
    end
  end

  --- The price ratio outside/inside China, the wedge a student compares
  -- with the 1.7-3 of 2011.
  function model.diagnostics(state)
    for _, el in ipairs(elements) do
      local r = state.vars[el]
      state.record("ratio." .. el, r.p_rw / r.p_cn, "fraction")
    end
  end

  return model
end
