local ree = require("ree")
local helpers = require("spec.helpers")

-- ODYM's dynamic stock model on the same inputs, computed once by
-- scripts/dev/make_odym_fixture.py (ODYM is a development oracle, not a
-- dependency): four lifetime distributions, inflow-driven and stock-driven.
local fixture = helpers.fixture("odym-stocks.json")

local function lifetime(lt)
  if lt.kind == "fixed" then return { "fixed", years = lt.years } end
  if lt.kind == "weibull" then return { "weibull", shape = lt.shape, scale = lt.scale } end
  return { lt.kind, mean = lt.mean, sd = lt.sd }
end

--- The largest gap between a series and a list, relative to the list's
-- largest value.
local function gap(s, list)
  local worst, top = 0, 0
  for _, v in ipairs(list) do top = math.max(top, math.abs(v)) end
  for i, v in ipairs(list) do worst = math.max(worst, math.abs(s[fixture.first_year + i - 1] - v)) end
  return worst / top
end

describe("stock models against ODYM #unit", function()
  it("give ODYM's stocks, inflows and outflows to 1e-9 on the same inputs", function()
    assert.are.equal(8, #fixture.cases)
    for _, case in ipairs(fixture.cases) do
      local given = case.inflow and "inflow" or "stock"
      local m = ree.stock_model { lifetime = lifetime(case.lifetime),
        [given] = ree.series { from = fixture.first_year, unit = "t", table.unpack(case[given]) } }
      for what, list in pairs(case.odym) do
        assert.is_true(gap(m[what], list) < 1e-9, case.name .. ": " .. what .. " off by " .. gap(m[what], list))
      end
      assert.is_true(m:balance() < 1e-9, case.name)
    end
  end)
end)
