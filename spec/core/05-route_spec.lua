local core = require "ree.core"

describe("routes through Lua #unit", function()
  -- The C tests' hand calculation: a -> b -> c, yields 0.9, 0.8, 0.65, c
  -- returning 90% of its scrap to b. For 100 t out of c the feed is
  -- 0.935 * 100 / 0.585 t.
  local function abc()
    local r = core.route()
    assert.are.equal(1, r:add_stage("a", 0.9))
    r:add_stage("b", 0.8)
    r:add_stage("c", 0.65, 0.9, "b")
    return r
  end

  it("walks backward and forward", function()
    local r = abc()
    local back = r:backward("a", 100)
    assert.near(0.935 * 100 / 0.585, back[1].upstream, 1e-12)
    assert.are.same({ "a", "b", "c" }, r:stages())
    local fwd = r:forward("a", back[1].upstream)
    assert.near(100, fwd[3].output, 1e-12)
    for i = 1, 3 do assert.near(0, fwd[i].residual, 1e-12) end
    assert.are.equal("ree.Route (3 stages)", tostring(r))
  end)

  it("names bad stages and refuses a closed route", function()
    local r = abc()
    assert.has_error(function() r:add_stage("d", 0.5, 0.5, "z") end,
      "stage 'd': scrap returns to unknown stage 'z'")
    assert.has_error(function() r:backward("z", 1) end, "no stage 'z' in the route")
    assert.are.same({ nil, "amount must be a non-negative number, got -1", -2 }, { r:backward("a", -1) })
    r:close()
    assert.are.equal("ree.Route (closed)", tostring(r))
    assert.has_error(function() r:stages() end, "calling 'stages' on bad self (attempt to use a closed route)")
    r:close() -- twice is harmless
  end)

  it("closes at the end of a scope", function()
    local kept
    do
      local r <close> = abc()
      kept = r
    end
    assert.are.equal("ree.Route (closed)", tostring(kept))
  end)
end)
