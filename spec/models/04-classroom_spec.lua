local ree = require("ree")
local cobweb = require("ree.models.classroom.cobweb")
local beer = require("ree.models.classroom.beer_game")
local stockpile = require("ree.models.classroom.stockpile")

describe("the cobweb model #models", function()
  -- defaults: Qd = 10 - P, Qs = 1 + 0.5 Pe, so P = 9 - 0.5 Pe and P* = 6
  it("follows the naive cobweb by hand", function()
    local res = cobweb.scenario({}, { 2000, 2003 }):run()
    -- P0 = 9 - 0.5 * 2 = 8, then 9 - 4 = 5, 9 - 2.5 = 6.5, 9 - 3.25 = 5.75
    assert.are.same({ 8, 5, 6.5, 5.75 }, res.price:values())
    assert.are.same({ 2, 8, 5, 6.5 }, res.expected:values())
    assert.are.equal("US$/kg", res.price:unit())
  end)

  it("converges, cycles or explodes as d / b is below, at or above 1", function()
    -- a = 10 + 6 (d - 0.5) keeps P* = 6; start 0.1 away from it
    local function swing(d, year)
      local res = cobweb.scenario({ d = d, a = 10 + 6 * (d - 0.5), p_init = 5.9 }, { 2000, 2020 }):run()
      return math.abs(res.price[year] - res.price[year - 1])
    end
    assert.is_true(swing(0.5, 2020) < 1e-4)
    assert.near(swing(1, 2001), swing(1, 2020), 1e-9)   -- the same two prices, forever
    assert.near(1.2 ^ 11, swing(1.2, 2012) / swing(1.2, 2001), 1e-9) -- growing 20% a year
  end)

  it("waits L years with a longer lag", function()
    local res = cobweb.scenario({ lag = 3 }, { 2000, 2006 }):run()
    -- the first three years all expect p_init = 2; 2003 expects P(2000) = 8
    assert.are.same({ 8, 8, 8, 5, 5, 5, 6.5 }, res.price:values())
  end)

  it("damps the cycle with adaptive expectations", function()
    local res = cobweb.scenario({ expectations = "adaptive", theta = 0.5 }, { 2000, 2002 }):run()
    -- Pe(2001) = 2 + 0.5 (8 - 2) = 5, P = 6.5; Pe(2002) = 5 + 0.5 (6.5 - 5) = 5.75, P = 6.125
    assert.are.same({ 8, 6.5, 6.125 }, res.price:values())
  end)

  it("throws away a glut at a zero price", function()
    local res = cobweb.scenario({ c = 12 }, { 2000, 2000 }):run()
    -- harvest 12 + 0.5 * 2 = 13 > a = 10: price 0, 10 sold, 3 discarded
    assert.are.same({ 0, 10, 3 }, { res.price[2000], res.sold[2000], res.discarded[2000] })
  end)

  it("names a bad expectation rule", function()
    assert.has_error(function() cobweb.scenario({ expectations = "rational" }):run() end,
      "cobweb: expectations must be \"naive\" or \"adaptive\", not 'rational'")
    assert.has_error(function() cobweb.scenario({ slope = 1 }) end, "cobweb: no parameter 'slope'")
  end)
end)

describe("the beer game #models", function()
  it("orders by Sterman's rule, checked by hand for the first weeks", function()
    local res = beer.scenario():run()
    -- week 1, retailer: S = 12 + 4 - 4 = 12, Lhat = 4, SL = 16 - 4 = 12,
    -- O = 4 + 0.26 (17 - 12 - 0.34 * 12) = 4.2392
    assert.near(4.2392, res.orders.retailer[1], 1e-12)
    -- week 2: SL = 12 + 4.2392 - 4 = 12.2392, O = 4 + 0.26 (5 - 0.34 * 12.2392)
    assert.near(4 + 0.26 * (5 - 0.34 * 12.2392), res.orders.retailer[2], 1e-12)
    -- week 5: demand doubles; the retailer gets the 4.2392 it ordered in week 1
    assert.near(12 + 4.2392 - 8, res.stock.retailer[5], 1e-12)
    assert.are.equal("cases", res.orders.factory:unit())
  end)

  it("conserves beer: brewed less delivered is what the chain holds", function()
    -- at the start: 12 cases at each of 4 stages, 2 shipments of 4 to each
    -- of 3 stages, 4 weeks of 4 from the brewery: 48 + 24 + 16 = 88
    local sc = beer.scenario()
    sc.checks = { ree.check.always("beer is conserved", function(state)
      local want = 88 + state.memory.brewed - state.memory.delivered
      local got = beer.cases_in_system(state)
      return math.abs(got - want) < 1e-9, string.format("%.12g cases in the chain, %.12g expected", got, want)
    end) }
    assert.are.same({}, sc:run().violations)
  end)

  it("shows the bullwhip, and beta = 1 damps it", function()
    local res = beer.scenario():run()
    local last = 0
    for _, stage in ipairs(beer.STAGES) do
      local s = res.orders[stage]:sd()
      assert.is_true(s > last, stage .. " orders swing more than the stage below")
      last = s
    end
    local watched = beer.scenario({ beta = 1 }):run()
    assert.is_true(watched.orders.factory:sd() < 0.5 * res.orders.factory:sd())
  end)
end)

describe("the stockpile market #models", function()
  it("sets the price from inventory cover, by hand in the first shock year", function()
    local res = stockpile.scenario():run()
    assert.are.equal(20, res.price[2009]) -- in balance: cover 2,500 / 10,000 = 0.25 = cover_ref
    -- 2010: 2,500 in stock + 7,000 produced < 10,000 wanted: 500 short, stock 0,
    -- cover at its floor 0.02, P = 20 (0.02 / 0.25)^(-1/2) = 20 sqrt(12.5)
    assert.are.same({ 9500, 500, 0 }, { res.demand[2010], res.shortage[2010], res.stock.private[2010] })
    assert.near(20 * math.sqrt(12.5), res.price[2010], 1e-12)
  end)

  it("keeps every tonne: stocks change by what came in and went out", function()
    local res = stockpile.scenario({ public0 = 2000 }):run()
    local private, public = 2500, 2000
    for year = 2005, 2020 do
      private = private + res.production[year] - res.demand[year] - res.bought[year] + res.sold[year]
      public = public + res.bought[year] - res.sold[year]
      assert.near(private, res.stock.private[year], 1e-9)
      assert.near(public, res.stock.public[year], 1e-9)
    end
  end)

  it("sells above the band and buys below it, which halves the peak", function()
    local bare = stockpile.scenario():run()
    local held = stockpile.scenario({ public0 = 2000 }):run()
    assert.are.same({ 1000, 1000 }, { held.sold[2011], held.sold[2012] }) -- P(2010) = 70.7 > 40
    assert.are.equal(500, bare.bought[2018])                              -- P(2017) = 13.2 < 18
    assert.is_true(held.price[2012] < 0.5 * bare.price[2012])
  end)
end)
