-- ./ree docs: the library's reference, written by LDoc, with help()'s examples.
local helpers = require("spec.helpers")

local run = helpers.run

describe("./ree docs #cli", function()
  it("writes the reference, each public function with its example, and LDoc says nothing else", function()
    local dir = os.tmpname()
    os.remove(dir)
    assert.are.same({ "wrote " .. dir .. "/index.html\n", "", 0 }, { run { "docs", "--out", dir } })
    local page = helpers.read(dir .. "/modules/ree.montecarlo.html")
    assert.truthy(page:find('<a name = "MonteCarlo:quantiles"></a>', 1, true))
    -- the example app.examples gives it, as help() shows it
    assert.truthy(page:find('mc:quantiles(<span class="string">"price.Dy.fob"</span>', 1, true))
    -- a module comment's indented lines are code
    local scenario = helpers.read(dir .. "/modules/ree.scenario.html")
    assert.truthy(scenario:find('<pre>\n<span class="keyword">local</span> sc', 1, true))
    assert.truthy(helpers.read(dir .. "/index.html"):find("ree.series", 1, true))
    os.execute("rm -rf " .. dir)
    assert.are.same({ "", "ree: docs: unknown argument '--bogus' (./ree docs [--out DIR])\n", 2 },
      { run { "docs", "--bogus" } })
  end)
end)
