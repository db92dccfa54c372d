-- Goods and substances reconciled together (ree.reconcile with contents),
-- against a worked example solved by hand.
local ree = require("ree")

describe("goods and substances reconciled together #unit", function()
  it("gives a splitter's goods as by hand when its concentrations are exact", function()
    -- 100 t in at 5% Dy; out A 60 t at 8%, out B 50 t at 1%; sds 5, 6, 5 t. Both balances are then
    -- linear in the goods: A = [1 -1 -1; 0.05 -0.08 -0.01], r = A x = (-10, -0.3),
    -- M = A Q A' = [86 4.38; 4.38 0.2954] (det 6.22), lambda = M^-1 r, x^ = x - Q A' lambda,
    -- chi-square r' lambda; worked out here step by step.
    local det = 86 * 0.2954 - 4.38 ^ 2
    local l1, l2 = (0.2954 * -10 - 4.38 * -0.3) / det, (-4.38 * -10 + 86 * -0.3) / det
    local g1, g2, g3 = 100 - 25 * (l1 + 0.05 * l2), 60 - 36 * (-l1 - 0.08 * l2), 50 - 25 * (-l1 - 0.01 * l2)
    local r = ree.reconcile { flows = {
      { "in", to = "s", value = 100, sd = 5, content = { Dy = { 0.05, 0 } } },
      { "A", from = "s", value = 60, sd = 6, content = { Dy = { 0.08, 0 } } },
      { "B", from = "s", value = 50, sd = 5, content = { Dy = { 0.01, 0 } } },
    } }
    assert.near(102.974, g1, 1e-3) -- the hand's numbers, rounded
    assert.near(g1, r.value["in"], 1e-9)
    assert.near(g2, r.value.A, 1e-9)
    assert.near(g3, r.value.B, 1e-9)
    assert.near(-10 * l1 - 0.3 * l2, r.chi2, 1e-9)
    assert.near(1.7685, r.chi2, 1e-4)
    assert.are.equal(2, r.df)
    assert.near(0.05 * g1, r.element["in"].Dy, 1e-9)
    assert.are.same({ "Dy" }, r.elements)
    -- every process balances in each layer
    assert.near(0, r.residual.s.goods, 1e-9)
    assert.near(0, r.residual.s.Dy, 1e-9)
    -- the report shows both layers; on 2 degrees of freedom p = exp(-chi2 / 2) = 0.413
    assert.near(0.413, math.exp(-r.chi2 / 2), 5e-4)
    local text = tostring(r)
    assert.are.equal("goods and substances reconciled: chi-square 1.77 on 2 degrees of freedom (p = 0.413)",
      text:match("^[^\n]+"))
    assert.truthy(text:find("\n  in        100 ± 5        103  4.21     1.1\n", 1, true))
    assert.truthy(text:find("\n  Dy concentration  measured  estimate  sd  z  Dy, t\n", 1, true))
    assert.truthy(text:find("\n  B                 0.01 ± 0      0.01   0  0  0.441\n", 1, true))
    assert.truthy(text:find("\n  largest residual of a process's balance: goods [%d.e-]+ t, Dy [%d.e-]+ t$"))
  end)

  it("estimates goods and concentrations together, both layers balanced", function()
    local r = ree.reconcile { flows = {
      { "scrap", to = "sort", value = 500, sd = 20, content = { Dy = { 0.05, 0.005 }, Nd = { 0.25, 0.02 } } },
      { "sorted", from = "sort", to = "melt", value = 470, sd = 30, content = { Dy = { 0.052, 0.004 },
        Nd = { 0.26, 0.03 } } },
      { "reject", from = "sort", value = 30, sd = 10, content = { Dy = { 0.02, 0.01 }, Nd = {} } },
      { "alloy", from = "melt", value = 440, sd = 15, content = { Dy = { 0.055, 0.003 }, Nd = { 0.27, 0.01 } } },
      { "slag", from = "melt", content = { Dy = {}, Nd = {} } },
    } }
    local function balance(get)
      local sort = get("scrap") - get("sorted") - get("reject")
      local melt = get("sorted") - get("alloy") - get("slag")
      return math.max(math.abs(sort), math.abs(melt))
    end
    assert.is_true(balance(function(n) return r.value[n] end) < 1e-6)
    for _, el in ipairs({ "Dy", "Nd" }) do
      assert.is_true(balance(function(n) return r.element[n][el] end) < 1e-6, el)
      for name, c in pairs(r.content) do assert.is_true(c[el] >= 0 and c[el] <= 1, name .. " " .. el) end
    end
    assert.is_true(r.chi2 > 0 and r.df > 0)
    assert.are.same({ "Dy", "Nd" }, r.elements)
    assert.is_true(r.sd_content.slag.Nd > 0) -- estimated from the balances, with its uncertainty
    -- one unknown too many: said, with the flow and the element
    assert.has_error(function()
      ree.reconcile { flows = {
        { "in", to = "s", value = 100, sd = 5, content = { Nd = {} } },
        { "A", from = "s", value = 60, sd = 6, content = { Nd = {} } },
        { "B", from = "s", value = 40, sd = 5, content = { Nd = { 0.2, 0.01 } } },
      } }
    end, "reconcile: the Nd concentration of 'A' is unknown and the balances do not determine it")
  end)

  it("flags layers that contradict each other, and says where", function()
    -- A's Dy measured at 10% where the balance wants about 7.7%, every sd small: the chi-square test fails.
    -- One Dy balance cannot tell which of its measurements is off (their z are equal in size), so the
    -- first of them is named
    local function splitter(a)
      return ree.reconcile { flows = {
        { "in", to = "s", value = 100, sd = 2, content = { Dy = { 0.05, 0.002 } } },
        { "A", from = "s", value = 60, sd = 2, content = { Dy = { a, 0.002 } } },
        { "B", from = "s", value = 40, sd = 2, content = { Dy = { 0.01, 0.002 } } },
      } }
    end
    local r = splitter(0.1)
    assert.is_true(r.gross_error)
    assert.near(math.abs(r.z_content.A.Dy), math.abs(r.z_content["in"].Dy), 1e-9)
    assert.are.equal("in (Dy concentration)", r.suspect)
    -- at 20% the balance would need a negative concentration: an error that says so, and where
    assert.has_error(function() splitter(0.2) end, "reconcile: the layers contradict each other: the Dy " ..
      "concentration of 'B' would be -0.003146; the measurement adjusted most against its uncertainty is in " ..
      "(Dy concentration) (z = 20.2)")
  end)

  it("refuses concentrations outside 0 to 1, naming the flow", function()
    assert.has_error(function()
      ree.reconcile { flows = { { "in", to = "s", value = 1, sd = 0.1, content = { Dy = { 1.2, 0.1 } } },
        { "out", from = "s", value = 1, sd = 0.1, content = { Dy = { 0.1, 0.1 } } } } }
    end, "reconcile: flow 'in': its Dy concentration is 1.2: a concentration lies from 0 to 1")
    assert.has_error(function()
      ree.reconcile { flows = { { "in", to = "s", value = 1, sd = 0.1, content = { Dy = { 0.1 } } },
        { "out", from = "s", value = 1, sd = 0.1 } } }
    end, "reconcile: flow 'in': its Dy concentration needs an sd of 0 or more, not nil")
    assert.has_error(function()
      ree.reconcile { flows = { { "in", to = "s", value = 1, sd = 0.1, content = 0.5 },
        { "out", from = "s", value = 1, sd = 0.1 } } }
    end, "reconcile: flow 'in': content is { element = { value, sd } }")
  end)
end)
