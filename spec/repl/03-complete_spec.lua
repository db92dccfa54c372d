local complete = require("app.complete")
local ree = require("ree")

describe("Tab completion #repl", function()
  local s = ree.series { from = 2010, unit = "t", 1, 2 }
  local env = setmetatable({ ree = ree, s = s, t = { alpha = 1, beta = { gamma = 2 }, [1] = "x" } },
    { __index = _G })

  it("offers globals and keywords for a bare name", function()
    assert.are.same({ "print" }, complete.words(env, "pri"))
    assert.are.same({ "while" }, complete.words(env, "whi"))
    local all = complete.words(env, "to")
    assert.are.same({ "tonumber", "tostring" }, all)
  end)

  it("offers, inside a string, what that string can name", function()
    local history = require("ree.models.scenarios.history")
    local scoped = setmetatable({ history = history, res = history.scenario("history"):run() }, { __index = env })
    assert.are.same({ "no_export_control", "no_restrictions", "no_wto" },
      complete.words(scoped, "no_", 'sc = history.scenario("'))
    assert.are.same({ "production" }, complete.words(scoped, "prod", "ree.data.load '"))
    assert.are.same({ "price.Dy.cn", "price.Dy.fob" }, complete.words(scoped, "price.D", 'res:get "'))
    assert.are.same({ "ree.formula" }, complete.words(scoped, "ree.form", 'help "'))
    -- a string Tab knows nothing of gets nothing, not Lua's names
    assert.are.same({}, complete.words(scoped, "pri", 'print("'))
    -- outside a string, names as before
    assert.are.same({ "print" }, complete.words(scoped, "pri", "x = "))
  end)

  it("offers a table's fields after '.', deep", function()
    assert.are.same({ "t.alpha", "t.beta" }, complete.words(env, "t."))
    assert.are.same({ "t.beta.gamma" }, complete.words(env, "t.beta.g"))
    assert.are.same({ "ree.magnet.grade", "ree.magnet.grades" }, complete.words(env, "ree.magnet.gr"))
    assert.are.same({}, complete.words(env, "nosuch.x"))
  end)

  it("offers methods after ':', also of a userdata whose __index is a function", function()
    assert.are.same({ "s:plot" }, complete.words(env, "s:pl"))
    assert.are.same({ "s:max", "s:mean", "s:min", "s:moving_average" }, complete.words(env, "s:m"))
    assert.are.same({}, complete.words(env, "t:al")) -- alpha is not a function
  end)

  it("lists a scenario's results by the names it recorded", function()
    local res = require("ree.models.scenarios.history").scenario("history"):run()
    env.res = res
    assert.are.same({ "res.price" }, complete.words(env, "res.pri"))
    assert.are.same({ "res.price.Nd" }, complete.words(env, "res.price.N"))
    assert.are.same({ "res:get" }, complete.words(env, "res:g"))
  end)
end)
