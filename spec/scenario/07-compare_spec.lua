-- Scenarios side by side, as many as given (ree.compare), and the same
-- from the command line (./ree compare).
local ree = require("ree")
local helpers = require("spec.helpers")

--- A model a hand can follow: stock = stock + rate each year, from 0.
local growth = {
  init = function(state) state.vars.stock = 0 end,
  diagnostics = function(state, p)
    state.vars.stock = state.vars.stock + p.rate
    state.record("stock", state.vars.stock, "t")
  end,
}

local function scenario(name, rate, years)
  return ree.scenario { name = name, years = years or { 2000, 2003 }, model = growth,
    params = { rate = { value = rate, source = "assumption", range = { 0, 10 } } } }
end

describe("ree.compare #scenario", function()
  local slow, mid, fast = scenario("slow", 1):run(), scenario("mid", 2):run(), scenario("fast", 4):run()

  it("tables any number of results in a year, and where they part most", function()
    local c = ree.compare { slow, mid, fast } -- a list: named by their scenarios, in that order
    -- 2003: 4, 8 and 16 t; the gap grows a year, 16 - 4 = 12 t in 2003
    assert.are.same({ { "variable", "unit", "slow", "mid", "fast", "largest gap", "in" },
      { "stock", "t", "4", "8", "16", "12", "2003" } }, c:rows())
    assert.are.equal("slow, mid, fast in 2003:\n", tostring(c):match("^[^\n]*\n"))
    -- by name, sorted, in another year
    local named = ree.compare { b = fast, a = slow, year = 2001 }
    assert.are.same({ "stock", "t", "2", "8", "12", "2003" }, named:rows()[2])
    assert.are.same({ "a", "b" }, named.names)
  end)

  it("draws each scenario's variable on one chart, named by its scenario", function()
    local c = ree.compare { slow, mid, fast }
    local text = c:plot("stock", { print = false, ascii = true, width = 50 })
    for _, mark in ipairs({ "* slow", "+ mid", "o fast" }) do assert.truthy(text:find(mark, 1, true), mark) end
    local svg = c:chart("stock")
    assert.truthy(svg:find(">slow<", 1, true) and svg:find(">fast<", 1, true))
  end)

  it("writes one HTML page with the table and a chart a variable, whole", function()
    local path = os.tmpname() .. ".html"
    ree.compare({ slow, fast }):write(path)
    local page = helpers.read(path)
    os.remove(path)
    assert.truthy(page:find("^<!DOCTYPE html>"))
    assert.truthy(page:find("<title>ree: slow, fast compared</title>", 1, true))
    assert.are.equal(1, select(2, page:gsub("<svg ", "")))
    assert.truthy(page:find("<td>stock</td><td>t</td><td class=\"n\">4</td><td class=\"n\">16</td>", 1, true))
  end)

  it("refuses what cannot be compared, naming it", function()
    local other = scenario("later", 1, { 2001, 2004 }):run()
    assert.has_error(function() ree.compare { slow, other } end,
      "compare: 'slow' runs 2000-2003, 'later' 2001-2004: compare scenarios over the same years")
    assert.has_error(function() ree.compare { slow, scenario("slow", 3):run() } end,
      "compare: two results are of scenarios named 'slow': name them, ree.compare { a = r1, b = r2, ... }")
    assert.has_error(function() ree.compare { slow, mid, variables = { "stokc" } } end,
      "compare: no variable 'stokc' in slow, mid (did you mean 'stock'?)")
    assert.has_error(function() ree.compare { slow, mid, year = 1999 } end,
      "compare: year must be one of 2000-2003, not 1999")
    assert.has_error(function() ree.compare { slow, 42 } end, "compare: item 2 is not a scenario's results")
    local ok, err = pcall(function() ree.compare({ slow, mid }):write("/no/such/dir/c.html") end)
    assert.is_false(ok)
    assert.truthy(err:find("write: cannot write '/no/such/dir/c.html': No such file or directory", 1, true))
  end)
end)

describe("./ree compare #cli", function()
  it("compares the scenarios named, a file's under the file's name, and writes the page", function()
    local dir = os.tmpname()
    os.remove(dir)
    assert(os.execute("mkdir " .. dir))
    local file = dir .. "/quota2012.lua"
    local f = assert(io.open(file, "w"))
    f:write('local ree = require("ree")\nreturn require("ree.models.scenarios.history").scenario("history")' ..
      ':apply(ree.policy { "the 2011 quota kept", from = 2012, to = 2012, set = { quota_total = 30184 } })\n')
    f:close()
    local out, err, status = helpers.run { "compare", "history", "no_restrictions", file, "--variables",
      "price.Dy.fob,exports.Dy", "--year", "2011", "-o", dir .. "/c.html" }
    assert.are.same({ "", 0 }, { err, status })
    local head = out:match("^[^\n]*\n[^\n]*\n")
    assert.are.equal("history, no_restrictions, quota2012 in 2011:\n" ..
      "  variable      unit    history  no_restrictions  quota2012  largest gap    in\n", head)
    assert.truthy(out:find("\nwrote " .. dir .. "/c.html\n$"))
    assert.truthy(helpers.read(dir .. "/c.html"):find("quota2012", 1, true))
    -- its summary is the file's too
    assert.truthy(helpers.run({ "run", file }):find("^  scenario%s+quota2012, 2005%-2015\n"))
    os.execute("rm -rf " .. dir)
    assert.are.same({ "", "ree: compare: 'history' is named twice\n", 2 }, { helpers.run { "compare", "history",
      "history" } })
    assert.are.same({ "", "ree: compare: no variable 'price.Dy.fbo' in history, no_wto (did you mean " ..
      "'price.Dy.fob'?)\n", 1 }, { helpers.run { "compare", "history", "no_wto", "--variables", "price.Dy.fbo" } })
  end)
end)
