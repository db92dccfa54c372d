--- Tables walked in a fixed order. Lua's pairs() order depends on the
-- string hash seed, which Lua 5.4 draws anew in each process: a sum taken
-- in pairs() order can differ in its last bits from one process to the
-- next, so that a Monte Carlo's run gave other bits in a shard than in a
-- single process. Sums and anything else whose result depends on the
-- order walk with order.pairs.
--
--   for region, k in order.pairs(capacity) do total = total + k end

local order = {}

local RANK = { number = 1, string = 2 }

--- The keys of t, sorted: numbers before strings, each in its own order,
-- anything else after them by its text.
function order.keys(t)
  local keys, kind, mixed = {}, nil, false
  for k in pairs(t) do
    keys[#keys + 1] = k
    local tk = type(k)
    if kind == nil then kind = tk elseif tk ~= kind then mixed = true end
  end
  -- keys all strings or all numbers (the tables models sum over: names of
  -- regions, elements, uses) sort with Lua's own comparison, in C
  if not mixed and (kind == "string" or kind == "number") then
    table.sort(keys)
    return keys
  end
  local rank = RANK
  table.sort(keys, function(a, b)
    local ra, rb = rank[type(a)] or 3, rank[type(b)] or 3
    if ra ~= rb then return ra < rb end
    if ra == 3 then return tostring(a) < tostring(b) end
    return a < b
  end)
  return keys
end

--- Like pairs(t), in the order of order.keys(t).
function order.pairs(t)
  local keys, i = order.keys(t), 0
  return function()
    i = i + 1
    local k = keys[i]
    if k ~= nil then return k, t[k] end
  end
end

return order
