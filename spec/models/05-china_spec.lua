local china = require("ree.models.china")

describe("China's ladder #models", function()
  it("gives Corden's effective protection, as docs/MODELS.md's worked example", function()
    -- step 1, metal taxed 25% (t = -0.2), alloy and magnet untaxed:
    -- alloy (0 + 0.9 * 0.2) / 0.1 = +180%, magnet 0
    local step1 = china.erp { nominal = { metal = -0.2, alloy = 0, magnet = 0 } }
    assert.near(1.8, step1.alloy, 1e-12)
    assert.near(0, step1.magnet, 1e-15)
    -- step 2, alloy taxed too: alloy (-0.2 + 0.18) / 0.1 = -20%, magnet 0.7 * 0.2 / 0.3
    local step2 = china.erp { nominal = { metal = -0.2, alloy = -0.2, magnet = 0 } }
    assert.near(-0.2, step2.alloy, 1e-12)
    assert.near(0.14 / 0.3, step2.magnet, 1e-12)
    assert.near(-0.2, china.nominal_from_duty(0.25), 1e-15)
    -- quota wedges: R = 1.7 gives the magnet stage 0.7 (1 - 1/1.7) / 0.3, about +96%
    local r17 = china.nominal_from_ratio(1.7)
    assert.near(0.7 * (1 - 1 / 1.7) / 0.3, china.erp { nominal = { alloy = r17, magnet = 0 } }.magnet, 1e-12)
    assert.near(1.5556, china.erp { nominal = { alloy = china.nominal_from_ratio(3), magnet = 0 } }.magnet, 1e-4)
  end)

  it("reads the duty ladder from the record, with each rate's source", function()
    local ladder, sources = china.ladder("Nd", 2006)
    assert.are.same({ oxide = 0, metal = 0, alloy = 0, magnet = 0 }, ladder)
    assert.are.equal("seed-2012", sources.oxide)
    ladder, sources = china.ladder("Nd", 2011)
    assert.are.same({ oxide = 25, metal = 25, alloy = 25, magnet = 0 }, ladder)
    assert.are.same({ oxide = "gta-2151", metal = "gta-2151", alloy = "wsj-2011-05", magnet = "wsj-2011-08" }, sources)
    -- from 2008 the metals as the oxides: heavy 25%, light 15% (Nd metal was 10% in 2007)
    assert.are.equal(25, (china.ladder("Dy", 2008)).metal)
    assert.are.equal(10, (china.ladder("Nd", 2007)).metal)
    ladder, sources = china.ladder("Nd", 2009)
    assert.are.same({ 15, "american-elements-2008" }, { ladder.metal, sources.metal })
    -- the rates carry forward until a source states another, and end in 2015
    assert.are.equal(25, (china.ladder("Nd", 2013)).alloy)
    assert.are.same({ oxide = 0, metal = 0, alloy = 0, magnet = 0 }, (china.ladder("Dy", 2015)))
    assert.has_error(function() china.ladder("Sm", 2011) end,
      "china.ladder: no duty record for 'Sm' (La, Ce, Pr, Nd, Dy or Tb)")
    -- La and Ce: the sources disagree on 2010, and both readings are there
    assert.are.equal(15, (china.ladder("La", 2010)).oxide)               -- Global Trade Alert
    assert.are.equal(0, (china.ladder("Ce", 2010, "bloomberg")).oxide)   -- Bloomberg: not taxed in 2010
    assert.are.equal(25, (china.ladder("Ce", 2011, "bloomberg")).oxide)
    assert.has_error(function() china.ladder("Ce", 2011, "reuters") end,
      "china.ladder: reading must be \"gta\" or \"bloomberg\", not 'reuters'")
  end)

  it("moves the advantage from alloy making to sintering as the ladder climbs", function()
    local erp = china.erp_by_year("Dy", 2006, 2015)
    assert.are.equal(0, erp.alloy[2006])
    assert.near(1.8, erp.alloy[2008], 1e-12)   -- metal at 25%, alloy untaxed
    assert.near(0, erp.magnet[2008], 1e-15)
    assert.near(-0.2, erp.alloy[2011], 1e-12)  -- alloy at 25% too
    assert.near(0.14 / 0.3, erp.magnet[2011], 1e-12)
    assert.are.equal(0, erp.magnet[2015])
    assert.are.equal("fraction", erp.magnet:unit())
  end)

  it("counts light and medium/heavy elements as the 2012 split quotas do", function()
    -- models/data/ree-groupings.json, china2012: Sm is medium/heavy
    assert.are.same({ true, true, false, false, false }, { china.is_light "La", china.is_light "Nd",
      china.is_light "Sm", china.is_light "Dy", china.is_light "Y" })
  end)

  it("measures the protection of observed price wedges against the duties", function()
    local rows = china.erp_observed()
    local nd = rows[1]
    assert.are.same({ "2011-06", "Nd", "reuters-ibtimes-2011" }, { nd.date, nd.element, nd.source })
    -- by hand: oxide 0.85 x 0.9 x 0.7 = 0.5355 of a magnet's value; mid-2011
    -- Nd oxide 217 US$/kg in China against 370 FOB, a nominal rate of
    -- 217/370 - 1 for a user in China; magnets untaxed
    local a = 0.5355
    assert.near(a, china.oxide_share(), 1e-15)
    assert.near(370 / 217, nd.ratio, 1e-12)
    assert.near(a * (1 - 217 / 370) / (1 - a), nd.erp, 1e-12) -- +48%
    -- the duties alone: 25% on Nd oxide in 2011 and the lost rebate, 1.25 x 1.31 / 1.15
    assert.near(1.25 * 1.31 / 1.15, nd.duties, 1e-12)
    assert.near(a * (1 - 1.15 / (1.25 * 1.31)) / (1 - a), nd.erp_duties, 1e-12) -- +34%
    -- every observation shows the quota protecting beyond the duties
    for _, r in ipairs(rows) do assert.is_true(r.ratio > r.duties and r.erp > r.erp_duties) end
    local bad = "spec/fixtures/bad/wedge-without-ratio.json"
    assert.has_error(function() china.erp_observed(nil, bad) end,
      bad .. ": observation 1 (Nd, 2011-06) gives neither a ratio nor both prices")
  end)
end)

describe("China's export policy as scenario policies #models", function()
  it("sets duties, the lost VAT rebate and the quotas of the record, year by year", function()
    local list = china.policies({ "Nd", "Dy" }, 2006, 2015)
    assert.are.equal(10, #list)
    local by_year = {}
    for _, pol in ipairs(list) do by_year[pol.from] = pol.set end
    assert.are.same({ 0, 0, false }, { by_year[2006]["Nd.tax"], by_year[2006]["Nd.vat_lost"],
      by_year[2006].quota_total }) -- no quota: false, not a number
    assert.near(0.25, by_year[2011]["Dy.tax"], 1e-15)
    assert.near(1.31 / 1.15 - 1, by_year[2011]["Dy.vat_lost"], 1e-15)
    assert.are.equal(30184, by_year[2011].quota_total)                   -- one tonnage quota
    assert.are.same({ false, 27122, 3874 },                                 -- light and medium/heavy apart
      { by_year[2012].quota_total, by_year[2012]["quota_total.light"], by_year[2012]["quota_total.heavy"] })
    assert.are.same({ false, 27384, 3617 },                                 -- 13,563 + 13,821 and 1,938 + 1,679
      { by_year[2013].quota_total, by_year[2013]["quota_total.light"], by_year[2013]["quota_total.heavy"] })
    assert.are.same({ 0, 0, false }, { by_year[2015]["Nd.tax"], by_year[2015]["Nd.vat_lost"],
      by_year[2015].quota_total })
  end)

  it("caps output at the mining quota and what the record shows mined above it", function()
    -- USGS production less the mining quota: 130,000 - 89,200 in 2010,
    -- 100,000 - 93,800 in 2012-13, 105,000 - 105,000 in 2014; 2011 takes 2012's
    local above = china.above_quota()
    assert.are.same({ 40800, 6200, 6200, 6200, 0 },
      { above[2010], above[2011], above[2012], above[2013], above[2014] })
    local pol = china.mining_quotas({ "Nd" }, { Nd = 0.2 })
    assert.are.equal(2010, pol.from)
    local p = {}
    pol.apply(p, 2011)
    assert.near((93800 + 6200) * 0.2, p["Nd.cap"], 1e-9)
    pol.apply(p, 2015) -- after the record's last quota, 2014's carries
    assert.near(105000 * 0.2, p["Nd.cap"], 1e-9)
    -- the 2011 assumption, at the top of its range: the crackdown not begun
    china.mining_quotas({ "Nd" }, { Nd = 0.2 }, { above_2011 = china.ABOVE_QUOTA_2011_RANGE[2] }).apply(p, 2011)
    assert.near((93800 + 40800) * 0.2, p["Nd.cap"], 1e-9)
  end)
end)

describe("China's 2015 resource tax #models", function()
  it("raises the cost of China's supply by the rate, light at 7% and heavy at 27%", function()
    local p = { ["Nd.s_cn"] = { { cost = 10, cap = 5 } }, ["Dy.s_cn"] = { { cost = 100, cap = 1 } } }
    local pol = china.resource_tax({ "Nd", "Dy" })
    assert.are.equal(2015, pol.from)
    pol.apply(p, 2015)
    assert.near(10.7, p["Nd.s_cn"][1].cost, 1e-12)
    assert.near(127, p["Dy.s_cn"][1].cost, 1e-12)
    assert.are.equal(5, p["Nd.s_cn"][1].cap)
  end)

  it("names a misspelt or impossible option of the mining quotas", function()
    assert.has_error(function() china.mining_quotas({ "Nd" }, { Nd = 1 }, { above2011 = 5 }) end,
      "china.mining_quotas: unknown option 'above2011' (did you mean 'above_2011'?)")
    assert.has_error(function() china.mining_quotas({ "Nd" }, { Nd = 1 }, { above_2011 = -5 }) end,
      "china.mining_quotas: option 'above_2011' is -5, not a tonnage of 0 or more")
    assert.has_error(function() china.mining_quotas({ "Nd" }, { Nd = 1 }, { from = 1900 }) end,
      "china.mining_quotas: option 'from' is 1900, not a year from 2000 to 2050")
  end)
end)
