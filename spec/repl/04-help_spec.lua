local help = require("app.help")
local repl = require("app.repl")

describe("help #repl", function()
  it("documents every public function, with an example", function()
    local missing = {}
    for _, nf in ipairs(help.public()) do
      local d = help.doc(nf[2])
      if not d or #d.text == 0 or #d.examples == 0 then missing[#missing + 1] = nf[1] end
    end
    assert.are.same({}, missing)
    assert.is_true(#help.public() >= 168)
  end)

  it("runs every example in a session", function()
    local out = {}
    local s = repl.new { write = function(text) out[#out + 1] = text end }
    s.env.print = function() end
    for _, line in ipairs({
      's = ree.series { from = 2010, unit = "t", 100, 110, 121, 133.1 }',
      'c = ree.formula "Nd2Fe14B"',
      'sc = history.scenario("history")',
      'res = sc:run()',
      'mc = ree.montecarlo { scenario = sc, runs = 4, seed = 7, collect = { "price.Dy.fob" }, ' ..
        'sample = { ["Dy.lambda"] = ree.dist.uniform(0.15, 0.5) } }',
      'ch = ree.chain { elements = { "Nd" }, from = 2011, to = 2011 }',
      'ch:process("alloy", { mode = "pull" })',
      'ch:flow { "metal", to = "alloy", pull = 1 }',
      'ch:flow { "alloy out", from = "alloy", value = { Nd = 100 } }',
      'r = ch:solve()',
      'stock = ree.stock_model { lifetime = { "fixed", years = 2 }, inflow = s }',
      'set = ree.stock_models { regions = { "JP" }, products = { "motors" }, ' ..
        'lifetime = { motors = { "fixed", years = 2 } }, inflow = { JP = { motors = s } }, ' ..
        'content = { motors = { Dy = 0.01 } } }',
      'fit = ree.calibrate { scenario = sc, fit = { "Dy.lambda" }, years = { 2005, 2009 }, ' ..
        'targets = { { "demand.Dy.JP", data = res.demand.Dy.JP, rel = 0.05 } } }',
    }) do
      assert.are_not.equal("error", (repl.eval(s, line)), line)
    end
    local failed = {}
    local stdout = io.stdout -- the terminal charts of some examples go to a file that is thrown away
    io.stdout = assert(io.tmpfile()) -- luacheck: ignore 122
    for _, nf in ipairs(help.public()) do
      for _, line in ipairs(help.doc(nf[2]).examples) do
        local status, err = repl.eval(s, line)
        if status == "error" then failed[#failed + 1] = nf[1] .. ": " .. tostring(err):match("^[^\n]*") end
      end
      assert.is_nil(s.buffer, nf[1] .. "'s example is not a finished chunk")
    end
    io.stdout:close()
    io.stdout = stdout -- luacheck: ignore 122
    assert.are.same({}, failed)
  end)

  it("explains a function, a module, an object and a name, and says when it cannot", function()
    local ree = require("ree")
    local text = help.text(ree.oxide_factor)
    assert.truthy(text:find("^ree.oxide_factor%(el%)\n"))
    assert.truthy(text:find("\nExample:\n  ree.oxide_factor \"Nd\"", 1, true))
    assert.truthy(text:find("%(scripts/ree/init.lua:%d+%)$"))
    local module = help.text(ree.magnet)
    assert.truthy(module:find("\n  .grades                Names of the grades in the data.\n", 1, true))
    local object = help.text(ree.series { from = 2010, unit = "t", 1 })
    assert.truthy(object:find("^ree.Series 2010%-2010, t"))
    assert.truthy(object:find("\n  :cagr                  The compound annual growth rate", 1, true))
    assert.are.equal(help.text(ree.magnet), help.text("ree.magnet", { ree = ree }))
    assert.are.equal(help.text(require("ree.models.china")), help.text("ree.models.china", {}))
    assert.are.equal("help: nothing is called 'ree.nosuch'", help.text("ree.nosuch", { ree = ree }))
    assert.are.equal("help: this function has no documentation", help.text(function() end))
    assert.truthy(help.text():find("^ree: the rare%-earth supply chain, executable"))
  end)
end)
