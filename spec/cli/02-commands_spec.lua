local helpers = require("spec.helpers")

local run = helpers.run

local REPORT_USAGE = "usage: ./ree report SCENARIO -o FILE.html [--year Y]\n" -- its errors end so

local function write(path, text)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
end

local NAMES = "history, no_restrictions, ladder_only, all_countermeasures, no_export_control, no_wto, dy_saving, " ..
  "substitution, new_mines, recycling, stockpile, wto_case, export_control, patents"

describe("./ree run SCENARIO and ./ree report #cli", function()
  it("runs a named scenario and prints its summary", function()
    local out, err, status = run { "run", "ladder_only" }
    assert.are.same({ "", 0 }, { err, status })
    assert.truthy(out:find("^  scenario%s+ladder_only, 2005%-2015\n"))
    assert.truthy(out:find("\n  Prices outside China, US$/kg of oxide:\n" ..
      "  year  La FOB  Ce FOB  Pr FOB  Nd FOB  Dy FOB\n", 1, true))
    assert.are.same({ "", "ree: no scenario 'now': name one of " .. NAMES ..
      ", crisis, or a FILE.lua that returns one\n", 2 }, { run { "run", "now" } })
  end)

  it("runs the monthly crisis and prints its years", function()
    local out, err, status = run { "run", "crisis" }
    assert.are.same({ "", 0 }, { err, status })
    assert.truthy(out:find("^  scenario%s+crisis, 2005%-2015\n"))
    -- 2009 is where the crisis's prices start: the record's FOB levels (base.PRICES), calm all year
    assert.truthy(out:find("\n  2009    8.71    4.56      18    19.1     118\n", 1, true))
  end)

  it("runs a scenario from a file, and says what is wrong with one", function()
    local path = os.tmpname() .. ".lua"
    write(path, 'return require("ree.models.classroom.cobweb").scenario({ d = 0.8 }, { 2000, 2004 })\n')
    local out, err, status = run { "run", path }
    assert.are.same({ "", 0 }, { err, status })
    assert.truthy(out:find("  scenario          cobweb, 2000-2004\n", 1, true))
    local page = path .. ".html"
    assert.are.same({ "wrote " .. page .. "\n", "", 0 }, { run { "report", path, "-o", page } })
    local f = assert(io.open(page))
    local html = f:read("a")
    f:close()
    os.remove(page)
    assert.truthy(html:find('<h2 id="s2">Results</h2>', 1, true)) -- its variables, by unit: t and US$/kg
    assert.are.equal(2, select(2, html:gsub("<svg ", "")))
    write(path, "return 42\n")
    assert.are.same({ "", "ree: " .. path .. ": returns number, not a scenario (ree.scenario { ... })\n", 1 },
      { run { "run", path } })
    os.remove(path)
  end)

  it("says in one line why a module a script requires will not load, and where", function()
    local dir = os.tmpname()
    os.remove(dir)
    os.execute("mkdir " .. dir)
    write(dir .. "/broken.lua", "return {\n  x =\n")
    write(dir .. "/use.lua", 'package.path = "' .. dir .. '/?.lua;" .. package.path\nrequire("broken")\n')
    local out, err, status = run { dir .. "/use.lua" }
    assert.are.same({ "", "ree: error loading module 'broken' from file '" .. dir .. "/broken.lua': " .. dir ..
      "/broken.lua:3: unexpected symbol near <eof>\n", 1 }, { out, err, status })
    os.execute("rm -rf " .. dir)
  end)

  it("writes one self-contained HTML report, whole", function()
    local path = os.tmpname() .. ".html"
    local out, err, status = run { "report", "history", "-o", path }
    assert.are.same({ "wrote " .. path .. "\n", "", 0 }, { out, err, status })
    local f = assert(io.open(path))
    local page = f:read("a")
    f:close()
    os.remove(path)
    assert.truthy(page:find("^<!DOCTYPE html>"))
    assert.truthy(page:find("<title>ree: the scenario 'history', 2005-2015</title>", 1, true))
    local charts = select(2, page:gsub("<svg ", ""))
    assert.are.equal(6, charts) -- prices, supply by region, location, the ladder, Sankeys of Nd and Dy
    for _, needed in ipairs({ "Flows of Nd and Dy in 2011", "Parameters and their sources", "jmb-4347-lynas" }) do
      assert.truthy(page:find(needed, 1, true), needed)
    end
    -- nothing from the network
    assert.is_nil(page:find("https?://[^\"]*%.js"))
    assert.is_nil(page:find("<script", 1, true))
    assert.is_nil(page:find("<link", 1, true))
    assert.are.same({ "", "ree: report: missing option '-o'; " .. REPORT_USAGE, 2 },
      { run { "report", "history" } })
    assert.are.same({ "", "ree: report: unknown option '--pdf'; " .. REPORT_USAGE, 2 },
      { run { "report", "history", "--pdf" } })
    assert.are.same({ "", "ree: report: --year wants a whole number from 1 to 9999, not '2011.5'; " .. REPORT_USAGE,
      2 },
      { run { "report", "history", "-o", path, "--year", "2011.5" } })
    local _, werr, wstatus = run { "report", "history", "-o", "/no/such/dir/r.html" }
    assert.are.equal(1, wstatus)
    assert.truthy(werr:find("^ree: .*/no/such/dir/r%.html"))
  end)
end)

describe("./ree lesson #cli", function()
  it("lists the lessons, takes answers from stdin, and says by its status whether they were right", function()
    local out, _, status = run { "lesson" }
    assert.are.equal(0, status)
    assert.truthy(out:find("^1%. The ERP ladder, year by year\n"))
    assert.truthy(out:find("\n7%. Dy thrifting and what it did to prices\n"))
    -- exercise 3: china.erp_observed()[1].erp, Nd oxide in mid-2011, is 0.4767 (within 0.01)
    out, _, status = run({ "lesson", "1" }, "answer(1, 1.8)\nanswer(2, 2010)\nanswer(3, 0.477)\n")
    assert.are.equal(0, status)
    local right = "exercise 1: right. 1 of 3 right.\nexercise 2: right. 2 of 3 right.\n" ..
      "exercise 3: right. 3 of 3 right.\n"
    assert.are.equal(right, out:sub(-#right))
    out, _, status = run({ "lesson", "1" }, "answer(1, 2)\n")
    assert.are.equal(1, status)
    local said = "exercise 1: not yet: 2 is too large (give a fraction, 1.8 is +180%, within 0.01). hint(1) helps. " ..
      "0 of 3 right.\n"
    assert.are.equal(said, out:sub(-#said))
    assert.are.same({ "", "ree: lesson: N is a lesson's number or a FILE.lua, not 'two'; usage: ./ree lesson " ..
      "[N | FILE.lua] [--handout FILE.html]\n", 2 }, { run { "lesson", "two" } })
    assert.are.same({ "", "ree: no lesson 12 (./ree lesson lists them)\n", 1 }, { run { "lesson", "12" } })
  end)
end)

describe("./ree --help #cli", function()
  it("says what the exit statuses mean", function()
    local out = run { "--help" }
    assert.truthy(out:find("exit status: 0 done; 1 the work failed (an error in a script or a model, a\n" ..
      "wrong answer to a lesson, a sandbox limit); 2 the command line was wrong.\n", 1, true))
  end)
end)
