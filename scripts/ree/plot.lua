--- Charts in the terminal: lines, bars and sparklines.
--
--   s:plot()                                    -- one series
--   ree.plot { s1, s2, title = "Rare-earth mine production" }
--   s:sparkline()                               --> "▁▂▄█▆"
--
-- The width follows the terminal ($COLUMNS, default 80); the characters are
-- Unicode when the locale says UTF-8 and plain ASCII otherwise (or with
-- ascii = true). Each function returns the text and, unless print = false,
-- writes it to out (default io.stdout).

local args = require("ree.args")
local format = require("ree.format")
local scale = require("ree.scale")

local plot = {}

local OPTIONS = { title = true, width = true, height = true, ascii = true, log = true,
  out = true, print = true, labels = true }

local function unicode_terminal()
  local locale = os.getenv("LC_ALL") or os.getenv("LC_CTYPE") or os.getenv("LANG") or ""
  return locale:upper():find("UTF%-?8") ~= nil
end

local function options(opts, fname)
  args.options(fname, opts, OPTIONS, 3, true)
  local ascii = opts.ascii
  if ascii == nil then ascii = not unicode_terminal() end
  return {
    width = opts.width or math.max(40, math.min(tonumber(os.getenv("COLUMNS")) or 80, 160)),
    height = opts.height or 16,
    ascii = ascii,
    glyph = ascii
      and { h = "-", v = "|", corner = "+", tick = "+", bar = "#", marks = { "*", "+", "o", "x", "#", "@" } }
      or { h = "─", v = "│", corner = "└", tick = "┼", bar = "█", marks = { "●", "▲", "■", "◆", "✚", "○" } },
  }
end

-- the text last written (plot.printed): the REPL shows a chart that an
-- expression both drew and returned once, not a second time as a string.
-- plot.out, when set, is where a chart goes that names no out (a lesson's
-- handout collects them so).
plot.printed, plot.out = nil, nil

local function emit(text, opts)
  if opts.print ~= false then
    (opts.out or plot.out or io.stdout):write(text, "\n")
    plot.printed = text
  end
  return text
end

local function series_name(s, i)
  return s:name() or ("series " .. i)
end

--- Draws a line from (x0, y0) to (x1, y1) on grid with ch (Bresenham).
local function line(grid, x0, y0, x1, y1, ch)
  local dx, dy = math.abs(x1 - x0), -math.abs(y1 - y0)
  local sx, sy = x0 < x1 and 1 or -1, y0 < y1 and 1 or -1
  local err = dx + dy
  while true do
    grid[y0][x0] = ch
    if x0 == x1 and y0 == y1 then return end
    local e2 = 2 * err
    if e2 >= dy then err, x0 = err + dy, x0 + sx end
    if e2 <= dx then err, y0 = err + dx, y0 + sy end
  end
end

--- A line chart of a list of series (the list may carry options).
function plot.lines(list, opts)
  opts = opts or list
  local o = options(opts, "plot")
  local series = {}
  for i = 1, #list do series[i] = list[i] end
  if #series == 0 then error("plot: no series to draw", 2) end
  local unit = series[1]:unit()
  for _, s in ipairs(series) do
    if s:unit() ~= unit then
      error(string.format("plot: series in '%s' and '%s' cannot share an axis: convert with :to", unit, s:unit()), 2)
    end
  end
  local lo, hi, y0, y1 = scale.extent(series, opts.log)
  if not lo then error("plot: every value is missing", 2) end
  local ticks, vlo, vhi
  if opts.log then ticks, vlo, vhi = scale.log_ticks(lo, hi)
  else ticks, vlo, vhi = scale.ticks(math.min(lo, 0), hi, 5) end
  local labels = {}
  local label_w = 0
  for i, t in ipairs(ticks) do
    labels[i] = format.number(t)
    label_w = math.max(label_w, #labels[i])
  end
  local W, H = o.width - label_w - 2, o.height
  local grid = {}
  for r = 1, H do
    grid[r] = {}
    for c = 1, W do grid[r][c] = " " end
  end
  local col = scale.map(y0, math.max(y1, y0 + 1), 1, W)
  local row = scale.map(vlo, vhi, H, 1, opts.log)
  local function cell(year, v)
    return math.floor(col(year) + 0.5), math.max(1, math.min(H, math.floor(row(v) + 0.5)))
  end
  for i, s in ipairs(series) do
    local mark, px, py = o.glyph.marks[(i - 1) % #o.glyph.marks + 1], nil, nil
    for year, v in s:pairs() do
      if v and (not opts.log or v > 0) and year >= y0 and year <= y1 then
        local x, y = cell(year, v)
        if px then line(grid, px, py, x, y, o.ascii and "." or "·") end
        px, py = x, y
      else
        px = nil -- a gap breaks the line
      end
    end
    for year, v in s:pairs() do
      if v and (not opts.log or v > 0) and year >= y0 and year <= y1 then
        local x, y = cell(year, v)
        grid[y][x] = mark
      end
    end
  end
  local out = {}
  if opts.title then out[#out + 1] = opts.title end
  out[#out + 1] = unit .. (opts.log and " (log scale)" or "")
  local tick_rows = {}
  for i, t in ipairs(ticks) do tick_rows[math.floor(row(t) + 0.5)] = labels[i] end
  for r = 1, H do
    local label = tick_rows[r] or ""
    out[#out + 1] = string.rep(" ", label_w - #label) .. label .. " " .. (tick_rows[r] and o.glyph.tick or o.glyph.v)
      .. table.concat(grid[r]):gsub("%s+$", "")
  end
  out[#out + 1] = string.rep(" ", label_w + 1) .. o.glyph.corner .. string.rep(o.glyph.h, W)
  -- years under the axis: about one label every 8 columns
  local axis = {}
  for c = 1, W + label_w + 2 do axis[c] = " " end
  local step = math.max(1, math.ceil((y1 - y0) / math.max(1, W // 8)))
  local last_end = 0
  local years, period = {}, series[1]:period()
  if math.type(y0) ~= "integer" then years[1] = y0 end -- a month: label where it starts
  for year = math.ceil(y0), math.floor(y1), step do years[#years + 1] = year end
  if years[#years] ~= y1 then years[#years + 1] = y1 end -- always label the last time
  for _, year in ipairs(years) do
    local text = format.time(year, math.type(year) == "integer" and 1 or period)
    -- centred under its column, shifted in from the right edge if need be
    local c = math.min(label_w + 2 + math.floor(col(year) + 0.5) - 2, #axis - #text + 1)
    if c > last_end then
      for k = 1, #text do axis[c + k - 1] = text:sub(k, k) end
      last_end = c + #text
    end
  end
  out[#out + 1] = table.concat(axis):gsub("%s+$", "")
  local legend = {}
  for i, s in ipairs(series) do
    legend[i] = o.glyph.marks[(i - 1) % #o.glyph.marks + 1] .. " " .. series_name(s, i)
  end
  out[#out + 1] = string.rep(" ", label_w + 2) .. table.concat(legend, "   ")
  return emit(table.concat(out, "\n"), opts)
end

--- Horizontal bars, one per known year of a series (or per { label,
-- value } pair when given a list of pairs).
function plot.bars(s, opts)
  opts = opts or {}
  local o = options(opts, "bars")
  local rows, unit = {}
  if type(s) == "table" and getmetatable(s) == nil then
    for _, pair in ipairs(s) do rows[#rows + 1] = { tostring(pair[1]), pair[2] } end
    unit = opts.unit or ""
  else
    unit = s:unit()
    for year, v in s:pairs() do
      if v then rows[#rows + 1] = { format.time(year, s:period()), v } end
    end
  end
  if #rows == 0 then error("bars: every value is missing", 2) end
  local max, label_w, value_w = 0, 0, 0
  for _, r in ipairs(rows) do
    if r[2] < 0 then error("bars: negative values cannot be drawn as bars", 2) end
    max = math.max(max, r[2])
    label_w = math.max(label_w, utf8.len(r[1]) or #r[1])
    value_w = math.max(value_w, #format.number(r[2]))
  end
  local W = o.width - label_w - value_w - 3
  local out = {}
  if opts.title then out[#out + 1] = opts.title end
  out[#out + 1] = unit
  for _, r in ipairs(rows) do
    local n = max > 0 and math.floor(r[2] / max * W + 0.5) or 0
    local pad = string.rep(" ", label_w - (utf8.len(r[1]) or #r[1]))
    out[#out + 1] = r[1] .. pad .. " " .. string.rep(o.glyph.bar, n) .. " " .. format.number(r[2])
  end
  return emit(table.concat(out, "\n"), opts)
end

local SPARKS = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" }
local SPARKS_ASCII = { "_", ".", "-", "~", "=", "+", "*", "#" }

--- One character per year, its height the value; a space where missing.
function plot.sparkline(s, opts)
  opts = opts or {}
  local o = options(opts, "sparkline")
  local chars = o.ascii and SPARKS_ASCII or SPARKS
  local lo, hi = scale.extent({ s })
  local out = {}
  for _, v in s:pairs() do
    if not v then
      out[#out + 1] = " "
    else
      local k = hi > lo and math.floor((v - lo) / (hi - lo) * (#chars - 1) + 0.5) + 1 or 1
      out[#out + 1] = chars[k]
    end
  end
  return table.concat(out)
end

return plot
