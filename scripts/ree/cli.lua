--- The ree command line: what ./ree does with its arguments. The C host
-- (bindings/ree_host.c) calls cli.main(args) and exits with its result.

local cli = {}

local USAGE = [[
usage: ./ree [COMMAND | FILE.lua [ARGS...] | -e CODE]

  ./ree                  open the REPL
  ./ree FILE.lua [ARGS]  run a script; require "ree" works in it
  ./ree -e 'CODE'        run a chunk of Lua
  ./ree run [--out DIR]  run the main job (models/main.lua); charts go to DIR (output)
  ./ree sweep FILE.lua --runs N [--seed S] [--shard K/M] [--out DIR]
                         run shard K of M of a Monte Carlo sweep; one JSON file to DIR
  ./ree merge DIR        join a sweep's shard files into DIR/merged.json
  ./ree test             build and run every test (C and busted)
  ./ree test --asan      ... built with the address and undefined sanitizers
  ./ree test --valgrind  ... under valgrind
  ./ree fuzz [TARGET] [SECONDS]  fuzz a parser: formula, unit or json
  ./ree bench            run the benchmarks (scripts/bench)
  ./ree --version        print the version
]]

local function fail(message, status)
  io.stderr:write("ree: ", message, "\n")
  return status or 1
end

--- Runs f(...) with a traceback on error; returns an exit status.
local function protected(f, ...)
  local ok, err = xpcall(f, debug.traceback, ...)
  if ok then return 0 end
  return fail(tostring(err))
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
  local host = require "ree.host"
  if not host.isatty(0) then
    -- not a terminal: stdin is a script
    local f, err = load(io.stdin:read("a"), "=stdin")
    if not f then return fail(err) end
    return protected(f)
  end
  return require("ree.repl").start()
end

function cli.main(args)
  local command = args[1]
  local rest = table.move(args, 2, #args, 1, {})
  if command == nil then return run_repl() end
  if command == "-e" then
    if rest[1] == nil then return fail("-e needs a chunk of code", 2) end
    local f, err = load(rest[1], "=(command line)")
    if not f then return fail(err) end
    return protected(f, table.unpack(rest, 2))
  end
  if command == "run" then
    local dir = "output"
    if rest[1] == "--out" and rest[2] then
      dir = rest[2]
    elseif rest[1] ~= nil then
      return fail("unknown argument '" .. rest[1] .. "' (./ree run [--out DIR])", 2)
    end
    return protected(require("models.main"), io.stdout, dir)
  end
  if command == "sweep" then
    local path = rest[1]
    if path == nil then return fail("sweep needs a sweep file (./ree sweep FILE.lua --runs N ...)", 2) end
    local o, err = require("ree.sweep").options(table.move(rest, 2, #rest, 1, {}))
    if not o then return fail("sweep: " .. err, 2) end
    return protected(function()
      local file, n = require("ree.sweep").run(path, o)
      io.write(string.format("%d of %d runs (shard %d/%d, seed %d) written to %s\n", n, o.runs, o.shard, o.shards,
        o.seed, file))
    end)
  end
  if command == "merge" then
    if rest[1] == nil or rest[2] ~= nil then return fail("merge needs one directory (./ree merge DIR)", 2) end
    return protected(function()
      local sweep = require "ree.sweep"
      local mc, file = sweep.merge(rest[1])
      io.write(string.format("%d runs (seed %d) merged into %s\n%s\n", mc:count(), mc.seed, file, sweep.summary(mc)))
    end)
  end
  if command == "--version" or command == "-v" then
    io.write("ree ", require("ree.core")._VERSION, "\n")
    return 0
  end
  if command == "--help" or command == "-h" then
    io.write(USAGE)
    return 0
  end
  if command:sub(1, 1) == "-" then
    return fail("unknown option '" .. command .. "' (see ./ree --help)", 2)
  end
  return run_file(command, rest)
end

return cli
