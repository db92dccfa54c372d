local core = require("ree.core")
local helpers = require("spec.helpers")

local run = helpers.run

-- a command's errors end with its usage forms, as ./ree --help gives them
local RUN_USAGE = "usage: ./ree run [--out DIR] | ./ree run SCENARIO\n"
local SWEEP_USAGE = "usage: ./ree sweep FILE.lua --runs N [--seed S] [--shard K/M | --jobs J|all] [--out DIR] " ..
  "[--export FILE]\n"

describe("the ree executable #cli", function()
  it("runs a chunk with -e", function()
    assert.are.same({ "2\n", "", 0 }, { run { "-e", "print(1 + 1)" } })
    assert.are.same({ "1081.12\n", "", 0 },
      { run { "-e", 'print(string.format("%.2f", require("ree").formula "Nd2Fe14B":molar_mass()))' } })
  end)

  it("runs a script with its arguments", function()
    local path = os.tmpname()
    local f = assert(io.open(path, "w"))
    f:write('local ree = require("ree")\nprint(select("#", ...), arg[1], arg[2], ree.element(arg[1]).z)\n')
    f:close()
    local out, err, status = run { path, "Dy", "x" }
    os.remove(path)
    assert.are.same({ "2\tDy\tx\t66\n", "", 0 }, { out, err, status })
  end)

  it("reports errors on stderr with a non-zero status", function()
    local out, err, status = run { "-e", 'require("ree").formula "Nd2Fe14Bx"' }
    assert.are.equal("", out)
    assert.are.equal(1, status)
    assert.are.equal("ree: (command line):1: formula 'Nd2Fe14Bx': unknown element 'Bx' at column 8",
      err:match("^[^\n]*"))
    assert.are.same({ "", "ree: unknown option '-x' (did you mean '-e'?); see ./ree help\n", 2 }, { run { "-x" } })
    assert.are.same({ "", "ree: unknown option '--verison' (did you mean '--version'?); see ./ree help\n", 2 },
      { run { "--verison" } })
    -- a word that names no file and no command is a slip, not a script
    assert.are.same({ "", "ree: unknown command 'rn' (did you mean 'run'?); see ./ree help\n", 2 }, { run { "rn" } })
    assert.are.same({ "", "ree: run: unknown option '--bogus'; " .. RUN_USAGE, 2 }, { run { "run", "--bogus" } })
    assert.are.same({ "", "ree: run: unknown option '--otu' (did you mean '--out'?); " .. RUN_USAGE, 2 },
      { run { "run", "--otu", "charts" } })
    assert.are.same({ "", "ree: run: too many arguments; " .. RUN_USAGE, 2 }, { run { "run", "history", "crisis" } })
    assert.are.same({ "", "ree: run: argument 'SCENARIO' can not be used together with option '--out'; " .. RUN_USAGE,
      2 }, { run { "run", "--out", "charts", "history" } })
    assert.are.same({ "", "ree: test is the launcher's: run ./ree test (the script at the checkout's root)\n", 2 },
      { run { "test" } })
    assert.are.same({ "", "ree: -e needs a chunk of code; usage: ./ree -e 'CODE'\n", 2 }, { run { "-e" } })
    out, err, status = run { "/no/such/script.lua" }
    assert.are.same({ "", "ree: cannot open /no/such/script.lua: No such file or directory\n", 1 },
      { out, err, status })
  end)

  it("prints its version and help", function()
    assert.are.same({ "ree 0.1.0\n", "", 0 }, { run { "--version" } })
    assert.are.same({ run { "--help" } }, { run { "help" } })
    assert.are.same({ "  ./ree merge DIR [--export FILE]\n                         join a sweep's shard files " ..
      "into DIR/merged.json (and FILE)\n", "", 0 }, { run { "help", "merge" } })
    assert.are.same({ run { "help", "sweep" } }, { run { "sweep", "--help" } }) -- a command's own help
    assert.are.same({ "", "ree: help: no command 'rn' (did you mean 'run'?); usage: ./ree help [COMMAND]\n", 2 },
      { run { "help", "rn" } })
    local out, _, status = run { "--help" }
    assert.are.equal(0, status)
    assert.truthy(out:find("./ree run ", 1, true))
  end)

  it("runs stdin as a script when it is not a terminal", function()
    assert.are.same({ "18.015\n", "", 0 },
      { run({}, 'print(string.format("%.3f", require("ree").molar_mass "H2O"))') })
  end)

  it("runs the main job, the report's magnet case", function()
    local dir = os.tmpname()
    os.remove(dir)
    local out, err, status = run { "run", "--out", dir }
    assert.are.same({ "", 0 }, { err, status })
    assert.truthy(out:find("Sankey of Dy: " .. dir .. "/value-chain-Dy.svg", 1, true))
    local f = assert(io.open(dir .. "/value-chain-Nd.svg"))
    assert.truthy(f:read("a"):find("</svg>", 1, true))
    f:close()
    os.execute("rm -rf " .. dir)
    assert.are.same({ "", "ree: run: option '--out' requires an argument; " .. RUN_USAGE, 2 },
      { run { "run", "--out" } })
    assert.truthy(out:find("Nd+Pr metal: 4,082 t; the report's 2011 table gives 4,000-4,300 t", 1, true))
    assert.truthy(out:find("the report's ~60 t Dy sits within that range", 1, true))
    -- the ladder lesson: Dy metal taxed, alloy not, in 2008: (0.9 * 0.2) / 0.1 = +180% for alloy making
    assert.truthy(out:find("  2008            25%             0%  +180%", 1, true))
    assert.truthy(out:find("== 7. History 2005-2015 against a world without China's restrictions ==", 1, true))
    assert.truthy(out:find("ok    2010: La and Ce prices jump outside China most", 1, true))
    -- the crisis: which held-out facts its bands reach is pinned, so that a change that gains or
    -- loses one shows here and has to be explained (docs/MODELS.md, section 8)
    assert.truthy(out:find("== 8. The crisis, month by month", 1, true))
    -- (2012's under-fill, 52%, is within the band since mines outside China count their Eu and Tb)
    -- (the bands are of the runs the calibration's data do not rule out; with 2010's smuggling a
    -- target, about 10,000 t, smuggling draws over a range three times as wide, and not even all the
    -- runs reach the FOB/China ratio, which they did before)
    assert.truthy(out:find("\n  3 of 13 held-out facts within the band; 3 of 13 in the bands of all the runs " ..
      "(the priors alone)\n", 1, true))
    assert.truthy(out:find("\n  ok    2012: exports against the quota ", 1, true))
    -- (China's own Nd price in mid-2011, about 217 US$/kg: the model's is a tenth of it)
    assert.truthy(out:find("\n  MISS  Nd oxide in China, June%-August 2011 "))
    -- (Japan's imports by month: 20% down in January-May 2011, the model's 2%)
    assert.truthy(out:find("\n  MISS  Japan's imports, Jan-May 2011 on 2010 ", 1, true))
    assert.truthy(out:find("\n  ok    Nd oxide peak month ", 1, true))
    assert.truthy(out:find("\n  ok    Dy oxide peak, FOB, 2010%-2012 "))
    assert.truthy(out:find("\n  MISS  FOB / China price, Nd, June%-August 2011 "))
    -- (Dy in the thousands of US$/kg is missed since 2011's output is a target: the fit cuts the
    -- heavy fringe in 2011 rather than in 2012-2013, and Dy tops out at about 730 in 2012)
    assert.truthy(out:find("Section 7's facts on the calibrated run, as annual averages: 2 of 8 met", 1, true))
    assert.truthy(out:find("\n  MISS  Dy oxide peaks in the thousands of US$/kg ", 1, true))
  end)
end)

describe("sweeps in shards #cli", function()
  local function read_json(path)
    local f = assert(io.open(path, "rb"))
    local t = assert(core.json_decode(f:read("a")))
    f:close()
    return t
  end

  it("merge shards into the runs of one unsharded sweep", function()
    local split, whole = os.tmpname(), os.tmpname()
    os.remove(split)
    os.remove(whole)
    local common = { "sweep", "models/sweeps/cobweb.lua", "--runs", "9", "--seed", "3" }
    for k = 1, 2 do
      local args = table.move(common, 1, #common, 1, {})
      table.move({ "--shard", k .. "/2", "--out", split }, 1, 4, #args + 1, args)
      local out, err, status = run(args)
      assert.are.same({ "", 0 }, { err, status })
      assert.are.equal(string.format("%d of 9 runs (shard %d/2, seed 3) written to %s/cobweb-shard-%d-of-2.json\n",
        k == 1 and 5 or 4, k, split, k), out)
    end
    table.move({ "--out", whole }, 1, 2, #common + 1, common)
    assert.are.same({ 0 }, { select(3, run(common)) })
    local out, err, status = run { "merge", split }
    assert.are.same({ "", 0 }, { err, status })
    assert.truthy(out:find("9 runs (seed 3) merged into " .. split .. "/merged.json", 1, true))
    assert.truthy(out:find("price     US$/kg  2015", 1, true))
    assert.are.same({ 0 }, { select(3, run { "merge", whole }) })
    assert.are.same(read_json(whole .. "/merged.json").values, read_json(split .. "/merged.json").values)
    -- a missing shard is named
    os.remove(split .. "/cobweb-shard-2-of-2.json")
    out, err, status = run { "merge", split }
    assert.are.same({ "", 1 }, { out, status })
    assert.are.equal("ree: merge: run 2 of 9 is missing (is a shard file missing?)", err:match("^[^\n]*"))
    os.execute("rm -rf " .. split .. " " .. whole)
  end)

  it("name bad arguments", function()
    assert.are.same({ "", "ree: sweep: --shard wants K/M with 1 <= K <= M, not '3/2'; " .. SWEEP_USAGE, 2 },
      { run { "sweep", "models/sweeps/cobweb.lua", "--runs", "4", "--shard", "3/2" } })
    assert.are.same({ "", "ree: sweep: missing option '--runs'; " .. SWEEP_USAGE, 2 },
      { run { "sweep", "models/sweeps/cobweb.lua" } })
    assert.are.same({ "", "ree: sweep: --runs wants a whole number from 1 to 10000000, not 'many'; " .. SWEEP_USAGE,
      2 },
      { run { "sweep", "models/sweeps/cobweb.lua", "--runs", "many" } })
    assert.are.same({ "", "ree: merge: missing argument 'DIR'; usage: ./ree merge DIR [--export FILE]\n", 2 },
      { run { "merge" } })
    assert.are.same({ "", "ree: sweep: missing argument 'FILE.lua'; " .. SWEEP_USAGE, 2 },
      { run { "sweep" } })
    assert.are.same({ "", "ree: sweep: unknown option '--runz' (did you mean '--runs'?); " .. SWEEP_USAGE, 2 },
      { run { "sweep", "models/sweeps/cobweb.lua", "--runz", "4" } })
    assert.are.same({ "", "ree: sweep: option '--seed' requires an argument; " .. SWEEP_USAGE, 2 },
      { run { "sweep", "models/sweeps/cobweb.lua", "--runs", "4", "--seed" } })
    local empty = os.tmpname()
    os.remove(empty)
    os.execute("mkdir " .. empty)
    local _, no_shards = run { "merge", empty }
    assert.are.equal("ree: merge: no shard files (*-shard-K-of-M.json) in " .. empty, no_shards:match("^[^\n]*"))
    os.execute("rm -rf " .. empty)
    local _, err, status = run { "merge", "/no/such/dir" }
    assert.are.same({ 1, "ree: /no/such/dir: No such file or directory" }, { status, err:match("^[^\n]*") })
    local misspelt = os.tmpname() .. ".lua"
    local f = assert(io.open(misspelt, "w"))
    f:write('return { scenario = {}, sample = {}, colect = {} }')
    f:close()
    _, err, status = run { "sweep", misspelt, "--runs", "2" }
    assert.are.same({ 1, "ree: " .. misspelt .. ": unknown key 'colect' in the sweep (did you mean 'collect'?)" },
      { status, err:match("^[^\n]*") })
    os.remove(misspelt)
  end)

  it("run every shard in local processes with --jobs, merged into one unsharded sweep's runs", function()
    local jobs, whole = os.tmpname(), os.tmpname()
    os.remove(jobs)
    os.remove(whole)
    local out, err, status = run { "sweep", "models/sweeps/cobweb.lua", "--runs", "9", "--seed", "3", "--jobs", "3",
      "--out", jobs }
    assert.are.same({ "", 0 }, { err, status })
    assert.truthy(out:find("9 runs (seed 3) in 3 local processes, merged into " .. jobs .. "/merged.json\n", 1, true))
    assert.are.same({ 0 }, { select(3, run { "sweep", "models/sweeps/cobweb.lua", "--runs", "9", "--seed", "3",
      "--out", whole }) })
    assert.are.same({ 0 }, { select(3, run { "merge", whole }) })
    assert.are.same(read_json(whole .. "/merged.json").values, read_json(jobs .. "/merged.json").values)
    assert.are.same({ "", "ree: sweep: option '--shard' can not be used together with option '--jobs'; " ..
      SWEEP_USAGE, 2 },
      { run { "sweep", "models/sweeps/cobweb.lua", "--runs", "4", "--jobs", "2", "--shard", "1/2" } })
    assert.are.same({ "", "ree: sweep: --jobs wants a number of processes from 1 to 256, or all, not 'many'; " ..
      SWEEP_USAGE, 2 },
      { run { "sweep", "models/sweeps/cobweb.lua", "--runs", "4", "--jobs", "many" } })
    -- a shard that fails is named, with its first line
    assert.are.same({ "", "ree: sweep: shard 1/2: ree: cannot open /no/such.lua: No such file or directory\n", 1 },
      { run { "sweep", "/no/such.lua", "--runs", "4", "--jobs", "2", "--out", jobs } })
    os.execute("rm -rf " .. jobs .. " " .. whole)
  end)

  it("give a spreadsheet each run's sampled inputs and outputs in one command", function()
    local dir = os.tmpname()
    os.remove(dir)
    local out, err, status = run { "sweep", "models/sweeps/history.lua", "--runs", "4", "--jobs", "2", "--out", dir,
      "--export", dir .. "/runs.csv" }
    assert.are.same({ "", 0 }, { err, status })
    assert.truthy(out:find("\neach run's inputs and outputs: " .. dir .. "/runs.csv\n$"))
    -- read by Python's csv module: a row a run, the 47 ranged parameters, then 7 outputs x 11 years
    local read = "import csv, sys; rows = list(csv.DictReader(open(sys.argv[1], newline=''))); " ..
      "print(len(rows), len(rows[0]), rows[3]['run'], rows[0]['Nd.lambda'] != rows[1]['Nd.lambda'], " ..
      "float(rows[2]['price.Dy.fob 2011']) > 0)"
    assert.are.same({ "4 125 4 True True\n", 0 },
      { helpers.sh("python3 -c \"" .. read .. "\" " .. dir .. "/runs.csv") })
    -- the same table from merge, and from one process: inputs and outputs kept to the bit
    assert.are.same({ 0 }, { select(3, run { "merge", dir, "--export", dir .. "/merged.csv" }) })
    assert.are.same({ 0 }, { select(3, run { "sweep", "models/sweeps/history.lua", "--runs", "4", "--out", dir ..
      "/one", "--export", dir .. "/one.csv" }) })
    local runs = helpers.read(dir .. "/runs.csv")
    assert.are.equal(runs, helpers.read(dir .. "/merged.csv"))
    assert.are.equal(runs, helpers.read(dir .. "/one.csv"))
    assert.are.same({ "", "ree: sweep: --export wants a .csv or a .json file, not 'runs.xlsx'; " .. SWEEP_USAGE, 2 },
      { run { "sweep", "models/sweeps/history.lua", "--runs", "4", "--export", "runs.xlsx" } })
    assert.are.same({ "", "ree: sweep: option '--export' can not be used together with option '--shard'; " ..
      SWEEP_USAGE, 2 }, { run { "sweep", "models/sweeps/history.lua", "--runs", "4", "--shard", "1/2", "--export",
      "runs.csv" } })
    os.execute("rm -rf " .. dir)
  end)

  it("check every run and value before merging, and write nothing when one is wrong", function()
    local dir = os.tmpname()
    os.remove(dir)
    local args = { "sweep", "models/sweeps/cobweb.lua", "--runs", "4", "--seed", "3", "--out", dir }
    assert.are.same({ 0 }, { select(3, run(args)) })
    local shard = dir .. "/cobweb-shard-1-of-1.json"
    local good = read_json(shard)
    local function merge_with(edit)
      local t = read_json(shard .. ".good")
      edit(t)
      local f = assert(io.open(shard, "wb"))
      f:write(core.json_encode(t))
      f:close()
      local _, err, status = run { "merge", dir }
      return status, err:match("^[^\n]*"), io.open(dir .. "/merged.json") ~= nil
    end
    os.rename(shard, shard .. ".good")
    local path = good.collect[1]
    assert.are.same({ 1, "ree: merge: " .. shard .. " has a run '99999', not one of 1-4", false },
      { merge_with(function(t) t.values["99999"] = t.values["1"] end) })
    assert.are.same({ 1, "ree: merge: " .. shard .. ": run 2, '" .. path .. "' in 2001 is \"garbage\", not a number",
      false }, { merge_with(function(t)
        t.values["2"][path] = core.unpack_numbers(t.values["2"][path]) -- the first format's list
        t.values["2"][path][2] = "garbage"
      end) })
    assert.are.same({ 1, "ree: merge: " .. shard .. ": run 3, '" .. path ..
      "': packed numbers: 3 characters, not a multiple of 4", false },
      { merge_with(function(t) t.values["3"][path] = "AAA" end) })
    assert.are.same({ 1, "ree: merge: " .. shard .. ": run 3, '" .. path .. "': 1 values, not one for each of " ..
      good.first .. "-" .. good.last, false }, { merge_with(function(t) t.values["3"][path] = { 1 } end) })
    assert.are.same({ 1, "ree: merge: " .. shard .. ": run 4 has no '" .. path .. "'", false },
      { merge_with(function(t) t.values["4"][path] = nil end) })
    assert.are.same({ 1, "ree: merge: " .. shard .. ": run 1 has 'extra', which the sweep does not collect", false },
      { merge_with(function(t) t.values["1"].extra = t.values["1"][path] end) })
    assert.are.same({ 1, "ree: merge: " .. shard .. ": run 2 is not a table of variables", false },
      { merge_with(function(t) t.values["2"] = 7 end) })
    os.execute("rm -rf " .. dir)
  end)

  it("refuse a second writer of the same shard", function()
    local dir = os.tmpname()
    os.remove(dir)
    os.execute("mkdir " .. dir)
    local lock = dir .. "/cobweb-shard-1-of-1.json.lock"
    io.open(lock, "w"):close() -- another sweep is writing it
    local out, err, status = run { "sweep", "models/sweeps/cobweb.lua", "--runs", "4", "--out", dir }
    assert.are.same({ "", "ree: sweep: " .. dir .. "/cobweb-shard-1-of-1.json is being written by another sweep (" ..
      lock .. " exists; remove it if none runs)\n", 1 }, { out, err, status })
    os.remove(lock)
    assert.are.same({ 0 }, { select(3, run { "sweep", "models/sweeps/cobweb.lua", "--runs", "4", "--out", dir }) })
    assert.is_nil(io.open(lock), "the lock goes when the shard is written")
    os.execute("rm -rf " .. dir)
  end)
end)

