--- The command line's grammar, on lua-argparse: each command's arguments
-- and options and the checks on their values. argparse's own help is off:
-- --help prints app.usage's text, which the manual page and the
-- completions are made from too, and a spec holds the two to the same
-- options. An error is one line: the command, argparse's message, our
-- "did you mean" and the command's usage forms.
--
--   grammar.parse { "run", "--out", "charts" }   --> { command = "run", out = "charts" }
--   grammar.parse { "run", "--otu", "charts" }
--   --> nil, "run: unknown option '--otu' (did you mean '--out'?); usage: ./ree run [--out DIR] | ./ree run SCENARIO"

local suggest = require("ree.suggest")
local usage = require("app.usage")

local grammar = {}

-- commands the launcher (./ree) runs itself, before the host: the host
-- knows their names only to say so
grammar.LAUNCHER_ONLY = { test = true, fuzz = true, bench = true, install = true }
-- the host's commands, each defined in commands() below
grammar.COMMANDS = { run = true, report = true, compare = true, lesson = true, sweep = true, merge = true, docs = true,
  help = true }

local OPTIONS = {} -- command -> its options' names, as they are defined
local NAME = {} -- argparse's command -> its name
local MAX_RUNS = 10000000 -- a sweep's runs: ten million, hours of work at 2 ms a run

--- A converter for a whole number (from low to high, when given); what
-- names the value in the message ("--runs").
local function whole(what, low, high)
  local range = low and string.format(" from %d to %d", low, high) or ""
  return function(text)
    local n = math.tointeger(tonumber(text))
    if n and (not low or n >= low and n <= high) then return n end
    return nil, string.format("%s wants a whole number%s, not '%s'", what, range, text)
  end
end

--- A converter for a number within range, given in units of scale (memory is
-- given in MB and kept in bytes: scale 2^20).
local function ranged(what, range, scale)
  local low, high = range[1] / scale, range[2] / scale
  return function(text)
    local v = tonumber(text)
    if v and v >= low and v <= high then return v * scale end
    return nil, string.format("%s takes a number from %.10g to %.10g, not '%s'", what, low, high, text)
  end
end

local function shard(text)
  local k, m = text:match("^(%d+)/(%d+)$")
  k, m = math.tointeger(tonumber(k)), math.tointeger(tonumber(m))
  if k and k >= 1 and k <= m then return { k, m } end
  return nil, string.format("--shard wants K/M with 1 <= K <= M, not '%s'", text)
end

--- A file for a table of runs: its name says CSV or JSON (checked before
-- a sweep runs for minutes, not after).
local function table_file(text)
  if text:match("%.csv$") or text:match("%.json$") then return text end
  return nil, string.format("--export wants a .csv or a .json file, not '%s'", text)
end

--- The number of cores this machine has (1 when it cannot tell).
local function cores()
  local p = io.popen("nproc 2>/dev/null")
  local n = p and math.tointeger(tonumber(p:read("l") or ""))
  if p then p:close() end
  return n and n > 0 and n or 1
end

local function jobs(text)
  local n = text == "all" and cores() or math.tointeger(tonumber(text))
  if n and n >= 1 and n <= 256 then return n end
  return nil, string.format("--jobs wants a number of processes from 1 to 256, or all, not '%s'", text)
end

--- An option of cmd, recorded under the command's name. Given twice, the
-- last one counts (as in most tools: a wrapper can append an override).
local function option(cmd, names, argname)
  local list = OPTIONS[NAME[cmd]]
  for alias in names:gmatch("%S+") do list[#list + 1] = alias end
  return cmd:option(names):argname(argname)
end

-- what a parse raises, caught by grammar.parse: a command's --help stops
-- the parse there (before argparse asks for what is missing); a refusal
-- carries argparse's message (its own handler would print and exit)
local HELP = {}
local REFUSED = {}
local function refuse(_, text) error(setmetatable({ message = text }, REFUSED), 0) end

--- cmd, known by name, with the --help that stops the parse there.
local function known(cmd, name)
  NAME[cmd], OPTIONS[name] = name, {}
  cmd:add_help(false):flag("-h --help"):action(function() error(HELP, 0) end)
  return cmd
end

local function command(parser, name) return known(parser:command(name), name) end

--- The argparse module, or an error that says how to get it.
local function argparse()
  local found, module = pcall(require, "argparse")
  if not found then
    error("the command line needs lua-argparse, which Lua cannot find (Debian: apt-get install lua-argparse; " ..
      "LuaRocks: luarocks install argparse)", 0)
  end
  return module
end

--- The parser of the host's commands.
local function commands()
  local p = argparse()("./ree"):add_help(false)
  p.error = refuse

  local run = command(p, "run")
  run:mutex(option(run, "--out", "DIR"), run:argument("SCENARIO"):target("scenario"):args("?"))

  local report = command(p, "report")
  report:argument("SCENARIO"):target("scenario")
  option(report, "-o", "FILE.html"):count(1)
  option(report, "--year", "Y"):convert(whole("--year", 1, 9999))

  local compare = command(p, "compare")
  compare:argument("SCENARIO"):target("scenarios"):args("2+")
  option(compare, "--variables", "V,V..."):convert(function(text)
    local list = {}
    for path in text:gmatch("[^,]+") do list[#list + 1] = path end
    if #list == 0 then return nil, "--variables wants paths separated by commas, not '" .. text .. "'" end
    return list
  end)
  option(compare, "--year", "Y"):convert(whole("--year", 0, 9999))
  option(compare, "-o", "FILE.html")

  local lesson = command(p, "lesson")
  lesson:argument("N"):target("n"):args("?"):convert(function(text)
    if text:match("%.lua$") then return text end -- a teacher's own lesson file
    local n = math.tointeger(tonumber(text))
    if n and n >= 1 and n <= 99 then return n end
    return nil, string.format("N is a lesson's number or a FILE.lua, not '%s'", text)
  end)
  option(lesson, "--handout", "FILE.html")

  local sweep = command(p, "sweep")
  sweep:argument("FILE.lua"):target("file")
  option(sweep, "--runs", "N"):count(1):convert(whole("--runs", 1, MAX_RUNS))
  option(sweep, "--seed", "S"):default("1"):convert(whole("--seed"))
  local shard_option = option(sweep, "--shard", "K/M"):convert(shard)
  sweep:mutex(shard_option, option(sweep, "--jobs", "J"):convert(jobs))
  option(sweep, "--out", "DIR"):default("output/sweep")
  -- a shard holds some runs: its export is merge's
  sweep:mutex(shard_option, option(sweep, "--export", "FILE"):convert(table_file))

  local merge = command(p, "merge")
  merge:argument("DIR"):target("dir")
  option(merge, "--export", "FILE"):convert(table_file)
  option(command(p, "docs"), "--out", "DIR"):default("output/docs")
  command(p, "help"):argument("COMMAND"):target("topic"):args("?")

  for name in pairs(grammar.LAUNCHER_ONLY) do
    command(p, name):handle_options(false):argument("words"):args("*")
  end
  return p
end

--- The parser of --sandbox's arguments (apart: its first word is an option).
local function sandbox()
  local p = known(argparse()("./ree --sandbox"), "--sandbox")
  p.error = refuse
  p:argument("FILE.lua"):target("file")
  local RANGES = require("app.sandbox").RANGES
  option(p, "--memory", "MB"):convert(ranged("--memory", RANGES.memory, 2 ^ 20))
  option(p, "--instructions", "N"):convert(ranged("--instructions", RANGES.instructions, 1))
  option(p, "--seconds", "S"):convert(ranged("--seconds", RANGES.seconds, 1))
  return p
end

local parsers = {} -- built when first needed: "commands" and "--sandbox"

--- The parser for a command line whose first word is name.
local function parser_of(name)
  local which = name == "--sandbox" and "--sandbox" or "commands"
  if not parsers[which] then parsers[which] = (which == "commands" and commands or sandbox)() end
  return parsers[which]
end

--- argparse's message as one line: its "Did you mean" replaced by ours
-- (one name, the nearest), the command and its usage forms around it.
local function message(name, text)
  text = text:gsub("\nDid you mean.*$", "")
  local unknown = text:match("^unknown option '(.-)'$")
  if unknown then text = text .. suggest.hint(unknown, { "--help", table.unpack(OPTIONS[name]) }) end
  return string.format("%s: %s; usage: %s", name, text, table.concat(usage.forms(name), " | "))
end

--- Whether word is a command of the grammar (known without argparse, so
-- that a script and -e run where it is missing).
function grammar.is_command(word)
  return grammar.COMMANDS[word] or grammar.LAUNCHER_ONLY[word] or false
end

--- Parses args (args[1] a command, or "--sandbox"): the parsed table
-- ({ command = "run", out = ... }; help = true for COMMAND --help), or
-- nil and the one-line message.
function grammar.parse(args)
  local name = args[1]
  local p, words = parser_of(name), args
  if name == "--sandbox" then words = table.move(args, 2, #args, 1, {}) end
  local ok, result = pcall(p.parse, p, words)
  if not ok then
    if result == HELP then return { command = name, help = true } end
    if getmetatable(result) ~= REFUSED then error(result, 0) end
    return nil, message(name, result.message)
  end
  result.command = name
  return result
end

--- The options the grammar defines for one command, sorted (for the
-- spec that holds them to the usage text's).
function grammar.options(name)
  parser_of(name)
  local out = table.move(OPTIONS[name] or {}, 1, #(OPTIONS[name] or {}), 1, {})
  table.sort(out)
  return out
end

return grammar
