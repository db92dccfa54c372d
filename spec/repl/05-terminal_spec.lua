--- The REPL on a real terminal: tmux runs it, the spec types into it and
-- reads the screen, as a user would.

local function have_tmux() return os.execute("command -v tmux >/dev/null 2>&1") == true end

local SOCKET = "ree-spec-" .. tostring(os.time()) .. "-" .. tostring(math.random(1e6))

local function tmux(args)
  -- env -u LD_PRELOAD: the sanitizer run preloads ASan for lua5.4; tmux needs none
  local p = assert(io.popen("env -u LD_PRELOAD tmux -L " .. SOCKET .. " " .. args .. " 2>&1"))
  local out = p:read("a")
  p:close()
  return out
end

local function screen() return tmux("capture-pane -p -t ree") end

--- Waits until the screen shows `text` (plain), up to 10 s; returns the screen.
local function wait_for(text)
  local shown
  for _ = 1, 100 do
    shown = screen()
    if shown:find(text, 1, true) then return shown end
    os.execute("sleep 0.1")
  end
  error("the screen never showed " .. string.format("%q", text) .. "; it shows:\n" .. shown)
end

local function keys(...)
  local quoted = {}
  for i, k in ipairs({ ... }) do quoted[i] = "'" .. k:gsub("'", "'\\''") .. "'" end
  tmux("send-keys -t ree " .. table.concat(quoted, " "))
end

--- Starts the REPL in a fresh tmux server, with the environment given.
local function start(history, env)
  tmux("kill-server")
  for _ = 1, 20 do -- until the old server is gone
    if tmux("has-session -t ree"):find("no server", 1, true) then break end
    os.execute("sleep 0.1")
  end
  tmux(string.format("new-session -d -s ree -x 100 -y 40 '%s REE_HISTORY=%s %s/bindings/ree-host'",
    env or "TERM=xterm", history, os.getenv("PWD")))
  wait_for("help() to start, Ctrl-D to quit")
end

describe("the REPL on a terminal #repl", function()
  if not have_tmux() then
    pending("tmux is not installed (./ree test installs it)")
    return
  end
  local history = os.tmpname()
  os.remove(history)

  after_each(function() tmux("kill-server") end)

  it("edits lines, completes with Tab, survives Ctrl-C, and keeps its history", function()
    start(history)
    keys("x = 6 *", "Enter", "7", "Enter", "x", "Enter")
    wait_for("\n42\n")
    keys("ree.oxide_fa", "Tab")
    wait_for("> ree.oxide_factor")
    keys(' "Nd"', "Enter")
    wait_for("1.166")
    keys("while true do end", "Enter")
    -- Ctrl-C until the loop is stopped: one that lands before the loop
    -- starts only drops an empty line
    for _ = 1, 20 do
      os.execute("sleep 0.3")
      keys("C-c")
      if screen():find("interrupted", 1, true) then break end
    end
    wait_for("interrupted")
    keys("1 + 1", "Enter")
    wait_for("\n2\n")
    keys("t = {", "Enter")
    wait_for(">> ")
    keys("C-c") -- drops the unfinished chunk
    keys("'dropped'", "Enter")
    wait_for('\n"dropped"\n')
    keys("Up", "Enter") -- the line before, again
    local shown = wait_for('"dropped"\n> \'dropped\'\n"dropped"')
    assert.truthy(shown:find("> x = 6 *\n>> 7\n> x\n42\n", 1, true))
    keys("C-d")
    for _ = 1, 50 do
      if not tmux("has-session -t ree"):find("can't find") then os.execute("sleep 0.1") end
    end
    -- the history outlives the session
    local f = assert(io.open(history))
    local saved = f:read("a")
    f:close()
    assert.truthy(saved:find("x = 6 *\n7\nx\n", 1, true))
    start(history)
    keys("Up")
    wait_for("> 'dropped'")
  end)

  it("paints the prompt on a terminal, and not when NO_COLOR is set", function()
    start(history)
    local painted = tmux("capture-pane -p -e -t ree")
    assert.truthy(painted:find("\27%[32m>"), painted) -- tmux writes 1;32 as two escapes
    start(history, "NO_COLOR=1 TERM=xterm")
    assert.is_nil(tmux("capture-pane -p -e -t ree"):find("\27%[32m"))
    os.remove(history)
  end)
end)
