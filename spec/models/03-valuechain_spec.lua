local ree = require("ree")
require("spec.helpers")

describe("the value chain of 2011 #models", function()
  local chain = require("ree.models.valuechain")()
  local r = chain:solve { year = 2011 }

  it("agrees with the requirement walk: one engine, the same numbers", function()
    local need = ree.magnet.requirement("jp-2011-mix", 10000)
    for _, el in ipairs({ "Nd", "Pr", "Dy", "Fe", "B" }) do
      assert.relatively_near(need.metal[el], r:input("JP alloy", el)[2011], 1e-12)
    end
    local cn = ree.magnet.requirement("standard", 45000)
    assert.relatively_near(cn.metal.Dy, r:input("CN alloy", "Dy")[2011], 1e-12)
  end)

  it("balances every process, element and year", function()
    local worst = r:balance()
    assert.is_true(worst < 1e-9 * r:input("CN mining", "Nd")[2011])
  end)

  it("puts mining in China, as the report says (97% in 2011)", function()
    -- an outcome of the demands and trade shares, not an input
    local cn, row = r:input("CN mining", "Nd")[2011], r:input("RoW mining", "Nd")[2011]
    assert.is_true(cn / (cn + row) > 0.95)
    assert.truthy(chain:where(r, "Dy"):find("mining", 1, true))
  end)

  it("moves with a demand given for a region", function()
    local half = chain:solve { year = 2011, demand = { magnet = { JP = 5000 } } }
    assert.relatively_near(r:input("JP alloy", "Dy")[2011] / 2, half:input("JP alloy", "Dy")[2011], 1e-12)
    assert.are.equal(r:input("CN alloy", "Dy")[2011], half:input("CN alloy", "Dy")[2011])
  end)

  it("draws the Sankey of Nd and Dy", function()
    for _, el in ipairs({ "Nd", "Dy" }) do
      local svg = r:sankey(nil, { element = el, title = "The magnet value chain" })
      assert.truthy(svg:find(">The magnet value chain: " .. el .. ", 2011</text>", 1, true))
      assert.truthy(svg:find("<title>CN separation to JP reduction:", 1, true)) -- trade is a flow
    end
  end)
end)
