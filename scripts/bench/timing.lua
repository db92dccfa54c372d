--- What every benchmark shares: time a function several times and report
-- the median, minimum and maximum, in seconds (os.clock: CPU time, which
-- other processes on the machine disturb less than wall time).
-- Not a benchmark itself: scripts/bench/run.lua skips it.

local timing = {}

--- Runs f `runs` times after a full collection each; returns the median,
-- the fastest and the slowest time.
function timing.measure(f, runs)
  local times = {}
  for r = 1, runs do
    collectgarbage()
    local t0 = os.clock()
    f()
    times[r] = os.clock() - t0
  end
  table.sort(times)
  return times[(runs + 1) // 2], times[1], times[runs]
end

--- Prints rows { label, median, min, max } (seconds) as a table in ms.
function timing.print(title, rows)
  print(title)
  print(string.format("%-46s %10s %10s %10s", "", "median ms", "min ms", "max ms"))
  for _, r in ipairs(rows) do
    print(string.format("%-46s %10.2f %10.2f %10.2f", r[1], r[2] * 1e3, r[3] * 1e3, r[4] * 1e3))
  end
end

--- A Python that imports `modules` ("numpy, scipy"), for a side-by-side
-- with a Python twin; nil where none does.
function timing.python(modules)
  for _, py in ipairs({ "/usr/bin/python3", "python3" }) do
    if os.execute(py .. " -c 'import " .. modules .. "' 2>/dev/null") then return py end
  end
end

return timing
