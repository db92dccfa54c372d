local format = require("ree.format")

describe("numbers and tables as people read them #core", function()
  it("groups thousands and keeps three significant digits below 100", function()
    assert.are.same({ "4,082", "62.8", "0.0123", "-1,234,568", "0", "n/a" },
      { format.number(4081.63), format.number(62.8), format.number(0.0123), format.number(-1234567.8),
        format.number(0), format.number(0 / 0) })
  end)

  it("writes money in bn and m, the sign before the currency", function()
    assert.are.same({ "US$1.23 bn", "US$45.6 m", "US$512", "-US$6.93 m" },
      { format.money(1.234e9), format.money(4.56e7), format.money(512), format.money(-6.93e6) })
  end)

  it("aligns columns, numbers to the right", function()
    local text = format.table({ { "name", "t" }, { "Nd", "4,082" }, { "Dysprosium", "628" } }, "  ")
    assert.are.equal("  name            t\n  Nd          4,082\n  Dysprosium    628", text)
  end)
end)
