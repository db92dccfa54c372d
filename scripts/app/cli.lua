--- The ree command line: what ./ree does with its arguments. The C host
-- (bindings/ree_host.c) calls cli.main(args) and exits with its result.
-- A script and -e take their arguments as they are; a command's are
-- parsed by app.grammar, and --help prints app.usage's text.

local cli = {}

local grammar = require("app.grammar")
local usage = require("app.usage")

local debugging = false -- --debug: errors keep their tracebacks

--- The one line a user sees of an error. Lua's message for a module that
-- will not load puts the reason on the next line ("error loading module
-- 'm' from file 'f':\n\tf:3: ... near 'x'"): the two are joined.
local function first_line(message)
  local text = tostring(message)
  local head, reason = text:match("^(error loading module [^\n]*:)\n%s*([^\n]*)")
  if head then return head .. " " .. reason end
  return (text:match("^[^\n]*"))
end

--- Writes "ree: MESSAGE" to stderr: its first line, or all of it (the
-- traceback) with --debug; returns the exit status (default 1).
local function fail(message, status)
  -- what was printed comes first: a buffered stdout on the same pipe or file as stderr
  -- would put the message in the middle of a line it had not yet written
  io.stdout:flush()
  io.stderr:write("ree: ", debugging and tostring(message) or first_line(message), "\n")
  return status or 1
end

--- Runs f(...) with a traceback on error; returns an exit status.
local function protected(f, ...)
  local ok, err = xpcall(f, function(e) return debug.traceback(require("ree.format").error_value(e), 2) end, ...)
  if ok then return 0 end
  return fail(err)
end

local function run_file(path, args)
  local f, err = loadfile(path)
  if not f then return fail(err) end
  local script_args = { [0] = path }
  for i = 1, #args do script_args[i] = args[i] end
  _G.arg = script_args
  return protected(f, table.unpack(script_args))
end

local function run_repl()
  local host = require("ree.host")
  if not host.isatty(0) then
    -- not a terminal: stdin is a script
    local f, err = load(io.stdin:read("a"), "=stdin")
    if not f then return fail(err) end
    return protected(f)
  end
  return require("app.repl").start()
end

--- ./ree run [--out DIR], or ./ree run SCENARIO: the main job, or the
-- scenario's summary (scripts/app/report.lua).
local function run(a)
  if not a.scenario then return protected(require("app.main"), io.stdout, a.out or "output") end
  local report = require("app.report")
  local sc, err, status = report.scenario(a.scenario)
  if not sc then return fail(err, status) end
  return protected(function() report.text(sc:run(), io.write) end)
end

--- ./ree report SCENARIO -o FILE.html [--year Y]
local function report(a)
  local reports = require("app.report")
  local sc, err, status = reports.scenario(a.scenario)
  if not sc then return fail(err, status) end
  status = protected(function()
    -- the crisis comes with its calibration and validation (a few seconds)
    local validation = a.scenario == "crisis" and
      require("ree.models.scenarios.crisis_validation").run { progress = false }
    reports.write(sc:run(), a.o, { year = a.year, validation = validation or nil })
  end)
  if status == 0 then io.write(string.format("wrote %s\n", a.o)) end
  return status
end

--- ./ree compare SCENARIO SCENARIO... [--variables V,V...] [--year Y] [-o FILE.html]
local function compare(a)
  local reports, scenarios, seen = require("app.report"), {}, {}
  for _, name in ipairs(a.scenarios) do
    local sc, err, status = reports.scenario(name)
    if not sc then return fail(err, status) end
    if seen[sc.name] then return fail(string.format("compare: '%s' is named twice", sc.name), 2) end
    seen[sc.name], scenarios[#scenarios + 1] = true, sc
  end
  return protected(function()
    local results = { variables = a.variables, year = a.year } -- in the order given
    for k, sc in ipairs(scenarios) do results[k] = sc:run() end
    local ok, c = pcall(require("ree").compare, results)
    if not ok then error((tostring(c):gsub("^[^\n]-:%d+: ", "")), 0) end -- the message, not this line
    io.write(tostring(c), "\n")
    if a.o then
      c:write(a.o)
      io.write(string.format("wrote %s\n", a.o))
    end
  end)
end

--- ./ree lesson [N | FILE.lua] [--handout FILE.html]: the list, or a
-- lesson, or its handout (scripts/app/lessons.lua).
local function lesson(a)
  if a.handout and not a.n then
    return fail("lesson: --handout needs a lesson: ./ree lesson N --handout FILE.html", 2)
  end
  local ok, result = xpcall(require("app.lessons").main, debug.traceback, a.n, a.handout)
  if ok then return result end
  return fail(result)
end

--- ./ree --sandbox FILE.lua [--memory MB] [--instructions N] [--seconds S]
-- The process ends here, without closing the Lua state: what the script
-- left (a finaliser, a hijacked metatable) never runs outside its limits.
local function sandbox(a)
  local ok, err = require("app.sandbox").run(a.file, { memory = a.memory, instructions = a.instructions,
    seconds = a.seconds })
  io.stdout:flush()
  if not ok then fail(err) end
  os.exit(ok and 0 or 1, false)
end

--- Writes mc's runs to a.export, when given, and says where.
local function export_runs(mc, a)
  if not a.export then return end
  mc:write(a.export)
  io.write(string.format("each run's inputs and outputs: %s\n", a.export))
end

--- ./ree sweep FILE.lua --runs N [--seed S] [--shard K/M | --jobs J] [--out DIR] [--export FILE]
local function sweep(a)
  local sweeps = require("app.sweep")
  local o = { runs = a.runs, seed = a.seed, shard = a.shard and a.shard[1] or 1, shards = a.shard and a.shard[2] or 1,
    jobs = a.jobs, out = a.out }
  return protected(function()
    if o.jobs then
      local mc, file = sweeps.run_jobs(a.file, o)
      io.write(string.format("%d runs (seed %d) in %d local processes, merged into %s\n%s\n", mc:count(), mc.seed,
        o.jobs, file, sweeps.summary(mc)))
      return export_runs(mc, a)
    end
    local file, n, mc = sweeps.run(a.file, o)
    io.write(string.format("%d of %d runs (shard %d/%d, seed %d) written to %s\n", n, o.runs, o.shard, o.shards,
      o.seed, file))
    export_runs(mc, a)
  end)
end

--- ./ree merge DIR
local function merge(a)
  return protected(function()
    local sweeps = require("app.sweep")
    local mc, file = sweeps.merge(a.dir)
    io.write(string.format("%d runs (seed %d) merged into %s\n%s\n", mc:count(), mc.seed, file, sweeps.summary(mc)))
    export_runs(mc, a)
  end)
end

--- ./ree docs [--out DIR]
local function docs(a)
  return protected(function() io.write("wrote ", require("app.docs").write(a.out), "\n") end)
end

--- ./ree help [COMMAND]: the usage, or one command's lines of it.
local function help(a)
  if a.topic == nil then
    io.write(usage.TEXT)
    return 0
  end
  local lines = usage.of(a.topic)
  if not lines then
    return fail("help: no command '" .. a.topic .. "'" .. require("ree.suggest").hint(a.topic, usage.words()) ..
      "; usage: ./ree help [COMMAND]", 2)
  end
  io.write(lines)
  return 0
end

local COMMANDS = { run = run, report = report, compare = compare, lesson = lesson, sweep = sweep, merge = merge,
  docs = docs, help = help, ["--sandbox"] = sandbox }

--- A command's arguments parsed, and the command run.
local function command(args)
  local parsed, a, err = pcall(grammar.parse, args)
  if not parsed then return fail(a) end -- no argparse: the command line cannot be read
  if not a then return fail(err, 2) end
  if a.help then return help { topic = a.command } end
  if grammar.LAUNCHER_ONLY[a.command] then
    return fail(a.command .. " is the launcher's: run ./ree " .. a.command .. " (the script at the checkout's root)", 2)
  end
  return COMMANDS[a.command](a)
end

--- A first word that is no command: a script, or a slip.
local function unknown(word)
  local hint = require("ree.suggest").hint(word, usage.words())
  if word:sub(1, 1) == "-" then return fail("unknown option '" .. word .. "'" .. hint .. "; see ./ree help", 2) end
  return fail("unknown command '" .. word .. "'" .. hint .. "; see ./ree help", 2)
end

function cli.main(args)
  if args[1] == "--debug" then
    debugging = true
    table.remove(args, 1)
  end
  local first = args[1]
  if first == nil then return run_repl() end
  if first == "-e" then
    if args[2] == nil then return fail("-e needs a chunk of code; usage: ./ree -e 'CODE'", 2) end
    local f, err = load(args[2], "=(command line)")
    if not f then return fail(err) end
    return protected(f, table.unpack(args, 3))
  end
  if first == "--version" or first == "-v" then
    io.write("ree ", require("ree.core")._VERSION, "\n")
    return 0
  end
  if first == "--help" or first == "-h" then return help {} end
  if first == "--sandbox" or grammar.is_command(first) then return command(args) end
  if first:sub(1, 1) == "-" then return unknown(first) end
  -- a bare word (no "/", no ".") that names no file is a slip, not a script
  if not first:find("[/.]") then
    local file = io.open(first)
    if not file then return unknown(first) end
    file:close()
  end
  return run_file(first, table.move(args, 2, #args, 1, {}))
end

return cli
