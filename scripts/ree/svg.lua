--- Charts as SVG files: lines, stacked areas, bars, Monte Carlo bands. Each has a title, axes
-- labelled with their units, a legend and a source line, so that a reader
-- understands it without the code.
--
--   svg.lines({ nd, dy }, { title = "...", log = true, source = "USGS", file = "prices.svg" })
--   svg.area({ sintered, bonded }, { title = "...", file = "ndfeb.svg" })
--   svg.bars({ quota, exports }, { title = "...", stacked = false })
--   svg.bands(mc:bands "price.Dy.fob", { title = "..." })   -- a Monte Carlo fan chart
--
-- Each returns the SVG text; with `file` it is also written (atomically).

local args = require("ree.args")
local format = require("ree.format")
local scale = require("ree.scale")
local svgdoc = require("ree.svgdoc")

local svg = {}

local W = 860                 -- the width of every chart
local LEFT, TOP = 84, 58      -- room for the y labels, the title
local PLOT_H = 344            -- the height of the plotting area
local FOOT = 58               -- year labels and the axis title under it
local LINE = 15               -- a line of the note or source
local CHAR_W = 7.2            -- mean width of a 13 px character, for layout
-- Okabe and Ito's palette (told apart with every common colour vision),
-- then grey and brown; the pale yellow last, as it is faint on white
local COLOURS = { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
  "#999999", "#8C510A", "#F0E442" }

local OPTIONS = { title = true, subtitle = true, source = true, log = true, file = true, stacked = true,
  ylabel = true, note = true }
local WITH_RECORD = { record = true } -- the options of the charts that draw a record beside the series
for k in pairs(OPTIONS) do WITH_RECORD[k] = true end

local escape, num = svgdoc.escape, svgdoc.num

--- Splits text into lines of at most width characters, at spaces.
local function wrap(text, width)
  local lines, line = {}, ""
  for word in text:gmatch("%S+") do
    if #line > 0 and #line + 1 + #word > width then
      lines[#lines + 1] = line
      line = word
    else
      line = #line > 0 and (line .. " " .. word) or word
    end
  end
  if #line > 0 then lines[#lines + 1] = line end
  return lines
end

local function check(list, opts, fname, level)
  level = level or 3 -- the chart's caller, when the chart calls this
  args.options("svg." .. fname, opts, (fname == "bands" or fname == "lines") and WITH_RECORD or OPTIONS, level)
  if type(list) ~= "table" or #list == 0 then error("svg." .. fname .. ": no series to draw", level) end
  local unit = list[1]:unit()
  for _, s in ipairs(list) do
    if s:unit() ~= unit then
      error(string.format("svg.%s: series in '%s' and '%s' cannot share an axis: convert with :to",
        fname, unit, s:unit()), level)
    end
  end
  return unit
end

--- The checks of a chart that stands a bar or a stack on each year (svg.area,
-- svg.bars): annual series, no log scale, a value somewhere. Returns the
-- options, the unit and the extent; raises at the chart's caller.
local function yearly_chart(list, opts, fname, what)
  opts = opts or {}
  local unit = check(list, opts, fname, 4)
  for _, s in ipairs(list) do
    if s:period() > 1 then
      error(string.format("svg.%s: draws annual series; aggregate the %s one with :annual()", fname,
        s:period() == 12 and "monthly" or "quarterly"), 3)
    end
  end
  if opts.log then error(string.format("svg.%s: %s cannot use a log scale", fname, what), 3) end
  local lo, hi, y0, y1 = scale.extent(list)
  if not y0 then error(string.format("svg.%s: every value is missing", fname), 3) end
  return opts, unit, lo, hi, y0, y1
end

--- The frame every chart shares: title, axes, ticks, legend, source line.
-- frame: { unit, lo, hi (the values' extent), from, to (the years), plot =
-- function(add, x_of, y_of, base) that draws the data between the axes and
-- the legend, bars = true for half a year of room at each end, swatches =
-- { [i] = { colour, opacity [, hollow = true] } } where legend entry i is
-- not a plain line: a shade, or a record's hollow marker }.
local function chart(list, opts, frame)
  local unit, vlo, vhi, y0, y1 = frame.unit, frame.lo, frame.hi, frame.from, frame.to
  local plot, band, swatches, categories = frame.plot, frame.bars, frame.swatches, frame.years
  local out = {}
  local function add(...) out[#out + 1] = string.format(...) end
  -- the legend takes the room its longest name needs
  local longest = 0
  for i, s in ipairs(list) do longest = math.max(longest, utf8.len(s:name() or ("series " .. i)) or 0) end
  local legend_w = math.min(340, 56 + longest * CHAR_W)
  local footer = {}
  local note = opts.note
  if categories then
    note = (note and note .. " " or "") .. "Only the years with a value are on the axis."
  end
  for _, l in ipairs(note and wrap(note, 130) or {}) do footer[#footer + 1] = l end
  for _, l in ipairs(wrap("Source: " .. (opts.source or "see the data"), 130)) do footer[#footer + 1] = l end
  local H = TOP + PLOT_H + FOOT + #footer * LINE + 10
  local x0, x1, yt, yb = LEFT, W - legend_w, TOP, TOP + PLOT_H
  local ticks, minor
  if opts.log then ticks, vlo, vhi, minor = scale.log_ticks(vlo, vhi)
  else ticks, vlo, vhi = scale.ticks(vlo, vhi, 6) end
  -- bars need half a step of room on each side of the first and last year;
  -- sparse bars stand side by side, one slot a year that has a value
  local pad = band and 0.5 or 0
  local x_of = scale.map(y0 - pad, y1 + pad, x0, x1)
  local slot_of
  if categories then
    slot_of = {}
    for k, year in ipairs(categories) do slot_of[year] = k end
    local by_slot = scale.map(1 - pad, #categories + pad, x0, x1)
    x_of = function(year) return by_slot(slot_of[year] or 1) end
  end
  local y_of = scale.map(vlo, vhi, yb, yt, opts.log)
  add('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
    .. 'font-family="DejaVu Sans, Arial, sans-serif" font-size="13">', W, H, W, H)
  add('<title>%s</title>', escape(opts.title or "chart"))
  add('<rect width="%d" height="%d" fill="#ffffff"/>', W, H)
  add('<text x="%d" y="28" font-size="18" font-weight="bold">%s</text>', LEFT, escape(opts.title or ""))
  if opts.subtitle then add('<text x="%d" y="47" fill="#444">%s</text>', LEFT, escape(opts.subtitle)) end
  -- y axis: grid lines and labels; a log axis's minor ticks, fainter, unlabelled
  for _, t in ipairs(minor or {}) do
    local y = y_of(t)
    add('<line class="minor" x1="%s" y1="%s" x2="%s" y2="%s" stroke="#f0f0f0"/>', num(x0), num(y), num(x1), num(y))
    add('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>', num(x0 - 4), num(y), num(x0), num(y))
  end
  for _, t in ipairs(ticks) do
    local y = y_of(t)
    add('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#dddddd"/>', num(x0), num(y), num(x1), num(y))
    add('<text x="%s" y="%s" text-anchor="end" dominant-baseline="middle">%s</text>', num(x0 - 8), num(y),
      escape(format.number(t)))
  end
  local ylabel = (opts.ylabel or unit) .. (opts.log and " (log scale)" or "")
  add('<text transform="translate(20,%s) rotate(-90)" text-anchor="middle">%s</text>', num((yt + yb) / 2),
    escape(ylabel))
  -- x axis: whole years (a monthly series' times lie between them), or the
  -- years that have a bar
  local step = math.max(1, math.ceil((y1 - y0 + 1) / 12))
  local labelled = {}
  if categories then
    local every = math.max(1, math.ceil(#categories / 12))
    for k = 1, #categories, every do labelled[#labelled + 1] = categories[k] end
  else
    for year = math.ceil(y0), math.floor(y1), step do labelled[#labelled + 1] = year end
  end
  for _, year in ipairs(labelled) do
    local x = x_of(year)
    add('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>', num(x), num(yb), num(x), num(yb + 5))
    add('<text x="%s" y="%s" text-anchor="middle">%d</text>', num(x), num(yb + 20), year)
  end
  add('<text x="%s" y="%s" text-anchor="middle">year</text>', num((x0 + x1) / 2), num(yb + 40))
  add('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>', num(x0), num(yb), num(x1), num(yb))
  add('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>', num(x0), num(yt), num(x0), num(yb))
  add('<g class="data">')
  plot(add, x_of, y_of, yb)
  add('</g>')
  -- legend
  for i, s in ipairs(list) do
    local y = yt + 10 + (i - 1) * 22
    local sw = swatches and swatches[i] or { COLOURS[(i - 1) % #COLOURS + 1], 1 }
    if sw.hollow then -- a record's marker
      add('<rect x="%s" y="%s" width="11" height="11" fill="#ffffff" stroke="%s" stroke-width="2"/>', num(x1 + 17.5),
        num(y - 5.5), sw[1])
    else
      add('<rect x="%s" y="%s" width="14" height="14" fill="%s" fill-opacity="%s"/>', num(x1 + 16), num(y - 7),
        sw[1], sw[2])
    end
    add('<text x="%s" y="%s" dominant-baseline="middle">%s</text>', num(x1 + 36), num(y),
      escape(s:name() or ("series " .. i)))
  end
  for i, l in ipairs(footer) do
    add('<text x="%d" y="%d" font-size="11" fill="#444">%s</text>', LEFT, yb + FOOT + (i - 1) * LINE, escape(l))
  end
  add('</svg>')
  return table.concat(out, "\n") .. "\n"
end

local finish = svgdoc.finish

-- A line through the points ("x,y" each), when there are two or more.
local function line(add, colour, points)
  if #points > 1 then
    add('<polyline fill="none" stroke="%s" stroke-width="2.5" points="%s"/>', colour, table.concat(points, " "))
  end
end

--- The record to draw with lines: opts.record, { [i] = series } (the
-- record of list[i], drawn in its colour), checked; the legend entries
-- and swatches it adds, and its series for the extent.
local function record_of(list, opts, unit)
  local pairs_list, legend, swatches = {}, {}, {}
  for i = 1, #list do swatches[i] = { COLOURS[(i - 1) % #COLOURS + 1], 1 } end
  local record = opts.record or {}
  if getmetatable(record) ~= nil then record = { record } end -- one series: the first line's
  for i, r in pairs(record) do
    if math.type(i) ~= "integer" or not list[i] or getmetatable(r) == nil or r.unit == nil then
      error("svg.lines: record is { [i] = the record of series i }, series i being one of the lines", 3)
    end
    if r:unit() ~= unit then
      error(string.format("svg.lines: the record of '%s' is in '%s', not '%s': convert with :to",
        list[i]:name() or ("series " .. i), r:unit(), unit), 3)
    end
    pairs_list[#pairs_list + 1] = { i, r }
  end
  table.sort(pairs_list, function(a, b) return a[1] < b[1] end)
  for _, p in ipairs(pairs_list) do
    legend[#legend + 1] = p[2]:named("record: " .. (p[2]:name() or list[p[1]]:name() or ("series " .. p[1])))
    swatches[#list + #legend] = { COLOURS[(p[1] - 1) % #COLOURS + 1], 1, hollow = true }
  end
  return pairs_list, legend, swatches
end

--- Each point of series s that a chart can draw (a value; above 0 on a
-- log axis), as f(time, value).
local function each_point(s, log, f)
  for t, v in s:pairs() do
    if v and (not log or v > 0) then f(t, v) end
  end
end

--- Lines, one per series; a gap breaks its line; points are marked. With
-- record = { [i] = series }, what was observed of series i is drawn over
-- it as hollow squares in its colour, and named in the legend.
function svg.lines(list, opts)
  opts = opts or {}
  local unit = check(list, opts, "lines")
  local records, legend_records, swatches = record_of(list, opts, unit)
  local extent = table.move(list, 1, #list, 1, {})
  for _, p in ipairs(records) do extent[#extent + 1] = p[2] end
  local lo, hi, y0, y1 = scale.extent(extent, opts.log)
  if not lo then error("svg.lines: every value is missing", 2) end
  if not opts.log then lo = math.min(lo, 0) end
  local legend = table.move(legend_records, 1, #legend_records, #list + 1, table.move(list, 1, #list, 1, {}))
  local text = chart(legend, opts, { unit = unit, lo = lo, hi = hi, from = y0, to = y1, swatches = swatches,
    plot = function(add, x_of, y_of)
    for i, s in ipairs(list) do
      local colour = COLOURS[(i - 1) % #COLOURS + 1]
      local run = {}
      local function flush()
        line(add, colour, run)
        run = {}
      end
      for year, v in s:pairs() do
        if v and (not opts.log or v > 0) then
          local x, y = x_of(year), y_of(v)
          run[#run + 1] = num(x) .. "," .. num(y)
          add('<circle cx="%s" cy="%s" r="%s" fill="%s"><title>%s %s: %s %s</title></circle>', num(x), num(y),
            s:period() > 1 and "2" or "3.5", colour, escape(s:name() or ""), format.time(year, s:period()),
            escape(format.number(v)), escape(unit))
        else
          flush()
        end
      end
      flush()
    end
    for _, p in ipairs(records) do
      local colour, r = COLOURS[(p[1] - 1) % #COLOURS + 1], p[2]
      each_point(r, opts.log, function(t, v)
        add('<rect class="record" x="%s" y="%s" width="9" height="9" fill="#ffffff" stroke="%s" stroke-width="2">' ..
          '<title>record %s: %s %s</title></rect>', num(x_of(t) - 4.5), num(y_of(v) - 4.5), colour,
          format.time(t, r:period()), escape(format.number(v)), escape(unit))
      end)
    end
  end })
  return finish(text, opts)
end

--- Stacked areas, first series at the bottom, over the years where every
-- series has a value (a year with a gap is left out, not guessed).
function svg.area(list, opts)
  local unit, y0, y1, _
  opts, unit, _, _, y0, y1 = yearly_chart(list, opts, "area", "stacked areas")
  local years, tops = {}, {}
  for year = y0, y1 do
    local total, complete = 0, true
    for _, s in ipairs(list) do
      local v = s[year]
      if not v then complete = false break end
      total = total + v
    end
    if complete then years[#years + 1] = year tops[#tops + 1] = total end
  end
  if #years < 2 then error("svg.area: fewer than two years where every series has a value", 2) end
  local hi = math.max(table.unpack(tops))
  local text = chart(list, opts, { unit = unit, lo = 0, hi = hi, from = years[1], to = years[#years],
    plot = function(add, x_of, y_of)
    local below = {}
    for k = 1, #years do below[k] = 0 end
    for i, s in ipairs(list) do
      local upper, lower = {}, {}
      for k, year in ipairs(years) do
        local top = below[k] + s[year]
        upper[#upper + 1] = num(x_of(year)) .. "," .. num(y_of(top))
        lower[#years - k + 1] = num(x_of(year)) .. "," .. num(y_of(below[k]))
        below[k] = top
      end
      add('<polygon fill="%s" fill-opacity="0.85" stroke="#ffffff" stroke-width="1" points="%s %s"/>',
        COLOURS[(i - 1) % #COLOURS + 1], table.concat(upper, " "), table.concat(lower, " "))
    end
  end })
  return finish(text, opts)
end

--- A fan chart of Monte Carlo quantile bands { p05, p25, p50, p75, p95 }
-- (series): the 5-95 and 25-75 percentile bands shaded, the median a line.
-- Years where a band has a gap are left out of it. opts.record: a series
-- (or a list of them) of what was observed, drawn as black points over
-- the bands, named in the legend.
function svg.bands(b, opts)
  opts = opts or {}
  for _, q in ipairs({ "p05", "p25", "p50", "p75", "p95" }) do
    if not b[q] then error("svg.bands: give the bands p05, p25, p50, p75 and p95", 2) end
  end
  local record = opts.record
  if record and getmetatable(record) ~= nil then record = { record } end
  local legend = { b.p50:named("median"), b.p75:named("25-75 percentile"), b.p95:named("5-95 percentile") }
  local swatches = { { COLOURS[1], 1 }, { COLOURS[1], 0.35 }, { COLOURS[1], 0.15 } }
  for _, r in ipairs(record or {}) do
    legend[#legend + 1] = r
    swatches[#swatches + 1] = { "#000", 1 }
  end
  local unit = check(legend, opts, "bands")
  local extent = { b.p05, b.p95 }
  for _, r in ipairs(record or {}) do extent[#extent + 1] = r end
  local lo, hi, y0, y1 = scale.extent(extent, opts.log)
  if not lo then error("svg.bands: every value is missing", 2) end
  if not opts.log then lo = math.min(lo, 0) end
  local colour = COLOURS[1]
  local text = chart(legend, opts, { unit = unit, lo = lo, hi = hi, from = y0, to = y1, swatches = swatches,
    plot = function(add, x_of, y_of)
    -- the bands share their steps: read them by position, with their times
    local times = {}
    for t in b.p50:pairs() do times[#times + 1] = t end
    for _, pair in ipairs({ { b.p05, b.p95, 0.15 }, { b.p25, b.p75, 0.35 } }) do
      local upper, lower, ls, us = {}, {}, pair[1]:values(), pair[2]:values()
      for k, t in ipairs(times) do
        local l, u = ls[k], us[k]
        if l == l and u == u then -- neither missing
          upper[#upper + 1] = num(x_of(t)) .. "," .. num(y_of(u))
          table.insert(lower, 1, num(x_of(t)) .. "," .. num(y_of(l)))
        end
      end
      if #upper > 1 then
        add('<polygon fill="%s" fill-opacity="%s" stroke="none" points="%s %s"/>', colour, pair[3],
          table.concat(upper, " "), table.concat(lower, " "))
      end
    end
    local run = {}
    for t, v in b.p50:pairs() do
      if v then run[#run + 1] = num(x_of(t)) .. "," .. num(y_of(v)) end
    end
    line(add, colour, run)
    for _, r in ipairs(record or {}) do
      each_point(r, opts.log, function(t, v)
        add('<circle cx="%s" cy="%s" r="4" fill="#000"/>', num(x_of(t)), num(y_of(v)))
      end)
    end
  end })
  return finish(text, opts)
end

--- Bars per year, side by side (or stacked, with stacked = true). A
-- missing value draws no bar; stacked, a year with a gap is left out.
function svg.bars(list, opts)
  local unit, lo, hi, y0, y1
  opts, unit, lo, hi, y0, y1 = yearly_chart(list, opts, "bars", "bars")
  if lo < 0 then error("svg.bars: negative values cannot be drawn as bars", 2) end
  if opts.stacked then
    hi = 0
    for year = y0, y1 do
      local total = 0
      for _, s in ipairs(list) do total = total + (s[year] or 0 / 0) end
      if total == total then hi = math.max(hi, total) end -- NaN: a gap
    end
  end
  -- the years with a value; fewer than half of the span's, they alone
  -- are on the axis, side by side (three bars do not sit on an empty axis)
  local present = {}
  for year = y0, y1 do
    local any = false
    for _, s in ipairs(list) do any = any or s[year] ~= nil end
    if any then present[#present + 1] = year end
  end
  local sparse = #present < (y1 - y0 + 1) / 2
  local text = chart(list, opts, { unit = unit, lo = 0, hi = hi, from = y0, to = y1, bars = true,
    years = sparse and present or nil,
    plot = function(add, x_of, y_of, base)
    local slot = (sparse and (x_of(present[math.min(2, #present)]) - x_of(present[1])) or
      (x_of(y0 + 1) - x_of(y0))) * 0.8
    if slot <= 0 or slot > 80 then slot = 80 end -- one year alone, or few: a bar stays a bar, not a wall
    local width = opts.stacked and slot or slot / #list
    for _, year in ipairs(present) do
      local below, complete = 0, true
      for _, s in ipairs(list) do complete = complete and s[year] ~= nil end
      for i, s in ipairs(opts.stacked and not complete and {} or list) do
        local v = s[year]
        if v then
          local x = x_of(year) - slot / 2 + (opts.stacked and 0 or (i - 1) * width)
          local top = opts.stacked and below + v or v
          local y_top, y_bottom = y_of(top), opts.stacked and y_of(below) or base
          add('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s %d: %s %s</title></rect>', num(x),
            num(y_top), num(width), num(y_bottom - y_top), COLOURS[(i - 1) % #COLOURS + 1],
            escape(s:name() or ""), year, escape(format.number(v)), escape(unit))
          if opts.stacked then below = top end
        end
      end
    end
  end })
  return finish(text, opts)
end

return svg
