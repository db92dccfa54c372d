--- The ree command line: what ./ree does with its arguments. The C host
-- (bindings/ree_host.c) calls cli.main(args) and exits with its result.

local cli = {}

local USAGE = [[
usage: ./ree [COMMAND | FILE.lua [ARGS...] | -e CODE]

  ./ree                  open the REPL
  ./ree FILE.lua [ARGS]  run a script; require "ree" works in it
  ./ree -e 'CODE'        run a chunk of Lua
  ./ree run [--out DIR]  run the main job (models/main.lua); charts go to DIR (output)
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
  return require("ree.repl").run(function() return io.read("l") end, io.write)
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
