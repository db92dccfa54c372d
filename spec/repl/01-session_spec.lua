local repl = require("app.repl")

--- A session whose output is collected: session, written text.
local function session(opts)
  local out = {}
  opts = opts or {}
  opts.write = function(s) out[#out + 1] = s end
  local s = repl.new(opts)
  return s, function() return table.concat(out) end
end

describe("a REPL session #repl", function()
  it("continues an incomplete chunk, then runs it", function()
    local s = session()
    assert.are.equal("continue", repl.eval(s, "local x = 1 +"))
    assert.are.equal(">> ", repl.prompt(s))
    local status, out = repl.eval(s, "2 return x")
    assert.are.same({ "ok", { n = 1, 3 } }, { status, out })
    assert.are.equal("> ", repl.prompt(s))
  end)

  it("prints an expression's value, pretty, and reports errors without stopping", function()
    local s, text = session()
    repl.line(s, "t = { b = 2, a = { 1, 2 } }")
    repl.line(s, "t")
    repl.line(s, "error('boom')")
    repl.line(s, ")")
    repl.line(s, "1, 'two'")
    assert.are.equal('{ a = { 1, 2 }, b = 2 }\nstdin:1: boom\nstdin:1: unexpected symbol near \')\'\n' ..
      '[1] 1\n[2] "two"\n', text())
  end)

  it("shows a chart an expression drew once, not again as a string", function()
    local s, text = session()
    local drawn = {}
    local out = { write = function(_, ...) for _, x in ipairs({ ... }) do drawn[#drawn + 1] = x end end }
    s.env.out = out
    repl.line(s, "ree.series { from = 2000, unit = 't', 1, 2, 3 }:plot { out = out, width = 40, height = 4 }")
    assert.are.equal("", text()) -- drawn by plot, and nothing echoed
    assert.truthy(table.concat(drawn):find("2000", 1, true))
    -- a chart kept, not drawn, shows when asked for
    repl.line(s, "c = ree.series { from = 2000, unit = 't', 1, 2, 3 }:plot { print = false, width = 40, height = 4 }")
    repl.line(s, "#c > 0, 'x'")
    assert.are.equal("[1] true\n[2] \"x\"\n", text())
  end)

  it("says a name holds nothing, with the nearest, where help would see only nil", function()
    local s, text = session()
    repl.line(s, "help(histroy)")
    repl.line(s, "help(ree.formla)")
    repl.line(s, 'help "ree.magnet.requirment"')
    repl.line(s, "full(1 / 3)")
    assert.are.equal("help: nothing is called 'histroy' (did you mean 'history'?)\n" ..
      "help: nothing is called 'ree.formla' (did you mean 'ree.formula'?)\n" ..
      "help: nothing is called 'ree.magnet.requirment' (did you mean 'ree.magnet.requirement'?)\n" ..
      "0.3333333333333333\n", text())
  end)

  it("finds the functions whose help mentions a word", function()
    local s, text = session()
    repl.line(s, 'apropos "IAMC"')
    assert.truthy(text():find("^  Results:write%s+Writes the results to path"), text())
    repl.line(s, 'apropos "zzyzx"')
    assert.truthy(text():find("\napropos: no function mentions 'zzyzx'\n$"))
  end)

  it("runs a whole session from scripted input, with its prompts", function()
    local s, text = session()
    local lines = { "x = 6 *", "7", "x" }
    local status = repl.run(s, function(prompt)
      s.write(prompt)
      return table.remove(lines, 1)
    end)
    assert.are.equal(0, status)
    assert.are.equal(string.format("ree %s  help() to start, Ctrl-D to quit\n> >> > 42\n> \n",
      require("ree.core")._VERSION), text())
  end)

  it("drops an unfinished chunk when Ctrl-C dropped the line", function()
    local s = session()
    local lines, drops = { "t = {", "1 + 1" }, { false, true }
    local results = {}
    local read = function() return table.remove(lines, 1) end
    local function dropped() return table.remove(drops, 1) end
    local real = repl.line
    repl.line = function(sess, line) results[#results + 1] = { line, repl.eval(sess, line) } end
    repl.run(s, read, dropped)
    repl.line = real
    assert.are.same({ "t = {", "continue" }, results[1])
    assert.are.same({ "1 + 1", "ok", { n = 1, 2 } }, results[2])
  end)

  it("says 'interrupted' when Ctrl-C stops a computation, and goes on", function()
    local calls = 0
    local s, text = session { call = function(f)
      calls = calls + 1
      if calls == 1 then return false, "interrupted\nstack traceback:\n\t[C]: in ?" end
      return true, f()
    end }
    repl.line(s, "while true do end")
    repl.line(s, "1 + 1")
    assert.are.equal("interrupted\n2\n", text())
  end)

  it("shows only the user's part of a traceback, and none for an error in the user's line", function()
    local function trace(...)
      return table.concat({ "stack traceback:", ... }, "\n\t") .. "\n\t[C]: in function 'ree.host.interruptible'" ..
        "\n\t/x/scripts/app/repl.lua:60: in function 'eval'"
    end
    assert.are.equal("stdin:1: boom",
      repl.error_text("stdin:1: boom\n" .. trace("[C]: in function 'error'", "stdin:1: in main chunk")))
    assert.are.equal("/x/scripts/ree/init.lua:80: formula 'Q': unknown element 'Q' at column 1\nstack traceback:" ..
      "\n\t/x/scripts/ree/init.lua:80: in function 'ree.formula'\n\tstdin:1: in main chunk",
      repl.error_text("/x/scripts/ree/init.lua:80: formula 'Q': unknown element 'Q' at column 1\n" ..
        trace("/x/scripts/ree/init.lua:80: in function 'ree.formula'", "stdin:1: in main chunk")))
    assert.are.equal("stdin:1: plain", repl.error_text("stdin:1: plain"))
    assert.are.equal("interrupted", repl.error_text("interrupted\n" .. trace("stdin:1: in main chunk")))
  end)

  it("paints the prompt and errors on a terminal only, wrapped for readline", function()
    local s, text = session { colour = true }
    assert.are.equal("\1\27[1;32m\2> \1\27[0m\2", repl.prompt(s, true))
    assert.are.equal("\27[1;32m> \27[0m", repl.prompt(s))
    repl.line(s, "error('x', 0)")
    assert.are.equal("\27[31mx\27[0m\n", text())
    local plain = session()
    assert.are.equal("> ", repl.prompt(plain, true))
  end)

  it("has ree and help in its environment, and help writes to the session", function()
    local s, text = session()
    repl.line(s, "help(ree.oxide_factor)")
    assert.truthy(text():find("ree.oxide_factor(el)", 1, true))
    assert.truthy(text():find("Example:\n  ree.oxide_factor \"Nd\"", 1, true))
    repl.line(s, 'help "nosuch.thing"')
    assert.truthy(text():find("help: nothing is called 'nosuch.thing'\n", 1, true))
  end)

  it("completes from the session's environment", function()
    local s = session()
    repl.line(s, "series_of_mine = 1")
    assert.are.same({ "series_of_mine" }, repl.complete(s, "series_of"))
    assert.are.same({ "ree.series" }, repl.complete(s, "ree.seri"))
  end)
end)
