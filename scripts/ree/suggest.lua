--- "Did you mean": the known name closest to a misspelt one.
--
--   suggest.closest("colection", { "collection", "cost", "from" })  --> "collection"
--   suggest.hint("colection", names)  --> " (did you mean 'collection'?)", or ""
--
-- ree.args.options raises with it for an unknown option.

local suggest = {}

--- The edit distance between a and b (insertions, deletions,
-- substitutions and swaps of neighbours, each 1).
local function distance(a, b)
  local la, lb = #a, #b
  local d = {}
  for i = 0, la do d[i] = { [0] = i } end
  for j = 0, lb do d[0][j] = j end
  for i = 1, la do
    for j = 1, lb do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      local v = math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if i > 1 and j > 1 and a:byte(i) == b:byte(j - 1) and a:byte(i - 1) == b:byte(j) then
        v = math.min(v, d[i - 2][j - 2] + 1)
      end
      d[i][j] = v
    end
  end
  return d[la][lb]
end

--- The name in names (a list, or the keys of a table) nearest to name,
-- if it is near enough to be a slip: at most a third of its letters off
-- (and at least one allowed), case aside. Ties go to the one nearer in
-- case too, then to the first in sorted order.
function suggest.closest(name, names)
  if type(name) ~= "string" then return nil end
  local list = {}
  if type(names[1]) == "string" then -- a list; else a set, whose [1] = true (a positional key) is no name
    for _, n in ipairs(names) do list[#list + 1] = n end
  else
    for n in pairs(names) do if type(n) == "string" then list[#list + 1] = n end end
  end
  table.sort(list)
  local limit = math.max(1, #name // 3)
  local best, best_d, best_case = nil, limit + 1, math.huge
  for _, n in ipairs(list) do
    local d = distance(name:lower(), n:lower())
    if d < best_d or (d == best_d and d <= limit and distance(name, n) < best_case) then
      best, best_d, best_case = n, d, distance(name, n)
    end
  end
  return best
end

--- " (did you mean 'NAME'?)" for the nearest name, or "".
function suggest.hint(name, names)
  local best = suggest.closest(name, names)
  return best and string.format(" (did you mean '%s'?)", best) or ""
end

return suggest
