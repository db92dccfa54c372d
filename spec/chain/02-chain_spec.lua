local ree = require("ree")

--- The route of the C tests: a -> b -> c, yields 0.9, 0.8, 0.65, c sending
-- 90% of its scrap back to b. By hand, 100 t out of c take a feed of
-- 0.935 * 100 / 0.585 t.
local FEED = 0.935 * 100 / 0.585

local function route(mode, given)
  local push = mode == "push"
  local c = ree.chain { elements = { "Nd", "Fe" }, from = 2010, to = 2011 }
  c:process("a", { mode = mode }):process("b", { mode = mode }):process("c", { mode = mode })
  c:flow { "feed", to = "a", pull = (not push) and 1 or nil, value = push and given or nil }
  c:flow { "a loss", from = "a", tc = 0.1 }
  c:flow { "a to b", from = "a", to = "b", pull = (not push) and 1 or nil, split = push and 1 or nil }
  c:flow { "b loss", from = "b", tc = 0.2 }
  c:flow { "b to c", from = "b", to = "c", pull = (not push) and 1 or nil, split = push and 1 or nil }
  c:flow { "scrap", from = "c", to = "b", tc = 0.315, note = "90% of the scrap, CJC" }
  c:flow { "c loss", from = "c", tc = 0.035 }
  c:flow { "product", from = "c", value = (not push) and given or nil, split = push and 1 or nil }
  return c
end

describe("the mass-balance graph #unit", function()
  it("pulls the route as by hand, year by year and element by element", function()
    local demand = ree.series { from = 2010, unit = "t", 100, 200 }
    local r = route("pull", { Nd = demand, Fe = 50 }):solve()
    assert.near(FEED, r:value("feed", "Nd", 2010), 1e-12)
    assert.near(2 * FEED, r:value("feed", "Nd", 2011), 1e-12)
    assert.near(FEED / 2, r:value("feed", "Fe", 2011), 1e-12)
    assert.near(0.315 * 100 / 0.65, r:value("scrap", "Nd", 2010), 1e-12)
    local worst = r:balance()
    assert.is_true(worst < 1e-9)
  end)

  it("pushes the same numbers the other way", function()
    local r = route("push", { Nd = FEED, Fe = 0 }):solve()
    assert.near(100, r:value("product", "Nd", 2011), 1e-12)
    assert.are.equal(0, r:value("product", "Fe", 2011))
  end)

  it("explains where a number comes from", function()
    local r = route("pull", { Nd = 100 }):solve()
    assert.are.equal("scrap, Nd 2010: 48.5 t = transfer coefficient 0.315 of the input of 'c' (154 t); "
      .. "90% of the scrap, CJC", r:explain("scrap", "Nd", 2010))
    assert.are.equal("a to b, Nd 2010: 144 t = share 1 of what 'b' needs (192 t) after its other inflows (48.5 t)",
      r:explain("a to b", "Nd", 2010))
    assert.are.equal("product, Nd 2010: 100 t = given: 100 t", r:explain("product", "Nd", 2010))
  end)

  it("writes JSON and CSV of every flow", function()
    local r = route("pull", { Nd = 100 }):solve()
    local doc = ree.core.json_decode(r:json())
    assert.are.equal(8, #doc.flows)
    assert.near(FEED, doc.flows[1].values.Nd[1], 1e-9)
    local text = r:csv()
    assert.are.equal("flow,from,to,element,year,value_t", text:match("^[^\n]*"))
    assert.truthy(text:find("\nproduct,c,outside,Nd,2011,100\n", 1, true))
    assert.truthy(r:table(2010):find("largest balance residual", 1, true))
  end)

  it("solves a thousand processes in a line with a recycle loop, as by hand", function()
    -- 100 t into p1; each p_k loses 1% and sends the rest on; the last sends 10% of its input back to
    -- p1 (and loses the rest). By hand X_k = 0.99^(k-1) X_1 and X_1 = 100 + 0.1 X_N: X_1 = 100 / (1 - 0.1 * 0.99^(N-1))
    local n = 1000
    local c = ree.chain { elements = { "Nd" }, from = 2011 }
    for k = 1, n do c:process("p" .. k, { mode = "push" }) end
    c:flow { "feed", to = "p1", value = 100 }
    for k = 1, n do
      c:flow { "loss " .. k, from = "p" .. k, tc = k < n and 0.01 or 0.9 }
      if k < n then c:flow { "on " .. k, from = "p" .. k, to = "p" .. (k + 1), split = 1 } end
    end
    c:flow { "back", from = "p" .. n, to = "p1", tc = 0.1 }
    local r = c:solve()
    local x1 = 100 / (1 - 0.1 * 0.99 ^ (n - 1))
    assert.near(x1, r:input("p1", "Nd")[2011], 1e-9 * x1)
    assert.near(0.99 ^ (n - 1) * x1, r:input("p" .. n, "Nd")[2011], 1e-9 * x1)
    assert.near(0.1 * 0.99 ^ (n - 1) * x1, r:value("back", "Nd", 2011), 1e-9 * x1)
    assert.is_true(r:balance() < 1e-9 * x1)
  end)

  it("draws a Sankey diagram with its recycle loop", function()
    local svg = route("pull", { Nd = 100 }):solve():sankey(nil, { element = "Nd", year = 2010, title = "Route" })
    assert.truthy(svg:find("<title>scrap: 48.5 t</title>", 1, true))
    assert.truthy(svg:find('<path class="recycling" d="[^"]+" fill="none" stroke="#E69F00"')) -- the loop, in amber
    assert.are.same({}, require("spec.helpers").label_overlaps(svg))
    assert.truthy(svg:find(">Route: Nd, 2010</text>", 1, true))
  end)

  it("names what is wrong, with the element and the year", function()
    local c = route("pull", { Nd = 100 })
    c.flows[1].coef = { Nd = 1, Fe = 0.5 }
    assert.has_error(function() c:solve() end, "chain: process 'a': pulled shares sum to 0.5, not 1 (Fe, 2010)")
    c = ree.chain { elements = { "Nd" }, from = 2011 }
    c:process("a"):process("b")
    c:flow { "in", to = "a", value = 1 }
    c:flow { "ab", from = "a", to = "b", split = 1 }
    c:flow { "ba", from = "b", to = "a", split = 1 }
    assert.has_error(function() c:solve() end,
      "chain: no steady state: the loop through 'a', 'b' keeps everything it receives")
    assert.has_error(function() c:flow { "x", from = "z", tc = 1 } end,
      "chain: flow 'x' comes from unknown process 'z'")
    assert.has_error(function() c:flow { "y", from = "a", tc = 1, split = 1 } end,
      "chain: flow 'y' has both 'tc' and 'split'")
    assert.has_error(function() c:flow { "y", from = "a" } end,
      "chain: flow 'y' needs one of tc, split, pull or value")
    assert.has_error(function() c:flow { "y", from = "a", spilt = 1 } end,
      "chain: flow 'y' has an unknown key 'spilt' (did you mean 'split'?)")
    assert.has_error(function() c:process("a") end, "chain: process 'a' is defined twice")
    assert.has_error(function() ree.chain { elements = { "Xx" }, from = 2011 } end, "chain: unknown element 'Xx'")
  end)

  it("takes a flow declared by a formula, a grade or a composition", function()
    local c = ree.chain { elements = { "Nd", "O", "Fe", "Dy" }, from = 2011 }
    c:process("use")
    c:flow { "oxide", to = "use", value = { t = 1000, of = "Nd2O3" } }
    c:flow { "magnets", to = "use", value = { t = 100, of = "jp-2011-mix" } }
    c:flow { "mix", to = "use", value = { t = ree.series { from = 2011, unit = "t", 10 }, of = ree.formula "Fe2O3" } }
    c:flow { "out", from = "use", split = 1 }
    local r = c:solve()
    local nd2o3 = ree.formula "Nd2O3"
    assert.near(1000 * nd2o3:mass_fraction "Nd", r:value("oxide", "Nd"), 1e-9)
    assert.near(1000 * nd2o3:mass_fraction "O", r:value("oxide", "O"), 1e-9)
    assert.near(4, r:value("magnets", "Dy"), 1e-12) -- 4 wt% Dy
    assert.near(10 * ree.formula("Fe2O3"):mass_fraction "Fe", r:value("mix", "Fe"), 1e-12)
    -- the goods layer: what was given as goods, and each element's tonnes as a share of it
    assert.are.same({ 1000, 100, 10 }, { r:goods("oxide"), r:goods("magnets"), r:goods("mix", 2011) })
    assert.is_nil(r:goods("out"))
    local text = r:table(2011)
    assert.truthy(text:find("goods (t)", 1, true))
    assert.truthy(text:find("4 (4%)", 1, true)) -- Dy in the magnets
    assert.truthy(text:find(string.format("%s (%s%%)", require("ree.format").number(1000 * nd2o3:mass_fraction "Nd"),
      require("ree.format").number(100 * nd2o3:mass_fraction "Nd")), 1, true))
    assert.has_error(function() r:goods("nothing") end, "chain: no flow 'nothing'")
    assert.has_error(function()
      local d = ree.chain { elements = { "Nd" }, from = 2011 }
      d:process("p")
      d:flow { "x", to = "p", value = { t = 1, of = "unobtainium" } }
      d:flow { "y", from = "p", split = 1 }
      d:solve()
    end, "chain: flow 'x': 'of' must be a composition, a magnet grade or a formula")
  end)

  it("lists its largest residuals", function()
    local r = route("pull", { Nd = 100 }):solve()
    local top = r:residuals(3)
    assert.are.equal(3, #top)
    assert.is_true(math.abs(top[1].residual) >= math.abs(top[3].residual))
    assert.is_true(math.abs(top[1].residual) < 1e-9 * FEED)
  end)

  it("keeps, in a result, the chain as it was solved", function()
    local c = ree.chain { elements = { "Nd" }, from = 2011, to = 2011 }
    c:process("alloy", { mode = "pull" })
    c:flow { "metal", to = "alloy", pull = 1 }
    c:flow { "alloy out", from = "alloy", value = { Nd = 100 } }
    local r = c:solve()
    c:flow { "scrap", from = "alloy", tc = 0.1 } -- after the solve: the next one's business
    assert.truthy(r:table(2011):find("metal", 1, true))
    assert.is_nil(r:table(2011):find("scrap", 1, true))
    assert.has_error(function() r:flow("scrap", "Nd") end, "chain: no flow 'scrap'")
    assert.near(100, c:solve():flow("metal", "Nd")[2011] * 0.9, 1e-9)
  end)

  it("conserves mass in random chains (a property)", function()
    -- pushed chains of random shape: each process sends random shares
    -- forward and back, loses some, keeps some in stock
    local seed = 7
    local function rand()
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed / 2147483648
    end
    for trial = 1, 40 do
      local n = 2 + trial % 7
      local c = ree.chain { elements = { "Nd", "Dy" }, from = 2000 }
      for i = 1, n do c:process("p" .. i) end
      c:flow { "in", to = "p1", value = { Nd = 1000 * rand(), Dy = 10 * rand() } }
      for i = 1, n do
        local loss, stock = 0.05 + 0.3 * rand(), 0.2 * rand()
        c:flow { "loss " .. i, from = "p" .. i, tc = loss }
        c:flow { "stock " .. i, from = "p" .. i, to = "stock", tc = stock }
        local targets = {}
        for j = 1, n do if j ~= i and rand() < 0.5 then targets[#targets + 1] = j end end
        if #targets == 0 then targets[1] = i % n + 1 end
        local weights, total = {}, 0
        for k = 1, #targets do weights[k] = rand() + 0.01 total = total + weights[k] end
        for k, j in ipairs(targets) do
          c:flow { i .. " to " .. j, from = "p" .. i, to = "p" .. j, split = weights[k] / total }
        end
        c:flow { "out " .. i, from = "p" .. i, tc = 0.01 }
      end
      local r = c:solve()
      local worst = r:balance()
      local scale = r:value("in", "Nd", 2000)
      assert.is_true(worst <= 1e-9 * scale, "trial " .. trial .. ": residual " .. worst)
    end
  end)
end)
