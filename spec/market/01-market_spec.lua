local ree = require("ree")

-- The linear case of the C tests, by hand: demand 100 - P on both sides,
-- supply in China P, none outside. Free trade: P = 200/3. A 50% tax:
-- P_cn = 400/7, P_rw = 600/7. A quota of 10 t: P_cn = 55, P_rw = 90.
local function linear(extra)
  local spec = { name = "Nd", year = 2011, d_cn = { "linear", a = 100, b = -1 }, s_cn = { "linear", a = 0, b = 1 },
    d_rw = { "linear", a = 100, b = -1 } }
  for k, v in pairs(extra or {}) do spec[k] = v end
  return spec
end

describe("market clearing #unit", function()
  it("finds free trade, a tax wedge and a quota's rent as by hand", function()
    local free = ree.market.clear(linear())
    assert.near(200 / 3, free.p_cn, 1e-12)
    local taxed = ree.market.clear(linear { tax = 0.5 })
    assert.near(400 / 7, taxed.p_cn, 1e-12)
    assert.near(600 / 7, taxed.p_rw, 1e-12)
    assert.near(0.5 * 400 / 7 * 100 / 7 * 1000, taxed.tax_revenue, 1e-6)
    local rationed = ree.market.clear(linear { quota = 10 })
    assert.is_true(rationed.quota_binding)
    assert.near(55, rationed.p_cn, 1e-12)
    assert.near(90, rationed.p_rw, 1e-12)
    assert.near(350000, rationed.quota_rent, 1e-6) -- (90 - 55) US$/kg on 10 t
  end)

  it("keeps the welfare identity: what China gains and the world loses add up", function()
    local r = ree.market.clear(linear { tax = 0.3, quota = 12 })
    local china = r.d_cs_cn + r.d_ps_cn + r.tax_revenue + r.quota_rent
    local world = r.d_cs_rw + r.d_ps_rw
    assert.near(-(china + world), r.deadweight, 1e-6)
    assert.is_true(r.deadweight > 0)
    -- and the loss is the triangle by hand: exports fall from the free-trade
    -- 100/3 to the quota's 12, at P_cn = 56 and P_rw = 88 (2P - 100 = 12, 100 - P = 12)
    assert.near(0.5 * (88 - 56) * (100 / 3 - 12) * 1000, r.deadweight, 1e-6)
  end)

  it("takes a curve through a point with an elasticity", function()
    -- outside China demand 1000 / P through (10, 100); supply in China 10 P
    local r = ree.market.clear { name = "Dy", year = 2011, s_cn = { "elastic", a = 10, e = 1 },
      d_rw = { "elastic", q = 100, p = 10, e = -1 }, tax = 0.21 }
    assert.near(11, r.p_rw, 1e-12)
    assert.near(10 / 1.1, r.p_cn, 1e-12)
  end)

  it("says which market, which year and why when no price clears", function()
    local spec = { name = "Dy", year = 2011, d_rw = { "linear", a = 100, b = 0 } }
    assert.has_error(function() ree.market.clear(spec) end,
      "market 'Dy', 2011: no price clears: China's excess supply never meets the rest of the world's excess demand")
    assert.are.same({ nil, "market 'Dy', 2011: no price clears: China's excess supply never meets the rest of "
      .. "the world's excess demand", "singular" }, { ree.market.try_clear(spec) })
    assert.has_error(function() ree.market.clear(linear { tariff = 1 }) end,
      "market.clear: unknown option 'tariff'")
    assert.has_error(function() ree.market.clear(linear { d_cn = { "cubic" } }) end,
      "market: d_cn must be { \"elastic\", ... }, { \"linear\", ... } or { \"steps\", ... }")
    assert.has_error(function() ree.market.clear(linear { s_rw = { "elastic", a = 1, e = -1 } }) end,
      "market 'Nd', 2011: supply outside China must rise with the price")
    assert.has_error(function() ree.market.clear(linear { d_rw = { "elastic", a = 1 } }) end,
      "market: d_rw needs an elasticity e")
    assert.has_error(function() ree.market.clear(linear { d_rw = { "elastic", q = 1, e = -1 } }) end,
      "market: d_rw needs a, or a point q at p")
    local no_cap = { "steps", { cost = 1, cap = 2 }, { cost = 3 } }
    assert.has_error(function() ree.market.clear(linear { s_cn = no_cap }) end,
      "market: step 2 of s_cn needs a cost and a cap")
    assert.has_error(function() ree.market.clear_joint({}, 10) end, "market.clear_joint: give a list of markets")
    assert.has_error(function() ree.market.clear_joint({ linear {} }, -1) end,
      "a shared quota must be 0 t or more, not -1")
  end)

  it("reads no missing number as zero, in the market or the chain's core", function()
    assert.has_error(function()
      ree.market.clear { s_cn = { "linear", a = 1 }, d_cn = { "elastic", a = 1, e = -1 } }
    end,
      "market: s_cn needs numbers a and b")
    local c = assert(ree.core.chain(1, 3))
    c:add_process("a", "push")
    c:add_flow("feed", -1, 0, "value")
    assert.has_error(function() c:set(0, 0, { 1, nil, 3 }, 3) end, "chain: value 2 of 3 is nil, not a number")
  end)
end)

