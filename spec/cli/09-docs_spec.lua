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
    assert.are.same({ "", "ree: docs: unknown option '--bogus'; usage: ./ree docs [--out DIR]\n", 2 },
      { run { "docs", "--bogus" } })
  end)

  it("fails on a warning of LDoc's, naming the source's file", function()
    -- a copy of the tree with a tag LDoc does not know, run by the built host put in it
    local dir = os.tmpname()
    os.remove(dir)
    helpers.copy_tree(dir)
    assert(os.execute("mkdir -p " .. dir .. "/bindings/ree && cp bindings/ree-host " .. dir .. "/bindings/ && " ..
      "cp bindings/ree/core.so " .. dir .. "/bindings/ree/ && " ..
      "sed -i '1a -- @bogustag x' " .. dir .. "/scripts/ree/args.lua"))
    local out, code = helpers.sh(dir .. "/bindings/ree-host docs --out " .. dir .. "/out")
    assert.are.equal(1, code)
    assert.truthy(out:find("^ree: docs: ldoc warned %(warnings are errors%): scripts/ree/args%.lua:%d+: .*'bogustag'"))
    os.execute("rm -rf " .. dir)
  end)
end)
