local ree = require("ree")
local location = require("ree.models.location")
local market_model = require("ree.models.market_model")

--- A teaching market for Nd a hand can solve: China supplies any amount at
-- US$40/kg, demand sits at its reference level at that price, and a
-- Mountain Pass of 100,000 t REO (12% Nd) is ready from 2011.
local function scenario(policies, set, with_location)
  local function a(value, range) return { value = value, source = "assumption", range = range or { value, value } } end
  local params = {
    ["Nd.p0"] = a(40), ["Nd.d_cn0"] = a(1000), ["Nd.d_jp0"] = a(300), ["Nd.d_rw0"] = a(200),
    ["Nd.e_lr"] = a(-0.6), ["Nd.lambda"] = a(0.25),
    ["Nd.s_cn"] = a({ { cost = 40, cap = 1e6 } }),
    ["Nd.tax"] = a(0), ["Nd.vat_lost"] = a(0), ["Nd.quota"] = a(false), ["Nd.cap"] = a(false),
    ["Nd.thrift_rmax"] = a(0), ["Nd.thrift_m"] = a(1), ["Nd.k_min"] = a(1),
    ["Nd.p_floor"] = a(5), ["Nd.surplus"] = a("stock"),
    projects = a({ { name = "MP", deposit = "Mountain Pass", capacity = 100000, start = 2010, lead = 1, ramp = 1,
      cost = 10 } }),
  }
  local model = market_model { elements = { "Nd" }, regions = { "JP", "RW" } }
  if with_location then
    -- magnet plants: 2010 output by region (china-org-2013), the rest assumptions
    params["loc.magnet.k0.CN"] = { value = 78000, source = "china-org-2013" }
    params["loc.magnet.k0.JP"] = { value = 18950, source = "china-org-2013" }
    params["loc.magnet.k0.RW"] = { value = 98200 - 78000 - 18950, source = "china-org-2013" }
    for k, v in pairs({ mu = 5, rho = 0.25, freight = 1, ["magnet.duty"] = 0,
      ["magnet.conversion.CN"] = 20, ["magnet.conversion.JP"] = 25, ["magnet.conversion.RW"] = 30,
      ["magnet.kappa.CN"] = 0, ["magnet.kappa.JP"] = 0, ["magnet.kappa.RW"] = 0 }) do
      params["loc." .. k] = a(v)
    end
    model = location.attach(model, { stages = { magnet = "jp-2011-mix" }, regions = { "CN", "JP", "RW" },
      elements = { "Nd" } })
  end
  for k, v in pairs(set or {}) do params[k] = a(v) end
  return ree.scenario { name = "Nd teaching market", years = { 2010, 2013 }, params = params, policies = policies,
    model = model }
end

local quota = ree.policy { "a binding quota", from = 2011, set = { ["Nd.quota"] = 250 } }

describe("the market model #market", function()
  it("clears at the reference point with no policy", function()
    local res = scenario():run()
    -- at P = p0 every region buys its reference demand; China ships 500
    assert.near(1000, res.demand.Nd.CN[2010], 1e-9)
    assert.near(300, res.demand.Nd.JP[2010], 1e-9)
    assert.near(200, res.demand.Nd.RW[2010], 1e-9)
    assert.near(500, res.exports.Nd[2010], 1e-9)
    assert.near(40, res.price.Nd.fob[2010], 1e-9)
  end)

  it("prices a binding quota by hand, and splits demand by region", function()
    local res = scenario({ quota }):run()
    -- 2011: demand outside China is 500 (P / 40)^(-0.25 * 0.6) = 250, so
    -- P = 40 * 2^(1 / 0.15); Mountain Pass idles, its basket 0.12 * 40 < 10
    assert.relatively_near(40 * 2 ^ (1 / 0.15), res.price.Nd.fob[2011], 1e-9)
    assert.near(40, res.price.Nd.cn[2011], 1e-9)
    assert.near(150, res.demand.Nd.JP[2011], 1e-6)
    assert.near(100, res.demand.Nd.RW[2011], 1e-6)
    assert.are.same({ 0, 1 }, { res.project.MP.running[2011], res.quota_binding.Nd[2011] })
    assert.relatively_near((40 * 2 ^ (1 / 0.15) - 40) * 250 * 1000, res.rent.Nd[2011], 1e-9)
  end)

  it("runs the mine when the basket pays, and stocks the co-product no one buys", function()
    local res = scenario({ quota }):run()
    assert.near(0.12 * (40 * 2 ^ (1 / 0.15)), res.project.MP.basket[2012], 1e-6)
    assert.are.equal(1, res.project.MP.running[2012])
    assert.near(12000, res.mined.Nd[2012], 1e-9) -- 12% of 100,000 t REO
    -- 12,000 t at the US$5 floor is more than the world takes there: the
    -- price stops at the floor, China (which makes none at 5) imports, and
    -- buyers everywhere take D(5); demand curves through last year's use
    local a_cn = 1000 * 40 ^ 0.15
    local a_rw = (150 ^ 0.75 * 300 ^ 0.25 + 100 ^ 0.75 * 200 ^ 0.25) * 40 ^ 0.15
    local sold = (a_cn + a_rw) * 5 ^ -0.15
    assert.near(5, res.price.Nd.fob[2012], 1e-9)
    assert.near(5, res.price.Nd.cn[2012], 1e-9)
    assert.relatively_near(-a_cn * 5 ^ -0.15, res.exports.Nd[2012], 1e-9)
    assert.relatively_near(sold, res.sold.Nd[2012], 1e-9)
    assert.relatively_near(12000 - sold, res.stock.Nd[2012], 1e-9)
    -- 2013: the basket, 0.12 * 5 = 0.6 US$/kg, does not pay: the mine idles
    assert.are.same({ 0, 0 }, { res.project.MP.running[2013], res.mined.Nd[2013] })
  end)

  it("values the co-products it does not clear at last year's recorded price", function()
    -- Mountain Pass is 0.1% Eu and 0.05% Tb (models/data/deposits.json): with Eu2O3 at 2,000 US$/kg
    -- in 2011 and Tb4O7 at none on record, 2012's basket gains 0.001 * 2,000 = 2 US$/kg of REO
    local eu = ree.series { from = 2011, unit = "US$/kg", 2000 }
    local res = scenario({ quota }, { coproduct_prices = { Eu = eu, Tb = ree.series { from = 2012, unit = "US$/kg",
      5000 } } }):run()
    assert.near(0.12 * (40 * 2 ^ (1 / 0.15)) + 0.001 * 2000, res.project.MP.basket[2012], 1e-6)
    -- 2013 reads 2012's prices: Eu none on record, Tb 5,000 at 0.05%; Nd at the floor, 5
    assert.near(0.12 * 5 + 0.0005 * 5000, res.project.MP.basket[2013], 1e-6)
    assert.are.equal(0, res.project.MP.running[2013]) -- 3.1 < 10: still idle
    -- an element the model clears is valued at its own price, not at a record's
    local nd = scenario({ quota }, { coproduct_prices = { Nd = ree.series { from = 2011, unit = "US$/kg", 1e6 } } })
    assert.near(0.12 * (40 * 2 ^ (1 / 0.15)), nd:run().project.MP.basket[2012], 1e-6)
  end)

  it("balances every year: supply meets demand, mined material is sold, kept or thrown away", function()
    for _, surplus in ipairs({ "stock", "dispose" }) do
      local res = scenario({ quota }, { ["Nd.surplus"] = surplus }):run()
      local stock = 0
      for year = 2010, 2013 do
        local demand = res.demand.Nd.CN[year] + res.demand.Nd.JP[year] + res.demand.Nd.RW[year]
        assert.relatively_near(demand, res.supply.Nd.CN[year] + res.supply.Nd.RW[year], 1e-9)
        assert.near(res.mined.Nd[year] + stock,
          res.sold.Nd[year] + res.stock.Nd[year] + res.disposed.Nd[year], 1e-6)
        stock = res.stock.Nd[year]
      end
      if surplus == "dispose" then assert.are.equal(0, stock) end
    end
  end)

  it("thrifts by end use, and never un-thrifts", function()
    local uses = { { name = "magnets", share = 0.6, rmax = 0.2, m = 1, k_min = 0.5 },
      { name = "other", share = 0.4, rmax = 0, m = 1, k_min = 1 } }
    local res = scenario({ quota }, { ["Nd.uses"] = uses }):run()
    -- 2011 sees 2010's price, p0: no thrifting; 2012 sees 2011's, far
    -- above (1 + m) p0: magnets thrift at full speed, 0.5 + 0.5 * 0.8
    assert.are.equal(1, res.intensity.Nd.magnets[2011])
    assert.near(0.9, res.intensity.Nd.magnets[2012], 1e-15)
    assert.near(0.6 * 0.9 + 0.4, res.intensity.Nd.total[2012], 1e-15)
    -- 2013 sees 2012's price of 5, below p0: intensity stays where it went
    assert.near(0.9, res.intensity.Nd.magnets[2013], 1e-15)
    uses[2].share = 0.5
    assert.has_error(function() scenario(nil, { ["Nd.uses"] = uses }):run() end,
      "market model: the shares of Nd.uses sum to 1.1, not 1")
  end)

  it("moves magnet plants toward the cheaper inputs, unless something else holds them", function()
    local res = scenario({ quota }, nil, true):run()
    local share = res.location.magnet.CN
    assert.near(78000 / 98200, share[2010], 1e-12) -- no prices yet: plants stay
    -- 2011 sees 2010's prices, 40 everywhere: 0.208 kg Nd a kg of magnet alloy at
    -- 40 * 1.16638 US$/kg of metal; China's conversion is 5 cheaper than Japan's,
    -- its freight 1: costs CN = x + 21, JP = x + 25, RW = x + 30
    assert.near(0.208 * 40 * ree.oxide_factor "Nd" + 21, res.cost.magnet.CN[2011], 1e-9)
    local w = { 1, math.exp(-4 / 5), math.exp(-9 / 5) }
    local s_cn = w[1] / (w[1] + w[2] + w[3])
    local k_cn = 78000 + 0.25 * (s_cn * 98200 - 78000)
    assert.near(k_cn / 98200, share[2011], 1e-12)
    -- 2012 sees the quota year: Nd outside China 100 times dearer; new plants go to China
    assert.near((k_cn + 0.25 * (98200 - k_cn)) / 98200, share[2012], 1e-9)
    -- Japan's 2012 export control, as a cost on moving to China, slows the move
    local control = ree.policy { "export control", from = 2012, set = { ["loc.magnet.kappa.CN"] = 1000 } }
    local held = scenario({ quota, control }, nil, true):run()
    assert.is_true(held.location.magnet.CN[2012] < share[2011])
    local sc = scenario({ quota }, nil, true)
    sc.params["loc.rho"] = nil
    assert.has_error(function() sc:run() end, "location: no parameter 'loc.rho'")
  end)

  it("shares one tonnage quota between elements, and squeezes the cheap one", function()
    -- Nd and La with the same tonnes, La at a tenth of the price; one quota of
    -- 800 t REO from 2011 for exports that were 1,000 t (500 each) in 2010
    local params = {}
    for el, p0 in pairs({ Nd = 40, La = 4 }) do
      for k, v in pairs({ p0 = p0, d_cn0 = 1000, d_rw0 = 500, e_lr = -0.6, lambda = 0.25,
        s_cn = { { cost = p0, cap = 1e6 } }, tax = 0, vat_lost = 0, quota = false, cap = false, thrift_rmax = 0,
        thrift_m = 1, k_min = 1, p_floor = 0, surplus = "dispose" }) do
        params[el .. "." .. k] = { value = v, source = "assumption", range = { v, v } }
      end
    end
    params.quota_total = { value = ree.series { from = 2010, to = 2012, unit = "t", nil, 800, 800 },
      source = "assumption", range = { 0, 1000 } } -- 2010 missing: none yet
    local res = ree.scenario { name = "two elements", years = { 2010, 2012 }, params = params,
      model = market_model { elements = { "Nd", "La" } } }:run()
    assert.near(500, res.exports.La[2010], 1e-9)
    assert.near(800, res.exports.Nd[2011] + res.exports.La[2011], 1e-6)
    assert.is_true(res.licence.all[2011] > 0)
    -- the same licence per kg is a tenfold larger mark-up on La
    assert.is_true(res.exports.La[2011] < res.exports.Nd[2011])
    assert.is_true(res.ratio.La[2011] > res.ratio.Nd[2011])
    assert.near(res.price.Nd.fob[2011] - 40, res.price.La.fob[2011] - 4, 1e-6) -- both pay the licence
    -- quotas by group: only La's group has one
    params.quota_total = nil
    params["quota_total.light"] = { value = 300, source = "assumption", range = { 0, 500 } }
    params["quota_total.heavy"] = { value = false, source = "assumption" } -- none
    local split = ree.scenario { name = "two groups", years = { 2010, 2011 }, params = params,
      model = market_model { elements = { "Nd", "La" }, quota_groups = { light = { "La" }, heavy = { "Nd" } } } }:run()
    assert.near(300, split.exports.La[2011], 1e-6)
    -- "none" is false: the core's -1 is refused, named, where a user could write it
    params["quota_total.heavy"] = { value = -1, source = "assumption", range = { -1, -1 } }
    assert.has_error(function()
      ree.scenario { name = "minus one", years = { 2010, 2011 }, params = params,
        model = market_model { elements = { "Nd", "La" }, quota_groups = { light = { "La" }, heavy = { "Nd" } } } }
    end, "scenario: parameter 'quota_total.heavy' is -1, outside its range 0 to inf (market model: export quota " ..
      "for the group 'heavy' (false: none), in t REO)")
    assert.near(500, split.exports.Nd[2011], 1e-6)
    assert.is_true(split.licence.light[2011] > 0)
  end)

  it("names a missing parameter", function()
    local sc = scenario()
    sc.params["Nd.lambda"] = nil
    assert.has_error(function() sc:run() end, "market model: no parameter 'Nd.lambda'")
  end)

  it("names a misspelt option of the model or of plant location", function()
    assert.has_error(function() market_model { elements = { "Nd" }, region = { "RW" } } end,
      "market model: unknown option 'region' (did you mean 'regions'?)")
    assert.has_error(function() market_model { regions = { "RW" } } end,
      "market model: give its elements: { elements = { \"Nd\", ... }, regions = ..., quota_groups = ... }")
    assert.has_error(function() location.attach({}, { stage = {} }) end,
      "location.attach: unknown option 'stage' (did you mean 'stages'?)")
  end)
end)

