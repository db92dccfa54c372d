--- Runs a shell script; returns what it printed.
local function sh(script)
  local p = assert(io.popen(script))
  local out = p:read("a")
  p:close()
  return out
end

describe("Ctrl-C during a call #cli", function()
  -- SIGINT as the terminal sends it, to a host running the call in the
  -- background, once the call has begun (the host makes the file READY);
  -- the status the shell reports follows what it printed
  local function interrupt(code, times)
    local ready = os.tmpname()
    os.remove(ready)
    code = string.format("local READY = %q\n", ready) .. code
    local out = sh(string.format([[
bindings/ree-host -e %q 2>&1 &
pid=$!
( sleep 20; kill -KILL $pid ) >/dev/null 2>&1 &
watchdog=$!
for i in $(seq 200); do [ -e %q ] && break; sleep 0.05; done
sleep 0.2
for i in $(seq %d); do kill -INT $pid; sleep 0.3; done
wait $pid
status=$?
kill $watchdog 2>/dev/null
echo "status $status"]], code, ready, times))
    os.remove(ready)
    return out
  end

  it("stops Lua code at the first, and the session goes on", function()
    local code = [[
local host = require("ree.host")
print(select(2, host.interruptible(function() io.open(READY, "w"):close() while true do end end)):match("^[^\n]*"))
print("still here")]]
    assert.are.equal("interrupted\nstill here\nstatus 0\n", interrupt(code, 1))
  end)

  it("ends a call stuck in C, where no hook reaches, at the second", function()
    local code = [[
require("ree.host").interruptible(function()
  io.open(READY, "w"):close()
  string.find(("a"):rep(30000), ".-.-.-.-b")
end)
print("not reached")]]
    assert.are.equal("status 130\n", interrupt(code, 2))
  end)
end)
