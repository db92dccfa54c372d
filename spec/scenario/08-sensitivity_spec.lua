-- Global sensitivity (ree.sensitivity) against functions whose indices are
-- known by hand, and correlated inputs (Iman-Conover, ree.correlate).
local ree = require("ree")
local helpers = require("spec.helpers")
local montecarlo = require("ree.montecarlo")
local correlate = require("ree.correlate")

local pi = math.pi

--- Ishigami's function, a = 7, b = 0.1, inputs uniform on (-pi, pi). Its
-- variance is a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2 = 13.845; V1 = (1 + b pi^4/5)^2/2
-- = 4.346, V2 = a^2/8 = 6.125, V13 = b^2 pi^8 (1/18 - 1/50) = 3.374, the rest 0:
-- S1 = 0.3139, S2 = 0.4424, S3 = 0; ST1 = (V1 + V13)/V = 0.5576, ST2 = 0.4424,
-- ST3 = V13/V = 0.2437 (Ishigami and Homma 1990; Saltelli et al. 2008, 4.6).
local function ishigami(x) return math.sin(x.x1) + 7 * math.sin(x.x2) ^ 2 + 0.1 * x.x3 ^ 4 * math.sin(x.x1) end
local V = 49 / 8 + 0.1 * pi ^ 4 / 5 + 0.01 * pi ^ 8 / 18 + 0.5
local V1, V2, V13 = (1 + 0.1 * pi ^ 4 / 5) ^ 2 / 2, 49 / 8, 0.01 * pi ^ 8 * (1 / 18 - 1 / 50)
local EXACT = { first = { x1 = V1 / V, x2 = V2 / V, x3 = 0 },
  total = { x1 = (V1 + V13) / V, x2 = V2 / V, x3 = V13 / V } }

local function uniforms(...)
  local sample = {}
  for _, name in ipairs({ ... }) do sample[name] = ree.dist.uniform(-pi, pi) end
  return sample
end

describe("global sensitivity #scenario", function()
  it("gives Ishigami's Sobol indices, each inside its 95% interval", function()
    assert.near(13.845, V, 1e-3)
    local s = ree.sensitivity { model = ishigami, sample = uniforms("x1", "x2", "x3"), method = "sobol", runs = 4096,
      seed = 3 }
    assert.are.equal(4096 * 5, s.evaluations)
    for _, kind in ipairs({ "first", "total" }) do
      for _, x in ipairs({ "x1", "x2", "x3" }) do
        local est, ci, exact = s[kind][x], s[kind .. "_ci"][x], EXACT[kind][x]
        assert.is_true(ci[1] <= exact and exact <= ci[2], string.format("%s %s: %.4f not in %.4f-%.4f", kind, x,
          exact, ci[1], ci[2]))
        assert.is_true(math.abs(est - exact) < 0.05, string.format("%s %s: %.4f for %.4f", kind, x, est, exact))
      end
    end
    assert.are.same({ "x1", "x2", "x3" }, s:ranked()) -- by total: 0.56, 0.44, 0.24
    assert.truthy(tostring(s):find("^Sobol indices, 4096 base runs %(20480 evaluations%):\n  input  first order"))
  end)

  it("gives Morris's effects of a linear function exactly, and sees an interaction", function()
    -- f = 3a - 2b + c/2 on (0, 1)^3: every elementary effect of a is 3, of b -2, of c 0.5
    local m = ree.sensitivity { model = function(x) return 3 * x.a - 2 * x.b + 0.5 * x.c end, method = "morris",
      runs = 10, sample = { a = ree.dist.uniform(0, 1), b = ree.dist.uniform(0, 1), c = ree.dist.uniform(0, 1) } }
    for name, c in pairs({ a = 3, b = -2, c = 0.5 }) do
      assert.near(math.abs(c), m.mu_star[name], 1e-12)
      assert.near(c, m.mu[name], 1e-12)
      assert.near(0, m.sigma[name], 1e-12)
    end
    assert.are.same({ "a", "b", "c" }, m:ranked())
    assert.are.equal(40, m.evaluations) -- 10 trajectories of 4 points
    -- a b: each one's effect depends on where the other stands
    local ab = ree.sensitivity { model = function(x) return x.a * x.b end, method = "morris", runs = 20,
      sample = { a = ree.dist.uniform(0, 1), b = ree.dist.uniform(0, 1) } }
    assert.is_true(ab.sigma.a > 0.1 and ab.sigma.b > 0.1)
  end)

  it("runs on a scenario's output, and draws a chart whose labels do not overlap", function()
    local cobweb = require("ree.models.classroom.cobweb")
    local s = ree.sensitivity { scenario = cobweb.scenario({}, { 2000, 2006 }), output = "price", year = 2006,
      sample = { d = ree.dist.uniform(0.3, 0.9), p_init = ree.dist.uniform(3, 5) }, method = "sobol", runs = 64 }
    assert.are.equal(64 * 4, s.evaluations)
    for _, name in ipairs({ "d", "p_init" }) do assert.is_true(s.total[name] >= 0, name) end
    local path = os.tmpname() .. ".svg"
    local chart = s:chart { file = path, title = "What the 2006 price depends on" }
    assert.are.equal(chart, helpers.read(path))
    os.remove(path)
    assert.are.same({}, helpers.label_overlaps(chart))
    assert.truthy(chart:find(">p_init</text>", 1, true) and chart:find(">total</text>", 1, true))
  end)

  it("names what it cannot do", function()
    local sample = uniforms("x1", "x2")
    local function err(spec)
      local ok, e = pcall(ree.sensitivity, spec)
      assert.is_false(ok)
      return (e:gsub("^[^:]+:%d+: ", ""))
    end
    assert.are.equal('sensitivity: method is "sobol" or "morris", not sobl (did you mean \'sobol\'?)',
      err { model = ishigami, sample = sample, method = "sobl", runs = 64 })
    assert.are.equal("sensitivity: 32 runs are too few for the indices' confidence intervals: give runs = 64 or more",
      err { model = ishigami, sample = sample, method = "sobol", runs = 32 })
    assert.are.equal("sensitivity: sample two inputs or more",
      err { model = ishigami, sample = uniforms("x1"), method = "morris", runs = 8 })
    assert.are.equal("sensitivity: sample 'x2' is not a distribution (ree.dist.*)",
      err { model = ishigami, sample = { x1 = sample.x1, x2 = 3 }, method = "morris", runs = 8 })
    assert.are.equal("sensitivity: unknown option 'run' (did you mean 'runs'?)",
      err { model = ishigami, sample = sample, method = "morris", run = 8 })
    assert.are.equal("sensitivity: the output does not vary over the sample: there is nothing to share",
      err { model = function() return 1 end, sample = sample, method = "sobol", runs = 64 })
    assert.are.equal("sensitivity: give the year of output 'price'",
      err { scenario = require("ree.models.classroom.cobweb").scenario({}, { 2000, 2002 }), output = "price",
        sample = { d = ree.dist.uniform(0.3, 0.9), p_init = ree.dist.uniform(3, 5) }, method = "morris", runs = 4 })
  end)
end)

describe("correlated inputs #scenario", function()
  local sample = { x = ree.dist.normal(0, 1), y = ree.dist.lognormal(2, 1), z = ree.dist.uniform(0, 10) }

  it("reorders the draws so their ranks correlate as asked, and keeps every draw", function()
    local plain = montecarlo.plan(sample, 1000, 5, true)
    local plan = montecarlo.plan(sample, 1000, 5, true, { { "x", "y", 0.8 }, { "y", "z", -0.4 } })
    local function column(p, name)
      local list = {}
      for i, run in ipairs(p) do list[i] = run[name] end
      return list
    end
    assert.is_true(math.abs(correlate.spearman(column(plan, "x"), column(plan, "y")) - 0.8) < 0.03)
    assert.is_true(math.abs(correlate.spearman(column(plan, "y"), column(plan, "z")) + 0.4) < 0.03)
    assert.is_true(math.abs(correlate.spearman(column(plan, "x"), column(plan, "z"))) < 0.06)
    for _, name in ipairs({ "x", "y", "z" }) do -- the same draws: the marginals are as they were
      local a, b = column(plain, name), column(plan, name)
      table.sort(a)
      table.sort(b)
      assert.are.same(a, b, name)
    end
    -- and without a correlation, the plan is what it always was
    assert.are.same(plain, montecarlo.plan(sample, 1000, 5, true, {}))
  end)

  it("refuses correlations that cannot hold together, naming them", function()
    assert.has_error(function()
      montecarlo.plan(sample, 100, 1, true, { { "x", "y", 0.9 }, { "y", "z", 0.9 }, { "x", "z", -0.9 } })
    end, "correlation: the rank correlations of x, y, z cannot hold together (their matrix is not positive definite)")
    assert.has_error(function() montecarlo.plan(sample, 100, 1, true, { { "x", "wind", 0.5 } }) end,
      "correlation 1: 'wind' is not sampled")
    assert.has_error(function() montecarlo.plan(sample, 100, 1, true, { { "x", "y", 1 } }) end,
      "correlation 1: a rank correlation lies strictly between -1 and 1, not 1")
    local cobweb = require("ree.models.classroom.cobweb").scenario({}, { 2000, 2002 })
    local ok, err = pcall(ree.montecarlo, { scenario = cobweb, runs = 10, collect = { "price" }, progress = false,
      sample = { d = ree.dist.uniform(0.3, 0.9), p_init = ree.dist.uniform(3, 5) },
      correlation = { { "d", "p_int", 0.5 } } })
    assert.is_false(ok)
    assert.truthy(err:find("montecarlo: correlation 1: 'p_int' is not sampled (did you mean 'p_init'?)", 1, true), err)
  end)
end)
