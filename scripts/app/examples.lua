--- An example for every public function, shown by help(). Each runs: a
-- spec (spec/repl/04-help_spec.lua) runs them all in the names the REPL
-- session starts with, plus
--   s      ree.series { from = 2010, unit = "t", 100, 110, 121, 133.1 }
--   c      ree.formula "Nd2Fe14B"
--   sc     the founding report's history, res = sc:run()
--   mc     a Monte Carlo of 4 runs of it
--   ch, r  a chain of metal to alloy in 2011, and its solution
--   stock  ree.stock_model { lifetime = { "fixed", years = 2 }, inflow = s }
--   set    ree.stock_models of Japan's motors (that inflow, that lifetime), 1% Dy
--   fit    a calibration of the history's Dy.lambda to its own Japanese demand
-- An entry may also give `text` and `signature`, for a function whose
-- definition carries no comment of its own (one made by another function).

return {
  -- {==================================================================
  -- Stoichiometry
  -- ===================================================================
  ["ree.formula"] = { signature = "ree.formula(text)", text = {
      "The Composition of a formula; raises, naming the formula, the column and the",
      "problem, when it cannot be read (ree.parse_formula returns nil, message instead).",
      "Nested ( ) and [ ], fractions, hydrates with '*' or '·', leading multipliers, '+'." },
    example = 'print(ree.formula "(Nd0.8Pr0.2)2Fe14B")   -- Nd1.6Pr0.4Fe14B (1079.79 g/mol)' },
  ["ree.molar_mass"] = { signature = "ree.molar_mass(text)",
    text = { "g/mol of a formula, without building a Composition (the fast path)." },
    example = 'print(ree.molar_mass "Nd2O3")   -- 336.48' },
  ["ree.composition"] = { example = 'ree.composition { Nd = 29.5, Dy = 4, B = 1, balance = "Fe" }   -- wt%' },
  ["ree.mix"] = { example = 'ree.mix { { ree.formula "Nd2Fe14B", 96 }, { ree.formula "Dy", 4 } }' },
  ["ree.element"] = { example = 'ree.element("Dy").group   --> "heavy"' },
  ["ree.ree_group"] = { example = 'ree.ree_group("Sm", "china2012")   --> "medium-heavy"' },
  ["ree.groupings"] = { example = 'ree.groupings()   --> { "china2012", "report", ... }' },
  ["ree.define_grouping"] = { example = 'ree.define_grouping("mine", { magnet = { "Nd", "Pr", "Dy", "Tb" } })\n' ..
      'ree.ree_group("Tb", "mine")   --> "magnet"' },
  ["ree.oxide_factor"] = { example = 'ree.oxide_factor "Nd"   --> 1.16638 t Nd2O3 a t of Nd' },
  ["ree.to_oxide"] = { example = 'ree.to_oxide { Nd = 1000, Dy = 100 }   --> t of Nd2O3 and Dy2O3' },
  ["ree.to_metal"] = { example = 'ree.to_metal { Nd = 1166.4 }   --> about 1,000 t of Nd' },

  -- {==================================================================
  -- Magnets, deposits, routes
  -- ===================================================================
  ["ree.magnet.grade"] = { example = 'ree.magnet.grade("jp-2011-mix").wt.Dy   --> 4 (wt%)' },
  ["ree.magnet.grades"] = { example = 'ree.magnet.grades()' },
  ["ree.magnet.deposit"] = { example = 'ree.magnet.deposit("Mt Weld").shares.Nd   --> % of its REO' },
  ["ree.magnet.deposits"] = { example = 'ree.magnet.deposits()   --> { "Bayan Obo", "Longnan", ... }' },
  ["ree.magnet.route"] = { example = 'ree.magnet.route().stages[5].yield.value   --> 0.65 (sintering)' },
  ["ree.magnet.add_routes"] = { example = 'g = ree.chain { elements = { "Nd" }, from = 1 }\n' ..
    'ree.magnet.add_routes(g, ree.magnet.stages(), { elements = { "Nd" }, mode = "pull" },\n' ..
    '  { { magnets = { Nd = 100 } } })\n' ..
    'g:solve():value("ore", "Nd")   --> t of Nd mined for 100 t in magnets' },
  ["ree.magnet.stages"] = { example = 'ree.magnet.stages()[5].name   --> "magnet"' },
  ["ree.magnet.supply"] = { example = 'ree.magnet.supply({ ["Mt Weld"] = 22000 }).reo.Nd   --> t of Nd2O3' },
  ["ree.magnet.uses"] = { example = 'ree.magnet.uses()' },
  ["ree.magnet.lifetime"] = { example = 'ree.magnet.lifetime "wind generators"' ..
      '   --> { "normal", mean = 25, sd = 2.5 }, source' },
  ["ree.magnet.requirement"] = { example = 'need = ree.magnet.requirement("jp-2011-mix", 10000)\n' ..
      'print(need.metal.Dy)   -- t of Dy metal for 10,000 t of magnets' },
  ["ree.magnet.production"] = { example = 'ree.magnet.production("jp-2011-mix", { ["Mt Weld"] = 22000 })' },

  -- {==================================================================
  -- Series and data
  -- ===================================================================
  ["ree.series"] = { example = 'mined = ree.series { from = 1990, unit = "t REO", 60000, ree.missing, 64000 }\n' ..
      'print(mined[1991], mined:interpolate()[1991])   -- nil, 62000.0' },
  ["ree.sum"] = { example = 'ree.sum { s, s }[2010]   --> 200.0' },
  ["ree.mean"] = { example = 'ree.mean { s, s * 3 }[2010]   --> 200.0' },
  ["ree.Series.align"] = { example = 's:align(ree.series { from = 2012, unit = "t", 1 })   -- both over 2010-2013' },
  ["ree.Series.share"] = { example = 's:share(s * 4)[2010]   --> 0.25' },
  ["ree.Series.mean"] = { example = 's:mean()   --> 116.025, 4 (the mean, and of how many values)' },
  ["ree.Series.sd"] = { example = 's:sd()   --> 12.34 (population: divided by n)' },
  ["ree.Series.annual"] = { example = 'ree.series { from = { 2011, 1 }, period = "quarterly", unit = "t", ' ..
    '1, 2, 3, 4 }:annual()[2011]   --> 10 (an amount: summed)' },
  ["ree.Series.pairs"] = { example = 'for year, v in s:pairs() do print(year, v) end' },
  ["ree.Series.plot"] = { example = 's:plot { title = "a series", width = 40 }   -- draws in the terminal' },
  ["ree.Series.bars"] = { example = 's:bars()' },
  ["ree.Series.sparkline"] = { example = 'print(s:sparkline())   -- ▁▃▅█' },
  ["ree.plot"] = { example = 'ree.plot { s, s * 1.1, title = "two series", width = 40 }' },
  ["ree.bars"] = { example = 'ree.bars { { "Japan", 18950 }, { "China", 78000 } }' },
  ["ree.data.list"] = { example = 'ree.data.list()   --> { "china-export-duties", "china-quotas", ... }' },
  ["ree.data.load"] = { example = 'prod = ree.data.load "production"\nprint(prod:get("China")[2010])' },
  ["ree.data.sources"] = { example = 'ree.data.sources("china-quotas", { write = function() end })' },
  ["ree.data.open"] = { example = 'ree.data.open("magnet-grades").value.title' },
  ["ree.data.bibliography"] = { example = 'ree.data.bibliography()["seed-2012"].cite' },
  ["ree.data.read_checked"] = { example = 'ree.data.read_checked("magnet-grades", ' ..
      'require("ree.magnet").schemas.grades)   -- nil, message on bad data' },
  ["ree.data.read"] = { example = 'ree.data.read("magnet-grades", require("ree.magnet").schemas.grades)' },
  ["ree.data.sourced"] = { example = 'ree.data.sourced("value", 0, 1)   -- the schema of { value, source [, range] }' },

  -- {==================================================================
  -- Flows and stocks
  -- ===================================================================
  ["ree.chain"] = { example = 'c2 = ree.chain { elements = { "Nd" }, from = 2011, to = 2011 }\n' ..
      'c2:process("alloy", { mode = "pull" })\n' ..
      'c2:flow { "metal", to = "alloy", pull = 1 }\n' ..
      'c2:flow { "alloy out", from = "alloy", value = { Nd = 100 } }\n' ..
      'print(c2:solve():flow("metal", "Nd")[2011])   -- 100.0' },
  ["ree.stock_model"] = { example = 'phones = ree.stock_model { lifetime = { "fixed", years = 2 }, inflow = s }\n' ..
      'print(phones.outflow[2012])   -- 100.0: 2010\'s inflow retires' },
  ["ree.calibrate"] = { example = 'fit = ree.calibrate { scenario = sc, fit = { "Dy.lambda" }, ' ..
    'years = { 2005, 2009 },\n' ..
    '  targets = { { "demand.Dy.JP", data = res.demand.Dy.JP, rel = 0.05 } }, hold_out = { "price.Dy.fob" } }\n' ..
    'print(fit)   -- each parameter fitted, its sd, and whether the data identify it' },
  ["Calibration:scenario"] = { example = 'fit:scenario():run().demand.Dy.JP[2009]' },
  ["Calibration:misfit"] = { example = 'fit:misfit(res)   -- about 0: the data are this run\'s own' },
  ["Calibration:implausibility"] = { example = 'fit:implausibility(sc:with { ["Dy.lambda"] = 0.5 }:run())   ' ..
      '-- its widened sds from the data; above 3, ruled out' },
  ["ree.reconcile"] = { example = 'mill = ree.reconcile { flows = {\n' ..
      '  { "ore", to = "mill", value = 100, sd = 5 }, { "concentrate", from = "mill" },\n' ..
      '  { "tailings", from = "mill", value = 62, sd = 6 } } }\n' ..
      'print(mill.value.concentrate, mill.p_value)' },

  -- {==================================================================
  -- Markets, scenarios, Monte Carlo
  -- ===================================================================
  ["ree.market.clear"] = { example = 'dy = ree.market.clear { name = "Dy", year = 2011,\n' ..
      '  d_cn = { "elastic", a = 1000, e = -0.3 }, s_cn = { "steps", { cost = 50, cap = 800 } },\n' ..
      '  d_rw = { "linear", a = 900, b = -0.5 }, tax = 0.25, quota = 300 }\n' ..
      'print(dy.p_cn, dy.p_rw, dy.quota_rent)' },
  ["ree.market.try_clear"] = { example = 'nd, err = ree.market.try_clear { name = "Nd", year = 2011,\n' ..
      '  d_cn = { "elastic", a = 100, e = -0.5 }, s_cn = { "steps", { cost = 10, cap = 50 } },\n' ..
      '  d_rw = { "elastic", a = 100, e = -0.5 } }   -- nil, message where nothing clears' },
  ["ree.market.clear_joint"] = { example = 'la = { name = "La", year = 2010,\n' ..
      '  d_cn = { "elastic", a = 100, e = -0.5 }, s_cn = { "steps", { cost = 5, cap = 1000 } },\n' ..
      '  d_rw = { "elastic", a = 200, e = -0.5 } }\n' ..
      'results, licence = ree.market.clear_joint({ la }, 10)   -- a tonnage quota of 10 t' },
  ["ree.market.month_year"] = { example = 'ce = { set = 1, spec = { name = "Ce", year = 2011,\n' ..
      '    d_cn = { "elastic", a = 100, e = -0.5 }, s_cn = { "steps", { cost = 5, cap = 100 } },\n' ..
      '    d_rw = { "elastic", a = 200, e = -0.5 }, hold_cn = { "elastic", a = 0, e = 0 },\n' ..
      '    hold_rw = { "elastic", a = 0, e = 0 } },\n' ..
      '  floor = 0, cheaper = 0, mined = 0, stock_rw = 0, stock_cn = 0, leak_share = 0, mine_stock = 0,\n' ..
      '  cn = { stock = 40, expected = 5, use = 20 }, rw = { stock = 120, expected = 6, use = 40 } }\n' ..
      'twelve = function(v) local t = {} for m = 1, 12 do t[m] = v end return t end\n' ..
      'months = ree.market.month_year({ ce }, { { quota = 400 } }, { cover_rw = 3, theta_rw = 1,\n' ..
      '  cover_cn = 2, theta_cn = 1, eta = 0.5, tau = 6, tau_e = 12, leak_l0 = 0, leak_g = 1, shift_l0 = 0,\n' ..
      '  risk = twelve(0.5), enforced = twelve(0), shifting = twelve(false) })\n' ..
      'print(months[1].p_rw[12], ce.rw.stock)   -- December\'s FOB price; the stock moved to the year\'s end' },
  ["ree.scenario"] = { example = 'run = history.scenario("history"):run()   -- built by ree.scenario\n' ..
      'print(run.price.Nd.fob:max())' },
  ["ree.policy"] = { example = 'sc:fork(2012):apply(ree.policy { "quota held", from = 2012, ' ..
      'set = { quota_total = 20000 } }):run()' },
  ["ree.compare"] = { example = 'print(ree.compare { res, history.scenario("ladder_only"):run(), ' ..
      'history.scenario("no_wto"):run(), variables = { "price.Dy.fob" } })' },
  ["Sensitivity:rows"] = { example = 'ree.sensitivity({ model = function(x) return x.a + 2 * x.b end, ' ..
      'method = "morris", runs = 4,\n  sample = { a = ree.dist.uniform(0, 1), b = ree.dist.uniform(0, 1) } }):rows()' },
  ["Sensitivity:ranked"] = { example = 'ree.sensitivity({ model = function(x) return x.a + 2 * x.b end, ' ..
      'method = "morris", runs = 4,\n  sample = { a = ree.dist.uniform(0, 1), b = ree.dist.uniform(0, 1) } })' ..
      ':ranked()   --> { "b", "a" }' },
  ["Sensitivity:chart"] = { example = 'ree.sensitivity({ model = function(x) return x.a + 2 * x.b end, ' ..
      'method = "morris", runs = 4,\n  sample = { a = ree.dist.uniform(0, 1), b = ree.dist.uniform(0, 1) } })' ..
      ':chart { file = os.tmpname() .. ".svg" }' },
  ["Comparison:rows"] = { example = 'ree.compare({ res, history.scenario("no_wto"):run() }):rows()[2]' },
  ["Comparison:series"] = { example = 'ree.compare({ res, history.scenario("no_wto"):run() }):series "price.Dy.fob"' },
  ["Comparison:plot"] = { example = 'ree.compare({ res, history.scenario("no_wto"):run() }):plot "price.Dy.fob"' },
  ["Comparison:chart"] = { example = 'ree.compare({ res, history.scenario("no_wto"):run() }):chart("price.Dy.fob", ' ..
      '{ file = os.tmpname() .. ".svg" })' },
  ["Comparison:write"] = { example = 'ree.compare({ res, history.scenario("no_wto"):run() }):write(os.tmpname() .. ' ..
      '".html")' },
  ["ree.montecarlo"] = { example = 'mc = ree.montecarlo { scenario = sc, runs = 4, seed = 7, ' ..
      'collect = { "price.Dy.fob" },\n  sample = { ["Dy.lambda"] = ree.dist.uniform(0.15, 0.5) } }\n' ..
      'print(mc:bands("price.Dy.fob").p50[2011])' },
  ["ree.tornado"] = { example = 'ree.tornado { scenario = sc, output = "price.Nd.fob", year = 2011,\n' ..
      '  sample = { ["Nd.lambda"] = ree.dist.uniform(0.15, 0.5) } }' },
  ["ree.sensitivity"] = { example = 'sens = ree.sensitivity { scenario = sc, output = "price.Dy.fob", year = 2011,\n' ..
      '  sample = { ["Dy.lambda"] = ree.dist.uniform(0.15, 0.5), ["Nd.lambda"] = ree.dist.uniform(0.15, 0.5) },\n' ..
      '  method = "morris", runs = 4 }\nprint(sens)' },
  ["Scenario:run"] = { example = 'res = sc:run()\nprint(res.price.Dy.fob[2011])' },
  ["Scenario:apply"] = { example = 'sc:fork(2012):apply(require("ree.models.japan").recycling()):run()' },
  ["Scenario:fork"] = { example = 'branch = sc:fork(2012)   -- from the state at the start of 2012' },
  ["Scenario:with"] = { example = 'sc:with({ ["Nd.lambda"] = 0.5 }):run().price.Nd.fob[2011]' },
  ["Scenario:parameters"] = { example = 'sc:parameters(2011).quota_total   --> the 2011 quota, t' },
  ["Results:get"] = { example = 'res:get "price.Nd.fob"   -- as res.price.Nd.fob' },
  ["Scenario:named"] = { example = 'history.scenario("history"):named("my history").name   --> "my history"' },
  ["Results:variables"] = { example = 'res:variables()   --> { "cost.alloy.CN", ... }' },
  ["Results:annual"] = { example = 'require("ree.models.scenarios.crisis").scenario():run()' ..
      ':annual().price.Nd.fob[2011]   -- the mean of its months' },
  ["Results:sub_annual"] = { example = 'res:sub_annual()   --> false: the history is yearly' },
  ["Results:write"] = { example = 'res:write(os.tmpname() .. ".csv")   -- tidy; format = "iamc" for IAMC' },
  ["Results:has"] = { example = 'res:has "location.magnet"   --> true: the history places magnet making' },
  ["Results:sources"] = { example = 'for _, s in ipairs(res:sources()) do print(s.source, #s.params) end' },

  -- {==================================================================
  -- The founding report's models
  -- ===================================================================
  ["china.ladder"] = { example = 'china.ladder("Dy", 2008)   --> { oxide = 25, metal = 25, alloy = 0, magnet = 0 }' },
  ["china.erp"] = { example = 'china.erp { nominal = { metal = -0.2, alloy = 0, magnet = 0 } }.alloy   --> 1.8' },
  ["china.erp_by_year"] = { example = 'china.erp_by_year("Nd", 2006, 2015).magnet[2011]   --> 0.47' },
  ["china.erp_observed"] = { example = 'china.erp_observed()[1].erp   --> 0.48 (Nd, mid-2011)' },
  ["china.nominal_from_duty"] = { example = 'china.nominal_from_duty(0.25)   --> -0.2' },
  ["china.nominal_from_ratio"] = { example = 'china.nominal_from_ratio(1.7)   --> -0.41' },
  ["china.oxide_share"] = { example = 'china.oxide_share()   --> 0.5355' },
  ["china.policies"] = { example = 'list = china.policies({ "Nd", "Dy" }, 2005, 2015)' },
  ["china.quota"] = { example = 'china.quota(2012)   --> 30996, 27122, 3874' },
  ["china.above_quota"] = { example = 'china.above_quota()[2010]   --> 40800' },
  ["china.mining_quotas"] = { example = 'china.mining_quotas({ "Nd" }, { Nd = 0.2 })' },
  ["china.resource_tax"] = { example = 'china.resource_tax({ "Nd", "Dy" }, 2015)' },
  ["china.foreign_capital"] = { example = 'china.foreign_capital { "metal" }' },
  ["china.is_light"] = { example = 'china.is_light "Nd"   --> true' },
  ["japan.dy_saving"] = { example = 'sc:fork(2012):apply(japan.dy_saving { k_min = 0.4 }):run()' },
  ["japan.substitution"] = { example = 'japan.substitution { elements = { "Ce" }, k_min = 0.5 }' },
  ["japan.recycling"] = { example = 'japan.recycling { collection = 0.3, from = 2013 }' },
  ["japan.new_mines"] = { example = 'japan.new_mines { molycorp = false, sareco = { deposit = "Longnan" } }' },
  ["japan.stockpile"] = { example = 'japan.stockpile { buy = 0.1, release = 2011 }' },
  ["japan.wto_case"] = { example = 'japan.wto_case { removal = 2013 }   -- had the case gone faster' },
  ["japan.export_control"] = { example = 'japan.export_control { kappa = 50 }' },
  ["japan.patent_expiry"] = { example = 'japan.patent_expiry { before = 20 }' },
  ["japan.describe"] = { example = 'print(japan.describe())' },
  ["location.cost"] = { example = 'location.cost { inputs = { Nd = 0.3 }, prices = { Nd = 100 }, conversion = 5 }' ..
      '   --> 35' },
  ["location.inputs_of"] = { example = 'location.inputs_of("jp-2011-mix", { "Nd", "Dy" })' ..
      '   --> { Nd = 0.208, Dy = 0.04 }' },
  ["location.shares"] = { example = 'location.shares({ CN = 51, JP = 59 }, 5)   --> { CN = 0.83, JP = 0.17 }' },
  ["location.move"] = { example = 'location.move({ CN = 20, JP = 80 }, { CN = 0.8, JP = 0.2 }, 0.25)' ..
      '   --> { CN = 35, JP = 65 }' },
  ["location.attach"] = { example = 'model = location.attach(require("ree.models.market_model") { elements = ' ..
      '{ "Nd" } },\n  { stages = { magnet = "jp-2011-mix" }, regions = { "CN", "JP" }, elements = { "Nd" } })' },

  -- {==================================================================
  -- Scenarios, reports and the classroom models
  -- ===================================================================
  ["history.scenario"] = { example = 'history.scenario("no_export_control"):run().location.magnet.CN[2014]' },
  ["history.china_policies"] = { example = 'list = history.china_policies("bloomberg")   -- the La/Ce reading' },
  ["history.china_policies_without_wto"] = { example = 'list = history.china_policies_without_wto()' },
  ["base.scenario"] = { example = 'base = require("ree.models.scenarios.base")\n' ..
      'base.scenario { name = "quota held", policies = { ree.policy { "held", from = 2012, ' ..
      'set = { quota_total = 20000 } } } }:run()' },
  ["base.coproduct_prices"] = { example = 'print(require("ree.models.scenarios.base").coproduct_prices().Eu[2011])' ..
      '   --> 3790 (US$/kg Eu2O3)' },
  ["validation.check"] = { example = 'facts = require("ree.models.scenarios.validation").check(res)' },
  ["validation.report"] = { example = 'validation = require("ree.models.scenarios.validation")\n' ..
      'print(validation.report(validation.check(res)))' },
  ["report.scenario"] = { example = 'report = require("app.report")\nsc2 = report.scenario "ladder_only"' },
  ["report.digest"] = { example = 'require("app.report").digest(res)   --> { { label, value }, ... }' },
  ["report.text"] = { example = 'require("app.report").text(res, function() end)   -- io.write to print' },
  ["report.html"] = { example = 'page = require("app.report").html(res, { year = 2011 })' },
  ["report.write"] = { example = 'require("app.report").write(res, os.tmpname() .. ".html")' },
  ["report.sankey"] = { example = 'print(require("app.report").sankey(res, "Dy", 2011):table(2011))' },
  ["cobweb.scenario"] = { example = 'require("ree.models.classroom.cobweb").scenario({ d = 1.2 }):run().price' ..
      '   -- d / b > 1: it explodes' },
  ["beer_game.scenario"] = { example = 'require("ree.models.classroom.beer_game").scenario({ beta = 1 }):run()' ..
      '.orders.factory' },
  ["beer_game.cases_in_system"] = { example = '-- in a model step: beer.cases_in_system(state)\n' ..
      'require("ree.models.classroom.beer_game").scenario():run().orders.factory:max()' },
  ["crisis.scenario"] = { example = 'crisis = require("ree.models.scenarios.crisis")\n' ..
      'print(crisis.scenario { ["stock.theta"] = 3 }:run().price.Dy.fob:max())   -- the peak and its month' },
  ["crisis.events"] = { example = 'for _, e in ipairs(require("ree.models.scenarios.crisis").events()) do ' ..
      'print(e.year, e.month, e.step, e.what) end' },
  ["crisis.tranches"] = { example = 'require("ree.models.scenarios.crisis").tranches()[2011].all   ' ..
      '--> { [1] = 0.479, [7] = 0.521 }' },
  ["crisis.legal_caps"] = { example = 'legal = require("ree.models.scenarios.base").scenario { policies = ' ..
      '{ require("ree.models.scenarios.crisis").legal_caps() } }' },
  ["crisis.light_stockpile"] = { example = 'require("ree.models.scenarios.crisis").light_stockpile(0)[2010]   ' ..
      '--> 5000 (Baotou, 2010)' },
  ["crisis.group_quotas"] = { example = 'require("ree.models.scenarios.crisis").group_quotas(2012).heavy   ' ..
      '--> 13400, 2011\'s' },
  ["crisis.mix"] = { example = 'factor, modelled = require("ree.models.scenarios.crisis").mix(16320, 24480)   ' ..
      '-- Dy about 2x the base' },
  ["panic.scenario"] = { example = 'require("ree.models.classroom.panic").scenario { eta = 0.3 }:run().price:max()' },
  ["stockpile.scenario"] = { example = 'require("ree.models.classroom.stockpile").scenario():run().price' },
  ["market_model"] = { signature = "market_model(opts)",
    text = { "The market model of a scenario: China's and the other regions' markets for each element,",
      "cleared in the core every year (see the comment at the top of models/market_model.lua for",
      "its parameters): opts = { elements, regions = { \"JP\", \"RW\" }, quota_groups }." },
    example = 'model = require("ree.models.market_model") { elements = { "Nd", "Dy" }, regions = { "JP", "RW" } }' },
  ["valuechain"] = { signature = "valuechain()", example = 'chain = require("ree.models.valuechain")()\n' ..
      'print(chain:where(chain:solve { year = 2011 }, "Dy"))' },
  ["ValueChain:solve"] = { example = 'require("ree.models.valuechain")():solve { year = 2011, ' ..
      'demand = { magnet = { JP = 10000 } } }' },
  ["ValueChain:where"] = { example = 'vc = require("ree.models.valuechain")()\n' ..
      'print(vc:where(vc:solve { year = 2011 }, "Nd"))' },

  -- {==================================================================
  -- The methods of the other classes
  -- ===================================================================
  ["MonteCarlo:bands"] = { example = 'mc:bands("price.Dy.fob").p95[2011]' },
  ["MonteCarlo:chart"] = { example = 'mc:chart("price.Dy.fob", { file = os.tmpname() .. ".svg" })' },
  ["MonteCarlo:count"] = { example = 'mc:count()   --> 4' },
  ["MonteCarlo:weigh"] = { example = 'mc:weigh(function(row, i) return 1 end)   --> 4: every run alike' },
  ["MonteCarlo:effective_runs"] = { example = 'mc:effective_runs()   --> 4, unless the runs are weighed unevenly' },
  ["MonteCarlo:quantiles"] = { example = 'mc:quantiles("price.Dy.fob", 2011).p50' },
  ["MonteCarlo:export"] = { example = 'data = mc:export { scenario = "history" }' },
  ["MonteCarlo:write"] = { example = 'mc:write(os.tmpname() .. ".csv")   -- a row a run: its inputs and outputs' },
  ["Chain:process"] = { example = 'ree.chain { elements = { "Nd" }, from = 2011, to = 2011 }:process("alloy", ' ..
      '{ mode = "pull" })' },
  ["Chain:flow"] = { example = 'ch:flow { "scrap", from = "alloy", tc = 0.05 }' },
  ["Chain:solve"] = { example = 'r = ch:solve()' },
  ["ChainResult:flow"] = { example = 'r:flow("metal", "Nd")[2011]   --> t' },
  ["ChainResult:input"] = { example = 'r:input("alloy", "Nd")[2011]   --> all that enters alloy making' },
  ["ChainResult:value"] = { example = 'r:value("metal", "Nd", 2011)' },
  ["ChainResult:goods"] = { example = 'print(r:goods("metal", 2011))   --> nil: given by element, not as goods' },
  ["ChainResult:balance"] = { example = 'r:balance()   --> the largest residual, and where' },
  ["ChainResult:residuals"] = { example = 'r:residuals(3)   --> the three largest, by process and element' },
  ["ChainResult:table"] = { example = 'print(r:table(2011))' },
  ["ChainResult:json"] = { example = 'json = r:json()' },
  ["ChainResult:csv"] = { example = 'csv = r:csv()' },
  ["ChainResult:write"] = { example = 'r:write(os.tmpname() .. ".csv")' },
  ["ChainResult:graph"] = { example = '#r:graph({ year = 2011, element = "Nd" }).links   -- for d3-sankey or plotly' },
  ["ChainResult:sankey"] = { example = 'r:sankey(os.tmpname() .. ".svg", { element = "Nd", year = 2011 })' },
  ["ChainResult:explain"] = { example = 'print(r:explain("metal", "Nd", 2011))' },
  ["ree.stock_models"] = { example = 'set = ree.stock_models { regions = { "JP" }, products = { "motors" },\n' ..
      '  lifetime = { motors = { "fixed", years = 2 } }, inflow = { JP = { motors = s } },\n' ..
      '  content = { motors = { Dy = 0.01 } } }' },
  ["StockSet:stock"] = { example = 'set:stock({ region = "JP" })[2013]' },
  ["StockSet:outflow"] = { example = 'set:outflow({ product = "motors" })[2013]' },
  ["StockSet:inflow"] = { example = 'set:inflow()[2013]' },
  ["StockSet:element"] = { example = 'set:element("Dy", { region = "JP" })   -- Dy retiring, and in use' },
  ["StockSet:balance"] = { example = 'set:balance()   --> 0' },
  ["StockModel:outflow_of"] = { example = 'stock:outflow_of(ree.series { from = 2010, unit = "fraction", ' ..
      '0.05, 0.05, 0.04, 0.04 })   -- Dy in what retires' },
  ["StockModel:cohort"] = { example = 'stock:cohort(2012, 2011)   --> what of 2011\'s inflow is in use in 2012' },
  ["StockModel:balance"] = { example = 'stock:balance()   --> the largest residual of stock, inflow and outflow' },
  ["Dataset:get"] = { example = 'ree.data.load("production"):get "China"' },
  ["Dataset:source_lines"] = { example = 'ree.data.load("production"):source_lines()' },
  ["Dataset:csv"] = { example = 'csv = ree.data.load("production"):csv()' },
  ["Dataset:json"] = { example = 'json = ree.data.load("production"):json()' },
  ["Dataset:write"] = { example = 'ree.data.load("production"):write(os.tmpname() .. ".csv")' },
  ["Requirement:total"] = { example = 'ree.magnet.requirement("jp-2011-mix", 1000):total("metal")' },
  ["Requirement:balance"] = { example = 'ree.magnet.requirement("jp-2011-mix", 1000):balance()' },
  ["Requirement:elements"] = { example = 'ree.magnet.requirement("jp-2011-mix", 1000):elements()' },
  ["Requirement:summary"] = { example = 'print(ree.magnet.requirement("jp-2011-mix", 1000):summary())' },
}
