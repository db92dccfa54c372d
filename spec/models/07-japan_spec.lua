local ree = require("ree")
local japan = require("ree.models.japan")
local market_model = require("ree.models.market_model")

--- Nd and Dy markets a hand can follow: China supplies any amount at p0
-- and a quota squeezes exports in 2011, so prices outside China jump.
local function scenario(policies)
  local params = {}
  local function set(name, v) params[name] = { value = v, source = "assumption", range = { v, v } } end
  for el, p0 in pairs({ Nd = 40, Dy = 400 }) do
    for k, v in pairs({ p0 = p0, d_cn0 = 1000, d_rw0 = 500, e_lr = -0.6, lambda = 0.25,
      s_cn = { { cost = p0, cap = 1e6 } }, tax = 0, vat_lost = 0, cap = false, thrift_rmax = 0, thrift_m = 1,
      k_min = 1, p_floor = 0, surplus = "dispose" }) do
      set(el .. "." .. k, v)
    end
    -- a quota only in 2011: the other years missing, which is none
    params[el .. ".quota"] = { value = ree.series { from = 2010, to = 2013, unit = "t", nil, 250 },
      source = "assumption", range = { 0, 500 } }
  end
  return ree.scenario { name = "Nd and Dy", years = { 2010, 2013 }, params = params, policies = policies,
    model = market_model { elements = { "Nd", "Dy" } } }
end

describe("Japan's countermeasures #models", function()
  local base = scenario():run()

  it("Dy saving lowers Dy's intensity after a dear year, and only Dy's", function()
    local res = scenario({ japan.dy_saving() }):run()
    -- 2012 sees 2011's Dy price, far above 5 p0: the full 10% of the way to 2.5/4.5
    assert.near(2.5 / 4.5 + (1 - 2.5 / 4.5) * 0.9, res.intensity.Dy.total[2012], 1e-12)
    assert.are.equal(1, res.intensity.Nd.total[2012])
    assert.is_true(res.demand.Dy.RW[2013] < base.demand.Dy.RW[2013])
    assert.are.equal(base.price.Nd.fob, res.price.Nd.fob)
  end)

  it("substitution lowers the elements it names", function()
    local res = scenario({ japan.substitution { elements = { "Nd" } } }):run()
    assert.near(0.7 + 0.3 * 0.9, res.intensity.Nd.total[2012], 1e-12)
    assert.are.equal(base.price.Dy.fob, res.price.Dy.fob)
  end)

  it("recycling brings back what retires from the stock of magnets in use", function()
    -- magnets that last exactly 2 years; half of what retires comes back
    local res = scenario({ japan.recycling { lifetime = { "fixed", years = 2 }, collection = 0.5,
      magnet_share = 1, cost = 1, elements = { "Nd" } } }):run()
    assert.near(0, res.supply.Nd.RW[2011], 1e-9)
    -- 2012: half of 2010's use outside China, offered at 1 US$/kg, all sold
    assert.near(0.5 * res.demand.Nd.RW[2010], res.supply.Nd.RW[2012], 1e-9)
    assert.near(0.5 * res.demand.Nd.RW[2011], res.supply.Nd.RW[2013], 1e-9)
    assert.is_true(res.exports.Nd[2012] < base.exports.Nd[2012])
    -- by default the lifetime is consumer electronics' (2-3 years, models/data/magnet-uses.json)
    assert.are.same({ "normal", mean = 2.5, sd = 0.25 }, (ree.magnet.lifetime "consumer electronics"))
  end)

  it("new mines come online after their lead time and co-produce", function()
    local res = scenario({ japan.new_mines { molycorp = false } }):run()
    -- Lynas: started 2008, 4 years' lead: online 2012, a quarter of 11,000 t
    -- REO, 18.5% of it Nd (models/data/deposits.json), if its basket pays
    assert.are.equal(0, res.mined.Nd[2011])
    assert.are.equal(1, res.project.Lynas.running[2012])
    assert.near(11000 / 4 * ree.magnet.supply({ ["Mt Weld"] = 1 }).reo.Nd, res.mined.Nd[2012], 1e-9)
  end)

  it("the trading houses' projects join the pipeline; SARECO waits for a deposit", function()
    local function names(policy)
      local p = {}
      policy.apply(p)
      local out = {}
      for i, pr in ipairs(p.projects) do out[i] = pr.name end
      return out, p.projects
    end
    assert.are.same({ "Lynas", "Mountain Pass", "Orissa" }, (names(japan.new_mines())))
    -- Orissa: building from 2011, commissioning in 2014 (reuters-2014-irel), so online in 2015
    local _, projects = names(japan.new_mines { lynas = false, molycorp = false })
    assert.are.equal(2015, projects[1].start + projects[1].lead)
    -- SARECO with element shares a user supplies, the other fields kept
    local list, with_sareco = names(japan.new_mines { lynas = false, molycorp = false, orissa = false,
      sareco = { deposit = "Longnan" } })
    assert.are.same({ "SARECO" }, list)
    assert.are.same({ name = "SARECO", deposit = "Longnan", capacity = 1500, start = 2010, lead = 4, ramp = 3,
      cost = 20 }, with_sareco[1])
    assert.has_error(function() japan.new_mines { sareco = { grade = 1 } } end,
      "japan.new_mines: unknown field 'grade' of project 'sareco'")
    assert.has_error(function() japan.new_mines { kazakhstan = false } end,
      "japan.new_mines: unknown option 'kazakhstan'")
  end)

  it("a stockpile buys whatever the price, and sells it all back in the release year", function()
    -- 5% of Japan's reference demand a year in 2008-2009, all of it back in 2011
    local p = { ["Nd.d_jp0"] = 1000 }
    local pol = japan.stockpile { elements = { "Nd" } }
    pol.apply(p, 2008)
    assert.are.equal(50, p["Nd.stock_rw"])
    p = { ["Nd.d_jp0"] = 1000 }
    pol.apply(p, 2011)
    assert.are.equal(-100, p["Nd.stock_rw"]) -- two years of 50
    assert.are.same({ 2008, 2011 }, { pol.from, pol.to })
    assert.has_error(function() pol.apply({}, 2008) end,
      "japan.stockpile: the model has no 'Nd.d_jp0' (Japan's reference demand)")
  end)

  it("the WTO case ends China's duties, lost rebate and quotas from its removal year", function()
    local p = { ["Nd.tax"] = 0.25, ["Nd.vat_lost"] = 0.14, ["Nd.quota"] = 250, quota_total = 30000,
      ["quota_total.light"] = 27000, ["loc.alloy.duty"] = 0.25, ["Nd.p0"] = 40 }
    local case = japan.wto_case()
    assert.are.equal(2015, case.from)
    case.apply(p)
    assert.are.same({ ["Nd.tax"] = 0, ["Nd.vat_lost"] = 0, ["Nd.quota"] = false, quota_total = false,
      ["quota_total.light"] = false, ["loc.alloy.duty"] = 0, ["Nd.p0"] = 40 }, p)
    -- had the case gone faster: the quota of 2011 gone
    local res = scenario({ japan.wto_case { removal = 2011 } }):run()
    assert.are.equal(0, res.quota_binding.Nd[2011])
    assert.are.equal(1, base.quota_binding.Nd[2011])
    assert.has_error(function() japan.wto_case { removal = 1870 } end,
      "japan.wto_case: option 'removal' is 1870, outside 2000 to 2050")
  end)

  it("export control and patents add their costs to moving magnet making", function()
    local p = {}
    japan.export_control().apply(p, 2012)
    japan.patent_expiry().apply(p, 2012)
    assert.are.same({ ["loc.magnet.kappa.CN"] = 30, ["loc.magnet.kappa.RW"] = 10 }, p)
    local control = japan.export_control()
    assert.are.same({ 2012, 2013 }, { control.from, control.to })
    assert.are.equal(2013, japan.patent_expiry().to)
  end)

  it("says what each does and where its numbers come from, and names a bad option", function()
    local text = japan.describe()
    assert.truthy(text:find("japan.dy_saving()", 1, true))
    assert.truthy(text:find("k_min      0.5556                 seed-2012, range 0.4-0.75", 1, true))
    assert.has_error(function() japan.recycling { rate = 1 } end, "japan.recycling: unknown option 'rate'")
    -- recycling reads what the model exposes, never its private state
    local bare = ree.scenario { years = { 2010, 2010 }, model = { supply = function() end },
      policies = { japan.recycling() } }
    assert.has_error(function() bare:run() end,
      "japan.recycling: the model must expose the use outside China (model.exposes.use_outside_china)")
    assert.has_error(function() japan.recycling { colection = 0.2 } end,
      "japan.recycling: unknown option 'colection' (did you mean 'collection'?)")
    -- a share of the scrap collected: 0 to 1 (its plausible range, 1% to 50%, is for trying)
    assert.has_error(function() japan.recycling { collection = 1.4 } end,
      "japan.recycling: option 'collection' is 1.4, outside 0 to 1")
    assert.has_error(function() japan.recycling { collection = -3 } end,
      "japan.recycling: option 'collection' is -3, outside 0 to 1")
    assert.has_error(function() japan.recycling { collection = 0 / 0 } end,
      "japan.recycling: option 'collection' is NaN, outside 0 to 1")
    assert.has_no_error(function() japan.recycling { collection = 0.8 } end)
    assert.has_error(function() japan.dy_saving { from = "2011" } end,
      "japan.dy_saving: option 'from' takes a number, not a string")
    assert.has_error(function() japan.new_mines { lynas = 5 } end,
      "japan.new_mines: option 'lynas' takes a table, not a number")
  end)
end)
