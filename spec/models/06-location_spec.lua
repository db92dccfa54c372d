local location = require "models.location"

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

  it("reads the rare earths a kg of alloy holds from a magnet grade", function()
    local q = location.inputs_of("jp-2011-mix", { "Nd", "Dy" })
    assert.near(0.208, q.Nd, 1e-12) -- 20.8 wt% (models/data/magnet-grades.json)
    assert.near(0.04, q.Dy, 1e-12)
  end)

  it("names what is wrong", function()
    assert.has_error(function() location.cost { inputs = { Dy = 0.04 }, prices = { Nd = 1 } } end,
      "location.cost: no price for 'Dy'")
    assert.has_error(function() location.cost { inputs = {}, prices = {}, duty = 1 } end,
      "unknown option 'duty' to 'location.cost'")
    assert.has_error(function() location.shares({ CN = 1 }, 0) end, "location.shares: mu must be positive")
    assert.has_error(function() location.move({ CN = 1 }, { CN = 1 }, 2) end,
      "location.move: rho must be between 0 and 1")
  end)
end)
