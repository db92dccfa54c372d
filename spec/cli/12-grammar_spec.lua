-- The command line's grammar (app.grammar, on lua-argparse) against the
-- usage text --help prints (app.usage): the same commands and options,
-- and what a parse gives the commands.
local grammar = require("app.grammar")
local usage = require("app.usage")
local helpers = require("spec.helpers")

describe("the command line's grammar #cli", function()
  it("takes the options the usage text shows, command by command, and no others", function()
    local shown = {}
    for _, word in ipairs(usage.words()) do
      if grammar.COMMANDS[word] or word == "--sandbox" then
        shown[word] = true
        assert.are.same(usage.options(word), grammar.options(word), word)
      end
    end
    for name in pairs(grammar.COMMANDS) do assert.is_true(shown[name], name) end
    assert.are.same({ "--out" }, grammar.options("run"))
    assert.are.same({ "--export", "--jobs", "--out", "--runs", "--seed", "--shard" }, grammar.options("sweep"))
  end)

  it("gives a command its arguments converted, with the defaults", function()
    local a = grammar.parse { "sweep", "f.lua", "--runs", "3", "--shard", "2/4", "--seed=-7" }
    assert.are.same({ "sweep", "f.lua", 3, { 2, 4 }, -7, "output/sweep" },
      { a.command, a.file, a.runs, a.shard, a.seed, a.out })
    assert.are.equal("integer", math.type(a.runs))
    a = grammar.parse { "sweep", "f.lua", "--runs", "3" }
    assert.are.same({ 1, nil, nil }, { a.seed, a.shard, a.jobs })
    -- all: one process a core
    local cores = math.tointeger(tonumber((helpers.sh("nproc"))))
    assert.are.equal(cores, grammar.parse({ "sweep", "f.lua", "--runs", "3", "--jobs", "all" }).jobs)
    a = grammar.parse { "--sandbox", "s.lua", "--memory", "8", "--seconds", "2" }
    assert.are.same({ "--sandbox", "s.lua", 8 * 2 ^ 20, 2 }, { a.command, a.file, a.memory, a.seconds })
    -- given twice, the last counts
    assert.are.equal("b.html", grammar.parse({ "report", "history", "-o", "a.html", "-o", "b.html" }).o)
    assert.are.same({ command = "report", help = true }, grammar.parse { "report", "--help" })
  end)

  it("refuses in one line, with the command's usage", function()
    assert.are.same({ nil, "lesson: N is a lesson's number or a FILE.lua, not '0'; usage: ./ree lesson " ..
      "[N | FILE.lua] [--handout FILE.html]" }, { grammar.parse { "lesson", "0" } })
    assert.are.same({ nil, "merge: too many arguments; usage: ./ree merge DIR [--export FILE]" },
      { grammar.parse { "merge", "a", "b" } })
    assert.are.same({ nil, "docs: unknown option '--ot' (did you mean '--out'?); usage: ./ree docs [--out DIR]" },
      { grammar.parse { "docs", "--ot", "d" } })
    assert.are.same({ nil, "docs: unknown option '--hepl' (did you mean '--help'?); usage: ./ree docs [--out DIR]" },
      { grammar.parse { "docs", "--hepl" } })
  end)

  it("says what is missing when lua-argparse is, and runs scripts without it", function()
    local host = "LUA_PATH_5_4='/nowhere/?.lua' bindings/ree-host "
    assert.are.same({ "ree: the command line needs lua-argparse, which Lua cannot find (Debian: apt-get install " ..
      "lua-argparse; LuaRocks: luarocks install argparse)\n", 1 }, { helpers.sh(host .. "run 2>&1") })
    assert.are.same({ "2\n", 0 }, { helpers.sh(host .. "-e 'print(1 + 1)' 2>&1") })
  end)
end)
