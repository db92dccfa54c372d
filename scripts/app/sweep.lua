--- Monte Carlo sweeps from the command line, in shards that run anywhere:
--
--   ./ree sweep models/sweeps/quota.lua --runs 1000 --seed 7 --shard 2/8 --out runs/
--   ./ree merge runs/
--   ./ree sweep models/sweeps/quota.lua --runs 1000 --jobs all --out runs/   -- shards in local processes, merged
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
local suggest = require("ree.suggest")

local sweep = {}

local SPEC_KEYS = { scenario = true, sample = true, collect = true, lhs = true }

--- Loads a sweep file: the table it returns, checked.
local function load_spec(path)
  local chunk, err = loadfile(path)
  if not chunk then error(err, 0) end
  local spec = chunk()
  if type(spec) ~= "table" or type(spec.scenario) ~= "table" then
    error(string.format("%s: a sweep file returns { scenario = ..., sample = ..., collect = ... }", path), 0)
  end
  for k in pairs(spec) do
    if not SPEC_KEYS[k] then
      error(string.format("%s: unknown key '%s' in the sweep%s", path, tostring(k), suggest.hint(k, SPEC_KEYS)), 0)
    end
  end
  return spec
end

local function shard_name(path, k, m)
  local base = path:match("([^/]+)%.lua$") or "sweep"
  return string.format("%s-shard-%d-of-%d.json", base, k, m)
end

--- Runs one shard of the sweep in file `path`; writes its JSON file into
-- o.out and returns that file's path, the number of runs done and the
-- MonteCarlo.
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
    return mc
  end)
  host.unlock(lock)
  if not done then error(result, 0) end
  return file, result:count(), result
end

--- Runs the sweep in o.jobs local processes, shard k of them in the
-- k-th, and merges their files: the MonteCarlo and the merged file.
function sweep.run_jobs(path, o)
  local function quote(x) return "'" .. tostring(x):gsub("'", "'\\''") .. "'" end
  local exe = files.root() .. "/bindings/ree-host"
  local children = {}
  for k = 1, o.jobs do
    local cmd = table.concat({ quote(exe), "sweep", quote(path), "--runs", o.runs, "--seed", o.seed, "--shard",
      k .. "/" .. o.jobs, "--out", quote(o.out), "2>&1" }, " ")
    children[k] = assert(io.popen(cmd, "r"))
  end
  local failed
  for k, child in ipairs(children) do -- they run side by side; each is read to its end
    local text = child:read("a")
    local ok = child:close()
    if not ok and not failed then failed = string.format("shard %d/%d: %s", k, o.jobs, text:match("^[^\n]*")) end
  end
  if failed then error("sweep: " .. failed, 0) end
  return sweep.merge(o.out, o.jobs)
end

--- Reads the shard files in dir (those of a sweep in `of` shards, when
-- given), joins them, writes dir/merged.json and returns the MonteCarlo
-- and the merged file's path.
function sweep.merge(dir, of)
  local names, err = files.list(dir)
  if not names then error(err, 0) end
  local list, paths = {}, {}
  for _, name in ipairs(names) do
    local m = name:match("%-shard%-%d+%-of%-(%d+)%.json$")
    if m and (not of or tonumber(m) == of) then
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
-- median and 5-95 percentile band in the last year (a monthly one's in
-- its last month).
function sweep.summary(mc)
  local rows = { { "variable", "unit", "year", "p05", "median", "p95" } }
  for _, path in ipairs(mc.collect) do
    local per = mc.periods[path] or 1
    local q = mc:quantiles(path, mc.last, per > 1 and per or nil)
    local when = per == 1 and tostring(mc.last) or format.time(mc.last + (per - 1) / per, per)
    local v = function(x) return x and format.number(x) or "-" end
    rows[#rows + 1] = { path, mc.units[path], when, v(q.p05), v(q.p50), v(q.p95) }
  end
  return format.table(rows, "  ")
end

return sweep
