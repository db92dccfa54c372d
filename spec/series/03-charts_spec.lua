local ree = require("ree")
local svg = require("ree.svg")

local NA = ree.missing

describe("terminal charts #unit", function()
  local s = ree.series { from = 2000, unit = "t", name = "output", 0, 10, 20, NA, 40 }

  it("draw a line chart with axes, units and a legend, in plain ASCII", function()
    local text = ree.plot { s, title = "Output", width = 40, height = 5, ascii = true, print = false }
    -- by hand: 36 columns for 2000-2004 put the points at 1, 10, 19 and 36;
    -- ticks every 10 t; the gap in 2003 breaks the line
    assert.are.equal(table.concat({
      "Output",
      "t",
      "40 +                                   *",
      "30 +",
      "20 +              ....*",
      "10 +     ....*....",
      " 0 +*....",
      "   +------------------------------------",
      "  2000     2001     2002    2003    2004",
      "    * output",
    }, "\n"), text)
  end)

  it("draw bars and sparklines", function()
    -- 41 columns for the largest bar: 10 t is 10.25 of them, 20 t 20.5
    assert.are.equal("t\n2000  0\n2001 ########## 10\n2002 ##################### 20\n"
      .. "2004 ######################################### 40", s:bars { width = 50, ascii = true, print = false })
    assert.are.equal("_-= #", s:sparkline { ascii = true }) -- levels 1, 3, 5, 8 of 8
    assert.are.equal("▁▃▅ █", s:sparkline { ascii = false })
  end)

  it("refuse what they cannot draw", function()
    assert.has_error(function() ree.plot { s, s:to "kt", print = false } end,
      "plot: series in 't' and 'kt' cannot share an axis: convert with :to")
    assert.has_error(function() ree.plot { s, colour = "red" } end, "plot: unknown option 'colour'")
    assert.has_error(function() ree.plot { print = false } end, "plot: no series to draw")
  end)
end)

describe("SVG charts #unit", function()
  local a = ree.series { from = 2008, unit = "US$/kg", name = "Dy2O3 <FOB>", 118, 150, 300, 2000, 1400 }
  local b = ree.series { from = 2008, unit = "US$/kg", name = "Nd2O3", 27, 19, NA, 200, 80 }

  local function valid(text)
    local path = os.tmpname() .. ".svg"
    local f = assert(io.open(path, "w"))
    f:write(text)
    f:close()
    local ok = os.execute("xmllint --noout " .. path .. " 2>/dev/null")
    os.remove(path)
    return ok
  end

  it("draw lines on a log scale, valid, labelled and sourced", function()
    local text = svg.lines({ a, b }, { title = "Prices", log = true, source = "USGS & Lynas" })
    assert.is_true(valid(text))
    assert.truthy(text:find(">Prices</text>", 1, true))
    assert.truthy(text:find(">US$/kg (log scale)</text>", 1, true))
    assert.truthy(text:find(">Dy2O3 &lt;FOB&gt;</text>", 1, true)) -- escaped legend
    assert.truthy(text:find(">Source: USGS &amp; Lynas</text>", 1, true))
    -- Nd's gap in 2010 breaks its line in two
    local _, polylines = text:gsub("<polyline", "")
    assert.are.equal(3, polylines)
  end)

  it("draw stacked areas and bars, leaving gaps out", function()
    local area = svg.area({ a, a }, { title = "Area" })
    assert.is_true(valid(area))
    local bars = svg.bars({ a, b }, { title = "Stacked", stacked = true })
    assert.is_true(valid(bars))
    local _, rects = bars:gsub("<rect x=\"[%d.]+\" y=\"[%d.]+\" width=\"[%d.]+\" height=\"[%d.]+\" fill", "")
    assert.are.equal(8 + 2, rects) -- 4 complete years of 2 series, and 2 legend keys
  end)

  it("write files whole and refuse what they cannot draw", function()
    local path = os.tmpname() .. ".svg"
    svg.lines({ a }, { title = "x", file = path })
    local f = assert(io.open(path))
    assert.truthy(f:read("a"):find("</svg>\n$"))
    f:close()
    os.remove(path)
    assert.has_error(function() svg.lines({ a }, { title = "x", file = "/no/such/dir/x.svg" }) end)
    assert.has_error(function() svg.bars({ a }, { log = true }) end, "svg.bars: bars cannot use a log scale")
    assert.has_error(function() svg.area({ a }, { log = true }) end, "svg.area: stacked areas cannot use a log scale")
    assert.has_error(function() svg.lines({}, {}) end, "svg.lines: no series to draw")
    assert.has_error(function() svg.lines({ a }, { color = "red" }) end, "svg.lines: unknown option 'color'")
  end)
end)
