--- CSV as RFC 4180 writes it: fields separated by commas, quoted when they
-- hold a comma, a quote or a line break, quotes doubled inside.

local csv = {}

local function quote(field)
  field = tostring(field)
  if field:find('[,"\r\n]') then return '"' .. field:gsub('"', '""') .. '"' end
  return field
end

--- Text of rows (lists of fields), one line each, "\n" line ends.
function csv.format(rows)
  local lines = {}
  for i, row in ipairs(rows) do
    local cells = {}
    for j = 1, #row do cells[j] = quote(row[j]) end
    lines[i] = table.concat(cells, ",")
  end
  return table.concat(lines, "\n") .. "\n"
end

--- Rows of text: a list of lists of strings, or nil and "line N: ...".
function csv.parse(text)
  local rows, row, field = {}, {}, {}
  local i, n, line = 1, #text, 1
  local quoted = false
  while i <= n do
    local c = text:sub(i, i)
    if quoted then
      if c == '"' then
        if text:sub(i + 1, i + 1) == '"' then
          field[#field + 1] = '"'
          i = i + 1
        else
          quoted = false
        end
      else
        if c == "\n" then line = line + 1 end
        field[#field + 1] = c
      end
    elseif c == '"' then
      if #field > 0 then return nil, string.format("line %d: a quote inside an unquoted field", line) end
      quoted = true
    elseif c == "," then
      row[#row + 1] = table.concat(field)
      field = {}
    elseif c == "\n" or c == "\r" then
      if c == "\r" and text:sub(i + 1, i + 1) == "\n" then i = i + 1 end
      row[#row + 1] = table.concat(field)
      rows[#rows + 1] = row
      row, field = {}, {}
      line = line + 1
    else
      field[#field + 1] = c
    end
    i = i + 1
  end
  if quoted then return nil, string.format("line %d: a quoted field does not end", line) end
  if #field > 0 or #row > 0 then
    row[#row + 1] = table.concat(field)
    rows[#rows + 1] = row
  end
  return rows
end

--- A number as text that reads back to the same number: the fewest
-- digits (15 to 17) that do, as the core's JSON writes them.
function csv.number(v)
  for digits = 15, 16 do
    local s = string.format("%." .. digits .. "g", v)
    if tonumber(s) == v then return s end
  end
  return string.format("%.17g", v)
end

return csv
