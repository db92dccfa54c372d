local ree = require("ree")

describe("compositions from tables #unit", function()
  it("take wt% with a balance element", function()
    local c = ree.composition { Nd = 29.5, Dy = 4, B = 1, balance = "Fe" }
    assert.near(0.295, c:mass_fraction "Nd", 1e-15)
    assert.near(0.655, c:mass_fraction "Fe", 1e-15)
    assert.near(1, c:atoms(), 1e-15) -- one mole of atoms
    -- so its molar mass is the mean atomic mass: 1 / sum(w_i / M_i)
    local mean = 1 / (0.295 / 144.242 + 0.04 / 162.5 + 0.01 / 10.81 + 0.655 / 55.845)
    assert.near(mean, c:molar_mass(), 1e-12)
  end)

  it("take mass fractions", function()
    local c = ree.composition { Nd = 0.3, Fe = 0.7, unit = "fraction" }
    assert.near(0.3, c:mass_fraction "Nd", 1e-15)
  end)

  it("give the REO content of a material", function()
    local c = ree.composition { Nd = 30, balance = "Fe" }
    assert.near(0.3 * ree.oxide_factor "Nd", c:reo_fraction(), 1e-15)
  end)

  it("refuse tables that do not add up, naming the problem", function()
    assert.has_error(function() ree.composition { Nd = 60, Dy = 50, balance = "Fe" } end,
      "composition: components sum to 110, more than 100, leaving nothing for balance 'Fe'")
    assert.has_error(function() ree.composition { Nd = 30, Fe = 60 } end,
      "composition: components sum to 90, not 100; name a balance element or fix the table")
    assert.has_error(function() ree.composition { Nd = -1, balance = "Fe" } end,
      "composition: mass of 'Nd' is negative (-1)")
    assert.has_error(function() ree.composition { Nd = 0 / 0, balance = "Fe" } end,
      "composition: mass of 'Nd' is not a number")
    assert.has_error(function() ree.composition { Xx = 1, balance = "Fe" } end,
      "composition table: unknown element 'Xx'")
    assert.has_error(function() ree.composition { Nd = "30", balance = "Fe" } end,
      "composition table: value of 'Nd' must be a number, got string")
    assert.has_error(function() ree.composition { Nd = 30, balance = "Fe", unit = "ppm" } end,
      "composition: unit must be 'wt%' or 'fraction', got 'ppm'")
  end)
end)

describe("mixing by mass #unit", function()
  it("weights each part by its mass", function()
    local magnet = ree.formula "Nd2Fe14B"
    local m = ree.mix { { magnet, 96 }, { ree.formula "Dy", 4 } }
    assert.near(0.04, m:mass_fraction "Dy", 1e-15)
    assert.near(0.96 * magnet:mass_fraction "Nd", m:mass_fraction "Nd", 1e-15)
  end)

  it("refuses bad parts", function()
    assert.has_error(function() ree.mix { { ree.formula "Nd", -1 } } end,
      "mix: mass of part 1 is negative or not a number")
    assert.has_error(function() ree.mix { { ree.formula "Nd", 0 } } end, "mix: all masses are zero")
    assert.has_error(function() ree.mix { { ree.formula "Nd" } } end, "mix: part 1 must be { composition, mass }")
  end)
end)
