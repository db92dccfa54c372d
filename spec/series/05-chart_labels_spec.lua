-- The charts a user would show: every label readable, none over another;
-- log axes that can be read; the model against the record; sparse bars
-- that do not sit on an empty axis; series that keep their names.
local ree = require("ree")
local helpers = require("spec.helpers")
local svg = require("ree.svg")

describe("chart labels #unit", function()
  it("finds two labels that overlap (the check can fail)", function()
    local two = '<svg><text x="10" y="20" font-size="12">CN alloy loss</text>' ..
      '<text x="40" y="24" font-size="10">18 t</text><text x="10" y="60">apart</text></svg>'
    assert.are.same({ "'CN alloy loss' overlaps '18 t'" }, helpers.label_overlaps(two))
  end)

  it("never overlap in the Sankeys of the value chain, with every node named", function()
    local vc = require("ree.models.valuechain")():solve { year = 2011 }
    for _, el in ipairs({ "Nd", "Dy" }) do
      local text = vc:sankey(os.tmpname() .. ".svg", { element = el, title = "The magnet value chain" })
      assert.are.same({}, helpers.label_overlaps(text), el)
      for _, name in ipairs({ "CN alloy loss", "JP alloy loss", "RoW alloy loss", "RoW magnet", "JP magnets" }) do
        assert.truthy(text:find(">" .. name .. "</text>", 1, true), name)
      end
      -- the loops run below every node: each loop's lowest point is under the lowest node
      local lowest = 0
      for y, h in text:gmatch('<rect x="[%d.]+" y="([%d.]+)" width="14" height="([%d.]+)" fill="#[%x]+"><title>') do
        lowest = math.max(lowest, tonumber(y) + tonumber(h))
      end
      local loops = 0
      for d in text:gmatch('<path class="recycling" d="([^"]+)"') do
        loops = loops + 1
        local deepest = 0
        for yv in d:gmatch("[%d.]+ ([%d.]+)") do deepest = math.max(deepest, tonumber(yv)) end
        assert.is_true(deepest > lowest, el)
      end
      assert.are.equal(3, loops, el) -- the magnet scrap of China, Japan and the rest of the world
      -- the colour key and a caption from what is drawn
      assert.truthy(text:find('>recycling</text>', 1, true))
      assert.truthy(text:find("; widths to scale; recycling (amber) loops back below the nodes.", 1, true))
      assert.is_nil(text:find("orange", 1, true))
    end
  end)

  it("never overlap in the history's report", function()
    local page = require("app.report").html(require("ree.models.scenarios.history").scenario("history"):run())
    local n = 0
    for chart in page:gmatch("<svg.-</svg>") do
      n = n + 1
      assert.are.same({}, helpers.label_overlaps(chart), "chart " .. n)
    end
    assert.are.equal(6, n)
  end)
end)

describe("charts a user would show #unit", function()
  it("label a log axis at 1, 2 and 5 of a decade over two decades or less, with minor ticks", function()
    local ticks, lo, hi, minor = require("ree.scale").log_ticks(14, 56)
    assert.are.same({ { 10, 20, 50, 100 }, 10, 100, { 30, 40, 60, 70, 80, 90 } }, { ticks, lo, hi, minor })
    -- three decades: the powers, 2-9 minor; beyond five, the powers alone
    ticks, lo, hi, minor = require("ree.scale").log_ticks(3, 3000)
    assert.are.same({ { 1, 10, 100, 1000, 10000 }, 1, 10000, 32 }, { ticks, lo, hi, #minor })
    assert.are.same(0, #select(4, require("ree.scale").log_ticks(1e-3, 1e6)))
    local nd = ree.series { from = 2005, unit = "US$/kg", name = "Nd", 14, 18, 56, 20 }
    local chart = svg.lines({ nd }, { log = true })
    for _, label in ipairs({ ">10</text>", ">20</text>", ">50</text>", ">100</text>" }) do
      assert.truthy(chart:find(label, 1, true), label)
    end
    assert.are.equal(6, select(2, chart:gsub('<line class="minor"', "")))
  end)

  it("draw the model against the record on one chart", function()
    local model = ree.series { from = 2010, unit = "US$/kg", name = "Nd", 30, 60, 40 }
    local record = ree.series { from = 2010, unit = "US$/kg", name = "Nd, USGS", 28, ree.missing, 45 }
    local chart = svg.lines({ model }, { record = { [1] = record } })
    assert.are.equal(2, select(2, chart:gsub('<rect class="record"', ""))) -- a square a value it has
    assert.truthy(chart:find(">record: Nd, USGS</text>", 1, true))
    assert.has_error(function() svg.lines({ model }, { record = { [1] = record:to("US$/t") } }) end,
      "svg.lines: the record of 'Nd' is in 'US$/t', not 'US$/kg': convert with :to")
  end)

  it("put sparse bars side by side, not on an empty axis", function()
    local values = { [1994] = 64500, [2000] = 83500, [2011] = 130000 }
    local bars = {}
    for year = 1994, 2015 do bars[#bars + 1] = values[year] or ree.missing end
    local s = ree.series { from = 1994, unit = "t REO", name = "World", table.unpack(bars) }
    local chart = svg.bars({ s })
    -- three bars, three year labels, and the note
    assert.are.equal(3, select(2, chart:gsub("<rect x=[^>]* fill=\"#0072B2\"><title>", "")))
    for _, year in ipairs({ ">1994</text>", ">2000</text>", ">2011</text>" }) do
      assert.truthy(chart:find(year, 1, true))
    end
    assert.is_nil(chart:find(">2005</text>", 1, true))
    assert.truthy(chart:find("Only the years with a value are on the axis.", 1, true))
    assert.are.same({}, helpers.label_overlaps(chart))
  end)

  it("draw as PNG where rsvg-convert is, and say what is missing where it is not", function()
    local nd = ree.series { from = 2005, unit = "US$/kg", name = "Nd", 14, 18, 56, 20 }
    local path = os.tmpname() .. ".png"
    svg.lines({ nd }, { log = true, file = path })
    local png = helpers.read(path)
    os.remove(path)
    assert.are.equal("\137PNG\r\n\26\n", png:sub(1, 8))
    -- 860 px wide, as the SVG (the IHDR chunk's width, big-endian)
    assert.are.equal(860, string.unpack(">I4", png, 17))
    local out, status = helpers.sh("PATH=/nonexistent bindings/ree-host -e 'require(\"ree.svg\").lines({ " ..
      "require(\"ree\").series { from = 2005, unit = \"t\", 1, 2 } }, { file = \"" .. path .. "\" })'")
    assert.are.same({ 1, "ree: (command line):1: cannot write '" .. path .. "': a PNG is drawn by rsvg-convert " ..
      "(Debian: apt-get install librsvg2-bin), which is not installed; an .svg needs nothing" },
      { status, out:match("^[^\n]*") })
    assert.is_nil(io.open(path))
  end)

  it("keep series' names through arithmetic, slices and conversions", function()
    local nd = ree.series { from = 2010, unit = "t", name = "Nd", 1, 2, 3 }
    local pr = ree.series { from = 2010, unit = "t", name = "Pr", 1, 1, 1 }
    local world = ree.series { from = 2010, unit = "t", name = "World", 10, 10, 10 }
    local unnamed = ree.series { from = 2010, unit = "t", 4, 4, 4 }
    assert.are.same({ "Nd + Pr", "(Nd + Pr) / World", "Nd", "Nd", "Nd", "Nd", "Nd", "Nd", "Nd" },
      { (nd + pr):name(), ((nd + pr) / world):name(), (nd * 2):name(), (2 * nd):name(), nd:slice(2010, 2011):name(),
        nd:to("kt"):name(), (-nd):name(), (nd / unnamed):name(), nd:cumsum():name() })
    assert.is_nil((unnamed + unnamed):name())
    -- so a legend of derived series still reads
    local chart = svg.lines({ (nd / world):to("%"), (pr / world):to("%") })
    assert.truthy(chart:find(">Nd / World</text>", 1, true) and chart:find(">Pr / World</text>", 1, true))
    assert.is_nil(chart:find(">series 1</text>", 1, true))
  end)
end)
