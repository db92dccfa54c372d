local pretty = require("ree.pretty")
local ree = require("ree")

describe("values as the REPL shows them #repl", function()
  it("sorts keys: the list first, then numbers, strings and the rest", function()
    assert.are.equal('{ 10, 20, [5] = "five", a = 1, b = { 1, 2 }, ["end"] = true, ["two words"] = 2 }',
      pretty.show({ 10, 20, [5] = "five", b = { 1, 2 }, a = 1, ["end"] = true, ["two words"] = 2 }, { width = 90 }))
  end)

  it("names a cycle instead of following it", function()
    local t = { x = 1 }
    t.self = t
    assert.are.equal("{ self = <cycle: " .. tostring(t) .. ">, x = 1 }", pretty.show(t))
  end)

  it("stops at a depth and a number of items", function()
    assert.are.equal("{ a = { b = { c = {...} } } }", pretty.show({ a = { b = { c = { d = 1 } } } }))
    assert.are.equal("{ a = {...} }", pretty.show({ a = { b = 1 } }, { depth = 1 }))
    assert.are.equal("{ 1, 2, 3, ... (2 more) }", pretty.show({ 1, 2, 3, 4, 5 }, { items = 3 }))
  end)

  it("breaks a table wider than the line, packing short parts", function()
    local t = {}
    for i = 1, 30 do t[i] = i end
    local text = pretty.show(t, { items = 30 })
    assert.are.equal("{\n  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,\n" ..
      "  22, 23, 24, 25, 26, 27, 28, 29, 30\n}", text)
    for line in text:gmatch("[^\n]+") do assert.is_true(#line <= 78) end
  end)

  it("writes numbers and strings as Lua would read them back, numbers to 6 digits unless asked", function()
    assert.are.same({ "3", "3.0", "0.1", "nan", "inf", '"a\\nb"' },
      { pretty.show(3), pretty.show(3.0), pretty.show(0.1), pretty.show(0 / 0), pretty.show(math.huge),
        pretty.show("a\nb") })
    assert.are.same({ "0.333333", "83.2144", "1.23457e+07", "{ 0.666667, 2 }" },
      { pretty.show(1 / 3), pretty.show(83.214351145038), pretty.show(12345678.9), pretty.show({ 2 / 3, 2 }) })
    -- in full: the fewest digits that read back to the same number
    assert.are.same({ "0.3333333333333333", "0.1", "83.214351145038" },
      { pretty.show(1 / 3, { digits = "full" }), pretty.show(0.1, { digits = "full" }),
        pretty.show(83.214351145038, { digits = "full" }) })
  end)

  it("shows a series's values by year, the first and last six of a long one", function()
    local s = ree.series { from = 2010, unit = "US$/kg", name = "Nd", 1 / 3, ree.missing, 2 }
    assert.are.equal("ree.Series 'Nd' 2010-2012, US$/kg (3 values, 1 missing)  -- :plot() :values() for more\n" ..
      "  2010     0.333333\n  2011     missing\n  2012     2", pretty.show(s))
    local values = {}
    for m = 1, 24 do values[m] = m end
    local monthly = ree.series { from = { 2011, 1 }, period = "monthly", unit = "t", table.unpack(values) }
    local lines = {}
    for line in pretty.show(monthly):gmatch("[^\n]+") do lines[#lines + 1] = line end
    assert.are.same({ "  2011-01  1", "  2011-06  6", "  ... (12 more)", "  2012-07  19", "  2012-12  24" },
      { lines[2], lines[7], lines[8], lines[9], lines[14] })
    assert.are.equal(14, #lines)
    -- inside a table, a series stays one line
    assert.are.equal("{ s = ree.Series 'Nd' 2010-2012, US$/kg (3 values, 1 missing) }", pretty.show({ s = s }))
  end)

  it("shows a ree object as its summary, and at the top the methods that show more", function()
    local s = ree.series { from = 2010, unit = "t", 1, 2 }
    assert.are.equal("ree.Series 2010-2011, t (2 values, 0 missing)  -- :plot() :values() for more\n" ..
      "  2010     1\n  2011     2", pretty.show(s))
    assert.are.equal("{ s = ree.Series 2010-2011, t (2 values, 0 missing) }", pretty.show({ s = s }))
    assert.are.equal("Nd2Fe14B (1081.12 g/mol)", pretty.show(ree.formula "Nd2Fe14B"))
    local c = ree.chain { elements = { "Nd" }, from = 2011, to = 2011 }
    c:process("alloy", { mode = "pull" })
    c:flow { "metal", to = "alloy", pull = 1 }
    c:flow { "out", from = "alloy", value = { Nd = 100 } }
    assert.are.equal("ree.Chain of Nd, 2011-2011: 1 processes, 2 flows", pretty.show(c))
    assert.are.equal("ree.ChainResult of Nd, 2011-2011: 2 flows solved; largest residual 0 t (alloy, Nd, 2011)" ..
      "  -- :table() :explain() for more", pretty.show(c:solve()))
    local cobweb = require("ree.models.classroom.cobweb").scenario({}, { 2000, 2003 })
    assert.are.equal("ree.Scenario 'cobweb', 2000-2003: 8 parameters, 0 policies", pretty.show(cobweb))
    assert.are.equal("ree.Results of 'cobweb', 2000-2003: 5 variables, 0 check violations", pretty.show(cobweb:run()))
  end)
end)
