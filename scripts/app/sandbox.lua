--- `./ree --sandbox FILE.lua`: a student's script, run so that it can use
-- the toolkit's library and nothing else. What it is given is a list of
-- what it may have, never the whole minus what it may not:
--
-- * the safe parts of Lua's base library, string (without dump), table,
--   math, utf8, the clock of os, and coroutines that carry the limits;
-- * `require` of the library's modules (LIBRARY, and the domain's models
--   in MODELS), each loaded anew from its source into the sandbox's own
--   environment, so that nothing the script changes reaches the host's;
-- * in place of ree.files, a module that reads only the toolkit's own
--   files, by one checked path, and refuses every write with an error.
--
-- The application (command line, REPL, lessons, reports, sweeps, the main
-- job) and the host are not there to require. Memory (Lua's and the core's,
-- one account), instructions (a count hook on every coroutine) and time (an
-- alarm, for C code no hook reaches) are limited, and stay so while the
-- error is made into text and until the process ends: the caller ends it
-- right after (cli does, without closing the state, so that no finaliser
-- of the script's runs unlimited).
--
--   sandbox.run("student.lua", { memory = 64 * 2^20, instructions = 1e8, seconds = 10 })
--     --> true, or false and a message

local files = require("ree.files")
local format = require("ree.format")

local sandbox = {}

sandbox.DEFAULTS = { memory = 256 * 2 ^ 20, instructions = 1e9, seconds = 60 }
--- The range of each limit: what a user may ask for (cli checks it).
sandbox.RANGES = { memory = { 2 ^ 20, 2 ^ 36 }, instructions = { 1e3, 1e13 }, seconds = { 1, 86400 } }

local BASE = { "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget", "rawlen", "rawset",
  "select", "tonumber", "tostring", "type", "xpcall", "_VERSION" }

--- The library: modules that compute and draw, and nothing else.
local LIBRARY = {}
for _, name in ipairs { "ree", "ree.core", "ree.elements", "ree.series", "ree.data", "ree.dataset", "ree.magnet",
  "ree.market", "ree.scenario", "ree.montecarlo", "ree.chain", "ree.reconcile", "ree.stocks", "ree.plot",
  "ree.svg", "ree.sankey", "ree.html", "ree.csv", "ree.format", "ree.scale", "ree.pretty", "ree.files",
  "ree.suggest", "ree.svgdoc", "ree.args", "ree.parameters", "ree.calibrate", "ree.order", "ree.export",
  "ree.compare", "ree.correlate", "ree.sensitivity", "ree.stockset", "ree.carry",
  "ree.reconcile_goods" } do
  LIBRARY[name] = true
end
--- The domain's models a script may build on (not the lessons' files, nor
-- the main job's printed summary). The application (app.*) is never one.
local MODELS = { "^ree%.models%.[%a_]+$", "^ree%.models%.classroom%.[%a_]+$", "^ree%.models%.scenarios%.[%a_]+$" }
local NOT_LIBRARY = { ["ree.models.scenarios.summary"] = true }

-- the environment variables the library may read: its root, and the
-- terminal's width and locale for charts
local ENVIRONMENT = { LANG = true, LC_ALL = true, LC_CTYPE = true, COLUMNS = true }

local STEP = 1000          -- instructions between two looks at the count
local REPORT_RESERVE = 2 ^ 23 -- bytes to report in after the script hit the memory limit
local LIMIT_MEMORY = "sandbox: the script used more than its %s of memory"
local LIMIT_INSTRUCTIONS = "sandbox: the script ran more than its %s instructions"
local LIMIT_TIME = "ree: sandbox: the script ran longer than its %d s"

local function copy(t, without)
  local out = {}
  for k, v in pairs(t) do if k ~= without then out[k] = v end end
  return out
end

--- Whether name is a module of the library: true; false for one of the
-- application's, or the host, or anything else of the toolkit's.
local function is_library(name)
  if LIBRARY[name] then return true end
  if NOT_LIBRARY[name] then return false end
  for _, pattern in ipairs(MODELS) do if name:find(pattern) then return true end end
  return false
end

--- The sandbox's ree.files: the same functions, but reading only inside
-- root (a path relative to the toolkit, or absolute under it, with no
-- "..") and writing never.
local function confined_files(root)
  local confined = {}
  local function inside(path)
    if type(path) ~= "string" or path:find("..", 1, true) or path:find("\0", 1, true) then return nil end
    if path:sub(1, 1) ~= "/" then path = root .. "/" .. path end
    if path:sub(1, #root + 1) ~= root .. "/" then return nil end
    return path
  end
  local function refused(path) return string.format("%s: the sandbox reads only the toolkit's files", path) end
  function confined.root() return root end
  function confined.read(path)
    local real = inside(path)
    if not real then return nil, refused(tostring(path)) end
    return files.read(real)
  end
  function confined.list(dir)
    local real = inside(dir)
    if not real then return nil, refused(tostring(dir)) end
    return files.list(real)
  end
  function confined.write(path)
    error(string.format("cannot write '%s': the sandbox writes no files", tostring(path)), 2)
  end
  function confined.write_as(path)
    error(string.format("cannot write '%s': the sandbox writes no files", tostring(path)), 3)
  end
  function confined.write_png(path)
    error(string.format("cannot write '%s': the sandbox writes no files", tostring(path)), 2)
  end
  function confined.write_format(path)
    error(string.format("write: cannot write '%s': the sandbox writes no files", tostring(path)), 3)
  end
  return confined
end

--- The instruction limit: a hook that counts, and a way to make coroutines
-- that carry it. limit.stopped is the message once the count ran out.
local function instruction_limit(instructions)
  local limit = { count = 0 }
  local function hook()
    limit.count = limit.count + STEP
    if limit.count > instructions then
      limit.stopped = string.format(LIMIT_INSTRUCTIONS, string.format("%.3g", instructions))
      -- from now on at every instruction, so that a pcall of the script's
      -- own cannot catch the error and go on
      debug.sethook(hook, "", 1)
      error(limit.stopped, 2)
    end
  end
  function limit.coroutine(fn)
    local co = coroutine.create(fn)
    debug.sethook(co, hook, "", STEP)
    return co
  end
  return limit
end

--- The environment the library's modules and the script share the shape
-- of: what Lua gives that computes, with coroutines under the limit.
local function base_environment(limit, opts)
  local env = {}
  for _, name in ipairs(BASE) do env[name] = _G[name] end
  env.string = copy(string, "dump")
  env.table, env.math, env.utf8 = copy(table), copy(math), copy(utf8)
  env.print = opts.print or print
  env.os = { clock = os.clock, time = os.time, date = os.date, difftime = os.difftime }
  env.collectgarbage = function(what)
    if what == nil or what == "collect" or what == "count" or what == "step" then return collectgarbage(what) end
    error("sandbox: collectgarbage '" .. tostring(what) .. "' is not allowed", 2)
  end
  env.load = function(chunk, name, mode, chunk_env)
    if mode ~= nil and mode ~= "t" then error("sandbox: load takes text only, not bytecode", 2) end
    if type(chunk) == "string" and chunk:sub(1, 1) == "\27" then
      error("sandbox: load takes text only, not bytecode", 2)
    end
    return load(chunk, "=" .. (type(name) == "string" and name:gsub("^[=@]", "") or "(load)"), "t",
      chunk_env or env)
  end
  -- a finaliser would run where no hook counts, and after the script
  env.setmetatable = function(t, mt)
    if type(mt) == "table" and rawget(mt, "__gc") ~= nil then error("sandbox: __gc is not allowed", 2) end
    return setmetatable(t, mt)
  end
  env.getmetatable = getmetatable
  -- a message handler called for the error the hook raised runs with
  -- hooks off: the script's handler is not called then
  env.xpcall = function(f, handler, ...)
    return xpcall(f, function(e)
      if limit.stopped then return e end
      return handler(e)
    end, ...)
  end
  env.coroutine = copy(coroutine)
  env.coroutine.create = limit.coroutine
  env.coroutine.wrap = function(fn)
    local co = limit.coroutine(fn)
    return function(...)
      local r = table.pack(coroutine.resume(co, ...))
      if not r[1] then error(r[2], 0) end
      return table.unpack(r, 2, r.n)
    end
  end
  env._G = env
  return env
end

--- A stream of the library's that writes to f and shows nothing else of it.
local function output(f)
  local stream = {}
  function stream.write(self, ...)
    f:write(...)
    return self
  end
  return stream
end

--- The library's environment, with a require that loads library modules
-- only, each from its source into this environment, once.
local function library_environment(limit, root, opts)
  local env = base_environment(limit, opts)
  env.io = { stdout = output(io.stdout), stderr = output(io.stderr) }
  env.os.getenv = function(name) return ENVIRONMENT[name] and os.getenv(name) or nil end
  local loaded = { ["ree.core"] = require("ree.core"), ["ree.files"] = confined_files(root) }
  local path = root .. "/scripts/?.lua;" .. root .. "/scripts/?/init.lua;" .. root .. "/?.lua"
  env.require = function(name)
    if type(name) ~= "string" then error("require: give a module name", 2) end
    if loaded[name] ~= nil then return loaded[name] end
    local top = name:match("^[^.]+")
    if top ~= "ree" and top ~= "app" or not name:find("^[%a_][%w_.]*$") then
      error(string.format("sandbox: require '%s': only the toolkit's modules (ree.*) can be loaded", name), 2)
    end
    local file = package.searchpath(name, path)
    if (file or name == "ree.host") and not is_library(name) then
      error(string.format("sandbox: require '%s': it reaches outside the sandbox", name), 2)
    end
    if not file then error(string.format("sandbox: require '%s': no such module in the toolkit", name), 2) end
    local source = assert(files.read(file))
    local chunk = assert(load(source, "@" .. file, "t", env))
    local value = chunk(name, file)
    if value == nil then value = true end
    loaded[name] = value
    return value
  end
  return env
end

--- The script's environment: the library's base, with metatables of
-- strings and userdata shown as copies (changing one changes nothing),
-- and the library's modules through the sandbox's require.
local function script_environment(limit, lib, opts)
  local env = base_environment(limit, opts)
  env.require = lib.require
  env.os.getenv = nil
  env.getmetatable = function(v)
    local mt = getmetatable(v)
    if type(mt) == "table" and type(v) ~= "table" then
      mt = copy(mt)
      if type(v) == "string" then mt.__index = env.string end
    end
    return mt
  end
  return env
end

local function absolute(path)
  if path:sub(1, 1) == "/" then return path end
  local pwd = os.getenv("PWD")
  return (pwd and pwd ~= "" and pwd or ".") .. "/" .. path
end

--- Runs the file at path in the sandbox. opts: memory (bytes),
-- instructions, seconds, print (a function for the script's print;
-- default: to stdout). Returns true, or false and a message. The limits
-- stay in force and the collector stopped: end the process next.
function sandbox.run(path, opts)
  opts = opts or {}
  local memory = opts.memory or sandbox.DEFAULTS.memory
  local instructions = opts.instructions or sandbox.DEFAULTS.instructions
  local seconds = math.ceil(opts.seconds or sandbox.DEFAULTS.seconds)
  local host = require("ree.host")
  local source = files.read(path)
  if not source then return false, string.format("sandbox: cannot open %s", path) end
  if source:sub(1, 1) == "\27" then return false, string.format("sandbox: %s is bytecode; give Lua source", path) end

  -- the string metatable's __index is the string library: no dump there
  -- either (the process runs this one script)
  string.dump = nil -- luacheck: ignore 122
  local limit = instruction_limit(instructions)
  local lib = library_environment(limit, absolute(files.root()), opts)
  local env = script_environment(limit, lib, opts)
  local chunk, err = load(source, "@" .. path, "t", env)
  if not chunk then return false, err end

  -- the script runs in a coroutine of its own, hooked, and its error is
  -- made into text there, under the limits: a __tostring that loops stops
  -- (an error the hook raised leaves hooks off until the handler returns:
  -- then the message is taken as it is, and no code of the script's runs)
  local main = limit.coroutine(function()
    return xpcall(chunk, function(e)
      if limit.stopped then return e end
      return debug.traceback(format.error_value(e), 2)
    end)
  end)
  host.time_limit(seconds, string.format(LIMIT_TIME, seconds))
  local used, refused_before = host.memory_used()
  host.memory_limit(used + math.floor(memory))
  local resumed, ok, result = coroutine.resume(main)
  -- from here on no code of the script's runs: no collection, so no
  -- finaliser; room to write the message in; the clock still runs
  collectgarbage("stop")
  host.memory_limit(host.memory_used() + REPORT_RESERVE)
  local _, refused = host.memory_used()
  if limit.stopped then return false, limit.stopped end
  if resumed and coroutine.status(main) ~= "dead" then
    return false, "sandbox: the script yielded outside a coroutine of its own"
  end
  if resumed and ok then return true end
  -- an error after the limit refused memory, in Lua or in the core: the limit
  if refused > refused_before then
    return false, string.format(LIMIT_MEMORY, string.format("%.0f MB", memory / 2 ^ 20))
  end
  -- the message handler made the error a string (a limit's message, or a
  -- memory error, is a string too)
  if not resumed then result = ok end
  -- the script's part of the traceback: the sandbox's frames are noise
  local lines = {}
  for line in string.gmatch(result, "[^\n]+") do
    if not string.find(line, "scripts/app/sandbox.lua", 1, true)
      and not string.find(line, "[C]: in function 'xpcall'", 1, true) then
      lines[#lines + 1] = line
    end
  end
  return false, table.concat(lines, "\n")
end

return sandbox
