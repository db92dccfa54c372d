local ree = require("ree")

describe("reconciliation #unit", function()
  -- By hand: the mill balance ore - concentrate - tailings = 0 and the
  -- refinery's concentrate - oxide = 1 (its stock grows by 1) leave, with
  -- the unknown concentrate eliminated, ore - tailings - oxide = 1. The
  -- measurements miss it by 100 - 62 - 35 - 1 = 2; the variances sum to
  -- 25 + 36 + 4 = 65, so each flow moves by its variance times 2/65.
  local spec = { flows = {
    { "ore", to = "mill", value = 100, sd = 5 },
    { "concentrate", from = "mill", to = "refinery" },
    { "tailings", from = "mill", value = 62, sd = 6 },
    { "oxide", from = "refinery", value = 35, sd = 2 },
  }, stock_change = { refinery = 1 } }

  it("adjusts each flow by its variance, as by hand", function()
    local r = ree.reconcile(spec)
    assert.near(100 - 25 * 2 / 65, r.value.ore, 1e-12)
    assert.near(62 + 36 * 2 / 65, r.value.tailings, 1e-12)
    assert.near(35 + 4 * 2 / 65, r.value.oxide, 1e-12)
    assert.near(r.value.oxide + 1, r.value.concentrate, 1e-12)
    assert.near(math.sqrt(25 - 25 * 25 / 65), r.sd.ore, 1e-12)
    assert.near(4 / 65, r.chi2, 1e-14)
    assert.are.equal(1, r.df)
    assert.is_false(r.gross_error)
    -- the reconciled values balance every process
    assert.near(0, r.value.ore - r.value.concentrate - r.value.tailings, 1e-12)
  end)

  it("reconciles each element on its own balances", function()
    local r = ree.reconcile { flows = {
      { "in", to = "p", value = { Nd = 10, Dy = 1 }, sd = { Nd = 1, Dy = 0.1 } },
      { "out", from = "p", value = { Nd = 9, Dy = 1.3 }, sd = { Nd = 1, Dy = 0.1 } } } }
    assert.near(9.5, r.layers.Nd.value["in"], 1e-14)
    assert.near(1.15, r.layers.Dy.value.out, 1e-14)
    -- Dy misses by 0.3 against an sd of the difference of 0.141: chi2 4.5
    assert.near(4.5, r.layers.Dy.chi2, 1e-12)
    assert.near(ree.core.chi2_sf(4.5, 1), r.layers.Dy.p_value, 1e-15)
    assert.is_true(r.layers.Dy.gross_error)
    assert.are.equal("in", r.layers.Dy.suspect) -- a tie: the first flow
    assert.is_false(r.layers.Nd.gross_error)
  end)

  it("names what it cannot do", function()
    assert.has_error(function() ree.reconcile { flows = {
      { "in", to = "p", value = 10, sd = 1 }, { "a", from = "p" }, { "b", from = "p" } } } end,
      "reconcile: flow 'b' is unknown and the balances do not determine it")
    assert.has_error(function() ree.reconcile { flows = {
      { "in", to = "p", value = 10, sd = 0 }, { "out", from = "p", value = 9, sd = 0 } } } end,
      "reconcile: the balance of 'p' cannot hold: its flows are exact")
    assert.has_error(function() ree.reconcile { flows = { { "in", to = "p", value = 10 } } } end,
      "reconcile: flow 'in' has a value but no 'sd' (0 fixes it)")
    assert.has_error(function() ree.reconcile { flows = { { "in", value = 10, sd = 1 } } } end,
      "reconcile: flow 'in' needs a 'from' or a 'to' process")
    assert.has_error(function() ree.reconcile { flows = { { "in", to = "p", vale = 1 } } } end,
      "reconcile: flow 'in' has an unknown key 'vale' (did you mean 'value'?)")
    assert.has_error(function() ree.reconcile { flows = { { "x", to = "p" }, { "x", from = "p" } } } end,
      "reconcile: flow 'x' is given twice")
    assert.has_error(function() ree.reconcile { flows = {}, } end, "reconcile: give a list of flows")
    assert.has_error(function() ree.reconcile { flows = { { "in", to = "p", value = { Dy = 1 }, sd = { Dy = 0 } },
      { "out", from = "p", value = { Dy = 2 }, sd = { Dy = 0 } } } } end,
      "reconcile, Dy: the balance of 'p' cannot hold: its flows are exact")
  end)

  it("refuses an sd or a stock change it cannot weigh, naming the flow or the process", function()
    local function with(sd, change)
      return { flows = { { "ore", to = "mill", value = 100, sd = sd }, { "tailings", from = "mill" } },
        stock_change = change }
    end
    for sd, shown in pairs({ [-1] = "-1", [math.huge] = "infinite" }) do
      assert.has_error(function() ree.reconcile(with(sd)) end,
        "reconcile: flow 'ore': its sd is " .. shown .. ", not a finite number of 0 or more")
    end
    assert.has_error(function() ree.reconcile(with(0 / 0)) end,
      "reconcile: flow 'ore': its sd is NaN, not a finite number of 0 or more")
    assert.has_error(function() ree.reconcile(with(5, { mill = { value = 1, sd = 1 } })) end,
      "reconcile: the stock change of 'mill' is a table, not a known number (an uncertain stock change is a " ..
      "flow: give it as one, with its sd)")
    -- as a flow it is weighed like any other: by hand, ore 100 +- 5 and the
    -- stock change 1 +- 1 meet tailings at 99, no adjustment needed
    local r = ree.reconcile { flows = { { "ore", to = "mill", value = 100, sd = 5 },
      { "stock", from = "mill", value = 1, sd = 1 }, { "tailings", from = "mill" } } }
    assert.near(99, r.value.tailings, 1e-12)
  end)
end)
