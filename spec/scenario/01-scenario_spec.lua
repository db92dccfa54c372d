local ree = require("ree")

--- A model a hand can follow: a stock that grows by `rate` of itself plus
-- `inflow` each year, recorded as "stock" (t).
local growth = {
  init = function(state) state.memory.stock = 100 end,
  supply = function(state, p) state.memory.stock = state.memory.stock * (1 + p.rate) + p.inflow end,
  diagnostics = function(state) state.record("stock", state.memory.stock, "t") end,
}

local function scenario(policies, checks)
  return ree.scenario { name = "growth", years = { 2000, 2004 }, model = growth,
    params = { rate = { value = 0.1, source = "assumption", range = { 0, 0.2 } },
      inflow = { value = ree.series { from = 2000, unit = "t", 0, 0, 10, 10, 10 }, source = "seed-2012" } },
    policies = policies, checks = checks }
end

describe("scenarios #unit", function()
  it("run year by year and record series", function()
    local res = scenario():run()
    -- by hand: 110, 121, 143.1, 167.41, 194.151
    local s = res.stock
    assert.near(110, s[2000], 1e-12)
    assert.near(143.1, s[2002], 1e-12)
    assert.near(194.151, s[2004], 1e-12)
    assert.are.equal("t", s:unit())
    assert.are.same({ "stock" }, res:variables())
    assert.are.same({ { source = "assumption", params = { "rate" } }, { source = "seed-2012", params = { "inflow" } } },
      res:sources())
  end)

  it("apply policies in their years and in their order", function()
    local res = scenario({
      ree.policy { "double the rate", from = 2002, scale = { rate = 2 } },
      ree.policy { "no inflow", from = 2003, to = 2003, set = { inflow = 0 } },
    }):run()
    -- 110, 121, then 121 * 1.2 + 10 = 155.2, 155.2 * 1.2 + 0 = 186.24, * 1.2 + 10 = 233.488
    assert.near(155.2, res.stock[2002], 1e-12)
    assert.near(186.24, res.stock[2003], 1e-12)
    assert.near(233.488, res.stock[2004], 1e-12)
    -- the order matters: set after scale wins
    local res2 = scenario({ ree.policy { "scale", scale = { rate = 2 } },
      ree.policy { "set", set = { rate = 0 } } }):run()
    assert.near(100, res2.stock[2000], 1e-12)
  end)

  it("fork from a year and branch with other policies", function()
    local sc = scenario()
    local base = sc:run()
    local f = sc:fork(2002):apply(ree.policy { "no growth", set = { rate = 0 } })
    local branch = f:run()
    assert.are.equal(base.stock[2001], branch.stock[2001]) -- the shared history
    assert.near(131, branch.stock[2002], 1e-12)             -- 121 + 10, no growth
    assert.are.equal("growth from 2002", f.name)
    assert.has_error(function() sc:fork(1999) end, "fork: 1999 is not a year of scenario 'growth' (2000-2004)")
  end)

  it("are deterministic", function()
    assert.are.equal(scenario():run().stock, scenario():run().stock)
  end)

  it("compare two results side by side", function()
    local a = scenario():run()
    local b = scenario({ ree.policy { "faster", scale = { rate = 1.5 } } }):run()
    local c = ree.compare { base = a, faster = b }
    local text = tostring(c)
    assert.truthy(text:find("variable", 1, true))
    assert.truthy(text:find("stock", 1, true))
    assert.truthy(text:find("194", 1, true))
    local plotted = c:plot("stock", { print = false, ascii = true, width = 50 })
    assert.truthy(plotted:find("* base", 1, true))
  end)

  it("report check violations by year", function()
    local res = scenario(nil, {
      ree.check.always("the stock stays under 150", function(state)
        return state.memory.stock < 150, "stock " .. state.memory.stock end),
      ree.check.close_to("stock", ree.series { from = 2000, unit = "t", name = "observed", 110, 121, 150 }, 0.01),
    }):run()
    assert.are.same({ check = "the stock stays under 150", year = 2003, why = "stock 167.41" }, res.violations[2])
    assert.are.same({ check = "stock close to observed", year = 2002, why = "143.1 against 150 (tolerance 0.01)" },
      res.violations[1])
    assert.are.equal(3, #res.violations)
  end)

  it("refuse parameters without a source and unknown options", function()
    assert.has_error(function() ree.scenario { years = { 2000, 2001 }, model = growth,
      params = { rate = { value = 0.1 } } } end, "scenario: parameter 'rate' needs a source (or \"assumption\")")
    assert.has_error(function() ree.scenario { years = { 2000, 2001 }, model = growth,
      params = { rate = { value = 0.1, source = "assumption" } } } end,
      "scenario: parameter 'rate' is an assumption without a range")
    assert.has_error(function() ree.scenario { years = { 2000, 2001 }, model = growth,
      params = { rate = { value = 0.1, source = "hearsay" } } } end,
      "scenario: parameter 'rate' cites unknown source 'hearsay'")
    assert.has_error(function() ree.scenario { years = { 2000, 2001 }, model = { growh = function() end } } end,
      "scenario: the model has an unknown step 'growh'")
    assert.has_error(function() ree.scenario { years = { 2001, 2000 }, model = growth } end,
      "scenario: years must be { first, last }")
    assert.has_error(function() ree.policy { from = 2000 } end,
      "policy: give it a name: ree.policy { \"name\", from = YEAR, ... }")
    assert.has_error(function() ree.scenario { years = { 2000, 2001 }, model = growth,
      params = { rate = {} } } end, "scenario: parameter 'rate' needs a value")
    assert.has_error(function() ree.scenario "growth" end, "bad argument #1 to 'scenario' (table expected, got string)")
    assert.has_error(function() ree.scenario { years = { 2000, 2001 }, model = growth, year = 2000 } end,
      "scenario: unknown option 'year' (did you mean 'years'?)")
    assert.has_error(function() ree.scenario { years = { 2000, 2001 } } end, "scenario: give a model: a table of steps")
    assert.has_error(function() ree.scenario { years = { 2000, 2001 }, model = { supply = 1 } } end,
      "scenario: step 'supply' must be a function")
    assert.has_error(function() ree.scenario { years = { 2000, 2001 }, model = { exposes = print } } end,
      "scenario: the model's exposes must be a table")
    assert.has_error(function() ree.policy { "late", form = 2000 } end,
      "policy 'late': unknown key 'form' (did you mean 'from'?)")
  end)

  it("refuse a parameter that no part of the scenario reads, naming the nearest", function()
    local set = scenario({ ree.policy { "typo", from = 2002, set = { inflw = 5 } } })
    assert.has_error(function() set:run() end, "policy 'typo': unknown parameter 'inflw' (did you mean 'inflow'?)")
    local applied = scenario({ ree.policy { "by hand", apply = function(p) p.Rate = 0 end } })
    assert.has_error(function() applied:run() end,
      "policy 'by hand': unknown parameter 'Rate' (did you mean 'rate'?)")
    local far = scenario({ ree.policy { "far off", set = { quota = 1 } } })
    assert.has_error(function() far:run() end, "policy 'far off': unknown parameter 'quota'")
    -- a model may name what it reads when it is there: a policy may set that
    local optional = { optional = { "bonus" } }
    for k, v in pairs(growth) do optional[k] = v end
    local sc = ree.scenario { years = { 2000, 2000 }, model = optional,
      params = { rate = { value = 0, source = "assumption", range = { 0, 1 } },
        inflow = { value = 0, source = "seed-2012" } },
      policies = { ree.policy { "bonus", set = { bonus = 1 } } } }
    assert.near(100, sc:run().stock[2000], 1e-12)
  end)

  it("refuse a result path they did not record, naming the nearest", function()
    local res = scenario():run()
    assert.has_error(function() return res.stok end, "no variable 'stok' in the results (did you mean 'stock'?)")
    assert.is_true(res:has("stock"))
    assert.is_false(res:has("stok"))
  end)

  it("make copies with with and fork that share no policy list", function()
    local sc = scenario({ ree.policy { "no inflow", set = { inflow = 0 } } })
    local draw = sc:with { rate = 0.2 }
    draw:apply(ree.policy { "double", scale = { rate = 2 } })
    assert.are.same({ 1, 2 }, { #sc.policies, #draw.policies })
    -- 100 * 1.1^5 with no inflow: the original is untouched by the copy's policy
    assert.near(100 * 1.1 ^ 5, sc:run().stock[2004], 1e-9)
  end)

  it("name what goes wrong while running and reading results", function()
    -- the inflow series runs 2000-2004: a scenario to 2005 has no inflow for 2005
    local long = ree.scenario { years = { 2000, 2005 }, model = growth,
      params = { rate = { value = 0.1, source = "assumption", range = { 0, 0.2 } },
        inflow = { value = ree.series { from = 2000, unit = "t", 0, 0, 0, 0, 0 }, source = "seed-2012" } } }
    assert.has_error(function() long:run() end, "scenario: parameter 'inflow' has no value for 2005")
    local scaled = scenario({ ree.policy { "scale a typo", scale = { rtae = 2 } } })
    assert.has_error(function() scaled:run() end,
      "policy 'scale a typo': unknown parameter 'rtae' (did you mean 'rate'?)")
    local named = scenario({ ree.policy { "a string", set = { rate = "fast" } },
      ree.policy { "x", scale = { rate = 2 } } })
    assert.has_error(function() named:run() end, "policy 'x': cannot scale 'rate', which is not a number")
    local res = scenario():run()
    assert.has_error(function() res:get "price" end, "no variable 'price' in the results")
    assert.has_error(function() ree.compare { a = res } end,
      "compare: give two results or more, ree.compare { a = r1, b = r2, ... }")
  end)
end)
