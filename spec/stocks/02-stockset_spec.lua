-- Stock models by region and product (ree.stock_models), and a stock a
-- scenario builds year by year and recycles from (ree.carry), by hand.
local ree = require("ree")
local carry = require("ree.carry")

local function flat(v, from, n)
  local t = {}
  for i = 1, n do t[i] = v end
  return ree.series { from = from, unit = "t", table.unpack(t) }
end

-- motors last 10 years, phones 3 (fixed lifetimes), flat inflows from 2000:
-- by 2019 China holds 10 x 100 t of motors and 3 x 50 t of phones, Japan
-- 10 x 20 t of motors; what retires in 2019 is one year's inflow of each
local function set_of(content)
  return ree.stock_models { regions = { "CN", "JP" }, products = { "motors", "phones" },
    lifetime = { motors = { "fixed", years = 10 }, phones = { "fixed", years = 3 } },
    inflow = { CN = { motors = flat(100, 2000, 20), phones = flat(50, 2000, 20) },
      JP = { motors = flat(20, 2000, 20) } },
    content = content }
end

describe("stock models by region and product #stocks", function()
  it("sums stocks and outflows over regions and products, as by hand", function()
    local set = set_of { motors = { Dy = 0.01 }, phones = { Nd = 0.002 } }
    assert.are.equal(1350, set:stock()[2019])
    assert.are.equal(200, set:stock({ region = "JP" })[2019])
    assert.are.equal(1200, set:stock({ product = "motors" })[2019])
    assert.are.equal(50, set:outflow({ product = "phones" })[2019])
    assert.are.equal(170, set:outflow()[2019])
    assert.are.equal(170, set:inflow()[2019])
    assert.are.equal(0, set:balance())
    assert.are.equal("stock, JP", set:stock({ region = "JP" }):name())
  end)

  it("carries each product's element content by vintage", function()
    -- Dy: 1% of motors; Nd: 0.2% of phones made before 2010, 0.1% after (a series by vintage)
    local nd = {}
    for y = 2000, 2019 do nd[#nd + 1] = y < 2010 and 0.002 or 0.001 end
    local set = set_of { motors = { Dy = 0.01 }, phones = { Nd = ree.series { from = 2000, unit = "fraction",
      table.unpack(nd) } } }
    local dy_out, dy_in = set:element("Dy")
    assert.near(1.2, dy_out[2019], 1e-12)   -- (100 + 20) x 1%
    assert.near(12, dy_in[2019], 1e-12)     -- 1,200 t x 1%
    local nd_out = set:element("Nd", { region = "CN" })
    assert.near(50 * 0.002, nd_out[2009], 1e-15) -- the 2006 phones retire in 2009
    assert.near(50 * 0.001, nd_out[2013], 1e-15) -- the 2010 phones in 2013
  end)

  it("names what is wrong with its cells and contents", function()
    local lifetime = { motors = { "fixed", years = 10 } }
    local one = { CN = { motors = flat(1, 2000, 2) } }
    local function err(spec)
      local ok, e = pcall(ree.stock_models, spec)
      assert.is_false(ok)
      return (e:gsub("^[^:]+:%d+: ", ""))
    end
    assert.are.equal("stock_models: no region 'KR'",
      err { regions = { "CN" }, products = { "motors" }, lifetime = lifetime, inflow = { KR = {} } })
    assert.are.equal("stock_models: no product 'motor' (did you mean 'motors'?)",
      err { regions = { "CN" }, products = { "motors" }, lifetime = lifetime,
        inflow = { CN = { motor = flat(1, 2000, 2) } } })
    assert.are.equal("stock_models: the Dy content of 'motors' is 1.5: a content lies from 0 to 1",
      err { regions = { "CN" }, products = { "motors" }, lifetime = lifetime, inflow = one,
        content = { motors = { Dy = 1.5 } } })
    assert.are.equal("stock_models: the Nd content of 'motors' is -0.1 in 2001: a content lies from 0 to 1",
      err { regions = { "CN" }, products = { "motors" }, lifetime = lifetime, inflow = one,
        content = { motors = { Nd = ree.series { from = 2000, unit = "fraction", 0.1, -0.1 } } } })
    assert.are.equal("stock_models: no lifetime for CN phones",
      err { regions = { "CN" }, products = { "motors", "phones" }, lifetime = lifetime,
        inflow = { CN = { phones = flat(1, 2000, 2) } } })
    assert.are.equal("stock_models: give either inflow or stock, by region and product",
      err { regions = { "CN" }, products = { "motors" }, lifetime = lifetime })
    local set = set_of {}
    assert.has_error(function() set:stock { region = "JP", prodcut = "motors" } end,
      "stock: unknown option 'prodcut' (did you mean 'product'?)")
    assert.has_error(function() set:element("Dy") end, "element: no product there holds Dy")
  end)
end)

describe("a stock carried across a scenario's years #stocks", function()
  it("recycles the products a scenario put in use, as by hand", function()
    -- 100 t of magnets a year from 2000, each lasting 5 years: from 2005 100 t
    -- retire a year, 90% of it comes back as scrap, and the next year's
    -- virgin metal is 100 - 90 = 10 t
    local model = {
      diagnostics = function(state, _, year)
        local m = state.memory
        m.magnets = m.magnets or carry.new { lifetime = { "fixed", years = 5 }, unit = "t" }
        local scrap = m.scrap or 0
        carry.add(m.magnets, year, 100)
        m.scrap = 0.9 * carry.outflow(m.magnets, year)
        state.record("virgin", 100 - scrap, "t")
        state.record("in use", carry.stock(m.magnets, year), "t")
      end,
    }
    local sc = ree.scenario { name = "recycling", years = { 2000, 2010 }, model = model }
    local res = sc:run()
    assert.are.same({ 100, 100, 100, 100, 100, 100, 10, 10 }, { table.unpack(res.virgin:values(), 1, 8) })
    assert.are.equal(500, res["in use"][2010])
    -- a fork starts from the stock as it was, and runs on with a copy of it
    local fork = sc:fork(2008):run()
    assert.are.same(res.virgin:values(), fork.virgin:values())
    assert.are.equal(500, sc:run()["in use"][2010]) -- the original's stock untouched by the fork
  end)

  it("takes the years in order, and inflows it can hold", function()
    local s = carry.new { lifetime = { "fixed", years = 5 }, unit = "t" }
    carry.add(s, 2000, 1)
    assert.has_error(function() carry.add(s, 2002, 1) end,
      "carry.add: 2002 comes after 2000; the years are added in order, once each")
    assert.has_error(function() carry.add(s, 2001, -1) end,
      "carry.add: the inflow of 2001 is a number of 0 or more, not -1")
    assert.has_error(function() carry.outflow(s, 2001) end, "carry.outflow: 2001 has no inflow yet (add it first)")
  end)
end)
