--- Axis scales shared by the terminal and SVG charts: nice tick values
-- and the mapping from values to positions, linear or logarithmic.

local scale = {}

--- About n "nice" ticks (1, 2 or 5 times a power of ten) covering lo..hi.
-- @return ticks, and the rounded-out lo and hi they span
function scale.ticks(lo, hi, n)
  if hi <= lo then hi = lo + (lo == 0 and 1 or math.abs(lo) * 0.1) end
  local raw = (hi - lo) / math.max(n - 1, 1)
  local p = 10 ^ math.floor(math.log(raw, 10))
  local step = p * 10
  for _, m in ipairs({ 1, 2, 5, 10 }) do
    if raw <= m * p then
      step = m * p
      break
    end
  end
  local first, last = math.floor(lo / step) * step, math.ceil(hi / step) * step
  local ticks = {}
  for t = first, last + step / 2, step do ticks[#ticks + 1] = t end
  return ticks, first, last
end

--- Ticks for a log axis covering lo..hi (both > 0), from the power of ten
-- below lo to the one above hi. Over up to two decades the labelled
-- ticks are 1, 2 and 5 of each (10, 20, 50, 100: Nd's 14-56 US$/kg is
-- read between labels, not between two of a decade apart), the others of
-- 1-9 minor; over up to five, the powers of ten, 2-9 minor; beyond, the
-- powers alone.
-- @return labelled ticks, the axis's lo and hi, the minor ticks
function scale.log_ticks(lo, hi)
  local first, last = math.floor(math.log(lo, 10)), math.ceil(math.log(hi, 10))
  if last == first then last = first + 1 end
  local decades = last - first
  local labelled = decades <= 2 and { [1] = true, [2] = true, [5] = true } or { [1] = true }
  local ticks, minor = {}, {}
  for e = first, last do
    for m = 1, (e < last and 9 or 1) do
      local v = m * 10 ^ e
      if labelled[m] then
        ticks[#ticks + 1] = v
      elseif decades <= 5 then
        minor[#minor + 1] = v
      end
    end
  end
  return ticks, 10 ^ first, 10 ^ last, minor
end

--- A function mapping lo..hi onto a..b (log10 when log is set).
function scale.map(lo, hi, a, b, log)
  if log then lo, hi = math.log(lo, 10), math.log(hi, 10) end
  local span = hi - lo
  if span == 0 then span = 1 end
  return function(v)
    if log then v = math.log(v, 10) end
    return a + (v - lo) / span * (b - a)
  end
end

--- The known values of series as a flat list, and their years.
function scale.extent(series, log)
  local lo, hi, y0, y1 = math.huge, -math.huge, math.huge, -math.huge
  for _, s in ipairs(series) do
    for year, v in s:pairs() do
      if v and (not log or v > 0) then
        lo, hi = math.min(lo, v), math.max(hi, v)
        y0, y1 = math.min(y0, year), math.max(y1, year)
      end
    end
  end
  if lo == math.huge then return nil end
  return lo, hi, y0, y1
end

return scale
