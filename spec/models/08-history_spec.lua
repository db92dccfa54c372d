local base = require("ree.models.scenarios.base")
local history = require("ree.models.scenarios.history")
local validation = require("ree.models.scenarios.validation")

describe("the history scenarios #models", function()
  local res = history.scenario("history"):run()
  local ladder = history.scenario("ladder_only"):run()

  it("reproduce the 2009 market they are built on", function()
    -- 2009's duties and lost rebate put FOB at the reference price, by construction
    for _, el in ipairs(base.ELEMENTS) do
      assert.relatively_near(base.PRICES[el].value, res.price[el].fob[2009], 1e-9)
    end
    -- shares from the 2010 mining quotas: La 23% of 77,000 t and 1.8% of 12,200 t over 89,200 t
    assert.near((0.23 * 77000 + 0.018 * 12200) / 89200, base.shares.La, 1e-12)
  end)

  it("cut 2010's exports to the recorded quota, scaled to the five elements", function()
    local exports = 0
    for _, el in ipairs(base.ELEMENTS) do exports = exports + res.exports[el][2010] end
    assert.relatively_near(30258 * base.modelled_share, exports, 1e-6)
    assert.is_true(res.licence.all[2010] > 0)
  end)

  it("let each countermeasure move what it acts on", function()
    local dy = history.scenario("dy_saving"):run()
    assert.is_true(dy.intensity.Dy.total[2013] < 1)
    -- while China's caps and quotas fix the tonnage it ships, saving Dy
    -- lowers its price outside China, not what Japan buys; once they are
    -- gone (2015), it lowers what Japan buys
    assert.is_true(dy.price.Dy.fob[2013] < ladder.price.Dy.fob[2013])
    assert.relatively_near(ladder.demand.Dy.JP[2013], dy.demand.Dy.JP[2013], 1e-9)
    local japan = require("ree.models.japan")
    local wto = history.scenario("wto_case"):run()
    local saved = base.scenario { name = "WTO and Dy saving",
      policies = { table.unpack(history.china_policies_without_wto()) } }
    local both = saved:apply(japan.wto_case(), japan.dy_saving()):run()
    assert.is_true(both.demand.Dy.JP[2015] < wto.demand.Dy.JP[2015])
    assert.are.equal(1, dy.intensity.Nd.total[2013])
    local mines = history.scenario("new_mines"):run()
    -- online from 2012 (Lynas, Mountain Pass), mining in the years their basket pays
    local mined, idle = 0, 0
    for year = 2012, 2015 do
      mined, idle = mined + mines.mined.Nd[year], idle + ladder.mined.Nd[year]
    end
    assert.is_true(mined > 0)
    assert.are.equal(0, idle)
    local none = history.scenario("no_restrictions"):run()
    assert.are.equal(0, none.quota_binding.Nd[2011])
    -- the ladder pulls alloy making into China while oxide and metal are
    -- taxed and alloy is not (2007-2009), then magnet making as alloy is
    -- taxed too; the export control holds some back
    assert.is_true(ladder.location.alloy.CN[2009] > none.location.alloy.CN[2009])
    assert.is_true(ladder.location.magnet.CN[2014] > none.location.magnet.CN[2014])
    local free = history.scenario("no_export_control"):run()
    assert.is_true(res.location.magnet.CN[2013] < free.location.magnet.CN[2013])
    assert.are.equal(res.location.magnet.CN[2011], free.location.magnet.CN[2011]) -- the same until 2012
    -- a stockpile bought in 2008-09 (China's spare capacity meets it at the
    -- same price: more exports) eases the price when it sells in 2011
    local stock = base.scenario { name = "stockpile", policies = { table.unpack(history.china_policies()) } }
    stock:apply(require("ree.models.japan").stockpile())
    local held = stock:run()
    assert.relatively_near(0.05 * base.params["Nd.d_jp0"].value, held.stockpiled.Nd[2008], 1e-12)
    assert.relatively_near(ladder.exports.Nd[2008] + held.stockpiled.Nd[2008], held.exports.Nd[2008], 1e-9)
    assert.is_true(held.price.Nd.fob[2011] < ladder.price.Nd.fob[2011])
    -- without the WTO case, 2014's duties carry on into 2015
    local no_wto = history.scenario("no_wto"):run()
    assert.are.equal(0, res.revenue.Nd[2015])
    assert.is_true(no_wto.revenue.Nd[2015] > 0)
    assert.are.equal(res.revenue.Nd[2014], no_wto.revenue.Nd[2014])
    assert.has_error(function() history.scenario("wto") end, "history: no scenario 'wto'")
  end)

  it("run every scenario they name, the WTO case among the countermeasures", function()
    assert.are.same({ "history", "no_restrictions", "ladder_only", "all_countermeasures", "no_export_control",
      "no_wto", "dy_saving", "substitution", "new_mines", "recycling", "stockpile", "wto_case", "export_control",
      "patents" }, history.NAMES)
    for _, name in ipairs(history.NAMES) do
      local run = history.scenario(name):run()
      assert.is_true(run.price.Nd.fob[2015] > 0, name)
    end
    -- the ladder alone keeps China's duties into 2015; the WTO case alone ends them
    assert.is_true(ladder.revenue.Nd[2015] > 0)
    assert.are.equal(0, history.scenario("wto_case"):run().revenue.Nd[2015])
  end)

  it("meet some facts of the record and miss others, and say which", function()
    local facts = validation.check(res)
    local verdicts = {}
    for i, f in ipairs(facts) do verdicts[i] = f.holds end
    -- met: the composition effect of 2010, the slack quota of 2012, China's
    -- four fifths of magnet making in 2010. Missed:
    -- the 2011 wedge and peaks (an annual model, no speculation or
    -- stock-building), Japan's fall (-10% against -32%), the 2013 La/Ce
    -- collapse (the model cycles). Update this line and the note when the
    -- model changes what it meets.
    assert.are.same({ true, false, false, false, false, true, false, true }, verdicts)
    assert.truthy(validation.report(facts):find("MISS  Nd oxide peaks in the hundreds of US$/kg", 1, true))
  end)
end)
