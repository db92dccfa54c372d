--- Numbers and tables as people read them.

local format = {}

--- 4081.63 -> "4,082"; 62.8 -> "62.8"; 0.0123 -> "0.0123"
-- Whole-number precision at and above 100, three significant digits below.
--- An error value as text: a string or a number as it is; an object by
-- its __tostring (called under pcall); anything else, or an object whose
-- __tostring fails or gives no string, named by its type.
function format.error_value(e)
  if type(e) == "string" or type(e) == "number" then return tostring(e) end
  local mt = getmetatable(e)
  if type(mt) == "table" and rawget(mt, "__tostring") ~= nil then
    local ok, text = pcall(tostring, e)
    if ok and type(text) == "string" then return text end
  end
  return string.format("(an error object of type %s)", type(e))
end

function format.number(x)
  if x ~= x then return "n/a" end
  if x == math.huge or x == -math.huge then return x > 0 and "inf" or "-inf" end
  local a = math.abs(x)
  local s
  if a >= 100 or a == 0 then
    s = string.format("%.0f", x)
  else
    s = string.format("%.3g", x)
    if s:find("e") then s = string.format("%.2e", x) end
  end
  local sign, int, rest = s:match("^(-?)(%d+)(.*)$")
  if not int then return s end
  int = int:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
  return sign .. int .. rest
end

--- A time as people write it: a year (2011), or for a sub-annual series
-- of `period` steps a year, its month (2011-06) or quarter (2011Q2); t is
-- the decimal year Series:pairs gives (2011.5 is July).
function format.time(t, period)
  period = period or 1
  local step = math.floor(t * period + 0.5)
  local year, sub = step // period, step % period + 1
  if period == 12 then return string.format("%d-%02d", year, sub) end
  if period == 4 then return string.format("%dQ%d", year, sub) end
  return string.format("%d", year)
end

--- US$ amounts: 1.234e9 -> "US$1.23 bn"; 4.56e7 -> "US$45.6 m"; 512 -> "US$512";
-- -6.93e6 -> "-US$6.93 m".
function format.money(x)
  if x < 0 then return "-" .. format.money(-x) end
  if x >= 1e9 then return string.format("US$%s bn", format.number(x / 1e9)) end
  if x >= 1e6 then return string.format("US$%s m", format.number(x / 1e6)) end
  return "US$" .. format.number(x)
end

--- Renders rows (lists of strings) as columns. A column whose cells are
-- all numbers (or empty) is right-aligned, its header too.
function format.table(rows, indent)
  local widths, numeric, out = {}, {}, {}
  for r, row in ipairs(rows) do
    for i, cell in ipairs(row) do
      widths[i] = math.max(widths[i] or 0, utf8.len(cell) or #cell)
      if r > 1 then
        local is_number = cell == "" or cell:match("^[-%d,.%%]+$") ~= nil
        numeric[i] = (numeric[i] ~= false) and is_number
      end
    end
  end
  for _, row in ipairs(rows) do
    local cells = {}
    for j, cell in ipairs(row) do
      local pad = string.rep(" ", widths[j] - (utf8.len(cell) or #cell))
      cells[j] = (j > 1 and numeric[j]) and (pad .. cell) or (cell .. pad)
    end
    out[#out + 1] = (indent or "") .. table.concat(cells, "  "):gsub("%s+$", "")
  end
  return table.concat(out, "\n")
end

return format
