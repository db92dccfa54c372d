local ree = require("ree")
require("spec.helpers")

local function s(from, unit, ...) return ree.series { from = from, unit = unit, ... } end

describe("stock models #unit", function()
  it("retire each cohort at its age (fixed lifetime, by hand)", function()
    -- lifetime 2: 100 t sold in 2000 are in use in 2000 and 2001 and leave in 2002
    local m = ree.stock_model { lifetime = { "fixed", years = 2 }, inflow = s(2000, "t", 100, 100, 0, 0, 0) }
    assert.are.equal(s(2000, "t", 100, 200, 100, 0, 0), m.stock:named "x":slice(2000, 2004))
    assert.are.same({ 0, 0, 100, 100, 0 }, m.outflow:values())
    assert.are.same({ 100, 0 }, { m:cohort(2001, 2000) })
    assert.are.same({ 0, 100 }, { m:cohort(2002, 2000) })
    assert.are.equal(0, m:balance())
  end)

  it("give end-of-life scrap the composition of its vintage", function()
    -- Dy 5% in the 2000 magnets and 2% in the 2001 ones, lifetime 2
    local m = ree.stock_model { lifetime = { "fixed", years = 2 }, inflow = s(2000, "t", 100, 100, 0, 0) }
    local dy = ree.series { from = 2000, unit = "%", name = "Dy", 5, 2 }
    local out, stock = m:outflow_of(dy)
    assert.are.same({ 0, 0, 5, 2 }, out:values())
    assert.near(7, stock[2001], 1e-15)
    assert.are.equal("outflow of Dy", out:name())
    assert.has_error(function() m:outflow_of(s(2000, "t", 1)) end,
      "outflow_of: the share must be a fraction or a %, not 't'")
  end)

  it("never take a negative inflow when the stock falls", function()
    -- lifetime 3; stock 10, 10, 4, 4: in 2002 six units retire early
    local m = ree.stock_model { lifetime = { "fixed", years = 3 }, stock = s(2000, "t", 10, 10, 4, 4) }
    assert.are.same({ 10, 0, 0, 4 }, m.inflow:values())
    assert.are.same({ 0, 0, 6, 0 }, m.retired_early:values())
    assert.are.same({ 0, 0, 6, 4 }, m.outflow:values())
  end)

  it("start from a stock with an age structure", function()
    local m = ree.stock_model { lifetime = { "fixed", years = 3 }, inflow = s(2000, "t", 0, 0, 0),
      initial = s(1998, "t", 2, 3) }
    assert.are.same({ 5, 3, 0 }, m.stock:values())
    assert.are.same({ 0, 2, 3 }, m.outflow:values())
    assert.are.equal(0, m:balance())
  end)

  it("balance every year with every lifetime distribution", function()
    local stock = {}
    for i = 1, 30 do stock[i] = 100 + 10 * math.sin(i / 3) + 3 * i end
    for _, lt in ipairs({ { "normal", mean = 10, sd = 3 }, { "weibull", shape = 2.5, scale = 12 },
                          { "lognormal", mean = 10, sd = 4 } }) do
      local m = ree.stock_model { lifetime = lt, stock = s(1990, "t", table.unpack(stock)) }
      assert.is_true(m:balance() < 1e-9, lt[1])
      for _, v in m.inflow:pairs() do assert.is_true(v >= 0) end
      assert.near(stock[30], m.stock[2019], 1e-9)
    end
  end)

  it("name bad specifications", function()
    local x = s(2000, "t", 1, 2)
    assert.has_error(function() ree.stock_model { lifetime = { "gamma", k = 2 }, inflow = x } end,
      "stock_model: lifetime must be { \"fixed\", years = N }, { \"normal\", mean = M, sd = S }, "
      .. "{ \"weibull\", shape = K, scale = L } or { \"lognormal\", mean = M, sd = S }")
    assert.has_error(function() ree.stock_model { lifetime = { "fixed", mean = 2 }, inflow = x } end,
      "stock_model: a fixed lifetime has no 'mean'")
    assert.has_error(function() ree.stock_model { lifetime = { "normal", mean = 2 }, inflow = x } end,
      "stock_model: a normal lifetime needs 'sd'")
    assert.has_error(function() ree.stock_model { lifetime = { "fixed", years = 2 } } end,
      "stock_model: give either an inflow or a stock series")
    assert.has_error(function() ree.stock_model { lifetime = { "fixed", years = 2 }, inflow = x, life = 1 } end,
      "stock_model: unknown option 'life'")
    assert.has_error(function() ree.stock_model { lifetime = { "fixed", years = 0.5 }, inflow = x } end,
      "stock_model: a fixed lifetime must be a whole number of years, at least 1, got 0.5")
    assert.has_error(function() ree.stock_model { lifetime = { "fixed", years = 2 }, inflow = s(2000, "t", 1, -1) } end,
      "stock_model: inflow of 2001 must be a non-negative number")
    assert.has_error(function() ree.stock_model { lifetime = { "fixed", years = 2 }, inflow = x,
      initial = s(1990, "t", 1) } end, "stock_model: cohort 1990 should have left use by 2000")
  end)
end)
