local ree = require("ree")

--- A shop that sells `month` t in each month (1 t in January, 12 in
-- December: 78 t a year) at a price that rises 1 US$/kg a month from the
-- year's `p0`; its yearly parts read the months through state.annual.
local function shop()
  return {
    period = 12,
    init = function(state) state.memory.sold = 0 end,
    step = function(state, p, _, month)
      state.record("sales", month, "t")
      state.record("price", p.p0 + month, "US$/kg")
    end,
    diagnostics = function(state)
      state.memory.sold = state.memory.sold + state.annual("sales")
      state.record("sold", state.memory.sold, "t")
      state.record("mean_price", state.annual("price"), "US$/kg")
      state.record("december_price", state.annual("price", "last"), "US$/kg")
    end,
  }
end

local function scenario(model)
  return ree.scenario { name = "shop", years = { 2010, 2011 }, model = model or shop(),
    params = { p0 = { value = ree.series { from = 2010, unit = "US$/kg", 10, 20 }, source = "seed-2012" } } }
end

describe("sub-annual scenarios #unit", function()
  it("step every month between the yearly parts, and record monthly series", function()
    local res = scenario():run()
    assert.are.equal(12, res.sales:period())
    assert.are.same({ 2010, 2011, 1, 12 }, { res.sales:years() })
    assert.are.equal(3, res.sales:at(2011, 3))
    assert.are.equal(32, res.price:at(2011, 12)) -- 20 + 12
    -- the yearly parts saw the year's aggregates: 1 + ... + 12 = 78 t, the
    -- mean price p0 + 6.5, December's p0 + 12
    assert.are.equal(78, res.sold[2010])
    assert.are.equal(156, res.sold[2011])
    assert.are.equal(16.5, res.mean_price[2010])
    assert.are.equal(22, res.december_price[2010])
    assert.are.equal(78, res.sales:annual()[2011]) -- and so does the series, summed by its unit
  end)

  it("refuse a path recorded both monthly and yearly, and aggregates of what the months do not record", function()
    local m = shop()
    m.diagnostics = function(state) state.record("sales", 1, "t") end
    assert.has_error(function() scenario(m):run() end, "scenario: 'sales' is recorded both monthly and yearly")
    m = shop()
    m.diagnostics = function(state) state.annual("sold") end
    assert.has_error(function() scenario(m):run() end, "scenario: 'sold' is not recorded by the sub-annual step")
    m = shop()
    m.diagnostics = function(state) state.annual("sales", "median") end
    assert.has_error(function() scenario(m):run() end,
      "scenario: annual 'sales': how is \"sum\", \"mean\" or \"last\", not median")
  end)

  it("give monthly bands in a Monte Carlo", function()
    local m = shop()
    m.step = function(state, p, _, month) state.record("price", p.p1 + month, "US$/kg") end
    m.diagnostics = nil
    local sc = ree.scenario { name = "shop", years = { 2010, 2011 }, model = m,
      params = { p1 = { value = 10, source = "assumption", range = { 10, 20 } } } }
    local mc = ree.montecarlo { scenario = sc, runs = 5, seed = 3, progress = false, collect = { "price" },
      sample = { p1 = ree.dist.uniform(10, 20) } }
    local b = mc:bands("price")
    assert.are.equal(12, b.p50:period())
    assert.are.same({ 2010, 2011, 1, 12 }, { b.p50:years() })
    -- every run's December is its January plus 11, so the medians are too
    assert.near(b.p50:at(2010, 1) + 11, b.p50:at(2011, 12), 1e-9)
    assert.is_true(b.p05:at(2010, 6) < b.p95:at(2010, 6))
    assert.are.equal(b.p50:at(2011, 12), mc:quantiles("price", 2011, 12).p50)
    assert.has_error(function() mc:quantiles("price", 2011) end,
      "montecarlo: 'price' is monthly: give the month, 1-12, not nil")
    -- through a shard file and back: the same values, bit for bit; a bad
    -- value is named by its month
    local core, montecarlo = require("ree.core"), require("ree.montecarlo")
    local file = assert(core.json_decode(core.json_encode(mc:export { scenario = "shop", shard = 1, shards = 1 })))
    assert.are.equal("string", type(file.values["1"].price))
    assert.are.same(mc.values, montecarlo.join({ file }, { "shard" }).values)
    file = assert(core.json_decode(core.json_encode(mc:export { scenario = "shop", shard = 1, shards = 1 })))
    file.values["2"].price = core.unpack_numbers(file.values["2"].price)
    file.values["2"].price[14] = "x"
    assert.has_error(function() montecarlo.join({ file }, { "shard" }) end,
      "merge: shard: run 2, 'price' in 2011-02 is \"x\", not a number")
  end)

  it("calibrate against yearly data as the year's aggregate", function()
    -- the monthly price is p0 + month: its year's mean is p0 + 6.5, so a
    -- record of 16.5 US$/kg in both years gives p0 = 10
    local sc = ree.scenario { name = "shop", years = { 2010, 2011 }, model = shop(),
      params = { p0 = { value = 30, source = "assumption", range = { 0, 50 } } } }
    local fit = ree.calibrate { scenario = sc, fit = { "p0" },
      targets = { { "price", data = ree.series { from = 2010, unit = "US$/kg", 16.5, 16.5 }, sd = 1 } } }
    assert.near(10, fit.values.p0, 1e-6)
  end)

  it("take a year's steps at once from a model's steps, as the shop's months give them", function()
    local m = shop()
    m.step = nil
    m.steps = function(state, p)
      local sales, price = {}, {}
      for month = 1, 12 do sales[month], price[month] = month, p.p0 + month end
      state.record_steps("sales", sales, "t")
      state.record_steps("price", price, "US$/kg")
    end
    local res = scenario(m):run()
    assert.are.equal(3, res.sales:at(2011, 3))
    assert.are.equal(32, res.price:at(2011, 12))
    assert.are.equal(156, res.sold[2011]) -- the yearly parts see the same aggregates
    assert.are.equal(16.5, res.mean_price[2010])
  end)

  it("refuse steps of the wrong length, a record with no step to go in, and step with steps", function()
    local m = shop()
    m.step = nil
    m.steps = function(state) state.record_steps("sales", { 1, 2, 3 }, "t") end
    assert.has_error(function() scenario(m):run() end, "scenario: 'sales' has 3 values for the 12 steps of 2010")
    m.steps = function(state) state.record("sales", 1, "t") end
    assert.has_error(function() scenario(m):run() end,
      "scenario: 'sales': the model's steps record with state.record_steps")
    m = shop()
    m.steps = function() end
    assert.has_error(function() scenario(m) end,
      "scenario: a model has a step(state, p, year, sub) or steps(state, p, year), not both")
  end)

  it("need a step for a period, and a period for a step", function()
    local m = shop()
    m.period = nil
    assert.has_error(function() scenario(m) end,
      "scenario: a model with a period of 4 or 12 needs a step(state, p, year, sub), and only such a model")
    m = shop()
    m.period = 52
    assert.has_error(function() scenario(m) end, "scenario: the model's period must be 1, 4 or 12")
  end)
end)
