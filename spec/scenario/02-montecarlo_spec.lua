local ree = require("ree")
local core = require("ree.core")
local montecarlo = require("ree.montecarlo")

--- A model whose output a hand can predict: y = 3 x + z, every year.
local linear = {
  diagnostics = function(state, p) state.record("y", 3 * p.x + p.z, "t") end,
}

local function scenario()
  return ree.scenario { name = "linear", years = { 2000, 2002 }, model = linear,
    params = { x = { value = 0.5, source = "assumption", range = { 0, 1 } },
      z = { value = 0.5, source = "assumption", range = { 0, 1 } } } }
end

local function mc(opts)
  local spec = { scenario = scenario(), runs = 20, seed = 42, collect = { "y" }, progress = false,
    sample = { x = ree.dist.uniform(0, 1), z = ree.dist.normal(0, 1) } }
  for k, v in pairs(opts or {}) do spec[k] = v end
  return ree.montecarlo(spec)
end

describe("Monte Carlo #scenario", function()
  it("gives identical runs for the same seed, and other runs for another", function()
    assert.are.same(mc().values, mc().values)
    assert.are.same(mc().plan, mc().plan)
    assert.are_not.same(mc().plan, mc({ seed = 43 }).plan)
    assert.are.same(mc({ lhs = false }).plan, mc({ lhs = false }).plan)
  end)

  it("puts one Latin hypercube draw in each stratum", function()
    local plan = mc({ runs = 10 }).plan
    local strata = {}
    for i = 1, 10 do strata[#strata + 1] = math.floor(plan[i].x * 10) end
    table.sort(strata)
    assert.are.same({ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, strata)
  end)

  it("inverts the distributions it samples", function()
    assert.near(1.959963985, ree.dist.normal(0, 1).quantile(0.975), 1e-8)
    assert.near(10 + 2 * -1.644853627, ree.dist.normal(10, 2).quantile(0.05), 1e-8)
    assert.near(2.5, ree.dist.uniform(2, 3).quantile(0.5), 1e-15)
    -- triangular(0, 1, 4): the mode at F = 1/4; above it F = 1 - (4 - x)^2 / 12,
    -- so the median solves (4 - x)^2 = 6
    assert.near(1, ree.dist.triangular(0, 1, 4).quantile(0.25), 1e-15)
    assert.near(4 - math.sqrt(6), ree.dist.triangular(0, 1, 4).quantile(0.5), 1e-15)
    -- lognormal with mean 1, sd 1: sigma^2 = ln 2, median = exp(-ln 2 / 2)
    assert.near(1 / math.sqrt(2), ree.dist.lognormal(1, 1).quantile(0.5), 1e-12)
    -- a distribution of a function of a draw: a series scaled by a uniform factor
    local scaled = ree.dist.map(ree.dist.uniform(0, 2),
      function(x) return ree.series { from = 2010, unit = "t", 1, 2 } * x end)
    assert.are.equal(3, scaled.quantile(0.75)[2011]) -- factor 1.5
    assert.has_error(function() ree.dist.map(ree.dist.uniform(0, 1), 3) end, "map: give a distribution and a function")
    local d = ree.dist.discrete({ "a", "b" }, { 1, 3 })
    assert.are.same({ "a", "b", "b" }, { d.quantile(0.2), d.quantile(0.3), d.quantile(0.99) })
  end)

  it("gives quantile bands over the runs", function()
    -- five LHS runs of a discrete 1..5 take each value once: y = 3x, sorted
    -- 3, 6, 9, 12, 15; type-7 quantiles: p05 = 3 + 0.2 * 3, p25 = 6, p50 = 9
    local m = mc({ runs = 5, sample = { x = ree.dist.discrete({ 1, 2, 3, 4, 5 }), z = ree.dist.uniform(0, 0) } })
    local b = m:bands "y"
    assert.near(3.6, b.p05[2001], 1e-12)
    assert.are.same({ 6, 9, 12 }, { b.p25[2001], b.p50[2001], b.p75[2001] })
    assert.near(14.4, b.p95[2002], 1e-12)
    local q = m:quantiles("y", 2001) -- one year's, without the series
    assert.are.same({ 6, 9, 12 }, { q.p25, q.p50, q.p75 })
    assert.near(3.6, q.p05, 1e-12)
    assert.has_error(function() m:quantiles("y", 2003) end, "montecarlo: 'y' has no year 2003 (2000-2002)")
    assert.has_error(function() m:quantiles("y", 2001, 2) end, "montecarlo: 'y' is yearly: give a year, not a step")
    assert.has_error(function() m:quantiles("x", 2001) end, "montecarlo: 'x' was not collected")
    assert.are.equal("t", b.p50:unit())
    assert.are.equal(5, m:count())
    assert.truthy(m:chart("y", { source = "a test" }):find("5 runs, seed 42", 1, true))
  end)

  it("weighs its runs, and its bands follow the weights, by hand", function()
    -- the five runs above, y = 3, 6, 9, 12, 15
    local m = mc({ runs = 5, sample = { x = ree.dist.discrete({ 1, 2, 3, 4, 5 }), z = ree.dist.uniform(0, 0) } })
    local weights = {}
    local function by_y(row) return weights[row.y[2]] end
    -- every run alike: the unweighted bands
    weights = { [3] = 1, [6] = 1, [9] = 1, [12] = 1, [15] = 1 }
    assert.are.equal(5, m:weigh(by_y))
    assert.near(3.6, m:quantiles("y", 2001).p05, 1e-12)
    assert.are.equal(9, m:quantiles("y", 2001).p50)
    -- those above 9 ruled out: the bands of 3, 6 and 9 (type 7: p05 = 3 + 0.1 * 3)
    weights = { [3] = 1, [6] = 1, [9] = 1, [12] = 0, [15] = 0 }
    assert.are.equal(3, m:weigh(by_y))
    assert.near(3.3, m:quantiles("y", 2001).p05, 1e-12)
    assert.are.equal(6, m:bands("y").p50[2002])
    assert.truthy(m:chart("y", { source = "a test" }):find("5 runs weighted (as 3), seed 42", 1, true))
    -- 3, 6, 9 weighing 1, 1, 2: placed at 0, (2 - 0.5 - 0.5) / 2.5 = 0.4 and 1, so that the median
    -- is 6 + (0.1 / 0.6) * 3 and p25 = 3 + (0.25 / 0.4) * 3; 16 / 6 runs' worth
    weights = { [3] = 1, [6] = 1, [9] = 2, [12] = 0, [15] = 0 }
    assert.near(16 / 6, m:weigh(by_y), 1e-12)
    assert.near(6.5, m:quantiles("y", 2001).p50, 1e-12)
    assert.near(4.875, m:quantiles("y", 2001).p25, 1e-12)
    assert.are.equal(16 / 6, m:effective_runs())
    local sorted = { { 3, 1 }, { 6, 1 }, { 9, 2 } }
    assert.are.equal(6, montecarlo.weighted_quantile(sorted, 0.5, true)) -- the nearest point: 6 at 0.4
    assert.are.equal(9, montecarlo.weighted_quantile(sorted, 0.75, true))
    assert.has_error(function() m:weigh() end, "weigh: give a function(row, i) of a run's weight")
    assert.has_error(function() m:weigh(function() return -1 end) end,
      "weigh: run 1's weight is -1, not a finite number 0 or more")
    assert.has_error(function() m:weigh(function() return 0 / 0 end) end,
      "weigh: run 1's weight is " .. tostring(0 / 0) .. ", not a finite number 0 or more")
    assert.has_error(function() m:weigh(function() return 0 end) end, "weigh: every run weighs 0")
    assert.near(16 / 6, m:effective_runs(), 1e-12) -- a refused weighing leaves the weights as they were
  end)

  it("ranks parameters by their swing in a tornado", function()
    local rows = ree.tornado { scenario = scenario(), output = "y", year = 2001,
      sample = { x = ree.dist.uniform(0, 1), z = ree.dist.uniform(0, 1) } }
    -- x from 0.1 to 0.9 moves y by 3 * 0.8; z by 0.8; each with the other at 0.5
    assert.are.same({ "x", "z" }, { rows[1].param, rows[2].param })
    assert.near(2.4, rows[1].swing, 1e-12)
    assert.near(3 * 0.1 + 0.5, rows[1].low, 1e-12)
    assert.near(0.8, rows[2].swing, 1e-12)
  end)

  it("joins shards into exactly the unsharded runs, through JSON", function()
    local whole = mc({ runs = 7 })
    local parts, names = {}, {}
    for k = 1, 3 do
      local part = mc({ runs = 7, only = function(i) return (i - 1) % 3 == k - 1 end })
      local text = core.json_encode(part:export { scenario = "linear", shard = k, shards = 3 })
      parts[k], names[k] = assert(core.json_decode(text)), "shard " .. k
    end
    assert.are.same(whole.values, montecarlo.join(parts, names).values)
    -- each run's sampled inputs too, to the bit, for the runs' export
    assert.are.same(whole.plan, montecarlo.join(parts, names).plan)
    assert.are.same({ "x", "z" }, montecarlo.join(parts, names).inputs)
    assert.has_error(function() montecarlo.join({ parts[1], parts[1] }, names) end,
      "merge: run 1 is in both shard 1 and shard 2")
    local other = assert(core.json_decode(core.json_encode(mc({ runs = 7, seed = 9 }):export {
      scenario = "linear", shard = 2, shards = 3 })))
    assert.has_error(function() montecarlo.join({ parts[1], other }, names) end,
      "merge: shard 2 has seed 9, shard 1 has 42")
    local other_vars = assert(core.json_decode(core.json_encode(mc({ runs = 7, collect = { "y", "y" } }):export {
      scenario = "linear", shard = 2, shards = 3 })))
    assert.has_error(function() montecarlo.join({ parts[1], other_vars }, names) end,
      "merge: shard 2 collects other variables than shard 1")
    assert.has_error(function() montecarlo.join({ { format = "csv" } }, { "x.json" }) end,
      "merge: x.json is not a ree sweep file")
    local bad_input = assert(core.json_decode(core.json_encode(parts[2])))
    bad_input.samples["2"][1] = "x"
    assert.has_error(function() montecarlo.join({ parts[1], bad_input, parts[3] }, names) end,
      "merge: shard 2: run 2's input 'x' is string, not a number or a series")
    bad_input.samples["2"] = { 1 }
    assert.has_error(function() montecarlo.join({ parts[1], bad_input, parts[3] }, names) end,
      "merge: shard 2: run 2 has not one sampled value for each of its 2 inputs")
    local no_inputs = assert(core.json_decode(core.json_encode(parts[2])))
    no_inputs.samples, no_inputs.inputs = nil, nil
    assert.has_error(function() montecarlo.join({ parts[1], no_inputs, parts[3] }, names) end,
      "merge: shard 2 samples other inputs than shard 1")
    table.remove(parts, 2)
    assert.has_error(function() montecarlo.join(parts, names) end,
      "merge: run 2 of 7 is missing (is a shard file missing?)")
  end)

  it("keeps a series drawn whole as an input through a shard file", function()
    -- a mapped distribution may draw a series: x's path scaled by a uniform draw
    local path = ree.series { from = 2000, unit = "t", 1, 2, 4 }
    local sc = ree.scenario { name = "path", years = { 2000, 2002 }, model = {
      diagnostics = function(state, p) state.record("y", p.x * 2, "t") end },
      params = { x = { value = path, source = "assumption", range = { 0, 4 } } } }
    local spec = { scenario = sc, runs = 3, seed = 1, collect = { "y" }, progress = false,
      sample = { x = ree.dist.map(ree.dist.uniform(0, 1), function(u) return path * u end, "x: the path times u") } }
    local whole = ree.montecarlo(spec)
    local text = core.json_encode(whole:export { scenario = "path", shard = 1, shards = 1 })
    local joined = montecarlo.join({ assert(core.json_decode(text)) }, { "shard" })
    for i = 1, 3 do assert.are.same(whole.plan[i].x:values(), joined.plan[i].x:values()) end
    local csv = require("ree.export").montecarlo_csv(joined)
    assert.are.equal("run,x 2000,x 2001,x 2002,y 2000,y 2001,y 2002", csv:match("^[^\n]*"))
  end)

  it("names what is wrong with its options", function()
    assert.has_error(function() mc({ sample = { y = ree.dist.uniform(0, 1) } }) end,
      "montecarlo: the scenario has no parameter 'y'")
    assert.has_error(function() mc({ collect = {} }) end, "montecarlo: give variables to collect")
    assert.has_error(function() mc({ run = 3 }) end, "montecarlo: unknown option 'run' (did you mean 'runs'?)")
    assert.has_error(function() mc():bands("x") end, "montecarlo: 'x' was not collected")
    assert.has_error(function() ree.dist.triangular(0, 5, 4) end, "triangular: give a <= mode <= b, a < b")
    assert.has_error(function() ree.dist.uniform(2, 1) end, "uniform: give a <= b")
    assert.has_error(function() ree.dist.normal(0, 0) end, "normal: sd must be positive")
    assert.has_error(function() ree.dist.lognormal(-1, 1) end, "lognormal: mean and sd must be positive")
    assert.has_error(function() ree.dist.discrete {} end, "discrete: give a list of values")
    assert.has_error(function() mc({ runs = 0 }) end, "montecarlo: give a number of runs")
  end)
end)
