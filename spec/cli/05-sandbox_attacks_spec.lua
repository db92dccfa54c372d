local helpers = require("spec.helpers")

-- Attacks on ./ree --sandbox, as a student who wants out would try them.
-- Each runs in a process of its own under small limits (32 MB, 1e7
-- instructions, 5 s) and a watchdog of twelve times that; none may write the canary file,
-- hang, or end other than as its row says: `err` is the first line of
-- stderr, exactly (a string) or as a Lua pattern (a table { pattern }).

local CANARY = os.tmpname()
os.remove(CANARY)

-- under valgrind (./ree test --valgrind sets REE_SLOW) a second of work
-- takes a minute: the clock's limit grows so that the others still come first
local SECONDS = os.getenv("REE_SLOW") and 240 or 5
local MEMORY = "ree: sandbox: the script used more than its 32 MB of memory"
local INSTRUCTIONS = "ree: sandbox: the script ran more than its 1e+07 instructions"
local TIME = string.format("ree: sandbox: the script ran longer than its %d s", SECONDS)

local function attack(src, extra)
  local path = os.tmpname() .. ".lua"
  local f = assert(io.open(path, "w"))
  f:write((src:gsub("CANARY", string.format("%q", CANARY))))
  f:close()
  local args = { "--sandbox", path, "--memory", "32", "--instructions", "1e7", "--seconds", tostring(SECONDS) }
  for _, a in ipairs(extra or {}) do args[#args + 1] = a end
  local out, err, status = helpers.run(args, nil, SECONDS * 12)
  os.remove(path)
  return out, err, status
end

local ATTACKS = {
  -- resource bombs in Lua
  { "an endless loop", "while true do end", err = INSTRUCTIONS },
  { "a table that grows for ever", "local t = {} for i = 1, 1e12 do t[i] = i end", err = MEMORY },
  { "one huge string", "local s = ('x'):rep(2^40)", err = { ": resulting string too large$" } },
  { "a string that doubles", "local s = 'x' while true do s = s .. s end", err = MEMORY },
  { "string.rep with a separator", "local s = ('x'):rep(1e9, ',')", err = MEMORY },
  { "endless recursion", "local function f() return 1 + f() end f()", err = MEMORY },
  { "a huge generated chunk", "load(('local x = 1 '):rep(1e8))", err = MEMORY },
  { "coroutines made for ever", "local t = {} while true do t[#t + 1] = coroutine.create(print) end",
    err = MEMORY },
  { "a pattern that backtracks for ever, in C", "string.find(('a'):rep(3e4), '.-.-.-.-b')", err = TIME },
  -- resource bombs through the core
  { "a chain as large as the core allows", [[
local ree = require("ree")
local c = ree.chain { elements = ree.RARE_EARTHS, from = 1001, to = 2000 }
for i = 1, 60 do c:process("p" .. i, { mode = "push" }) end
c:flow { "feed", to = "p1", value = 1 }
for i = 1, 59 do c:flow { "f" .. i, from = "p" .. i, to = "p" .. (i + 1), split = 1 } end
c:flow { "out", from = "p60", split = 1 }
c:solve()]], err = "ree: sandbox: the script used more than its 8 MB of memory",
    extra = { "--instructions", "1e9", "--memory", "8" } },
  { "series made in the core for ever", [[
local ree = require("ree")
local s, keep = ree.series { from = 2000, unit = "t", table.unpack((function()
  local v = {} for i = 1, 5000 do v[i] = i end return v end)()) }, {}
for i = 1, 1e9 do keep[i] = s + i end]], err = MEMORY, extra = { "--instructions", "1e9" } },
  -- dodging the instruction hook
  { "a loop in a coroutine.wrap", "coroutine.wrap(function() while true do end end)()", err = INSTRUCTIONS },
  { "a loop in a coroutine.create", "coroutine.resume(coroutine.create(function() while true do end end))",
    err = INSTRUCTIONS },
  { "a pcall that swallows the limit", "while true do pcall(function() while true do end end) end",
    err = INSTRUCTIONS },
  { "a coroutine that swallows the limit", [[
while true do coroutine.resume(coroutine.create(function() while true do end end)) end]], err = INSTRUCTIONS },
  { "a message handler that loops", "xpcall(error, function() while true do end end)", err = INSTRUCTIONS },
  { "a sort comparator that loops", "table.sort({ 3, 2, 1 }, function() while true do end end)", err = INSTRUCTIONS },
  { "a gsub callback that loops", "('abc'):gsub('.', function() while true do end end)", err = INSTRUCTIONS },
  { "an __index that loops", "local t = setmetatable({}, { __index = function() while true do end end }) local _ = t.x",
    err = INSTRUCTIONS },
  { "a loaded chunk that loops", "load('while true do end')()", err = INSTRUCTIONS },
  { "print of an object whose __tostring loops",
    "print(setmetatable({}, { __tostring = function() while true do end end }))", err = INSTRUCTIONS },
  { "a globals table whose __index loops",
    "setmetatable(_ENV, { __index = function() while true do end end }) local _ = nosuch", err = INSTRUCTIONS },
  -- error objects
  { "an error object whose __tostring loops",
    "error(setmetatable({}, { __tostring = function() while true do end end }))",
    err = INSTRUCTIONS },
  { "an error object whose __tostring eats memory", [[
error(setmetatable({}, { __tostring = function() local t = {} while true do t[#t + 1] = ('x'):rep(1e5) end end }))]],
    err = MEMORY, extra = { "--instructions", "1e9" } },
  { "an error object whose __tostring gives no string",
    "error(setmetatable({}, { __tostring = function() return {} end }))",
    err = "ree: (an error object of type table)" },
  { "an error object without __tostring", "error({})", err = "ree: (an error object of type table)" },
  -- metatables of strings and of the toolkit's objects
  { "a hijacked string metatable", [[
local mt = getmetatable("")
mt.__index = { find = function() while true do end end, match = function() while true do end end,
  gmatch = function() while true do end end, format = function() while true do end end }
error("after the hijack")]], err = { "^ree: [^\n]*: after the hijack$" } },
  { "a __gc added to the string metatable", [[
getmetatable("").__gc = function() while true do end end
print(("x"):upper())]], out = "X\n", status = 0 },
  { "a __gc added to a toolkit object's metatable", [[
local ree = require("ree")
getmetatable(ree.series { from = 2000, unit = "t", 1 }).__gc = function() while true do end end
for _ = 1, 100 do ree.series { from = 2000, unit = "t", 1 } end
print("made")]], out = "made\n", status = 0 },
  { "a __gc on a table", "setmetatable({}, { __gc = function() while true do end end })",
    err = { "sandbox: __gc is not allowed$" } },
  { "a __gc hidden behind the metatable's own __index", [[
setmetatable({}, setmetatable({}, { __index = { __gc = function() while true do end end } }))
collectgarbage() print("no finaliser")]], out = "no finaliser\n", status = 0 },
  { "a __close that loops", [[
do local x <close> = setmetatable({}, { __close = function() while true do end end }) end]], err = INSTRUCTIONS },
  { "the string library emptied, then an error", [[
for k in pairs(string) do string[k] = nil end
error("emptied")]], err = { "^ree: [^\n]*: emptied$" } },
  -- binary chunks
  { "load of bytecode", "assert(load('\\27LuaT\\0'))", err = { "sandbox: load takes text only, not bytecode$" } },
  { "load in binary mode", "assert(load('return 1', 'x', 'b'))", err = { "sandbox: load takes text only" } },
  { "bytecode from a reader function", [[
local parts = { "\27Lua", "T\0" }
local f, err = load(function() return table.remove(parts, 1) end)
print(f, err)]], out = "nil\tattempt to load a binary chunk (mode is 't')\n", status = 0 },
  { "string.dump", "print(string.dump, ('').dump)", out = "nil\tnil\n", status = 0 },
  -- the host, the file system and the application
  { "the host's libraries", "print(io, os.execute, os.getenv, os.exit, os.remove, debug, package, dofile, loadfile)",
    out = "nil\tnil\tnil\tnil\tnil\tnil\tnil\tnil\tnil\n", status = 0 },
  { "the application's modules", [[
for _, name in ipairs { "app.cli", "app.repl", "app.lessons", "app.sweep", "ree.host", "app.sandbox", "app.help",
  "app.complete", "app.examples", "app.cdocs", "app.host_tty", "app.main", "app.report",
  "ree.models.scenarios.summary", "ree.models.lessons.01-erp-ladder" } do
  if pcall(require, name) then print(name) end
end
print(pcall(require, "app.cli"))
print(pcall(require, "ree.models.lessons.01-erp-ladder"))]],
    out = "false\tsandbox: require 'app.cli': it reaches outside the sandbox\n" ..
      "false\tsandbox: require 'ree.models.lessons.01-erp-ladder': only the toolkit's modules (ree.*) " ..
      "can be loaded\n", status = 0 },
  { "ree.files.write", "require('ree.files').write(CANARY, 'x')",
    err = { "cannot write '.*': the sandbox writes no files$" } },
  { "a dataset's write", "local d = require('ree').data.load('production') d:write(CANARY .. '.csv')",
    err = { "cannot write '.*%.csv': the sandbox writes no files$" } },
  { "a chart's file", [[
local ree = require("ree")
require("ree.svg").lines({ ree.series { from = 2010, unit = "t", 1, 2 } }, { file = CANARY })]],
    err = { "cannot write '.*': the sandbox writes no files$" } },
  { "a chain result's write", [[
local ree = require("ree")
local c = ree.chain { elements = { "Nd" }, from = 2010, to = 2010 }
c:process("a", { mode = "push" })
c:flow { "in", to = "a", value = 1 }
c:flow { "out", from = "a", split = 1 }
c:solve():write(CANARY .. ".json")]], err = { "cannot write '.*%.json': the sandbox writes no files$" } },
  { "reading outside the toolkit", [[
local files, ree = require("ree.files"), require("ree")
print(files.read("/etc/passwd"))
print(files.read("../../../../etc/passwd"))
print(files.read("proc/self/environ"))
print(ree.data.open("/etc/passwd.json"))
print(pcall(ree.data.load, "../../../../etc/passwd"))]],
    out = table.concat({ "nil\t/etc/passwd: the sandbox reads only the toolkit's files",
      "nil\t../../../../etc/passwd: the sandbox reads only the toolkit's files",
      "nil\t" .. helpers.root() .. "/proc/self/environ: No such file or directory",
      "nil\t/etc/passwd.json: the sandbox reads only the toolkit's files",
      "false\tno dataset '../../../../etc/passwd': a dataset's name is letters, digits, '-' and '_' " ..
        "(ree.data.list() names them)", "" }, "\n"), status = 0 },
  { "listing a directory outside the toolkit", [[
local files = require("ree.files")
print(files.list("/"))
print(files.list("/proc/self"))
print(files.list("models/.."))
print(files.restrict, files.root() ~= nil)]],
    out = "nil\t/: the sandbox reads only the toolkit's files\nnil\t/proc/self: the sandbox reads only the " ..
      "toolkit's files\nnil\tmodels/..: the sandbox reads only the toolkit's files\nnil\ttrue\n", status = 0 },
  { "the collector switched off", "collectgarbage('stop')",
    err = { "sandbox: collectgarbage 'stop' is not allowed$" } },
  { "the collector made generational", "collectgarbage('generational')",
    err = { "sandbox: collectgarbage 'generational' is not allowed$" } },
  { "a yield out of the script", "coroutine.yield()", err = "ree: sandbox: the script yielded outside a coroutine " ..
    "of its own" },
  { "the limits lifted through a toolkit module", [[
local ree = require("ree")
print(ree.core.memory_limit, rawget(ree, "host"), package)]], out = "nil\tnil\tnil\n", status = 0 },
}

describe("./ree --sandbox against attacks #cli", function()
  for _, a in ipairs(ATTACKS) do
    it("holds against " .. a[1], function()
      local out, err, status = attack(a[2], a.extra)
      local first = err:match("^[^\n]*")
      if a.err then
        assert.are.same({ "", 1 }, { out, status }, err)
        if type(a.err) == "table" then
          assert.truthy(first:find(a.err[1]), first)
        else
          assert.are.equal(a.err, first)
        end
      else
        assert.are.same({ a.out, "", a.status }, { out, err, status })
      end
      assert.is_nil(io.open(CANARY), "the canary was written")
      assert.is_nil(io.open(CANARY .. ".csv"), "the canary was written")
      assert.is_nil(io.open(CANARY .. ".json"), "the canary was written")
    end)
  end

  it("takes limits only within their ranges", function()
    local cases = {
      { { "--seconds", "4294967296" }, "ree: --sandbox: --seconds takes a number from 1 to 86400, not '4294967296'" },
      { { "--seconds", "0" }, "ree: --sandbox: --seconds takes a number from 1 to 86400, not '0'" },
      { { "--memory", "0.5" }, "ree: --sandbox: --memory takes a number from 1 to 65536, not '0.5'" },
      { { "--memory", "nan" }, "ree: --sandbox: --memory takes a number from 1 to 65536, not 'nan'" },
      { { "--instructions", "1e18" },
        "ree: --sandbox: --instructions takes a number from 1000 to 1e+13, not '1e18'" },
      { { "--instruction", "5" }, "ree: --sandbox: unknown option '--instruction' (did you mean '--instructions'?)" },
    }
    for _, c in ipairs(cases) do
      local args = { "--sandbox", "spec/fixtures/none.lua" }
      for _, x in ipairs(c[1]) do args[#args + 1] = x end
      local usage = "; usage: ./ree --sandbox FILE.lua [--memory MB] [--instructions N] [--seconds S]\n"
      assert.are.same({ "", c[2] .. usage, 2 }, { helpers.run(args) })
    end
  end)
end)
