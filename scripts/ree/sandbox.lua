--- `./ree --sandbox FILE.lua`: a student's script, run so that it can use
-- the toolkit and nothing else. It sees no io, os (but the clock), debug
-- or package; require finds only the toolkit's own modules; load takes
-- text, never bytecode; the toolkit reads only its own files and writes
-- none; memory, instructions and time are limited, and hitting a limit
-- stops the script with a message that says which. Time is the backstop
-- for what runs in C where no hook reaches (a long string match): it ends
-- the process.
--
--   sandbox.run("student.lua", { memory = 64 * 2^20, instructions = 1e8, seconds = 10 })
--     --> true, or false and a message
--
-- The process runs the one script, so what the script changes in the
-- toolkit's tables dies with it.

local sandbox = {}

sandbox.DEFAULTS = { memory = 256 * 2 ^ 20, instructions = 1e9, seconds = 60 }

local SAFE = { "assert", "error", "ipairs", "next", "pairs", "pcall", "rawequal", "rawget", "rawlen", "rawset",
  "select", "setmetatable", "getmetatable", "tonumber", "tostring", "type", "xpcall", "_VERSION" }
local LIBRARIES = { "math", "string", "table", "utf8" }
local STEP = 1000 -- instructions between two looks at the count
-- the toolkit's own modules that reach past it: the host (memory limit,
-- directories), the command line and the REPL (they run files), and the
-- main job and sweeps (they make directories and files)
local HOST_SIDE = { ["ree.host"] = true, ["ree.cli"] = true, ["ree.repl"] = true, ["ree.sandbox"] = true,
  ["ree.sweep"] = true, ["models.main"] = true }

local LIMIT_MEMORY = "sandbox: the script used more than its %s of memory"
local LIMIT_INSTRUCTIONS = "sandbox: the script ran more than its %s instructions"
local LIMIT_TIME = "ree: sandbox: the script ran longer than its %d s"

local function copy(t)
  local out = {}
  for k, v in pairs(t) do out[k] = v end
  return out
end

--- The toolkit's directories: require and the toolkit's reads stay in them.
local function toolkit_root()
  local root = os.getenv("REE_ROOT")
  if root and root ~= "" then return root end
  local here = debug.getinfo(1, "S").source:match("^@(.*)/scripts/ree/sandbox%.lua$")
  return here or "."
end

--- A require that loads modules of the toolkit only: what it has already
-- loaded, and files under ROOT/scripts and ROOT/models found by name.
local function toolkit_require(root)
  local path = root .. "/scripts/?.lua;" .. root .. "/scripts/?/init.lua;" .. root .. "/?.lua"
  return function(name)
    if type(name) ~= "string" then error("require: give a module name", 2) end
    local top = name:match("^[^.]+")
    if top ~= "ree" and top ~= "models" then
      error(string.format("sandbox: require '%s': only the toolkit's modules (ree, models.*) can be loaded", name),
        2)
    end
    if HOST_SIDE[name] then error(string.format("sandbox: require '%s': it reaches outside the sandbox", name), 2) end
    if package.loaded[name] ~= nil then return package.loaded[name] end
    local file = package.searchpath(name, path)
    if not file then error(string.format("sandbox: require '%s': no such module in the toolkit", name), 2) end
    return require(name)
  end
end

--- Runs the file at path in the sandbox. opts: memory (bytes),
-- instructions, seconds, print (a function for the script's print;
-- default: to stdout). Returns true, or false and a message.
function sandbox.run(path, opts)
  opts = opts or {}
  local memory = opts.memory or sandbox.DEFAULTS.memory
  local instructions = opts.instructions or sandbox.DEFAULTS.instructions
  local host = require "ree.host"
  local f = io.open(path, "rb")
  if not f then return false, string.format("sandbox: cannot open %s", path) end
  local source = f:read("a")
  f:close()
  if source:sub(1, 1) == "\27" then return false, string.format("sandbox: %s is bytecode; give Lua source", path) end

  local root = toolkit_root()
  -- the toolkit loads what it needs before the limits start
  local ree = require "ree"
  require("ree.files").restrict(root)
  string.dump = nil -- luacheck: ignore 122 (no bytecode is made, so none can be loaded)

  local env = {}
  for _, name in ipairs(SAFE) do env[name] = _G[name] end
  for _, name in ipairs(LIBRARIES) do env[name] = copy(_G[name]) end
  env.os = { clock = os.clock, time = os.time, date = os.date, difftime = os.difftime }
  env.print = opts.print or print
  env.require = toolkit_require(root)
  env.ree = ree
  env.collectgarbage = function(what)
    if what == nil or what == "collect" or what == "count" or what == "step" then return collectgarbage(what) end
    error("sandbox: collectgarbage '" .. tostring(what) .. "' is not allowed", 2)
  end
  env.load = function(chunk, _, mode, chunk_env)
    if mode ~= nil and mode ~= "t" then error("sandbox: load takes text only, not bytecode", 2) end
    if type(chunk) == "string" and chunk:sub(1, 1) == "\27" then
      error("sandbox: load takes text only, not bytecode", 2)
    end
    return load(chunk, "=(load)", "t", chunk_env or env)
  end

  -- instructions: a count hook on every coroutine the script makes
  local count, stopped = 0, nil
  local function hook()
    count = count + STEP
    if count > instructions then
      stopped = string.format(LIMIT_INSTRUCTIONS, string.format("%.3g", instructions))
      -- from now on at every instruction, so that a pcall of the script's
      -- own cannot catch the error and go on
      debug.sethook(hook, "", 1)
      error(stopped, 2)
    end
  end
  local function hooked(fn)
    local co = coroutine.create(fn)
    debug.sethook(co, hook, "", STEP)
    return co
  end
  -- a finaliser would run outside the script's coroutine, unlimited
  env.setmetatable = function(t, mt)
    if type(mt) == "table" and rawget(mt, "__gc") ~= nil then error("sandbox: __gc is not allowed", 2) end
    return setmetatable(t, mt)
  end
  env.coroutine = copy(coroutine)
  env.coroutine.create = hooked
  env.coroutine.wrap = function(fn)
    local co = hooked(fn)
    return function(...)
      local r = table.pack(coroutine.resume(co, ...))
      if not r[1] then error(r[2], 0) end
      return table.unpack(r, 2, r.n)
    end
  end

  local chunk, err = load(source, "@" .. path, "t", env)
  if not chunk then return false, err end
  -- the script runs in a coroutine of its own, hooked: the hook dies with
  -- it, and never fires in the code that reports the result
  local main = hooked(chunk)
  local seconds = opts.seconds or sandbox.DEFAULTS.seconds
  host.time_limit(math.ceil(seconds), string.format(LIMIT_TIME, math.ceil(seconds)))
  local used = host.memory_used()
  local limit_text = string.format("%.0f MB", memory / 2 ^ 20)
  host.memory_limit(used + math.floor(memory))
  local ok, result = coroutine.resume(main)
  host.memory_limit(nil)
  host.time_limit(nil)
  if ok and coroutine.status(main) ~= "dead" then
    return false, "sandbox: the script yielded outside a coroutine of its own"
  end
  if not ok and result ~= "not enough memory" then
    -- the script's part of the traceback: the sandbox's frames are noise
    local lines = {}
    for line in debug.traceback(main, tostring(result)):gmatch("[^\n]+") do
      if not line:find("scripts/ree/sandbox.lua", 1, true) then lines[#lines + 1] = line end
    end
    result = table.concat(lines, "\n")
  end
  if stopped then return false, stopped end
  if ok then return true end
  if result == "not enough memory" then return false, string.format(LIMIT_MEMORY, limit_text) end
  return false, tostring(result)
end

return sandbox
