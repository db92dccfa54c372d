--- Monte Carlo sweeps from the command line, in shards that run anywhere:
--
--   ./ree sweep models/sweeps/quota.lua --runs 1000 --seed 7 --shard 2/8 --out runs/
--   ./ree merge runs/
--
-- A sweep file is a Lua script that returns what ree.montecarlo takes
-- besides runs and seed: { scenario = sc, sample = {...}, collect = {...} }.
-- Every shard draws the whole sample plan from the seed and runs the runs
-- i with (i - 1) % M == K - 1, so M shards together give exactly the runs
-- of one unsharded sweep, whatever machines they ran on.

local core = require("ree.core")
local files = require("ree.files")
local format = require("ree.format")
local host = require("ree.host")
local montecarlo = require("ree.montecarlo")

local sweep = {}

local SPEC_KEYS = { scenario = true, sample = true, collect = true, lhs = true }
local MAX_RUNS = 10000000 -- a sweep's runs: ten million, hours of work at 2 ms a run

--- Parses "--runs N --seed S --shard K/M --out DIR"; returns the options
-- or nil and a message.
function sweep.options(args)
  local o = { seed = 1, shard = 1, shards = 1, out = "output/sweep" }
  local i = 1
  while i <= #args do
    local flag, value = args[i], args[i + 1]
    if value == nil then return nil, string.format("%s needs a value", flag) end
    if flag == "--runs" or flag == "--seed" then
      local n = math.tointeger(tonumber(value))
      if not n or (flag == "--runs" and (n < 1 or n > MAX_RUNS)) then
        return nil, string.format("%s wants a whole number%s, not '%s'", flag,
          flag == "--runs" and string.format(" from 1 to %d", MAX_RUNS) or "", value)
      end
      o[flag:sub(3)] = n
    elseif flag == "--shard" then
      local k, m = value:match("^(%d+)/(%d+)$")
      k, m = math.tointeger(tonumber(k)), math.tointeger(tonumber(m))
      if not k or k < 1 or k > m then
        return nil, string.format("--shard wants K/M with 1 <= K <= M, not '%s'", value)
      end
      o.shard, o.shards = k, m
    elseif flag == "--out" then
      o.out = value
    else
      return nil, string.format("unknown argument '%s'", flag)
    end
    i = i + 2
  end
  if not o.runs then return nil, "give the number of runs: --runs N" end
  return o
end

--- Loads a sweep file: the table it returns, checked.
local function load_spec(path)
  local chunk, err = loadfile(path)
  if not chunk then error(err, 0) end
  local spec = chunk()
  if type(spec) ~= "table" or type(spec.scenario) ~= "table" then
    error(string.format("%s: a sweep file returns { scenario = ..., sample = ..., collect = ... }", path), 0)
  end
  for k in pairs(spec) do
    if not SPEC_KEYS[k] then error(string.format("%s: unknown key '%s' in the sweep", path, tostring(k)), 0) end
  end
  return spec
end

local function shard_name(path, k, m)
  local base = path:match("([^/]+)%.lua$") or "sweep"
  return string.format("%s-shard-%d-of-%d.json", base, k, m)
end

--- Runs one shard of the sweep in file `path`; writes its JSON file into
-- o.out and returns that file's path.
function sweep.run(path, o)
  local spec = load_spec(path)
  local ok, err = host.mkdir(o.out)
  if not ok then error(err, 0) end
  -- one writer a shard: a second sweep writing the same file is refused
  -- before it runs (the lock goes when the file is written, or on a signal)
  local file = o.out .. "/" .. shard_name(path, o.shard, o.shards)
  local lock = file .. ".lock"
  if not host.lock(lock) then
    error(string.format("sweep: %s is being written by another sweep (%s exists; remove it if none runs)", file,
      lock), 0)
  end
  local shard, shards = o.shard, o.shards
  local done, result = pcall(function()
    local mc = montecarlo.run { scenario = spec.scenario, sample = spec.sample, collect = spec.collect,
      lhs = spec.lhs, runs = o.runs, seed = o.seed, only = function(i) return (i - 1) % shards == shard - 1 end }
    files.write(file, core.json_encode(mc:export { scenario = path, shard = shard, shards = shards }))
    return mc:count()
  end)
  host.unlock(lock)
  if not done then error(result, 0) end
  return file, result
end

--- Reads the shard files in dir, joins them, writes dir/merged.json and
-- returns the MonteCarlo and the merged file's path.
function sweep.merge(dir)
  local names, err = files.list(dir)
  if not names then error(err, 0) end
  local list, paths = {}, {}
  for _, name in ipairs(names) do
    if name:match("%-shard%-%d+%-of%-%d+%.json$") then
      local path = dir .. "/" .. name
      local text = assert(files.read(path))
      local t, msg = core.json_decode(text)
      if t == nil then error(string.format("%s: %s", path, msg), 0) end
      list[#list + 1], paths[#paths + 1] = t, path
    end
  end
  if #list == 0 then error(string.format("merge: no shard files (*-shard-K-of-M.json) in %s", dir), 0) end
  local ok, mc = pcall(montecarlo.join, list, paths)
  if not ok then error(mc, 0) end
  local first = list[1]
  local merged = dir .. "/merged.json"
  files.write(merged, core.json_encode(mc:export { scenario = first.scenario, shard = "all", shards = first.shards }))
  return mc, merged
end

--- A summary of a sweep for the terminal: each collected variable's
-- median and 5-95 percentile band in the last year.
function sweep.summary(mc)
  local rows = { { "variable", "unit", "year", "p05", "median", "p95" } }
  for _, path in ipairs(mc.collect) do
    local b = mc:bands(path)
    local v = function(s) return s[mc.last] and format.number(s[mc.last]) or "-" end
    rows[#rows + 1] = { path, mc.units[path], tostring(mc.last), v(b.p05), v(b.p50), v(b.p95) }
  end
  return format.table(rows, "  ")
end

return sweep
