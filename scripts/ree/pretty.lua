--- Values as the REPL shows them: tables with their keys sorted, cut at a
-- depth and a number of items, cycles named instead of followed; numbers
-- to 6 significant digits (digits = "full": every digit that tells the
-- number apart); a ree object as its one-line summary and the methods
-- that show more; a series, at the top, with its values by year (the
-- first and last ones when it is long).
--
--   pretty.show({ b = 2, a = { 1, 2, 3 } })   --> { a = { 1, 2, 3 }, b = 2 }
--   pretty.show(1 / 3)                        --> 0.333333
--   pretty.show(1 / 3, { digits = "full" })   --> 0.3333333333333333
--   pretty.show(ree.series { from = 2010, unit = "t", 1, 2 })
--     --> ree.Series 2010-2011, t (2 values, 0 missing)  -- :plot() :values() for more
--           2010  1
--           2011  2

local pretty = {}

pretty.DEFAULTS = { depth = 3, items = 20, width = 78, digits = 6, rows = 12 }

local IDENT = "^[%a_][%w_]*$"
local KEYWORDS = {}
for w in ([[and break do else elseif end false for function goto if in local nil not or repeat return then true
  until while]]):gmatch("%a+") do KEYWORDS[w] = true end

--- The keys after the list part 1..n, in a reading order: numbers, then
-- strings, then the rest (ree.order's).
local function sorted_keys(t, n)
  local keys = {}
  for _, k in ipairs(require("ree.order").keys(t)) do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  return keys
end

local function scalar(v, o)
  local t = type(v)
  if t == "string" then return (string.format("%q", v):gsub("\\\n", "\\n")) end
  if math.type(v) == "float" then
    if v ~= v then return "nan" end
    if v == math.huge or v == -math.huge then return v > 0 and "inf" or "-inf" end
    local s
    if o.digits == "full" then
      s = require("ree.csv").number(v)
    else
      s = string.format("%." .. o.digits .. "g", v)
    end
    return s:find("[.eni]") and s or s .. ".0"
  end
  return tostring(v)
end

--- The methods of an object that show more of it, as ":plot() :table()".
local MORE = { "table", "plot", "values", "summary", "explain" }
local function more_of(v)
  local found = {}
  for _, m in ipairs(MORE) do
    local ok, f = pcall(function() return v[m] end)
    if ok and type(f) == "function" then found[#found + 1] = ":" .. m .. "()" end
  end
  return found
end

--- The one-line summary of a ree object (a value whose metatable has
-- __tostring or __name), or nil for anything else; with `hint`, followed
-- by the methods that show more.
function pretty.summary(v, hint)
  local mt = getmetatable(v)
  if type(mt) ~= "table" or not (mt.__tostring or mt.__name) then return nil end
  local ok, s = pcall(tostring, v)
  if not ok then s = tostring(mt.__name or type(v)) end
  local more = hint and more_of(v) or {}
  if #more > 0 then s = s .. "  -- " .. table.concat(more, " ") .. " for more" end
  return s
end

--- A series's values, a line a step ("  2011  450.288"; "  2011-03 ..."),
-- the first and last o.rows / 2 of them when there are more than o.rows.
local function series_rows(v, o)
  local format = require("ree.format")
  local period, rows = v:period(), {}
  for t, x in v:pairs() do
    local text = x == nil and "missing" or scalar(x, o):gsub("%.0$", "") -- a column of numbers, not Lua
    rows[#rows + 1] = string.format("  %-8s %s", format.time(t, period), text)
  end
  if #rows > o.rows then
    local half = o.rows // 2
    local cut = #rows - 2 * half
    table.move(rows, #rows - half + 1, #rows, half + 2)
    rows[half + 1] = string.format("  ... (%d more)", cut)
    for i = #rows, 2 * half + 2, -1 do rows[i] = nil end
  end
  return table.concat(rows, "\n")
end

local function render(v, o, depth, seen, indent)
  if type(v) ~= "table" then
    if depth == 0 and require("ree.series").is(v) then return pretty.summary(v, true) .. "\n" .. series_rows(v, o) end
    if type(v) == "userdata" then return pretty.summary(v, depth == 0) or tostring(v) end
    return scalar(v, o)
  end
  local summary = pretty.summary(v, depth == 0)
  if summary then return summary end
  if seen[v] then return "<cycle: " .. tostring(v) .. ">" end
  if depth >= o.depth then return next(v) == nil and "{}" or "{...}" end
  seen[v] = true
  local parts = {}
  local n = #v
  local shown = 0
  for i = 1, n do
    if shown == o.items then break end
    parts[#parts + 1] = render(v[i], o, depth + 1, seen, indent .. "  ")
    shown = shown + 1
  end
  local keys = sorted_keys(v, n)
  for _, k in ipairs(keys) do
    if shown == o.items then break end
    local name
    if type(k) == "string" and k:match(IDENT) and not KEYWORDS[k] then
      name = k
    else
      name = "[" .. render(k, o, o.depth, seen, indent) .. "]"
    end
    parts[#parts + 1] = name .. " = " .. render(v[k], o, depth + 1, seen, indent .. "  ")
    shown = shown + 1
  end
  local total = n + #keys
  if total > shown then parts[#parts + 1] = string.format("... (%d more)", total - shown) end
  seen[v] = nil
  if #parts == 0 then return "{}" end
  local line = "{ " .. table.concat(parts, ", ") .. " }"
  if #indent + #line <= o.width and not line:find("\n") then return line end
  -- too wide: one part a line, short one-line parts packed together
  local lines, current = {}, nil
  local inner = indent .. "  "
  for i, part in ipairs(parts) do
    local piece = part .. (i < #parts and "," or "")
    if current and not part:find("\n") and not current:find("\n") and #current + 1 + #piece <= o.width then
      current = current .. " " .. piece
    else
      if current then lines[#lines + 1] = current end
      current = inner .. piece
    end
  end
  lines[#lines + 1] = current
  return "{\n" .. table.concat(lines, "\n") .. "\n" .. indent .. "}"
end

--- The text of v; opts: depth (3), items per table (20), width (78),
-- digits (6, or "full"), rows of a series (12).
function pretty.show(v, opts)
  local o = {}
  for k, d in pairs(pretty.DEFAULTS) do o[k] = (opts and opts[k]) or d end
  return render(v, o, 0, {}, "")
end

return pretty
