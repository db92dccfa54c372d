--- Benchmark: the monthly crisis model against today's annual history.
--
--   ./ree bench crisis [RUNS]      RUNS for the Monte Carlo (200)
--
-- 1. The history of models/scenarios/history.lua (annual, 2005-2015) and
--    the crisis of models/scenarios/crisis.lua (the same policies, monthly:
--    132 months of five markets under the tranche quotas), its months in
--    the core (core/month.c) and, the reference, in Lua (the same
--    equations, models/market_month.lua's step), median of 9, each after a
--    full collection; then the crisis 9 times back to back (each run
--    collecting the garbage of the ones before, as in a Monte Carlo).
--    Target for the crisis: under 10 ms.
-- 2. A Monte Carlo of the crisis over its priors (models/sweeps/crisis.lua),
--    in this process; the time a run gives the 10,000-run estimate on this
--    machine's cores (./ree sweep ... --jobs all runs them in parallel).
--    Target: 10,000 runs under 60 s on two cores.

local ree = require("ree")
local timing = require("bench.timing")

local RUNS = 9
local MC_RUNS = math.tointeger(tonumber(arg and arg[1] or "")) or 200

local history = require("ree.models.scenarios.history").scenario("history")
local crisis = require("ree.models.scenarios.crisis").scenario()
local crisis_lua = require("ree.models.scenarios.crisis").scenario(nil, "lua")
local rows = {
  { "the history, annual, 2005-2015", timing.measure(function() history:run() end, RUNS) },
  { "the crisis, monthly, 2005-2015", timing.measure(function() crisis:run() end, RUNS) },
  { "the same, its months in Lua", timing.measure(function() crisis_lua:run() end, RUNS) },
}
timing.print(string.format("crisis model, median of %d runs (%s)", RUNS, _VERSION), rows)
-- (each timed above after a full collection; back to back, as in a Monte Carlo, each run also
-- collects the garbage of the ones before it)
collectgarbage()
local t0 = os.clock()
for _ = 1, RUNS do crisis:run() end
print(string.format("the crisis, %d runs back to back: %.2f ms a run", RUNS, (os.clock() - t0) / RUNS * 1e3))
print(string.format("monthly / annual: %.1fx (the months are 12x the clearings); months in Lua / in the core: %.1fx",
  rows[2][2] / rows[1][2], rows[3][2] / rows[2][2]))

local spec = dofile(require("ree.files").root() .. "/models/sweeps/crisis.lua")
t0 = os.clock()
ree.montecarlo { scenario = spec.scenario, sample = spec.sample, collect = spec.collect, runs = MC_RUNS, seed = 1,
  progress = false }
local per_run = (os.clock() - t0) / MC_RUNS
print(string.format("Monte Carlo: %d runs in %.1f s (%.1f ms a run); 10,000 runs: about %.0f s on one core, " ..
  "%.0f s on two were both as fast as one alone", MC_RUNS, per_run * MC_RUNS, per_run * 1e3, per_run * 1e4,
  per_run * 1e4 / 2))
print("  (they are not, here: a sweep's shards run 15% slower or more, and its merge adds some 5 s;\n" ..
  "  ./ree sweep models/sweeps/crisis.lua --runs 10000 --jobs all measures the whole)")
