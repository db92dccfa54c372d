local ree = require("ree")

local NA = ree.missing

-- Dy oxide FOB, US$/kg, a made-up monthly path from June 2011: the
-- numbers are round for hand arithmetic, not data.
local function dy(values)
  return ree.series { from = { 2011, 6 }, period = "monthly", unit = "US$/kg", name = "Dy",
    table.unpack(values or { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190 }) }
end

describe("sub-annual series #unit", function()
  it("are read by year and month, and say what they are", function()
    local s = dy()
    assert.are.equal(12, s:period())
    assert.are.same({ 2011, 2012, 6, 12 }, { s:years() })
    assert.are.equal(10, s:at(2011, 6))
    assert.are.equal(80, s:at(2012, 1))
    assert.is_nil(s:at(2011, 5)) -- before it starts
    assert.are.equal("ree.Series 'Dy' 2011-06 to 2012-12, monthly, US$/kg (19 values, 0 missing)", tostring(s))
    assert.has_error(function() return s[2011] end, "a monthly series is read by year and month: s:at(2011, 3)")
    assert.has_error(function() return s:at(2011, 13) end,
      "bad argument #2 to 'at' (a month from 1 to 12 expected, got 13)")
  end)

  it("aggregate to whole years: prices by their mean, amounts by their sum", function()
    local s = dy()
    local y = s:annual()
    assert.are.same({ 2011, 2012 }, { y:years() })
    assert.is_nil(y[2011]) -- January to May 2011 are not in the series
    assert.are.equal((80 + 190) / 2, y[2012]) -- 80 .. 190 in steps of 10: the mean of the ends
    assert.are.equal("Dy", y:name())
    local t = ree.series { from = { 2012, 1 }, period = "quarterly", unit = "t REO", 100, 200, 300, 400 }
    assert.are.equal(1000, t:annual()[2012])
    assert.are.equal(400, t:annual("last")[2012])
    assert.are.equal(250, t:annual("mean")[2012])
    local gap = ree.series { from = { 2012, 1 }, period = "quarterly", unit = "t REO", 100, NA, 300, 400 }
    assert.is_nil(gap:annual()[2012])
  end)

  it("keep their period through arithmetic, slices and shifts, and refuse to mix periods", function()
    local s = dy()
    local twice = s * 2
    assert.are.equal(12, twice:period())
    assert.are.equal(160, twice:at(2012, 1))
    local y2012 = s:slice(2012, 2012)
    assert.are.same({ 2012, 2012, 1, 12 }, { y2012:years() })
    assert.are.same({ 2012, 2013, 6, 12 }, { s:shift(1):years() })
    assert.are.same({ 190, 2012, 12 }, { s:max() })
    local annual = ree.series { from = 2011, unit = "US$/kg", 1, 2 }
    assert.has_error(function() return s + annual end, "a monthly and an annual series: aggregate one with :annual()")
    assert.has_error(function() s:cagr(2011, 2012) end, "a monthly series: aggregate it with :annual() first")
  end)

  it("give each step's time as a decimal year, for charts", function()
    local times = {}
    for t, v in dy({ 1, NA, 3 }):pairs() do times[#times + 1] = { t, v } end
    assert.are.same({ { 2011 + 5 / 12, 1 }, { 2011.5, nil }, { 2011 + 7 / 12, 3 } }, times)
  end)

  it("draw with their months: charts, bands and the terminal", function()
    local svg = require("ree.svg")
    local format = require("ree.format")
    assert.are.same({ "2011-06", "2011Q3", "2011" }, { format.time(2011 + 5 / 12, 12), format.time(2011.5, 4),
      format.time(2011, 1) })
    local s = dy({ 10, 20, 30, 40, 50, 60, 70, 80 })
    local text = svg.lines { s }
    assert.truthy(text:find("<title>Dy 2011-06: 10 US$/kg</title>", 1, true))
    assert.truthy(text:find('>2012</text>', 1, true)) -- the x axis marks whole years
    local fan = svg.bands { p05 = s * 0.5, p25 = s * 0.8, p50 = s, p75 = s * 1.2, p95 = s * 1.5 }
    assert.are.equal(2, select(2, fan:gsub("<polygon", "")))
    -- the record over the bands: a point for each value it has, named in the legend
    local seen = ree.series { from = { 2011, 6 }, period = "monthly", unit = "US$/kg", 12, nil, 7 }:named("record")
    local with = svg.bands({ p05 = s * 0.5, p25 = s * 0.8, p50 = s, p75 = s * 1.2, p95 = s * 1.5 }, { record = seen })
    assert.are.equal(2, select(2, with:gsub("<circle", "")))
    assert.truthy(with:find(">record</text>", 1, true))
    -- and over a line, in its colour: a hollow square a value
    local over = svg.lines({ s:named("model") }, { record = seen })
    assert.are.equal(2, select(2, over:gsub('<rect class="record"', "")))
    assert.truthy(over:find(">record: record</text>", 1, true))
    assert.has_error(function() svg.lines({ s }, { record = { [2] = seen } }) end,
      "svg.lines: record is { [i] = the record of series i }, series i being one of the lines")
    assert.has_error(function() svg.bars { s } end,
      "svg.bars: draws annual series; aggregate the monthly one with :annual()")
    assert.has_error(function() svg.area { s } end,
      "svg.area: draws annual series; aggregate the monthly one with :annual()")
    local text_bars = require("ree.plot").bars(s, { print = false, ascii = true })
    assert.matches("\n2011%-06 #", text_bars)
  end)

  it("refuse a start they cannot place", function()
    assert.has_error(function() ree.series { from = { 2011, 13 }, period = "monthly", unit = "t", 1 } end,
      "series: the month of 'from' must be 1 to 12, not 13")
    assert.has_error(function() ree.series { from = 2011, period = "weekly", unit = "t", 1 } end,
      "series: 'period' must be \"annual\", \"quarterly\" or \"monthly\", not weekly")
    assert.has_error(function() ree.series { from = { 2011, 1 }, unit = "t", 1 } end,
      "series needs 'from', the first year, as an integer")
  end)
end)
