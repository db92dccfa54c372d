--- The REPL's logic, apart from the terminal: it takes its input and
-- output as functions, so specs drive it without one.
--
--   local state = repl.new()
--   repl.eval(state, "1 +")   --> "continue"
--   repl.eval(state, "2")     --> "ok", { n = 1, 3 }

local repl = {}

--- A new session evaluating in env (default: a fresh table over _G).
function repl.new(env)
  return { env = env or setmetatable({}, { __index = _G }), buffer = nil }
end

local function compile(chunk, env)
  -- an expression first, so that "1 + 2" prints 3; then a statement
  local f = load("return " .. chunk, "=stdin", "t", env)
  if f then return f end
  return load(chunk, "=stdin", "t", env)
end

--- Evaluates one line in state. Returns "continue" while the chunk is
-- incomplete, "ok" and the packed results, or "error" and a message.
function repl.eval(state, line)
  local chunk = state.buffer and (state.buffer .. "\n" .. line) or line
  local f, err = compile(chunk, state.env)
  if not f then
    if err:find("<eof>$") then
      state.buffer = chunk
      return "continue"
    end
    state.buffer = nil
    return "error", err
  end
  state.buffer = nil
  local results = table.pack(xpcall(f, debug.traceback))
  if not results[1] then return "error", tostring(results[2]) end
  return "ok", table.pack(table.unpack(results, 2, results.n))
end

--- Runs a session: read() returns a line or nil at the end, write(s)
-- prints. Results print tab-separated through tostring, as lua.c does.
function repl.run(read, write, env)
  local state = repl.new(env)
  write(string.format("%s %s  (Ctrl-D to quit)\n", "ree", require("ree.core")._VERSION))
  while true do
    write(state.buffer and ">> " or "> ")
    local line = read()
    if line == nil then
      write("\n")
      return 0
    end
    local status, out = repl.eval(state, line)
    if status == "error" then
      write(out .. "\n")
    elseif status == "ok" and out.n > 0 then
      local shown = {}
      for i = 1, out.n do shown[i] = tostring(out[i]) end
      write(table.concat(shown, "\t") .. "\n")
    end
  end
end

return repl
