--- Goods and substances reconciled together, as STAN does: each flow is a
-- mass of goods (t, with its sd) carrying a concentration of each element
-- (a fraction, with its sd); every process balances its goods and each of
-- its elements, and the estimates are the closest, in their weights, to
-- what was measured that balance both layers at once.
--
--   ree.reconcile { flows = {
--     { "scrap", to = "sort", value = 500, sd = 20, content = { Dy = { 0.05, 0.005 } } },  -- { value, sd }
--     { "sorted", from = "sort", to = "melt", value = 470, sd = 30, content = { Dy = { 0.052, 0.004 } } },
--     { "reject", from = "sort", value = 30, sd = 10, content = { Dy = {} } },           -- unknown
--   } }
--   r.value.sorted, r.content.sorted.Dy, r.sd_content.sorted.Dy, r.element.sorted.Dy (t), r.chi2
--   r.residual.sort.goods, r.residual.sort.Dy   -- each process's balance, each layer (t)
--   print(r)                                    -- both layers: measured, estimated, sd, z
--
-- An element's balance g c is not linear in the goods g and concentrations
-- c: the problem is solved by successive linearisation (each step a linear
-- reconciliation, ree.core.reconcile, of the balances linearised at the
-- last estimate, weighed against the measurements), until the estimates
-- move by less than 1e-11 of themselves. With exact concentrations it is
-- linear and one step is the answer.

local core = require("ree.core")
local format = require("ree.format")

local goods = {}

local STEPS, TOL = 60, 1e-11
local SIGNIFICANCE = 0.05

--- Whether the spec is in goods and substances: a flow has a content.
function goods.applies(spec)
  for _, f in ipairs(spec.flows or {}) do
    if f.content ~= nil then return true end
  end
  return false
end

local function finite(x) return type(x) == "number" and x == x and x ~= math.huge and x ~= -math.huge end

--- The variables: each flow's goods, then each flow's concentration of
-- each element; their measured values and sds (-1: unknown).
local function variables(spec, elements)
  local vars = {}
  for i, f in ipairs(spec.flows) do
    local value, sd = f.value, f.sd
    if value ~= nil and not (finite(value) and value >= 0) then
      error(string.format("reconcile: flow '%s': its goods are %s, not a mass of 0 or more", f[1], tostring(value)), 0)
    end
    if value ~= nil and not (finite(sd) and sd >= 0) then
      error(string.format("reconcile: flow '%s': its sd is %s, not a finite number of 0 or more", f[1],
        tostring(sd)), 0)
    end
    vars[#vars + 1] = { kind = "goods", flow = i, value = value or 0 / 0, sd = value ~= nil and sd or -1 }
  end
  for e, el in ipairs(elements) do
    for i, f in ipairs(spec.flows) do
      local c = (f.content or {})[el] or {}
      local value, sd = c[1], c[2]
      if value ~= nil then
        if not (finite(value) and value >= 0 and value <= 1) then
          error(string.format("reconcile: flow '%s': its %s concentration is %s: a concentration lies from 0 to 1",
            f[1], el, tostring(value)), 0)
        end
        if not (finite(sd) and sd >= 0) then
          error(string.format("reconcile: flow '%s': its %s concentration needs an sd of 0 or more, not %s", f[1],
            el, tostring(sd)), 0)
        end
      end
      vars[#vars + 1] = { kind = "content", flow = i, element = el, e = e, value = value or 0 / 0,
        sd = value ~= nil and sd or -1 }
    end
  end
  return vars
end

--- A starting point: the measured values; an unknown goods flow from a
-- goods-only reconciliation, an unknown concentration at the mean of its
-- element's measured ones.
local function start(spec, vars, n, elements)
  local x = {}
  for k, v in ipairs(vars) do x[k] = v.value end
  local unknown_goods = false
  for i = 1, n do unknown_goods = unknown_goods or vars[i].sd < 0 end
  if unknown_goods then
    local flows = {}
    for i, f in ipairs(spec.flows) do flows[i] = { f[1], from = f.from, to = f.to, value = f.value, sd = f.sd } end
    local changes = {}
    for p, d in pairs(spec.stock_change or {}) do changes[p] = type(d) == "table" and d.goods or d end
    local ok, r = pcall(require("ree.reconcile").run, { flows = flows, stock_change = changes })
    if not ok then error(r, 0) end
    for i, f in ipairs(spec.flows) do x[i] = r.value[f[1]] end
  end
  for e = 1, #elements do
    local sum, count = 0, 0
    for i = 1, n do
      local v = vars[n * e + i]
      if v.sd >= 0 then sum, count = sum + v.value, count + 1 end
    end
    for i = 1, n do
      if vars[n * e + i].sd < 0 then x[n * e + i] = count > 0 and sum / count or 0.5 end
    end
  end
  return x
end

--- The balances linearised at x: a (rows x variables, flat) and c. Goods:
-- in - out = stock change; each element: sum of +-g c, linearised as
-- sum of +-(c0 g + g0 c) = sum of +-g0 c0 + stock change.
local function linearised(spec, processes, n, elements, x)
  local nv = n * (1 + #elements)
  local a, c = {}, {}
  local rows = #processes * (1 + #elements)
  for j = 1, rows * nv do a[j] = 0 end
  local row_of = {}
  for r, p in ipairs(processes) do row_of[p] = r end
  local function change(p, layer)
    local d = (spec.stock_change or {})[p]
    if type(d) == "table" then return d[layer] or 0 end
    return layer == "goods" and d or 0
  end
  for r, p in ipairs(processes) do c[r] = change(p, "goods") or 0 end
  for e, el in ipairs(elements) do
    for r, p in ipairs(processes) do c[#processes * e + r] = change(p, el) or 0 end
  end
  for i, f in ipairs(spec.flows) do
    for _, end_ in ipairs({ { f.to, 1 }, { f.from, -1 } }) do
      local r = row_of[end_[1]]
      if r then
        local sign = end_[2]
        a[(r - 1) * nv + i] = a[(r - 1) * nv + i] + sign
        for e = 1, #elements do
          local row = #processes * e + r
          local g0, c0 = x[i], x[n * e + i]
          a[(row - 1) * nv + i] = a[(row - 1) * nv + i] + sign * c0
          a[(row - 1) * nv + n * e + i] = a[(row - 1) * nv + n * e + i] + sign * g0
          c[row] = c[row] + sign * g0 * c0
        end
      end
    end
  end
  return a, c
end

--- What each process's balance leaves over in each layer, at the
-- estimates: in - out - stock change, t ({ [process] = { goods =, [el] = } }).
local function residuals(spec, processes, result)
  local out = {}
  for _, p in ipairs(processes) do
    local d = (spec.stock_change or {})[p]
    local r = { goods = -(type(d) == "table" and (d.goods or 0) or d or 0) }
    for _, el in ipairs(result.elements) do r[el] = -(type(d) == "table" and d[el] or 0) end
    out[p] = r
  end
  for _, f in ipairs(spec.flows) do
    local name = f[1]
    for _, end_ in ipairs({ { f.to, 1 }, { f.from, -1 } }) do
      local r = out[end_[1]]
      if r then
        r.goods = r.goods + end_[2] * result.value[name]
        for _, el in ipairs(result.elements) do r[el] = r[el] + end_[2] * result.element[name][el] end
      end
    end
  end
  return out
end

local function measured(value, sd)
  if value == nil then return "unknown" end
  return format.number(value) .. " ± " .. format.number(sd)
end

local Result = {}
Result.__index = Result

--- Both layers as tables: each flow's goods, then each element's
-- concentrations and tonnes; measured, estimated, sd and z; and the
-- largest residual of each layer over the processes.
function Result.__tostring(r)
  local lines = { string.format("goods and substances reconciled: chi-square %s on %d degrees of freedom (p = %s)%s",
    format.number(r.chi2), r.df, format.number(r.p_value),
    r.gross_error and ("; a gross error is likely, most of all in " .. r.suspect) or "") }
  local rows = { { "goods, t", "measured", "estimate", "sd", "z" } }
  for _, f in ipairs(r.flows) do
    local name = f[1]
    rows[#rows + 1] = { name, measured(f.value, f.sd), format.number(r.value[name]), format.number(r.sd[name]),
      f.value ~= nil and format.number(r.z[name]) or "" }
  end
  lines[#lines + 1] = format.table(rows, "  ")
  for _, el in ipairs(r.elements) do
    rows = { { el .. " concentration", "measured", "estimate", "sd", "z", el .. ", t" } }
    for _, f in ipairs(r.flows) do
      local name, c = f[1], (f.content or {})[el] or {}
      rows[#rows + 1] = { name, measured(c[1], c[2]), format.number(r.content[name][el]),
        format.number(r.sd_content[name][el]), c[1] ~= nil and format.number(r.z_content[name][el]) or "",
        format.number(r.element[name][el]) }
    end
    lines[#lines + 1] = format.table(rows, "  ")
  end
  local worst = { goods = 0 }
  for _, el in ipairs(r.elements) do worst[el] = 0 end
  for _, by_layer in pairs(r.residual) do
    for layer, v in pairs(by_layer) do worst[layer] = math.max(worst[layer], math.abs(v)) end
  end
  local parts = { "goods " .. string.format("%.2g", worst.goods) .. " t" }
  for _, el in ipairs(r.elements) do parts[#parts + 1] = el .. " " .. string.format("%.2g", worst[el]) .. " t" end
  lines[#lines + 1] = "  largest residual of a process's balance: " .. table.concat(parts, ", ")
  return table.concat(lines, "\n")
end

--- The reconciliation of goods and substances (see the module's comment).
function goods.run(spec, processes)
  local elements, seen = {}, {}
  for _, f in ipairs(spec.flows) do
    if f.content ~= nil and type(f.content) ~= "table" then
      error(string.format("reconcile: flow '%s': content is { element = { value, sd } }", f[1]), 0)
    end
    for el in pairs(f.content or {}) do
      if not seen[el] then seen[el], elements[#elements + 1] = true, el end
    end
  end
  table.sort(elements)
  local n = #spec.flows
  local vars = variables(spec, elements)
  local values, sds = {}, {}
  for k, v in ipairs(vars) do values[k], sds[k] = v.value, v.sd end
  local x = start(spec, vars, n, elements)
  local v, sd, z, chi2, df, p_value
  for step = 1, STEPS do
    local a, c = linearised(spec, processes, n, elements, x)
    local bad
    v, sd, z, chi2, df, p_value = core.reconcile(a, c, values, sds)
    if not v then
      local message
      message, bad = sd, chi2
      if bad then
        local var = vars[bad]
        message = message:gsub("^flow %d+", var.kind == "goods" and ("flow '" .. spec.flows[var.flow][1] .. "'") or
          ("the " .. var.element .. " concentration of '" .. spec.flows[var.flow][1] .. "'"))
      end
      error("reconcile: " .. message, 0)
    end
    local moved = 0
    for k = 1, #x do moved = math.max(moved, math.abs(v[k] - x[k]) / math.max(1e-300, math.abs(v[k]), 1e-9)) end
    x = v
    if moved < TOL then break end
    if step == STEPS then
      error(string.format("reconcile: goods and concentrations did not settle in %d steps (still moving by %.3g)",
        STEPS, moved), 0)
    end
  end
  local result = { value = {}, sd = {}, z = {}, content = {}, sd_content = {}, z_content = {}, element = {},
    elements = elements, chi2 = chi2, df = df, p_value = p_value, gross_error = df > 0 and p_value < SIGNIFICANCE }
  for i, f in ipairs(spec.flows) do
    local name = f[1]
    result.value[name], result.sd[name], result.z[name] = x[i], sd[i], z[i]
    result.content[name], result.sd_content[name], result.z_content[name], result.element[name] = {}, {}, {}, {}
    for e, el in ipairs(elements) do
      local k = n * e + i
      result.content[name][el], result.sd_content[name][el], result.z_content[name][el] = x[k], sd[k], z[k]
      result.element[name][el] = x[i] * x[k]
    end
  end
  -- the measurement adjusted most against its uncertainty
  local worst, suspect = -1, nil
  for k, var in ipairs(vars) do
    if var.sd > 0 and math.abs(z[k]) > worst * (1 + 1e-9) then
      worst = math.abs(z[k])
      suspect = var.kind == "goods" and spec.flows[var.flow][1] or
        (spec.flows[var.flow][1] .. " (" .. var.element .. " concentration)")
    end
  end
  if result.gross_error then result.suspect = suspect end
  result.residual, result.flows = residuals(spec, processes, result), spec.flows
  -- a concentration outside 0..1 is no estimate: the layers contradict each other
  for i, f in ipairs(spec.flows) do
    for e, el in ipairs(elements) do
      local c = x[n * e + i]
      if c < -1e-9 or c > 1 + 1e-9 then
        error(string.format("reconcile: the layers contradict each other: the %s concentration of '%s' would be " ..
          "%.4g; the measurement adjusted most against its uncertainty is %s (z = %.3g)", el, f[1], c,
          tostring(suspect), worst), 0)
      end
    end
  end
  return setmetatable(result, Result)
end

return goods
