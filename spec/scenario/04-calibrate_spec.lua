local ree = require("ree")

--- The growth model: a stock of 100 t that grows by `rate` of itself plus
-- `inflow` each year; `noise` is a parameter it never reads.
local growth = {
  init = function(state) state.memory.stock = 100 end,
  supply = function(state, p) state.memory.stock = state.memory.stock * (1 + p.rate) + p.inflow end,
  diagnostics = function(state)
    state.record("stock", state.memory.stock, "t")
    state.record("half", state.memory.stock / 2, "t")
  end,
}

local function scenario(rate)
  return ree.scenario { name = "growth", years = { 2000, 2002 }, model = growth,
    params = { rate = { value = rate, source = "assumption", range = { 0, 0.2 } },
      inflow = { value = ree.series { from = 2000, unit = "t", 0, 0, 10 }, source = "seed-2012" },
      noise = { value = 1, source = "assumption", range = { 0, 2 } } } }
end

-- what the model gives at rate 0.07, by hand: 107, 114.49, 132.5043
local observed = ree.series { from = 2000, unit = "t", 107, 114.49, 132.5043 }

describe("calibration #unit", function()
  it("recovers the rate that made the data, with its standard error by hand", function()
    local fit = ree.calibrate { scenario = scenario(0.1), fit = { "rate" },
      targets = { { "stock", data = observed, sd = 1 } } }
    assert.near(0.07, fit.values.rate, 1e-6)
    assert.near(0, fit.s, 1e-8)
    -- d stock / d rate: 100, 200 (1 + r), 300 (1 + r)^2 at r = 0.07, so
    -- J'J = 100^2 + 214^2 + 343.47^2 and sd = 1 / sqrt(J'J)
    assert.near(1 / math.sqrt(100 ^ 2 + 214 ^ 2 + 343.47 ^ 2), fit.sd.rate, 1e-6)
    assert.is_true(fit.identified.rate)
    assert.are.equal(3, fit.points)
    assert.are.equal(2, fit.df)
    assert.near(132.5043, fit:scenario():run().stock[2002], 1e-4)
  end)

  it("says which parameters the data cannot identify", function()
    local fit = ree.calibrate { scenario = scenario(0.1), fit = { "rate", "noise" },
      targets = { { "stock", data = observed, rel = 0.01 } } }
    assert.near(0.07, fit.values.rate, 1e-5)
    assert.is_true(fit.identified.rate)
    assert.is_false(fit.identified.noise) -- the model never reads it
    assert.are.equal(math.huge, fit.sd.noise)
    assert.matches("noise +1 +[%d.]+ +%- +0 to 2 +no: the data leave it free", tostring(fit))
  end)

  it("holds out a window of a series and fits the years outside it", function()
    -- stock held out in 2001-2002: only 2000's 107 t is fitted, which r = 0.07 makes exactly
    local fit = ree.calibrate { scenario = scenario(0.1), fit = { "rate" },
      hold_out = { { "stock", from = 2001, to = 2002 } },
      targets = { { "stock", data = ree.series { from = 2000, unit = "t", 107 }, sd = 1 } } }
    assert.near(0.07, fit.values.rate, 1e-6)
    assert.are.equal(1, fit.points)
    assert.matches("held out, never fitted: stock %(2001%-2002%)", tostring(fit))
    assert.has_error(function()
      ree.calibrate { scenario = scenario(0.1), fit = { "rate" }, hold_out = { { "stock", from = 2001, to = 2002 } },
        targets = { { "stock", data = observed, sd = 1 } } }
    end, "calibrate: target 'stock' has data for 2001, inside its held-out years 2001-2002")
    assert.has_error(function()
      ree.calibrate { scenario = scenario(0.1), fit = { "rate" }, hold_out = { { "stock", from = 2002 } },
        targets = { { "half", data = observed, sd = 1 } } }
    end, "calibrate: hold_out 1: give a result path, or { path, from = year, to = year }")
  end)

  it("refuses to fit what it was told to hold out, and targets without data", function()
    assert.has_error(function()
      ree.calibrate { scenario = scenario(0.1), fit = { "rate" }, hold_out = { "stock" },
        targets = { { "stock", data = observed, sd = 1 } } }
    end, "calibrate: 'stock' is held out; it cannot also be a target")
    assert.has_error(function()
      ree.calibrate { scenario = scenario(0.1), fit = { "rate" }, years = { 2001, 2002 },
        targets = { { "stock", data = ree.series { from = 2000, unit = "t", 107 }, sd = 1 } } }
    end, "calibrate: target 'stock' has no data in 2001-2002, the years fitted")
    assert.has_error(function()
      ree.calibrate { scenario = scenario(0.1), fit = { "rate" }, targets = { { "stok", data = observed, sd = 1 } } }
    end, "calibrate: the scenario records no 'stok' (did you mean 'stock'?)")
    assert.has_error(function()
      ree.calibrate { scenario = scenario(0.1), fit = { "rate" }, targets = { { "stock", data = observed } } }
    end, "calibrate: target 'stock' needs an sd (in the data's unit) or rel (a fraction of each value), one of them")
  end)

  it("refuses parameters it cannot fit, and ranges it cannot search", function()
    local function fit(f) return function() ree.calibrate { scenario = scenario(0.1), fit = f,
      targets = { { "stock", data = observed, sd = 1 } } } end end
    assert.has_error(fit { "rtae" }, "calibrate: the scenario has no parameter 'rtae' (did you mean 'rate'?)")
    assert.has_error(fit { "inflow" }, "calibrate: 'inflow' is a series; only a number can be fitted")
    assert.has_error(fit { rate = { 0.2, 0.3 } }, "calibrate: 'rate' starts at 0.1, outside its range 0.2 to 0.3")
    assert.has_error(fit { rate = { 0.3, 0.2 } }, "calibrate: 'rate' needs a range to search, { lo, hi } with lo < hi")
    assert.has_error(fit {}, "calibrate: give the parameters to fit: fit = { \"name\", ... }")
    assert.has_error(function() ree.calibrate { scenario = scenario(0.1), fit = { "rate" }, max_runs = 0,
      targets = { { "stock", data = observed, sd = 1 } } } end,
      "calibrate: max_runs must be a whole number of runs, 1 or more")
  end)

  it("says so when the optimiser does not converge, with the best point it found", function()
    assert.has_error(function()
      ree.calibrate { scenario = scenario(0.1), fit = { "rate" }, max_runs = 3,
        targets = { { "stock", data = observed, sd = 1 } } }
    end)
    local ok, err = pcall(ree.calibrate, { scenario = scenario(0.1), fit = { "rate" }, max_runs = 3,
      targets = { { "stock", data = observed, sd = 1 } } })
    assert.is_false(ok)
    assert.matches("^calibrate: no convergence in 3 runs %(best S [%d.e+-]+ at rate = [%d.e+-]+%); allow more with " ..
      "max_runs, or fit fewer parameters$", err)
  end)

  it("judges other runs by the data it was fitted to, by hand", function()
    -- the rate held at 0.1 (only noise, which the model never reads, is
    -- fitted): 110, 121, 143.1 t against 107, 114.49, 132.5043, residuals
    -- 3, 6.51 and 10.5957 at sd 1, so S = 163.64895849 on 3 - 1 = 2
    -- degrees of freedom and the sds are widened by k = S / 2
    local fit = ree.calibrate { scenario = scenario(0.1), fit = { "noise" },
      targets = { { "stock", data = observed, sd = 1 } } }
    assert.near(163.64895849, fit.s, 1e-6)
    local same = scenario(0.1):run()
    assert.near(163.64895849, fit:misfit(same), 1e-6)
    assert.near(10.5957 / math.sqrt(163.64895849 / 2), fit:implausibility(same), 1e-9)
    -- the rate that made the data: no residual at all
    assert.near(0, fit:misfit(scenario(0.07):run()), 1e-8)
    assert.near(0, fit:implausibility(scenario(0.07):run()), 1e-6)
    -- a run's values as a function, and one a year short: infinitely bad
    local given = { [2000] = 107, [2001] = 114.49, [2002] = 132.5043 }
    assert.near(0, fit:misfit(function(_, year) return given[year] end), 1e-12)
    given[2002] = nil
    assert.are.equal(math.huge, fit:implausibility(function(_, year) return given[year] end))
    assert.has_error(function() fit:misfit(42) end,
      "calibrate: give a run's Results or a function(path, year) of its values, not number")
  end)
end)
