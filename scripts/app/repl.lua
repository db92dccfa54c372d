--- The REPL's logic, apart from the terminal: a session takes its input
-- and output as functions, so specs drive it without one; repl.start
-- gives it the terminal (readline, history, completion, Ctrl-C).
--
--   local s = repl.new { write = function(text) ... end }
--   repl.eval(s, "1 +")   --> "continue"
--   repl.eval(s, "2")     --> "ok", { n = 1, 3 }
--   repl.line(s, "x = 1") -- evaluates and writes what a user would see
--
-- An expression prints its value (pretty printed: ree.pretty); a chunk
-- that is not finished waits for the next line; help(x) explains x
-- (app.help); Tab completes (app.complete). A session starts with ree,
-- help, and the founding report's models: china, japan, location and
-- history (models/scenarios/history.lua).

local pretty = require("ree.pretty")
local complete = require("app.complete")
local help = require("app.help")

local repl = {}

local ESC = string.char(27)
local COLOURS = { prompt = "1;32", error = "31", note = "2" }

--- Text in a colour when the session has colour (a terminal), plain
-- otherwise. For the prompt, the escapes are wrapped for readline.
local function paint(session, what, text, for_readline)
  if not session.colour then return text end
  local on, off = ESC .. "[" .. COLOURS[what] .. "m", ESC .. "[0m"
  if for_readline then on, off = "\1" .. on .. "\2", "\1" .. off .. "\2" end
  return on .. text .. off
end

--- A new session. opts: { write = f(text) (default io.write), colour =
-- boolean, call = f(fn) -> ok, ... (how to run a chunk: pcall-like; the
-- terminal's is interruptible), env = a table (default: fresh, over _G) }.
function repl.new(opts)
  opts = opts or {}
  local session = {
    write = opts.write or io.write,
    colour = opts.colour or false,
    call = opts.call or function(f) return xpcall(f, debug.traceback) end,
    buffer = nil,
  }
  local env = opts.env or setmetatable({}, { __index = _G })
  env.ree = env.ree or require("ree")
  -- the founding report's models, ready to use
  env.china = env.china or require("ree.models.china")
  env.japan = env.japan or require("ree.models.japan")
  env.location = env.location or require("ree.models.location")
  env.history = env.history or require("ree.models.scenarios.history")
  env.help = function(x) session.write(help.text(x, env) .. "\n") end
  env.apropos = function(word) session.write(help.apropos(word) .. "\n") end
  -- a value with every digit that tells it apart (the REPL shows 6)
  env.full = function(x) session.write(pretty.show(x, { digits = "full" }) .. "\n") end
  session.env = env
  return session
end

local function compile(chunk, env)
  -- an expression first, so that "1 + 2" prints 3; then a statement
  local f = load("return " .. chunk, "=stdin", "t", env)
  if f then return f end
  return load(chunk, "=stdin", "t", env)
end

--- Evaluates one line in session. Returns "continue" while the chunk is
-- incomplete, "ok" and the packed results, or "error" and a message.
function repl.eval(session, line)
  local chunk = session.buffer and (session.buffer .. "\n" .. line) or line
  local f, err = compile(chunk, session.env)
  if not f then
    if err:find("<eof>$") then
      session.buffer = chunk
      return "continue"
    end
    session.buffer = nil
    return "error", err
  end
  session.buffer = nil
  local results = table.pack(session.call(f))
  if not results[1] then return "error", results[2] end
  return "ok", table.pack(table.unpack(results, 2, results.n))
end

--- An error as a user wants it: the message, and the traceback down to
-- the user's own chunk (the REPL's frames are noise); none at all when
-- the error came from the user's own line.
function repl.error_text(err)
  if type(err) ~= "string" then
    local ok, s = pcall(tostring, err)
    return ok and s or "(an error object)"
  end
  if err:match("^interrupted") or err:match(": interrupted") then return "interrupted" end
  local lines = {}
  for line in err:gmatch("[^\n]+") do
    if line:find("scripts/app/repl.lua", 1, true) or line:find("in function 'xpcall'", 1, true) or
      line:find("ree.host.interruptible", 1, true) then
      break
    end
    lines[#lines + 1] = line
  end
  local at = #lines + 1 -- where the traceback starts
  for i, line in ipairs(lines) do
    if line == "stack traceback:" then at = i break end
  end
  local deeper = false
  for i = at + 1, #lines do
    if not (lines[i]:match("^%s*%[C%]") or lines[i]:match("^%s*stdin:")) then deeper = true end
  end
  if not deeper then
    for i = #lines, at, -1 do lines[i] = nil end
  end
  return table.concat(lines, "\n")
end

--- The prompt for the next line: "> ", or ">> " inside a chunk.
function repl.prompt(session, for_readline)
  return paint(session, "prompt", session.buffer and ">> " or "> ", for_readline)
end

--- The values an expression gave (packed), as the user sees them: one
-- alone as it is, several each on a line labelled with its place ([1],
-- [2], ...); a chart the expression drew (ree.plot wrote it) not a second
-- time. "" for none.
function repl.values_text(out)
  local plot = package.loaded["ree.plot"]
  local drawn = plot and plot.printed
  local shown = {}
  for i = 1, out.n do
    local v = out[i]
    if not (drawn and v == drawn) then
      shown[#shown + 1] = (out.n > 1 and string.format("[%d] ", i) or "") .. pretty.show(v)
    end
  end
  return table.concat(shown, "\n")
end

--- `help(name)` of a name that holds nothing: help would only see nil, so
-- the line is read for the name, and its help says there is no such
-- thing, with the nearest name.
local function help_of_nothing(session, line)
  local name = line:match("^%s*help%s*%(%s*([%a_][%w_.]*)%s*%)%s*;?%s*$")
  if not name then return nil end
  local v = session.env
  for part in name:gmatch("[^.]+") do
    local ok, found = pcall(function() return v[part] end)
    if not ok or found == nil then return help.text(name, session.env) end
    v = found
  end
  return nil
end

--- Forgets the chart last drawn, before a line runs: only what the line
-- itself draws is not shown again.
function repl.forget_drawn()
  local plot = package.loaded["ree.plot"]
  if plot then plot.printed = nil end
end

--- Evaluates a line and writes what a user sees: the values, or the error.
function repl.line(session, line)
  local nothing = not session.buffer and help_of_nothing(session, line)
  if nothing then
    session.write(nothing .. "\n")
    return "ok"
  end
  repl.forget_drawn()
  local status, out = repl.eval(session, line)
  if status == "error" then
    session.write(paint(session, "error", repl.error_text(out)) .. "\n")
  elseif status == "ok" and out.n > 0 then
    local text = repl.values_text(out)
    if text ~= "" then session.write(text .. "\n") end
  end
  return status
end

--- The words Tab offers for `word`, which starts at byte `start` (from 0)
-- of `line` (see app.complete).
function repl.complete(session, word, line, start)
  return complete.words(session.env, word, line and line:sub(1, start or 0))
end

--- Runs a session until read() returns nil: read(prompt) gives a line.
-- `dropped` (optional) says whether Ctrl-C dropped the line being typed.
function repl.run(session, read, dropped)
  session.write(string.format("ree %s  help() to start, Ctrl-D to quit\n", require("ree.core")._VERSION))
  while true do
    local line = read(repl.prompt(session, true), paint(session, "prompt", "> ", true))
    if dropped and dropped() then session.buffer = nil end
    if line == nil then
      session.write("\n")
      return 0
    end
    repl.line(session, line)
  end
end

--- The history file: $REE_HISTORY, or ~/.ree_history.
local function history_file()
  local path = os.getenv("REE_HISTORY")
  if path and path ~= "" then return path end
  local home = os.getenv("HOME")
  return home and (home .. "/.ree_history") or nil
end

--- The REPL on the terminal: readline's line editing and history (kept
-- between sessions), Tab completion, Ctrl-C that stops a computation and
-- keeps the session, colour unless NO_COLOR is set or TERM is dumb.
-- setup(session), if given, runs first (a lesson adds its functions).
function repl.start(setup)
  local host = require("ree.host")
  local term = os.getenv("TERM")
  local session = repl.new {
    colour = host.isatty(1) and os.getenv("NO_COLOR") == nil and term ~= nil and term ~= "dumb",
    call = host.interruptible,
  }
  if setup then setup(session) end
  host.set_completer(function(word, line, start) return repl.complete(session, word, line, start) end)
  local file = history_file()
  if file then host.read_history(file) end
  local last
  local function read(prompt, fresh)
    local line = host.readline(prompt, fresh)
    if line and line:match("%S") and line ~= last then
      host.add_history(line)
      last = line
    end
    return line
  end
  local status = repl.run(session, read, host.line_dropped)
  if file then host.write_history(file, 1000) end
  return status
end

return repl
