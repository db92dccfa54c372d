--- Data reconciliation over a flow network, element by element.
--
--   local r = ree.reconcile {
--     flows = {
--       { "ore", to = "mill", value = 100, sd = 5 },                -- into the system
--       { "concentrate", from = "mill", to = "refinery" },          -- unknown: no value
--       { "tailings", from = "mill", value = 62, sd = 6 },          -- out of the system
--       { "oxide", from = "refinery", value = 35, sd = 2 },
--     },
--     stock_change = { refinery = 1 },                              -- optional, exact
--   }
--   r.value.concentrate, r.sd.concentrate, r.chi2, r.df, r.p_value, r.gross_error
--
-- Values (and sd) may be tables by element ({ Nd = 10, Dy = 1 }): each
-- element is reconciled on its own balances, and r.layers.Nd holds its
-- result. An sd of 0 fixes a value; a flow without a value is unknown.
-- A flow with a content ({ Dy = { 0.05, 0.005 } }) is a mass of goods with
-- its concentrations: goods and elements are then reconciled together
-- (scripts/ree/reconcile_goods.lua).

local args = require("ree.args")
local core = require("ree.core")
local suggest = require("ree.suggest")

local reconcile = {}

local FLOW_KEYS = { from = true, to = true, value = true, sd = true, content = true }
local SIGNIFICANCE = 0.05 -- a test below this p-value flags a gross error

local function check_flows(spec)
  if type(spec) ~= "table" or type(spec.flows) ~= "table" or #spec.flows == 0 then
    error("reconcile: give a list of flows", 3)
  end
  args.options("reconcile", spec, { flows = true, stock_change = true }, 3)
  local names, processes, order = {}, {}, {}
  for i, f in ipairs(spec.flows) do
    local name = f[1]
    if type(name) ~= "string" then error(string.format("reconcile: flow %d needs a name", i), 3) end
    if names[name] then error(string.format("reconcile: flow '%s' is given twice", name), 3) end
    for key in pairs(f) do
      if key ~= 1 and not FLOW_KEYS[key] then
        error(string.format("reconcile: flow '%s' has an unknown key '%s'%s", name, tostring(key),
          suggest.hint(key, FLOW_KEYS)), 3)
      end
    end
    if f.from == nil and f.to == nil then
      error(string.format("reconcile: flow '%s' needs a 'from' or a 'to' process", name), 3)
    end
    if f.value ~= nil and f.sd == nil then
      error(string.format("reconcile: flow '%s' has a value but no 'sd' (0 fixes it)", name), 3)
    end
    names[name] = i
    for _, p in ipairs({ f.from, f.to }) do
      if p and not processes[p] then processes[p], order[#order + 1] = true, p end
    end
  end
  table.sort(order)
  for p in pairs(spec.stock_change or {}) do
    if not processes[p] then
      error(string.format("reconcile: stock change of unknown process '%s'", tostring(p)), 3)
    end
  end
  return order
end

local function finite(x) return type(x) == "number" and x == x and x ~= math.huge and x ~= -math.huge end

--- A value as a message shows it: NaN and infinities by name, a table as one.
local function shown(x)
  if type(x) ~= "number" then return "a " .. type(x) end
  if x ~= x then return "NaN" end
  if x == math.huge or x == -math.huge then return x > 0 and "infinite" or "-infinite" end
  return tostring(x)
end

--- Reconciles one layer: values and sds are numbers or nil per flow.
local function one_layer(spec, processes, pick)
  local n, a, c, values, sds = #spec.flows, {}, {}, {}, {}
  for i, f in ipairs(spec.flows) do
    values[i], sds[i] = pick(f.value), pick(f.sd)
    if values[i] == nil then
      values[i], sds[i] = 0 / 0, -1
    else
      if not finite(values[i]) then
        error(string.format("reconcile: flow '%s': its value is %s, not a finite number", f[1], shown(values[i])), 0)
      end
      -- a NaN or negative sd would drop the measurement, an infinite one
      -- make the solve NaN: only 0 (fixed) and finite positive sds count
      if not finite(sds[i]) or sds[i] < 0 then
        error(string.format("reconcile: flow '%s': its sd is %s, not a finite number of 0 or more", f[1],
          shown(sds[i])), 0)
      end
    end
  end
  -- the balances: +1 where a flow enters a process, -1 where it leaves
  -- (a flow from a process to itself nets 0); zeros everywhere else
  for j = 1, #processes * n do a[j] = 0 end
  local row_of = {}
  for row, p in ipairs(processes) do row_of[p] = row end
  for i, f in ipairs(spec.flows) do
    if row_of[f.to] then a[(row_of[f.to] - 1) * n + i] = a[(row_of[f.to] - 1) * n + i] + 1 end
    if row_of[f.from] then a[(row_of[f.from] - 1) * n + i] = a[(row_of[f.from] - 1) * n + i] - 1 end
  end
  for row, p in ipairs(processes) do
    local dc = pick((spec.stock_change or {})[p]) or 0
    if not finite(dc) then
      error(string.format("reconcile: the stock change of '%s' is %s, not a known number (an uncertain stock " ..
        "change is a flow: give it as one, with its sd)", p, shown(dc)), 0)
    end
    c[row] = dc
  end
  local v, sd, z, chi2, df, p_value = core.reconcile(a, c, values, sds)
  if not v then
    local message, bad = sd, chi2 -- fail, message, code, the flow at fault
    if bad then
      message = message:gsub("^flow %d+", "flow '" .. spec.flows[bad][1] .. "'")
    else
      message = message:gsub("^balance (%d+)", function(k)
        return "the balance of '" .. processes[k + 1] .. "'"
      end)
    end
    error("reconcile: " .. message, 0)
  end
  local result = { value = {}, sd = {}, z = {}, chi2 = chi2, df = df, p_value = p_value,
    gross_error = df > 0 and p_value < SIGNIFICANCE }
  for i, f in ipairs(spec.flows) do
    result.value[f[1]], result.sd[f[1]], result.z[f[1]] = v[i], sd[i], z[i]
  end
  -- the flow adjusted most against its uncertainty; the first one on a tie
  -- (equal up to rounding)
  for _, f in ipairs(result.gross_error and spec.flows or {}) do
    local zi = math.abs(result.z[f[1]])
    if not result.suspect or zi > math.abs(result.z[result.suspect]) * (1 + 1e-9) then result.suspect = f[1] end
  end
  return result
end

local function layered(spec)
  local elements = {}
  for _, f in ipairs(spec.flows) do
    for _, t in ipairs({ f.value, f.sd }) do
      if type(t) == "table" then
        for el in pairs(t) do elements[el] = true end
      end
    end
  end
  return next(elements) and elements or nil
end

--- Reconciles the network (see the module's comment).
function reconcile.run(spec)
  local processes = check_flows(spec)
  local goods = require("ree.reconcile_goods")
  if goods.applies(spec) then
    local ok, r = pcall(goods.run, spec, processes)
    if not ok then error(r, 2) end
    return r
  end
  local elements = layered(spec)
  if not elements then
    local ok, r = pcall(one_layer, spec, processes, function(x) return x end)
    if not ok then error(r, 2) end
    return r
  end
  local result = { layers = {} }
  for el in pairs(elements) do
    local ok, r = pcall(one_layer, spec, processes, function(x)
      if type(x) == "table" then return x[el] end
      return x
    end)
    if not ok then error(r:gsub("^reconcile: ", "reconcile, " .. el .. ": "), 2) end
    result.layers[el] = r
  end
  return result
end

return reconcile
