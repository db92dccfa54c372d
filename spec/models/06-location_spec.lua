local ree = require("ree")
local location = require("ree.models.location")
local market_model = require("ree.models.market_model")
local china = require("ree.models.china")

--- Nd priced by hand: China supplies any amount at US$40/kg and taxes
-- oxide exports 25%, so the FOB price is 50 from the first year; the
-- stages given are placed among CN, JP and RW, with freight 1 US$/kg.
local function nd_market(stages, stage_params, policies, set)
  local function a(v) return { value = v, source = "assumption", range = { v, v } } end
  local params = { ["Nd.p0"] = a(40), ["Nd.d_cn0"] = a(1000), ["Nd.d_jp0"] = a(300), ["Nd.d_rw0"] = a(200),
    ["Nd.e_lr"] = a(-0.6), ["Nd.lambda"] = a(0.25), ["Nd.s_cn"] = a({ { cost = 40, cap = 1e6 } }),
    ["Nd.tax"] = a(0.25), ["Nd.vat_lost"] = a(0), ["Nd.quota"] = a(false), ["Nd.cap"] = a(false),
    ["Nd.thrift_rmax"] = a(0), ["Nd.thrift_m"] = a(1), ["Nd.k_min"] = a(1), ["Nd.p_floor"] = a(5),
    ["Nd.surplus"] = a("stock"), ["loc.mu"] = a(5), ["loc.rho"] = a(0.5), ["loc.freight"] = a(1) }
  for stage, sp in pairs(stage_params) do
    params["loc." .. stage .. ".duty"] = a(sp.duty or 0)
    for _, r in ipairs({ "CN", "JP", "RW" }) do
      params["loc." .. stage .. ".k0." .. r] = a(sp.k0[r])
      params["loc." .. stage .. ".conversion." .. r] = a(sp.conversion)
      params["loc." .. stage .. ".kappa." .. r] = a(0)
    end
  end
  for k, v in pairs(set or {}) do params[k] = a(v) end
  local model = location.attach(market_model { elements = { "Nd" }, regions = { "JP", "RW" } },
    { stages = stages, regions = { "CN", "JP", "RW" }, elements = { "Nd" } })
  return ree.scenario { name = "Nd by hand", years = { 2010, 2013 }, params = params, policies = policies,
    model = model }:run()
end

describe("plant location #models", function()
  -- By hand: 0.3 kg of Nd a kg of alloy; Nd at 100 US$/kg in China and 170
  -- outside (a wedge of 1.7); conversion 5 in China, 8 in Japan; freight 1;
  -- China's 25% duty on an alloy worth 60: made in China for Japan,
  -- 0.3 * 100 + 5 + 1 + 0.25 * 60 = 51; made in Japan, 0.3 * 170 + 8 = 59.
  local in_china = location.cost { inputs = { Nd = 0.3 }, prices = { Nd = 100 }, conversion = 5, freight = 1,
    export_duty = 0.25, p_out = 60 }
  local in_japan = location.cost { inputs = { Nd = 0.3 }, prices = { Nd = 170 }, conversion = 8, home = true,
    freight = 1, export_duty = 0.25, p_out = 60 }

  it("costs a stage by region, with duties only on what crosses a border", function()
    assert.near(51, in_china, 1e-12)
    assert.near(59, in_japan, 1e-12)
  end)

  it("shares new capacity by a logit over cost, and moves capacity with inertia", function()
    local s = location.shares({ CN = in_china, JP = in_japan }, 5)
    assert.near(1 / (1 + math.exp(-8 / 5)), s.CN, 1e-12)
    assert.near(1, s.CN + s.JP, 1e-15)
    -- 20 of 100 in China, a quarter of the way to 83.2
    local k = location.move({ CN = 20, JP = 80 }, s, 0.25)
    assert.near(20 + 0.25 * (100 * s.CN - 20), k.CN, 1e-12)
    assert.near(100, k.CN + k.JP, 1e-12) -- capacity moves, it is not made
  end)

  it("lets a cost that is not a price, as an export control, hold a plant back", function()
    -- a 10 US$/kg hazard on moving to China turns the 8 US$/kg advantage into a 2 US$/kg handicap
    local s = location.shares({ CN = in_china, JP = in_japan }, 5, { CN = 10 })
    assert.near(1 / (1 + math.exp(2 / 5)), s.CN, 1e-12)
    assert.is_true(s.CN < 0.5)
  end)

  it("keeps a closed region from taking capacity, and gives its share to the open ones", function()
    -- China would take half of 100; closed, it keeps its 20 and the 30 it
    -- would have taken go to Japan and the rest of the world as 0.3 : 0.2
    local k = location.move({ CN = 20, JP = 50, RW = 30 }, { CN = 0.5, JP = 0.3, RW = 0.2 }, 1, { CN = true })
    assert.are.same({ 20, 48, 32 }, { k.CN, k.JP, k.RW })
    -- capacity may still leave a closed region
    k = location.move({ CN = 20, JP = 80 }, { CN = 0.1, JP = 0.9 }, 1, { CN = true })
    assert.are.same({ 10, 90 }, { k.CN, k.JP })
  end)

  it("bars foreign capital from China's electrolysis when China's policy says so", function()
    -- Nd metal made from oxide that a 25% duty makes cheaper inside China,
    -- and the metal itself untaxed (a ladder's first rung): made in China,
    -- 40 * 1.1664 + 5 + 1 = 52.7 US$/kg against 50 * 1.1664 + 5 = 63.3
    -- outside. Without the bar, metal making moves to China; with it, it
    -- stays where it was
    local function run(policies)
      return nd_market({ metal = { Nd = 1 } }, { metal = { conversion = 5, k0 = { CN = 50, JP = 25, RW = 25 } } },
        policies)
    end
    local open, closed = run(), run({ china.foreign_capital() })
    assert.are.equal(0.5, open.location.metal.CN[2010]) -- no prices yet: plants stay
    -- China's logit share at 10 f - 1 US$/kg cheaper (f kg of oxide a kg of
    -- metal), approached half the way each year from 2011
    local s = 1 / (1 + 2 * math.exp(-(10 * ree.oxide_factor("Nd") - 1) / 5))
    assert.near(s - (s - 0.5) / 8, open.location.metal.CN[2013], 1e-12)
    for year = 2010, 2013 do assert.near(0.5, closed.location.metal.CN[year], 1e-12) end
    assert.near(0.25, closed.location.metal.JP[2013], 1e-12) -- same costs outside China: they share alike
  end)

  it("buys a stage's input where it is cheapest delivered, so a duty on alloy moves magnet making", function()
    -- alloy of 0.3 kg Nd a kg, made for 2 US$/kg more; magnets of 1.05 kg
    -- alloy, made for 10 more. With f kg of oxide a kg of Nd, alloy costs
    -- 0.3 * 40 f + 2 = 12 f + 2 in China and 15 f + 2 outside. Untaxed,
    -- Chinese alloy reaches Japan for 12 f + 3, cheaper than its own; a
    -- 25% duty makes it 12 f + 2 + 1 + 0.25 (12 f + 2) = 15 f + 3.5, dearer
    local f = ree.oxide_factor("Nd")
    local stages = { alloy = { Nd = 0.3 }, magnet = { from = "alloy", per_kg = 1.05 } }
    local function run(alloy_duty)
      return nd_market(stages, { alloy = { conversion = 2, duty = alloy_duty, k0 = { CN = 1, JP = 1, RW = 1 } },
        magnet = { conversion = 10, k0 = { CN = 1, JP = 1, RW = 1 } } })
    end
    local free, taxed = run(0), run(0.25)
    assert.near(1.05 * (12 * f + 3) + 10, free.cost.magnet.JP[2011], 1e-9)
    assert.near(1.05 * (15 * f + 2) + 10, taxed.cost.magnet.JP[2011], 1e-9)
    -- China's magnets use China's alloy, and pay freight to reach buyers abroad
    assert.near(1.05 * (12 * f + 2) + 10 + 1, taxed.cost.magnet.CN[2011], 1e-9)
    -- the duty raises China's cost of selling alloy abroad, and moves magnet making to China
    assert.near(12 * f + 2 + 1 + 0.25 * (12 * f + 2), taxed.cost.alloy.CN[2011], 1e-9)
    assert.is_true(taxed.location.magnet.CN[2013] > free.location.magnet.CN[2013])
    assert.is_true(taxed.location.alloy.CN[2013] < free.location.alloy.CN[2013])
    local priced = market_model { elements = { "Nd" } }
    assert.has_error(function()
      location.attach(priced, { stages = { magnet = { from = "alloy", per_kg = 1 } }, regions = { "CN" },
        elements = {} })
    end, "location: stage 'magnet' is made from 'alloy', which is not placed")
  end)

  it("reads the market's prices only through what the model exposes", function()
    assert.has_error(function() location.attach({}, { stages = {}, regions = { "CN" }, elements = {} }) end,
      "location.attach: the model must expose its prices (model.exposes: cleared, price, price_in_china)")
    -- a model of another layout works as long as it exposes them: prices 10 and 8 US$/kg
    local own = { exposes = {
      cleared = function() return true end,
      price = function() return 10 end,
      price_in_china = function() return 8 end,
    } }
    local attached = location.attach(own, { stages = { metal = { Nd = 1 } }, regions = { "CN", "JP" },
      elements = { "Nd" } })
    local p = { ["loc.freight"] = 1, ["loc.mu"] = 5, ["loc.rho"] = 0.5, ["loc.metal.duty"] = 0 }
    for _, r in ipairs({ "CN", "JP" }) do
      p["loc.metal.k0." .. r], p["loc.metal.conversion." .. r], p["loc.metal.kappa." .. r] = 50, 2, 0
    end
    local recorded = {}
    local state = { memory = {}, record = function(path, v) recorded[path] = v end }
    attached.init(state, p)
    attached.location(state, p)
    -- a kg of metal takes f kg of oxide: 8 f + 2 in China, plus 1 of freight to buyers abroad
    local f = ree.oxide_factor "Nd"
    assert.near(8 * f + 2 + 1, recorded["cost.metal.CN"], 1e-12)
    assert.near(10 * f + 2, recorded["cost.metal.JP"], 1e-12)
  end)

  it("reads the rare earths a kg of alloy holds from a magnet grade", function()
    local q = location.inputs_of("jp-2011-mix", { "Nd", "Dy" })
    assert.near(0.208, q.Nd, 1e-12) -- 20.8 wt% (models/data/magnet-grades.json)
    assert.near(0.04, q.Dy, 1e-12)
  end)

  it("names what is wrong", function()
    assert.has_error(function() location.cost { inputs = { Dy = 0.04 }, prices = { Nd = 1 } } end,
      "location.cost: no price for 'Dy'")
    assert.has_error(function() location.cost { inputs = {}, prices = {}, duty = 1 } end,
      "location.cost: unknown option 'duty'")
    assert.has_error(function() location.shares({ CN = 1 }, 0) end, "location.shares: mu must be positive")
    assert.has_error(function() location.move({ CN = 1 }, { CN = 1 }, 2) end,
      "location.move: rho must be between 0 and 1")
  end)
end)
