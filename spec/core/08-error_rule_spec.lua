-- The binding's one error rule (docs/ARCHITECTURE.md): misuse raises; data
-- that cannot be computed returns fail, a message and the code's name.
local core = require("ree.core")

local function returned(...) return { ... } end

describe("the binding's error rule #unit", function()
  it("returns nil, message, code for data that cannot be computed", function()
    assert.are.same({ nil, "formula 'Nd2(': unbalanced '(' at column 4", "syntax" },
      returned(core.formula "Nd2("))
    assert.are.same({ nil, "invalid JSON at line 1, column 3 near ','", "syntax" }, returned(core.json_decode "[1,"))
    assert.are.same({ nil, "packed numbers: 5 characters, not a multiple of 4", "syntax" },
      returned(core.unpack_numbers "AAAAA"))
    assert.are.same({ nil, "mass of 'Nd' is negative (-1)", "domain" }, returned(core.composition({ Nd = -1 })))
    assert.are.same({ nil, "mass of part 1 is negative or not a number", "domain" },
      returned(core.mix({ core.formula "Nd" }, { -1 })))
    assert.are.same({ nil, "the standard deviation must be positive, got -1", "domain" },
      returned(core.stock_model(2000, 3, "normal", 10, -1)))
    assert.are.same({ nil, "the deposit contains no 'Dy'", "notfound" },
      returned(core.deposit_requirement({ Nd = 20 }, { Dy = 1 })))
    local c = core.chain(1, 1) -- a process whose only flow loops back into it
    c:add_process("p", "push")
    c:add_flow("loop", 0, 0, "tc")
    c:set(0, 0, 1, 1)
    assert.are.same({ nil, "no solution: process 'p' is not determined by the flows around it", "singular" },
      returned(c:solve()))
    assert.are.same({ nil, "column 2 has no pivot", "singular", 2 }, returned(core.solve({ 1, 2, 2, 4 }, { 1, 2 }, 2)))
    assert.are.same({ nil, "no convergence in 3 evaluations (best 0.25)", "limit", { 0.5 }, 0.25 },
      returned(core.minimize(function(x) return x * x end, { 0.5 }, { -1 }, { 1 }, 3)))
    -- reconciliation also names the flow at fault (1-based)
    assert.are.same({ nil, "flow 2 is unknown and the balances do not determine it", "singular", 3 },
      returned(core.reconcile({ 1, -1, -1 }, { 0 }, { 10, 0, 0 }, { 1, -1, -1 })))
  end)

  it("raises for misuse: sizes, bounds, definitions and arguments", function()
    assert.has_error(function() core.chain(0, 1) end, "a chain has 1 to 118 layers and 1 to 1000 years, not 0 and 1")
    local c = core.chain(1, 1)
    c:add_process("p", "push")
    assert.has_error(function() c:add_process("p", "push") end, "process 'p' is defined twice")
    assert.has_error(function() core.stock_model(9998, 3, "fixed", 3) end,
      "a stock model's years lie in 0-9999, not 9998 and 2 more")
    assert.has_error(function() core.reconcile({ 1, -1 }, { 0 }, { 10, 0, 0 }, { 1, -1, -1 }) end,
      "bad argument #1 to 'reconcile' (k * n coefficients)")
    assert.has_error(function() core.oxide_factor "Fe" end, "'Fe' has no reporting oxide")
  end)
end)
