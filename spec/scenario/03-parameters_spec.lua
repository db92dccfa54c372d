local ree = require("ree")

--- The growth model of 01-scenario_spec, declaring what it reads: a stock
-- that grows by `rate` of itself plus `inflow` each year.
local function growth()
  return {
    parameters = {
      rate = { "growth of the stock a year", unit = "fraction", range = { 0, 1 }, owner = "growth model" },
      inflow = { "what enters a year", unit = "t", range = { 0, math.huge }, owner = "growth model" },
      cap = { "most the stock may hold", unit = "t", range = { 0, math.huge }, optional = true,
        owner = "growth model" },
      mode = { "how it grows", kind = "string", values = { "simple", "compound" }, owner = "growth model",
        unless = "rate_table" },
      rate_table = { "a rate by stock size", kind = "table", optional = true, owner = "growth model" },
    },
    init = function(state) state.memory.stock = 100 end,
    supply = function(state, p) state.memory.stock = state.memory.stock * (1 + p.rate) + p.inflow end,
    diagnostics = function(state) state.record("stock", state.memory.stock, "t") end,
  }
end

local function params(extra)
  local p = { rate = { value = 0.1, source = "assumption", range = { 0, 0.2 } },
    inflow = { value = ree.series { from = 2000, unit = "t", 0, 0, 10 }, source = "seed-2012" },
    mode = { value = "compound", source = "assumption", range = {} } }
  for k, v in pairs(extra or {}) do p[k] = v or nil end
  return p
end

local function scenario(p, policies)
  return ree.scenario { name = "growth", years = { 2000, 2002 }, model = growth(), params = p, policies = policies }
end

describe("declared parameters #unit", function()
  it("let a scenario whose parameters suit them run", function()
    local res = scenario(params()):run()
    assert.near(121, res.stock[2001], 1e-12) -- by hand: 100 * 1.1 = 110, then 121, then 143.1
  end)

  it("refuse a parameter no part reads, naming the nearest that one does", function()
    local typo = { value = 0.1, source = "assumption", range = { 0, 1 } }
    assert.has_error(function() scenario(params { rtae = typo }) end,
      "scenario: parameter 'rtae' is read by no part of the model (did you mean 'rate'?)")
  end)

  it("refuse a missing parameter, saying which part needs it and what it is", function()
    local p = params()
    p.rate = nil
    assert.has_error(function() scenario(p) end,
      "scenario: the growth model needs parameter 'rate' (growth model: growth of the stock a year, in fraction)")
    p = params()
    p.mode = nil -- needed unless rate_table is given
    assert.has_error(function() scenario(p) end,
      "scenario: the growth model needs parameter 'mode' (growth model: how it grows)")
    p.rate_table = { value = { 0.1 }, source = "assumption", range = {} }
    assert.has_no_error(function() scenario(p) end)
  end)

  it("refuse a value out of its range, a series year by year, and an assumption's range beyond it", function()
    local high = { value = 1.5, source = "assumption", range = { 1, 2 } }
    assert.has_error(function() scenario(params { rate = high }) end,
      "scenario: parameter 'rate' is 1.5, outside its range 0 to 1 (growth model: growth of the stock a year, " ..
      "in fraction)")
    assert.has_error(function()
      scenario(params { inflow = { value = ree.series { from = 2000, unit = "t", 0, -3, 10 }, source = "seed-2012" } })
    end, "scenario: parameter 'inflow' is -3 in 2001, outside its range 0 to inf (growth model: what enters a year, " ..
      "in t)")
    local wide = { value = 0.5, source = "assumption", range = { 0, 1.2 } }
    assert.has_error(function() scenario(params { rate = wide }) end,
      "scenario: parameter 'rate' is 1.2 at an end of its assumed range, outside its range 0 to 1 " ..
      "(growth model: growth of the stock a year, in fraction)")
  end)

  it("refuse a value of the wrong kind", function()
    assert.has_error(function() scenario(params { mode = { value = "linear", source = "assumption", range = {} } }) end,
      "scenario: parameter 'mode' must be one of simple, compound, not linear (growth model: how it grows)")
    assert.has_error(function() scenario(params { rate = { value = "fast", source = "assumption", range = {} } }) end,
      "scenario: parameter 'rate' must be a number or a series, not a string (growth model: growth of the stock a " ..
      "year, in fraction)")
  end)

  it("let a policy set an optional parameter, within its range only", function()
    local ok = ree.policy { "a cap", from = 2001, set = { cap = 500 } }
    assert.has_no_error(function() scenario(params(), { ok }):run() end)
    local bad = ree.policy { "a boom", from = 2001, set = { rate = 3 } }
    assert.has_error(function() scenario(params(), { bad }):run() end,
      "policy 'a boom': parameter 'rate' is 3, outside its range 0 to 1 (growth model: growth of the stock a year, " ..
      "in fraction)")
  end)

  it("are declared by the market model and plant location for every parameter of the history", function()
    local base = require("ree.models.scenarios.base")
    local sc = base.scenario {}
    local owners = {}
    for name in pairs(sc.params) do owners[sc.model.parameters[name].owner] = true end
    assert.are.same({ ["market model"] = true, ["plant location"] = true }, owners)
    assert.are.equal("US$/kg", sc.model.parameters["Dy.p0"].unit)
  end)
end)
