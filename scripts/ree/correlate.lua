--- Correlated inputs for a Monte Carlo: Iman and Conover's method (1982),
-- which reorders each input's draws so that their ranks correlate as asked
-- and leaves every draw, and so every marginal distribution, as it was.
--
--   ree.montecarlo { ..., correlation = { { "Nd.lambda", "Dy.lambda", 0.7 } } }
--
-- The draws are reordered in probability space (the u that a
-- distribution's quantile takes), so it works for any distribution,
-- mapped ones too. Reference: R. L. Iman and W. J. Conover, "A
-- distribution-free approach to inducing rank correlation among input
-- variables", Communications in Statistics B 11(3):311-334, 1982.

local correlate = {}

--- The lower Cholesky factor of the symmetric matrix m (a list of rows),
-- or nil when m is not positive definite.
function correlate.cholesky(m)
  local n, l = #m, {}
  for i = 1, n do l[i] = {} for j = 1, n do l[i][j] = 0 end end
  for j = 1, n do
    local d = m[j][j]
    for k = 1, j - 1 do d = d - l[j][k] ^ 2 end
    if not (d > 1e-12) then return nil end -- luacheck: ignore 581 (NaN too)
    l[j][j] = math.sqrt(d)
    for i = j + 1, n do
      local s = m[i][j]
      for k = 1, j - 1 do s = s - l[i][k] * l[j][k] end
      l[i][j] = s / l[j][j]
    end
  end
  return l
end

--- The full correlation matrix over names (sorted, as the plan's) from
-- pairs { { a, b, r }, ... }, the rest 0; raises naming a pair that is
-- not one (an unknown name, r outside -1..1, a pair given twice) or a
-- matrix that is not positive definite.
function correlate.matrix(names, pairs_list, level)
  level = (level or 1) + 1
  local index, m = {}, {}
  for i, name in ipairs(names) do index[name] = i end
  for i = 1, #names do m[i] = {} for j = 1, #names do m[i][j] = i == j and 1 or 0 end end
  local given = {}
  for k, p in ipairs(pairs_list) do
    if type(p) ~= "table" or type(p[1]) ~= "string" or type(p[2]) ~= "string" or type(p[3]) ~= "number" then
      error(string.format("correlation %d: give { name, name, rank correlation }", k), level)
    end
    local i, j = index[p[1]], index[p[2]]
    for _, name in ipairs({ p[1], p[2] }) do
      if not index[name] then
        error(string.format("correlation %d: '%s' is not sampled%s", k, name, require("ree.suggest").hint(name, names)),
          level)
      end
    end
    if i == j then error(string.format("correlation %d: '%s' with itself", k, p[1]), level) end
    if not (p[3] > -1 and p[3] < 1) then
      error(string.format("correlation %d: a rank correlation lies strictly between -1 and 1, not %g", k, p[3]), level)
    end
    local key = math.min(i, j) .. ":" .. math.max(i, j)
    if given[key] then error(string.format("correlation %d: '%s' and '%s' are given twice", k, p[1], p[2]), level) end
    given[key] = true
    m[i][j], m[j][i] = p[3], p[3]
  end
  if not correlate.cholesky(m) then
    local involved, seen = {}, {}
    for _, p in ipairs(pairs_list) do
      for _, name in ipairs({ p[1], p[2] }) do
        if not seen[name] then seen[name], involved[#involved + 1] = true, name end
      end
    end
    error(string.format("correlation: the rank correlations of %s cannot hold together (their matrix is not " ..
      "positive definite)", table.concat(involved, ", ")), level)
  end
  return m
end

--- The Pearson correlation matrix of columns (lists of equal length).
local function correlation_of(cols)
  local n, k, mean, sd = #cols[1], #cols, {}, {}
  for j = 1, k do
    local s = 0
    for i = 1, n do s = s + cols[j][i] end
    mean[j] = s / n
    local v = 0
    for i = 1, n do v = v + (cols[j][i] - mean[j]) ^ 2 end
    sd[j] = math.sqrt(v / n)
  end
  local m = {}
  for a = 1, k do
    m[a] = {}
    for b = 1, k do
      local s = 0
      for i = 1, n do s = s + (cols[a][i] - mean[a]) * (cols[b][i] - mean[b]) end
      m[a][b] = s / n / (sd[a] * sd[b])
    end
  end
  return m
end

--- The ranks (1..n) of a list of numbers, ties broken by position.
local function ranks(list)
  local order = {}
  for i = 1, #list do order[i] = i end
  table.sort(order, function(a, b) if list[a] ~= list[b] then return list[a] < list[b] end return a < b end)
  local r = {}
  for rank, i in ipairs(order) do r[i] = rank end
  return r
end

--- Reorders the columns (u values, one list a variable) so that their
-- ranks correlate as the matrix target asks: scores are van der Waerden's
-- normal scores, shuffled by rng, decorrelated by their own Cholesky
-- factor and correlated by the target's; each column then takes its
-- values in the order of its scores' ranks. Returns new columns.
function correlate.iman_conover(cols, target, rng, normal_quantile)
  local n, k = #cols[1], #cols
  if n < 3 then return cols end
  local scores = {}
  for j = 1, k do
    local order = rng:permutation(n)
    scores[j] = {}
    for i = 1, n do scores[j][i] = normal_quantile(order[i] / (n + 1)) end
  end
  local e = correlate.cholesky(correlation_of(scores))
  local p = correlate.cholesky(target)
  if not e then return cols end -- scores that happen to be collinear: leave the draws as they are
  -- t = scores * inverse(e)' * p': solve e y = s for each row, then t = p y
  local t = {}
  for j = 1, k do t[j] = {} end
  for i = 1, n do
    local y = {}
    for a = 1, k do
      local s = scores[a][i]
      for b = 1, a - 1 do s = s - e[a][b] * y[b] end
      y[a] = s / e[a][a]
    end
    for a = 1, k do
      local s = 0
      for b = 1, a do s = s + p[a][b] * y[b] end
      t[a][i] = s
    end
  end
  local out = {}
  for j = 1, k do
    local sorted = table.move(cols[j], 1, n, 1, {})
    table.sort(sorted)
    local r = ranks(t[j])
    out[j] = {}
    for i = 1, n do out[j][i] = sorted[r[i]] end
  end
  return out
end

--- Spearman's rank correlation of two lists of numbers.
function correlate.spearman(a, b)
  return correlation_of({ ranks(a), ranks(b) })[1][2]
end

return correlate
