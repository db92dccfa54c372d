--- Benchmark: the mass-balance graph and reconciliation, from Lua.
--
--   ./ree bench chain
--
-- 1. A yearly solve of a full chain: five stages in each of three regions
--    (pulled by a demand for magnets that grows 5% a year), products in use
--    and end of life (pushed), 17 processes, 17 elements, 30 years, with
--    scrap returned to alloy making and end-of-life recycling. Target: under 2 ms, and a plain-Lua solve of the
--    same chain (the same linear forms, Gaussian elimination in Lua) at least
--    10x slower.
-- 2. A reconciliation of 200 measured flows over 100 processes. Target:
--    under 10 ms, and as fast as a numpy twin of it (2b; where numpy is).
-- 3. How the chain's solve grows with its processes.

local ree = require("ree")
local timing = require("bench.timing")

local RUNS = 9
local FROM, YEARS = 2000, 30
local ELEMENTS = ree.RARE_EARTHS -- 17
local REGIONS = { "CN", "JP", "RW" }
local STAGES = { "mining", "separation", "reduction", "alloy", "magnet" }

--- The chain: each region's stages pull from its own previous stage and
-- (for reduction and alloy) from China's, in shares; magnets go to use,
-- use retires to end of life, end of life returns a share to alloy making.
local function build()
  local c = ree.chain { elements = ELEMENTS, from = FROM, to = FROM + YEARS - 1 }
  for _, r in ipairs(REGIONS) do
    for _, s in ipairs(STAGES) do c:process(r .. " " .. s, { mode = "pull", region = r }) end
  end
  -- products in use and their end of life take what comes: they push
  c:process("use"):process("end of life")
  local demand = {}
  for i = 1, YEARS do demand[i] = 10000 * 1.05 ^ (i - 1) end
  local demand_series = ree.series { from = FROM, unit = "t", table.unpack(demand) }
  for _, r in ipairs(REGIONS) do
    c:flow { r .. " ore", to = r .. " mining", pull = 1 }
    for k = 1, #STAGES do
      local s = r .. " " .. STAGES[k]
      if k > 1 then
        local prev = r .. " " .. STAGES[k - 1]
        if r ~= "CN" and (STAGES[k] == "reduction" or STAGES[k] == "alloy") then
          c:flow { prev .. " to " .. s, from = prev, to = s, pull = 0.4 }
          c:flow { "CN " .. STAGES[k - 1] .. " to " .. s, from = "CN " .. STAGES[k - 1], to = s, pull = 0.6 }
        else
          c:flow { prev .. " to " .. s, from = prev, to = s, pull = 1 }
        end
      end
      c:flow { s .. " loss", from = s, tc = 0.05 }
    end
    c:flow { r .. " magnet scrap", from = r .. " magnet", to = r .. " alloy", tc = 0.3 }
    c:flow { r .. " magnets to use", from = r .. " magnet", to = "use", value = demand_series / 3 }
  end
  c:flow { "in use", from = "use", to = "stock", tc = 0.8 }
  c:flow { "retired", from = "use", to = "end of life", tc = 0.2 }
  c:flow { "landfill", from = "end of life", tc = 0.7 }
  c:flow { "recycled", from = "end of life", to = "JP alloy", tc = 0.3 }
  return c
end

-- {==================================================================
-- The same solve in plain Lua: the same linear forms in the process
-- inputs, then Gaussian elimination with partial pivoting.
-- ===================================================================

local function plain_solve(c)
  local procs, pidx, flows = c.processes, c.process_index, c.flows
  local np = #procs
  local out = {}
  for _, el in ipairs(ELEMENTS) do
    for y = 1, YEARS do
      local coef = {}
      for i, f in ipairs(flows) do
        local v = f.coef
        if type(v) == "table" and getmetatable(v) == nil then v = v[el] end
        if type(v) ~= "number" then v = v and v[FROM + y - 1] or 0 end
        coef[i] = v
      end
      local yield = {}
      for p = 1, np do yield[p] = 1 end
      for i, f in ipairs(flows) do
        if f.def == "tc" then yield[pidx[f.from]] = yield[pidx[f.from]] - coef[i] end
      end
      local alpha, beta = {}, {}
      for i, f in ipairs(flows) do
        local a = {}
        for p = 1, np do a[p] = 0 end
        alpha[i], beta[i] = a, 0
        if f.def == "tc" then a[pidx[f.from]] = coef[i]
        elseif f.def == "split" then a[pidx[f.from]] = coef[i] * yield[pidx[f.from]]
        elseif f.def == "value" then beta[i] = coef[i] end
      end
      for i, f in ipairs(flows) do
        if f.def == "pull" then
          local a, to = alpha[i], pidx[f.to]
          a[to] = coef[i]
          for j, g in ipairs(flows) do
            if g.to == f.to and g.def ~= "pull" then
              for p = 1, np do a[p] = a[p] - coef[i] * alpha[j][p] end
              beta[i] = beta[i] - coef[i] * beta[j]
            end
          end
        end
      end
      local m = {}
      for p, proc in ipairs(procs) do
        local row = {}
        for q = 1, np + 1 do row[q] = 0 end
        if proc.mode == "push" then
          row[p] = 1
          for i, f in ipairs(flows) do
            if f.to == proc.name then
              for q = 1, np do row[q] = row[q] - alpha[i][q] end
              row[np + 1] = row[np + 1] + beta[i]
            end
          end
        else
          row[p] = yield[p]
          for i, f in ipairs(flows) do
            if f.from == proc.name and f.def ~= "tc" then
              for q = 1, np do row[q] = row[q] - alpha[i][q] end
              row[np + 1] = row[np + 1] + beta[i]
            end
          end
        end
        m[p] = row
      end
      for k = 1, np do
        local best = k
        for i = k + 1, np do if math.abs(m[i][k]) > math.abs(m[best][k]) then best = i end end
        m[k], m[best] = m[best], m[k]
        for i = k + 1, np do
          local f = m[i][k] / m[k][k]
          if f ~= 0 then for j = k, np + 1 do m[i][j] = m[i][j] - f * m[k][j] end end
        end
      end
      local x = {}
      for i = np, 1, -1 do
        local s = m[i][np + 1]
        for j = i + 1, np do s = s - m[i][j] * x[j] end
        x[i] = s / m[i][i]
      end
      out[el .. y] = x
    end
  end
  return out
end

-- }==================================================================


local c = build()
-- the two must agree before their speed means anything
do
  local r, x = c:solve(), plain_solve(c)
  local ours = r:input("JP alloy", "Dy")[FROM + YEARS - 1]
  local theirs = x["Dy" .. YEARS][c.process_index["JP alloy"]]
  assert(math.abs(ours - theirs) <= 1e-9 * math.abs(theirs), "ree and plain Lua disagree")
end

-- a network of 100 processes in a line with side streams: 200 measured flows
local function network()
  local flows, seed = {}, 11
  local function rand()
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  end
  local through = 1000
  for i = 1, 100 do
    local side = through * 0.01 * rand()
    flows[#flows + 1] = { "into " .. i, from = i > 1 and ("p" .. (i - 1)) or nil, to = "p" .. i,
      value = through * (1 + 0.02 * (rand() - 0.5)), sd = through * 0.02 }
    flows[#flows + 1] = { "side " .. i, from = "p" .. i, value = side * (1 + 0.1 * (rand() - 0.5)),
      sd = side * 0.1 + 1 }
    through = through - side
  end
  flows[#flows + 1] = { "out", from = "p100" }
  return { flows = flows }
end
local spec = network()

local rows = {
  { "chain: 17 processes, 17 elements, 30 years", timing.measure(function() c:solve() end, RUNS) },
  { "chain: the same in plain Lua", timing.measure(function() plain_solve(c) end, RUNS) },
  { "reconcile: 200 measured flows, 100 processes",
    timing.measure(function() ree.reconcile(spec) end, RUNS) },
}
timing.print(string.format("chain and reconciliation, median of %d runs (%s)", RUNS, _VERSION), rows)
print(string.format("the chain in ree against plain Lua: %.1fx", rows[2][2] / rows[1][2]))
print("targets: the chain under 2 ms and >= 10x plain Lua; the reconciliation under 10 ms")

-- 2b. The same reconciliation in numpy (scripts/bench/reconcile_numpy.py,
-- Crowe's projection and a dense solve through LAPACK), where Python has
-- numpy: the same adjusted values, side by side in time.
local py = timing.python("numpy")
if not py then
  print("numpy: not found (Debian: apt-get install python3-numpy); the side-by-side is skipped")
else
  local core = require("ree.core")
  local names = {}
  for i = 1, 100 do names[i] = "p" .. i end
  local a, value, sd = {}, {}, {}
  for k = 1, #names do
    a[k] = {}
    for i, f in ipairs(spec.flows) do a[k][i] = (f.to == names[k] and 1 or 0) - (f.from == names[k] and 1 or 0) end
  end
  for i, f in ipairs(spec.flows) do value[i], sd[i] = f.value or core.null, f.sd or core.null end
  local c0 = {}
  for k = 1, #names do c0[k] = 0 end
  local path = os.tmpname()
  local file = assert(io.open(path, "w"))
  file:write(core.json_encode { a = a, c = c0, value = value, sd = sd })
  file:close()
  -- one thread, as ree: CPU time would count every BLAS thread
  local p = assert(io.popen(string.format("OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 %s %s/scripts/bench/" ..
    "reconcile_numpy.py %s %d", py,
    require("ree.files").root(), path, RUNS)))
  local answer = core.json_decode(p:read("a"))
  p:close()
  os.remove(path)
  local ours = ree.reconcile(spec)
  local worst = 0
  for i, f in ipairs(spec.flows) do
    worst = math.max(worst, math.abs(ours.value[f[1]] - answer.value[i]) / math.max(1, math.abs(answer.value[i])))
  end
  local med = rows[3][2]
  print(string.format("reconcile in numpy: median %.2f ms (%.2f-%.2f); ree %.2f ms: ree takes %.2fx numpy's time; " ..
    "values agree to %.1e, chi-square %.6g against %.6g", answer.ms, answer.min_ms, answer.max_ms, med * 1e3,
    med * 1e3 / answer.ms, worst, ours.chi2, answer.chi2))
end

-- 3. How the solve grows with the processes: a line of n pushed processes,
-- each losing 1% and sending the rest on, one element, one year; without a
-- loop (every block one process: time linear in the flows), and with one
-- recycle loop from the last back to the first (the whole line one
-- strongly connected block, eliminated densely where it has terms). The
-- limit was 256 processes, and a dense system grows as n^3.
local function line(n, loop)
  local ch = ree.chain { elements = { "Nd" }, from = 2011 }
  for k = 1, n do ch:process("p" .. k, { mode = "push" }) end
  ch:flow { "feed", to = "p1", value = 100 }
  for k = 1, n do
    ch:flow { "loss " .. k, from = "p" .. k, tc = k < n and 0.01 or (loop and 0.9 or 1) }
    if k < n then ch:flow { "on " .. k, from = "p" .. k, to = "p" .. (k + 1), split = 1 } end
  end
  if loop then ch:flow { "back", from = "p" .. n, to = "p1", tc = 0.1 } end
  return ch
end
local grow_rows, growth = {}, { [false] = {}, [true] = {} }
for _, loop in ipairs({ false, true }) do
  for _, n in ipairs({ 250, 1000, 4000 }) do
    local ch = line(n, loop)
    local med, lo, hi = timing.measure(function() ch:solve() end, 5)
    grow_rows[#grow_rows + 1] = { string.format("chain: a line of %d processes%s", n, loop and ", one loop" or ""),
      med, lo, hi }
    growth[loop][n] = med
  end
end
timing.print("the solve against the processes (build and solve, from Lua), median of 5 runs", grow_rows)
for _, loop in ipairs({ false, true }) do
  print(string.format("growth exponent, 1000 -> 4000 processes%s: %.2f", loop and ", one loop" or "",
    math.log(growth[loop][4000] / growth[loop][1000], 4)))
end
