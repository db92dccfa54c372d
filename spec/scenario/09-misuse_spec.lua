-- The misuses of this round's library parts, each refused in words pinned
-- here (the ones their own specs do not reach).
local ree = require("ree")
local carry = require("ree.carry")
local montecarlo = require("ree.montecarlo")

local function flat(v, n)
  local t = {}
  for i = 1, n do t[i] = v end
  return ree.series { from = 2000, unit = "t", table.unpack(t) }
end

describe("misuse, refused in words #unit", function()
  it("of ree.compare", function()
    local cobweb = require("ree.models.classroom.cobweb")
    local a = cobweb.scenario({}, { 2000, 2002 }):run()
    assert.has_error(function() ree.compare(42) end, "compare: give the results, ree.compare { a = r1, b = r2, ... }")
    assert.has_error(function() ree.compare { x = a, y = 7 } end, "compare: 'y' is not a scenario's results")
  end)

  it("of ree.sensitivity", function()
    local sample = { a = ree.dist.uniform(0, 1), b = ree.dist.uniform(0, 1) }
    local cobweb = require("ree.models.classroom.cobweb").scenario({}, { 2000, 2002 })
    assert.has_error(function() ree.sensitivity { model = 3, sample = sample, method = "morris", runs = 4 } end,
      "sensitivity: model is a function of the inputs' values")
    assert.has_error(function() ree.sensitivity { sample = sample, method = "morris", runs = 4 } end,
      "sensitivity: give a scenario (and an output), or a model function")
    assert.has_error(function() ree.sensitivity { scenario = cobweb, output = 1, sample = sample, method = "morris",
      runs = 4 } end, "sensitivity: output is a result path (with year) or a function of the results")
    assert.has_error(function() ree.sensitivity(7) end,
      "sensitivity: give { scenario = ..., sample = ..., method = ... }")
    assert.has_error(function() ree.sensitivity { model = function(x) return x.a end, sample = sample,
      method = "morris", runs = 4, levels = 3 } end, "sensitivity: levels is an even number, 2 or more, not 3")
    local ok, err = pcall(ree.sensitivity, { scenario = cobweb, output = "price", year = 1999, method = "morris",
      runs = 4, sample = { d = ree.dist.uniform(0.3, 0.9), p_init = ree.dist.uniform(3, 5) } })
    assert.is_false(ok)
    assert.truthy(err:find("sensitivity: 'price' has no value in 1999 for a run", 1, true), err)
  end)

  it("of ree.stock_models", function()
    local lifetime = { motors = { "fixed", years = 3 } }
    local function err(spec)
      local ok, e = pcall(ree.stock_models, spec)
      assert.is_false(ok)
      return (e:gsub("^[^:]+:%d+: ", ""))
    end
    local one = { CN = { motors = flat(1, 3) } }
    assert.are.equal("stock_models: give { regions, products, lifetime, inflow or stock }", err(1))
    assert.are.equal("stock_models: give regions, a list of names", err { products = { "motors" }, inflow = one })
    assert.are.equal("stock_models: products lists 'motors' twice",
      err { regions = { "CN" }, products = { "motors", "motors" }, inflow = one })
    assert.are.equal("stock_models: lifetime is { product = lifetime } or a function(region, product)",
      err { regions = { "CN" }, products = { "motors" }, inflow = one, lifetime = 5 })
    assert.are.equal("stock_models: content of 'motors' is { element = share, ... }",
      err { regions = { "CN" }, products = { "motors" }, inflow = one, lifetime = lifetime,
        content = { motors = 1 } })
    assert.are.equal("stock_models: the Dy content of 'motors' is in 't', not a fraction or a %", err {
      regions = { "CN" }, products = { "motors" }, inflow = one, lifetime = lifetime,
      content = { motors = { Dy = flat(1, 3) } } })
    assert.are.equal("stock_models: the Dy content of 'motors' is a number or a series, not a string", err {
      regions = { "CN" }, products = { "motors" }, inflow = one, lifetime = lifetime,
      content = { motors = { Dy = "x" } } })
    assert.are.equal("stock_models: the inflow of CN motors is a series",
      err { regions = { "CN" }, products = { "motors" }, inflow = { CN = { motors = 1 } }, lifetime = lifetime })
    assert.are.equal("stock_models: the inflow of CN phones is in 'kt', the others in 't'", err {
      regions = { "CN" }, products = { "motors", "phones" }, lifetime = { motors = lifetime.motors,
        phones = lifetime.motors }, inflow = { CN = { motors = flat(1, 3), phones = flat(1, 3):to("kt") } } })
    assert.are.equal("stock_models: no cell has an inflow",
      err { regions = { "CN" }, products = { "motors" }, inflow = {}, lifetime = lifetime })
    local set = ree.stock_models { regions = { "CN", "JP" }, products = { "motors" }, inflow = one,
      lifetime = lifetime }
    assert.has_error(function() set:stock { region = "JP" } end, "stock: no cell holds products there")
  end)

  it("of ree.carry", function()
    assert.has_error(function() carry.new { unit = "t" } end, 'carry.new: give { lifetime = { ... }, unit = "t" }')
    assert.has_error(function() carry.new { lifetime = { "fixed", years = 2 }, unit = "t", life = 1 } end,
      "carry.new: unknown option 'life'")
    assert.has_error(function() carry.add(carry.new { lifetime = { "fixed", years = 2 }, unit = "t" }, "2000", 1) end,
      "carry.add: give a year")
  end)

  it("of correlations", function()
    local sample = { x = ree.dist.uniform(0, 1), y = ree.dist.uniform(0, 1) }
    assert.has_error(function() montecarlo.plan(sample, 10, 1, true, { { "x", 0.5 } }) end,
      "correlation 1: give { name, name, rank correlation }")
    assert.has_error(function() montecarlo.plan(sample, 10, 1, true, { { "x", "x", 0.5 } }) end,
      "correlation 1: 'x' with itself")
    assert.has_error(function() montecarlo.plan(sample, 10, 1, true, { { "x", "y", 0.5 }, { "y", "x", 0.2 } }) end,
      "correlation 2: 'y' and 'x' are given twice")
  end)

  it("of goods and substances", function()
    assert.has_error(function()
      ree.reconcile { flows = { { "in", to = "s", value = -1, sd = 1, content = { Dy = { 0.1, 0.01 } } },
        { "out", from = "s", value = 1, sd = 1 } } }
    end, "reconcile: flow 'in': its goods are -1, not a mass of 0 or more")
    assert.has_error(function()
      ree.reconcile { flows = { { "in", to = "s", value = 1, sd = -1, content = { Dy = { 0.1, 0.01 } } },
        { "out", from = "s", value = 1, sd = 1 } } }
    end, "reconcile: flow 'in': its sd is -1, not a finite number of 0 or more")
  end)

  it("of writing results", function()
    local res = require("ree.models.classroom.cobweb").scenario({}, { 2000, 2002 }):run()
    assert.has_error(function() res:write() end, "write: give a file name")
    assert.has_error(function() require("ree.files").write_png("") end, "write: give a file name")
  end)

  it("of a recorded unit, named with its path where it is first recorded", function()
    local function run(record)
      local sc = ree.scenario { name = "u", years = { 2000, 2001 }, params = {},
        model = { name = "m", supply = record } }
      return select(2, pcall(sc.run, sc))
    end
    local function message(err) return (tostring(err):gsub("^[^:]*:%d+: ", "")) end
    local err = run(function(state) state.record("x", 1, "furlongs") end)
    assert.equal("scenario: 'x': unit 'furlongs': unknown unit 'furlongs'", message(err))
    assert.matches("09%-misuse_spec%.lua:%d+:", err) -- at the model's line
    err = run(function(state) state.record("y", 1, 5) end)
    assert.equal("scenario: 'y': unit '5': unknown unit '5'", message(err))
  end)

  it("of options, by one helper that names the first unknown one in sorted order and the nearest known", function()
    local args = require("ree.args")
    local known = { runs = true, seed = true }
    local function opts(t, list) return select(2, pcall(args.options, "f", t, known, 1, list)) end -- the message, or t
    assert.are.equal("f: unknown option 'rusn' (did you mean 'runs'?)", opts { zzz = 1, rusn = 1, runs = 2 })
    assert.are.equal("f: unknown option '1'", opts { 10, seed = 1 }) -- a list's item is no option ...
    local t = { 10, seed = 1 }
    assert.are.equal(t, opts(t, true)) -- ... unless the table is a list too
    -- a set with a positional key [1] = true still suggests its names
    assert.are.equal("split", require("ree.suggest").closest("spilt", { [1] = true, split = true }))
  end)
end)
