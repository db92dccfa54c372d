local ree = require("ree")
local core = ree.core

-- The core cannot be driven out of bounds from Lua: every year lies in
-- 0-9999 (core/ree_err.h), every count and index is checked at the
-- binding, and each of these once overflowed or read past its input.
describe("the core's bounds #unit", function()
  local s = ree.series { from = 2000, unit = "t", 1, 2 }

  it("take years from 0 to 9999 only, and say so", function()
    assert.has_error(function() s:slice(2147483647, 2147483647) end,
      "bad argument #1 to 'slice' (a year from 0 to 9999 expected, got 2147483647)")
    assert.has_error(function() ree.series { from = 2147483647, unit = "t", 1, 2 } end,
      "series: 'from' must be a year from 0 to 9999, not 2147483647")
    assert.has_error(function() ree.series { from = math.maxinteger, unit = "t", 1, 2 } end,
      "series: 'from' must be a year from 0 to 9999, not 9223372036854775807")
    assert.has_error(function() s:extrapolate(2147483648, 0) end,
      "bad argument #1 to 'extrapolate' (a year from 0 to 9999 expected, got 2147483648)")
    assert.has_error(function() core.series(9999, "t", { 1, 2 }) end,
      "a series from 9999 holds at most 1 values (to 9999), not 2")
    assert.has_error(function() ree.market.clear { year = 0 / 0, d_cn = { "linear", a = 1, b = -1 } } end,
      "market: year must be a year from 0 to 9999, not NaN")
    assert.has_error(function() ree.market.clear { year = 2011, month = 13, d_cn = { "linear", a = 1, b = -1 } } end,
      "market: month must be 1 to 12, not 13")
    assert.has_error(function() ree.market.clear { year = 2011, month = 1.5, d_cn = { "linear", a = 1, b = -1 } } end,
      "market: month must be 1 to 12, not 1.5")
  end)

  it("shift within the years, never silently not at all", function()
    assert.has_error(function() s:shift(2 ^ 40) end,
      "bad argument #1 to 'shift' (a shift from -2000 to 7998 expected, got 1099511627776)")
    assert.are.same({ 2005, 2006 }, { s:shift(5):years() })
    assert.are.same({ 9998, 9999 }, { s:shift(7998):years() })
  end)

  it("look a year outside up as missing", function()
    assert.is_nil(s[-2 ^ 40 // 1])
    assert.is_nil(s:at(2 ^ 53 // 1))
    assert.are.equal(1, s[2000])
  end)

  it("give a stock model exactly its years of values", function()
    local m = core.stock_model(2000, 1000, "fixed", 3)
    assert.has_error(function() m:solve("inflow", { 1 }) end, "a stock model of 1000 years takes 1000 values, not 1")
    assert.has_error(function() core.stock_model(2147483647, 3, "fixed", 3) end,
      "bad argument #1 to 'stock_model' (a year from 0 to 9999 expected, got 2147483647)")
    assert.has_error(function() core.stock_model(9998, 3, "fixed", 3) end,
      "a stock model's years lie in 0-9999, not 9998 and 2 more")
    local small = core.stock_model(2000, 3, "fixed", 3)
    assert.has_error(function() small:set_initial(-2147483648, { 1 }) end,
      "bad argument #1 to 'set_initial' (a year from 0 to 9999 expected, got -2147483648)")
  end)

  it("write a formula that reads back to the same amounts", function()
    for _, f in ipairs { "H0.00000000001", "Nd0.123456789Fe", "H0.1Cl0.3", "Fe123456789012" } do
      assert.are.equal(f, ree.formula(f):formula())
    end
    -- a third: 15 significant digits, the most the parser reads
    local third = ree.formula("Fe") * (1 / 3)
    assert.are.equal("Fe0.333333333333333", third:formula())
    assert.are.equal(third:formula(), ree.formula(third:formula()):formula())
  end)
end)
