local helpers = require("spec.helpers")

-- a refused --sandbox command line ends with its usage form
local USAGE = "; usage: ./ree --sandbox FILE.lua [--memory MB] [--instructions N] [--seconds S]\n"

--- Runs src in the sandbox (extra: more arguments); stdout, stderr, status.
local function sandboxed(src, extra)
  local path = os.tmpname() .. ".lua"
  local f = assert(io.open(path, "w"))
  f:write(src)
  f:close()
  local args = { "--sandbox", path }
  for _, a in ipairs(extra or {}) do args[#args + 1] = a end
  local out, err, status = helpers.run(args)
  os.remove(path)
  return out, err, status
end

describe("./ree --sandbox #cli", function()
  it("runs a student's script with the toolkit", function()
    assert.are.same({ "1081.124\t25.0\n", "", 0 }, { sandboxed([[
local ree = require("ree")
print(ree.formula("Nd2Fe14B"):molar_mass(), require("ree.models.china").ladder("Dy", 2011).alloy)
]]) })
  end)

  it("loads every module of the library, and runs the history and its models", function()
    local names = {}
    for _, file in ipairs(assert(require("ree.files").list("scripts/ree"))) do
      local base = file:match("^(.+)%.lua$")
      if base and base ~= "init" and base ~= "host" then names[#names + 1] = "ree." .. base end
    end
    local out, err, status = sandboxed("for _, m in ipairs({ '" .. table.concat(names, "', '") .. "' }) do\n" ..
      "  local ok, why = pcall(require, m)\n  if not ok then print(m, why) end\nend\n" ..
      "local res = require('ree.models.scenarios.history').scenario('history'):run()\n" ..
      "print(string.format('%.1f', res.price.Dy.fob[2011]))\n")
    assert.are.same({ "", 0 }, { err, status })
    assert.truthy(out:match("^%d+%.%d\n$"), out) -- no module refused, and a price
  end)

  it("gives no io, os, debug or package, and no way to make or load bytecode", function()
    assert.are.same({ "nil\tnil\tnil\tnil\tnil\tnil\tnil\tnil\tfunction\n", "", 0 }, { sandboxed([[
print(io, os.execute, os.getenv, debug, package, dofile, loadfile, string.dump, type(os.clock))
]]) })
    local out = sandboxed([[
print(pcall(load, "\27Lua", "x", "b"))
print(pcall(load, "\27LuaT"))
print(getmetatable("").__index.dump)
print(load("return 6 * 7")())
]])
    assert.are.equal("false\tsandbox: load takes text only, not bytecode\n" ..
      "false\tsandbox: load takes text only, not bytecode\nnil\n42\n", out)
  end)

  it("lets require find the toolkit's modules only", function()
    local out = sandboxed([[
for _, name in ipairs({ "io", "os", "socket", "ree.host", "app.cli", "app.main", "ree.nosuch" }) do
  print(select(2, pcall(require, name)))
end
]])
    assert.are.equal(table.concat({
      "sandbox: require 'io': only the toolkit's modules (ree.*) can be loaded",
      "sandbox: require 'os': only the toolkit's modules (ree.*) can be loaded",
      "sandbox: require 'socket': only the toolkit's modules (ree.*) can be loaded",
      "sandbox: require 'ree.host': it reaches outside the sandbox",
      "sandbox: require 'app.cli': it reaches outside the sandbox",
      "sandbox: require 'app.main': it reaches outside the sandbox",
      "sandbox: require 'ree.nosuch': no such module in the toolkit", "" }, "\n"),
      (out:gsub("[^\n]-:%d+: ", ""))) -- without the script's file and line
  end)

  it("writes no file and reads none outside the toolkit, through the toolkit either", function()
    local target = os.tmpname()
    os.remove(target)
    local out, err, status = sandboxed(string.format([[
local ree = require("ree")
print(pcall(require("ree.files").write, %q, "x"))
print(pcall(require("ree.svg").lines, { ree.series { from = 2010, unit = "t", 1, 2 } }, { file = %q }))
print(ree.data.open("/etc/passwd.json"))
print(ree.data.open("../../../etc/x"))
]], target, target))
    assert.are.same({ "", 0 }, { err, status })
    local lines = {}
    for line in out:gmatch("[^\n]+") do lines[#lines + 1] = line end
    assert.are.equal("false\tcannot write '" .. target .. "': the sandbox writes no files", lines[1])
    local quoted = target:gsub("%p", "%%%0")
    assert.truthy(lines[2]:find("^false\t.*cannot write '" .. quoted .. "': the sandbox writes no files$"))
    assert.are.equal("nil\t/etc/passwd.json: the sandbox reads only the toolkit's files", lines[3])
    assert.truthy(lines[4]:find("^nil\t.*%.%./%.%./%.%./etc/x%.json: the sandbox reads only the toolkit's files$"))
    assert.is_nil(io.open(target))
  end)

  it("stops a script at its memory, instruction and time limits, with a message that says which", function()
    assert.are.same({ "", "ree: sandbox: the script used more than its 32 MB of memory\n", 1 },
      { sandboxed("local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(64) .. i end", { "--memory", "32" }) })
    local limit = "ree: sandbox: the script ran more than its 1e+06 instructions\n"
    assert.are.same({ "", limit, 1 }, { sandboxed("while true do end", { "--instructions", "1e6" }) })
    -- inside a coroutine of its own, and behind a pcall of its own
    assert.are.same({ "", limit, 1 },
      { sandboxed("coroutine.wrap(function() while true do end end)()", { "--instructions", "1e6" }) })
    assert.are.same({ "", limit, 1 },
      { sandboxed("while true do pcall(function() while true do end end) end", { "--instructions", "1e6" }) })
    -- a string match runs in C, where no hook reaches: the clock ends the
    -- process (under valgrind, whose leak report then follows: the first line)
    local out, err, status = sandboxed("print(string.find(('a'):rep(20000), '.-.-.-.-b'))", { "--seconds", "1" })
    assert.are.same({ "", "ree: sandbox: the script ran longer than its 1 s", 1 },
      { out, err:match("^[^\n]*"), status })
  end)

  it("refuses what would run outside the limits, and names bad options", function()
    local _, err, status = sandboxed("setmetatable({}, { __gc = function() while true do end end })")
    assert.are.equal(1, status)
    assert.truthy(err:find("^ree: [^\n]*: sandbox: __gc is not allowed\n"))
    _, err = sandboxed("collectgarbage('stop')")
    assert.truthy(err:find("sandbox: collectgarbage 'stop' is not allowed", 1, true))
    assert.are.same({ "", "ree: --sandbox: missing argument 'FILE.lua'" .. USAGE, 2 },
      { helpers.run { "--sandbox" } })
    assert.are.same({ "", "ree: sandbox: cannot open /no/such.lua\n", 1 },
      { helpers.run { "--sandbox", "/no/such.lua" } })
    local out, bytecode, code = sandboxed("\27LuaT")
    assert.are.same({ "", 1 }, { out, code })
    assert.truthy(bytecode:find("^ree: sandbox: [^\n]+ is bytecode; give Lua source\n$"))
    assert.are.same({ "", "ree: sandbox: the script yielded outside a coroutine of its own\n", 1 },
      { sandboxed("coroutine.yield()") })
    assert.are.same({ "", "ree: --sandbox: --memory takes a number from 1 to 65536, not 'lots'" .. USAGE, 2 },
      { sandboxed("", { "--memory", "lots" }) })
  end)
end)
