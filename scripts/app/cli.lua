--- The ree command line: what ./ree does with its arguments. The C host
-- (bindings/ree_host.c) calls cli.main(args) and exits with its result.

local cli = {}

-- the usage text: --help prints it, and app.manual makes the manual page
-- and the shell completions from it
local USAGE = [[
usage: ./ree [--debug] [COMMAND | FILE.lua [ARGS...] | -e CODE]

  ./ree                  open the REPL (a script when stdin is not a terminal)
  ./ree FILE.lua [ARGS]  run a script; require("ree") works in it
  ./ree -e 'CODE'        run a chunk of Lua
  ./ree --sandbox FILE.lua [--memory MB] [--instructions N] [--seconds S]
                         run a student's script: the toolkit only, no io or os,
                         limits on memory (256 MB), instructions (1e9), time (60 s)
  ./ree run [--out DIR]  run the main job (scripts/app/main.lua); charts go to DIR (output)
  ./ree run SCENARIO     run one scenario and print its summary: a name of the
                         history's (history, no_restrictions, ladder_only, ...) or
                         a FILE.lua that returns a scenario
  ./ree report SCENARIO -o FILE.html [--year Y]
                         write the scenario's report: one self-contained HTML file
  ./ree lesson [N]       list the lessons, or take lesson N
  ./ree sweep FILE.lua --runs N [--seed S] [--shard K/M | --jobs J|all] [--out DIR]
                         run shard K of M of a Monte Carlo sweep; one JSON file to DIR;
                         or all of it in J local processes (all: one a core), merged
  ./ree merge DIR        join a sweep's shard files into DIR/merged.json
  ./ree test             build and run every test (C and busted)
  ./ree test --asan      ... built with the address and undefined sanitizers
  ./ree test --valgrind  ... under valgrind
  ./ree fuzz [TARGET|all] [SECONDS]  fuzz a core entry point: formula, unit,
                         json, series, dsm, chain, market, reconcile or pack
  ./ree bench            run the benchmarks (scripts/bench)
  ./ree docs [--out DIR]
                         the library's API reference as HTML, by LDoc (output/docs)
  ./ree install [--prefix DIR]
                         install the library, headers, ree.pc, ree, its manual page
                         and shell completions under DIR (/usr/local)
  ./ree help [COMMAND]   the usage of every command, or of one (or ./ree COMMAND --help)
  ./ree --help, --version
  --debug                before any command: an error shows its traceback

exit status: 0 done; 1 the work failed (an error in a script or a model, a
wrong answer to a lesson, a sandbox limit); 2 the command line was wrong.
Errors go to stderr.
]]
cli.USAGE = USAGE

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

--- ./ree run SCENARIO: its summary (scripts/app/report.lua).
local function run_scenario(rest)
  if rest[2] ~= nil then return fail("run takes one scenario (./ree run SCENARIO)", 2) end
  local report = require("app.report")
  local sc, err, status = report.scenario(rest[1])
  if not sc then return fail(err, status) end
  return protected(function() report.text(sc:run(), io.write) end)
end

--- ./ree report SCENARIO -o FILE.html [--year Y]
local function report(rest)
  local name, out, year = nil, nil, nil
  local i = 1
  while rest[i] do
    local a = rest[i]
    if a == "-o" or a == "--out" then
      out, i = rest[i + 1], i + 2
    elseif a == "--year" then
      year, i = math.tointeger(tonumber(rest[i + 1] or "")), i + 2
      if not year then return fail("report: --year needs a year", 2) end
    elseif a:sub(1, 1) == "-" or name then
      return fail("report: unknown argument '" .. a .. "' (./ree report SCENARIO -o FILE.html)", 2)
    else
      name, i = a, i + 1
    end
  end
  if not out then return fail("report: name the file to write with -o FILE.html", 2) end
  local reports = require("app.report")
  local sc, err, status = reports.scenario(name)
  if not sc then return fail(err, status) end
  status = protected(function()
    -- the crisis comes with its calibration and validation (a few seconds)
    local validation = name == "crisis" and require("ree.models.scenarios.crisis_validation").run { progress = false }
    reports.write(sc:run(), out, { year = year, validation = validation or nil })
  end)
  if status == 0 then io.write(string.format("wrote %s\n", out)) end
  return status
end

--- ./ree lesson [N]: the list, or lesson N (scripts/app/lessons.lua).
local function lesson(rest)
  local n = rest[1] and math.tointeger(tonumber(rest[1]))
  if rest[1] ~= nil and (n == nil or rest[2] ~= nil) then
    return fail("lesson takes one number (./ree lesson [N])", 2)
  end
  local ok, result = xpcall(require("app.lessons").main, debug.traceback, n)
  if ok then return result end
  return fail(result)
end

--- ./ree --sandbox FILE.lua [--memory MB] [--instructions N] [--seconds S]
-- The process ends here, without closing the Lua state: what the script
-- left (a finaliser, a hijacked metatable) never runs outside its limits.
local function sandbox(rest)
  local sb = require("app.sandbox")
  local path, opts = rest[1], {}
  if path == nil or path:sub(1, 1) == "-" then
    return fail("--sandbox needs a script (./ree --sandbox FILE.lua)", 2)
  end
  local OPTIONS = { ["--memory"] = "memory", ["--instructions"] = "instructions", ["--seconds"] = "seconds" }
  local i = 2
  while rest[i] do
    local key, value = rest[i], tonumber(rest[i + 1] or "")
    local field = OPTIONS[key]
    if not field then
      return fail("--sandbox: unknown option '" .. key .. "' (--memory MB, --instructions N, --seconds S)", 2)
    end
    local range = sb.RANGES[field]
    local low, high = range[1], range[2]
    if field == "memory" then low, high = low / 2 ^ 20, high / 2 ^ 20 end
    if not value or value ~= value or value < low or value > high then
      return fail(string.format("--sandbox: %s takes a number from %.10g to %.10g, not '%s'", key, low, high,
        tostring(rest[i + 1])), 2)
    end
    opts[field] = field == "memory" and value * 2 ^ 20 or value
    i = i + 2
  end
  local ok, err = sb.run(path, opts)
  io.stdout:flush()
  if not ok then fail(err) end
  os.exit(ok and 0 or 1, false)
end

-- commands the launcher (./ree) runs itself, before the host
local LAUNCHER_ONLY = { test = true, fuzz = true, bench = true, install = true }

--- ./ree help [COMMAND]: the usage, or one command's lines of it.
local function help(rest)
  if rest[1] == nil then
    io.write(USAGE)
    return 0
  end
  local manual = require("app.manual")
  local lines = rest[2] == nil and manual.usage(rest[1])
  if not lines then
    return fail("help: no command '" .. tostring(rest[1]) .. "'" ..
      require("ree.suggest").hint(rest[1], manual.commands()) .. " (./ree help [COMMAND])", 2)
  end
  io.write(lines)
  return 0
end

function cli.main(args)
  if args[1] == "--debug" then
    debugging = true
    table.remove(args, 1)
  end
  local command = args[1]
  local rest = table.move(args, 2, #args, 1, {})
  if command == nil then return run_repl() end
  if command == "-e" then
    if rest[1] == nil then return fail("-e needs a chunk of code", 2) end
    local f, err = load(rest[1], "=(command line)")
    if not f then return fail(err) end
    return protected(f, table.unpack(rest, 2))
  end
  if command == "help" then return help(rest) end
  -- each command's own help: ./ree run --help is ./ree help run
  if (rest[1] == "--help" or rest[1] == "-h") and rest[2] == nil and require("app.manual").usage(command) then
    return help({ command })
  end
  if command == "run" then
    if rest[1] ~= nil and rest[1]:match("^%-") and rest[1] ~= "--out" then
      return fail("run: unknown option '" .. rest[1] .. "' (./ree run [--out DIR], or ./ree run SCENARIO)", 2)
    end
    if rest[1] ~= nil and rest[1] ~= "--out" then return run_scenario(rest) end
    local dir = "output"
    if rest[1] == "--out" and rest[2] and rest[3] == nil then
      dir = rest[2]
    elseif rest[1] ~= nil then
      return fail("run: --out needs a directory (./ree run [--out DIR])", 2)
    end
    return protected(require("app.main"), io.stdout, dir)
  end
  if command == "report" then return report(rest) end
  if command == "lesson" then return lesson(rest) end
  if command == "--sandbox" then return sandbox(rest) end
  if command == "sweep" then
    local path = rest[1]
    if path == nil then return fail("sweep needs a sweep file (./ree sweep FILE.lua --runs N ...)", 2) end
    local o, err = require("app.sweep").options(table.move(rest, 2, #rest, 1, {}))
    if not o then return fail("sweep: " .. err, 2) end
    return protected(function()
      if o.jobs then
        local mc, file = require("app.sweep").run_jobs(path, o)
        io.write(string.format("%d runs (seed %d) in %d local processes, merged into %s\n%s\n", mc:count(), mc.seed,
          o.jobs, file, require("app.sweep").summary(mc)))
        return
      end
      local file, n = require("app.sweep").run(path, o)
      io.write(string.format("%d of %d runs (shard %d/%d, seed %d) written to %s\n", n, o.runs, o.shard, o.shards,
        o.seed, file))
    end)
  end
  if command == "merge" then
    if rest[1] == nil or rest[2] ~= nil then return fail("merge needs one directory (./ree merge DIR)", 2) end
    return protected(function()
      local sweep = require("app.sweep")
      local mc, file = sweep.merge(rest[1])
      io.write(string.format("%d runs (seed %d) merged into %s\n%s\n", mc:count(), mc.seed, file, sweep.summary(mc)))
    end)
  end
  if command == "docs" then
    local out = "output/docs"
    if rest[1] == "--out" and rest[2] and rest[3] == nil then
      out = rest[2]
    elseif rest[1] ~= nil then
      return fail("docs: unknown argument '" .. rest[1] .. "' (./ree docs [--out DIR])", 2)
    end
    return protected(function() io.write("wrote ", require("app.docs").write(out), "\n") end)
  end
  if command == "--version" or command == "-v" then
    io.write("ree ", require("ree.core")._VERSION, "\n")
    return 0
  end
  if command == "--help" or command == "-h" then
    io.write(USAGE)
    return 0
  end
  local manual = require("app.manual")
  if command:sub(1, 1) == "-" then
    return fail("unknown option '" .. command .. "'" .. require("ree.suggest").hint(command, manual.commands()) ..
      " (see ./ree --help)", 2)
  end
  if LAUNCHER_ONLY[command] then
    return fail(command .. " is the launcher's: run ./ree " .. command .. " (the script at the checkout's root)", 2)
  end
  -- a bare word (no "/", no ".") that names no file is a slip, not a script
  if not command:find("[/.]") then
    local file = io.open(command)
    if not file then
      return fail("unknown command '" .. command .. "'" .. require("ree.suggest").hint(command, manual.commands()) ..
        " (see ./ree --help)", 2)
    end
    file:close()
  end
  return run_file(command, rest)
end

return cli
