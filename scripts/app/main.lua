--- The main job (./ree run): the founding report's magnet case.
--
-- Japan made about 10,000 t of sintered NdFeB magnets in 2011. What did
-- they take, element by element, back to the mine? Does that agree with
-- the report's own figures? And what does the balance problem say about
-- the report's claim that non-China mines would give about 10,000 t of Nd
-- but only about 60 t of Dy in 2014?

local ree = require("ree")
local format = require("ree.format")
local figures = require("ree.models.report_figures")

local n = format.number

--- "within", "below" or "above" the range [lo, hi]
local function verdict(x, range)
  if x < range[1] then return "below" end
  if x > range[2] then return "above" end
  return "within"
end

local function span(range)
  if range[1] == range[2] then return n(range[1]) end
  return n(range[1]) .. "-" .. n(range[2])
end

--- The main job: writes its report to out and its charts to the folder
-- chart_dir (created if need be).
return function(out, chart_dir)
  chart_dir = chart_dir or "output"
  local function say(...) out:write(string.format(...), "\n") end
  local row = figures.japan_magnets_in(2011)
  local supply = figures.non_china_2014()

  say("ree %s: the founding report's magnet case", ree._VERSION)
  say("")
  say("== 1. Japan, 2011: what 10,000 t of magnets take ==")
  local need = ree.magnet.requirement("jp-2011-mix", row.prose.magnets[1])
  say("%s", tostring(need))

  say("")
  say("== 2. Against the report's own figures ==")
  local nd_pr = need:total("metal", "Nd", "Pr")
  local dy = need.metal.Dy
  say("  Nd+Pr metal: %s t; the report's 2011 table gives %s t for %s t of magnets: %s",
    n(nd_pr), span(row.nd_pr_metal), span(row.magnets), verdict(nd_pr, row.nd_pr_metal))
  say("  Dy metal:    %s t; the table gives about %s t, the prose %s t: %s the prose's range",
    n(dy), span(row.dy_metal), span(row.prose.dy_metal), verdict(dy, row.prose.dy_metal))
  say("  Counted as the report counts: all metal melted into alloy. Of it, %s t of Nd+Pr and %s t of Dy",
    n(need:total("scrap_recycled", "Nd", "Pr")), n(need.scrap_recycled.Dy))
  say("  come back from magnet making as scrap; newly reduced metal is %s t Nd+Pr and %s t Dy.",
    n(need:total("metal_primary", "Nd", "Pr")), n(need.metal_primary.Dy))

  say("")
  say("== 3. The balance problem: mine for Dy, drown in Ce ==")
  for _, name in ipairs({ "Mountain Pass", "Longnan" }) do
    local o = need.ore[name]
    say("  From %s alone: %s t REO mined, bound by %s; it brings up %s t of CeO2 and %s t of Y2O3 beyond need.",
      name, n(o.reo_t), o.binding, n(o.surplus_reo.Ce or 0), n(o.surplus_reo.Y or 0))
  end

  local phase2 = figures.project("Lynas, Phase 2")
  local lynas = ree.magnet.production("jp-2011-mix", { [phase2.deposit] = phase2.capacity.value })
  say("  Forward: %s at Lynas's %s t REO a year makes %s t of these magnets, bound by %s,",
    phase2.deposit, n(phase2.capacity.value), n(lynas.magnet_t), lynas.binding)
  say("  leaving %s t of CeO2, %s t of La2O3 and %s t of Nd2O3 unused.",
    n(lynas.left_reo.Ce), n(lynas.left_reo.La), n(lynas.left_reo.Nd))

  say("")
  say("== 4. The report's 2014 claim: non-China mines give about %s t Nd but only about %s t Dy ==",
    n(supply.report.nd_2014.value), n(supply.report.dy_2014.value))
  local mp, mw = "Mountain Pass", "Mt Weld"
  local full = {}
  for _, name in ipairs({ "Molycorp, full expansion", "Lynas, Phase 2" }) do
    local p = figures.project(name)
    full[p.deposit] = p.capacity.value
  end
  local s = ree.magnet.supply(full)
  say("  Molycorp at %s t REO and Lynas at %s t REO: %s t Nd2O3 (%s t Nd), %s t Dy2O3 (%s t Dy).",
    n(full[mp]), n(full[mw]), n(s.reo.Nd), n(s.metal.Nd), n(s.reo.Dy), n(s.metal.Dy))
  -- Which mix of the two ores makes the report's total and its Nd? Two
  -- equations: x_mp + x_mw = total; a_mp x_mp + a_mw x_mw = Nd2O3.
  local total, nd_target = supply.report.total_2014.value, supply.report.nd_2014.value
  local a_mp = ree.magnet.deposit(mp).shares.Nd / 100
  local a_mw = ree.magnet.deposit(mw).shares.Nd / 100
  local x_mw = (nd_target - a_mp * total) / (a_mw - a_mp)
  if x_mw >= 0 and x_mw <= total then
    local mix = ree.magnet.supply({ [mp] = total - x_mw, [mw] = x_mw })
    say("  %s t REO giving %s t Nd2O3 needs %s t from Mountain Pass-type ore and %s t from Mt Weld-type ore;",
      n(total), n(nd_target), n(total - x_mw), n(x_mw))
    say("  that mix gives %s t Dy2O3 (%s t Dy).", n(mix.reo.Dy), n(mix.metal.Dy))
    -- Mountain Pass's Dy is published only as '<0.1%': take its range from the data
    local mp_dy = ree.magnet.deposit(mp).distribution.Dy
    local f = ree.oxide_factor "Dy"
    local base = ree.magnet.supply({ [mw] = x_mw }).reo.Dy
    local lo = base + (total - x_mw) * mp_dy.range[1] / 100
    local hi = base + (total - x_mw) * mp_dy.range[2] / 100
    say("  Mountain Pass's Dy is known only as '<0.1%%' (%s%% used), so the data allow %s-%s t Dy:",
      mp_dy.pct, n(lo / f), n(hi / f))
    say("  the report's ~%s t Dy sits %s that range.", n(supply.report.dy_2014.value),
      verdict(supply.report.dy_2014.value, { lo / f, hi / f }))
  else
    say("  No mix of Mountain Pass and Mt Weld ore gives %s t Nd2O3 from %s t REO.", n(nd_target), n(total))
  end
  say("")
  say("== 5. The value chain of 2011: China, Japan and the rest of the world ==")
  local chain = require("ree.models.valuechain")()
  local vc = chain:solve { year = 2011 }
  for _, el in ipairs({ "Nd", "Dy" }) do say("%s", chain:where(vc, el)) end
  say("  Japan's alloy makers need %s t of Dy: the same %s t as section 1 (one engine).",
    n(vc:input("JP alloy", "Dy")[2011]), n(dy))
  say("  Nd is Nd and Pr together in China and the rest of the world (the standard grade's 'Nd'), Nd alone")
  say("  in Japan (its mix counts Pr apart).")
  local cn_magnets = chain.spec.regions.CN.magnets.value
  local statistics = ree.data.load("ndfeb-production"):get("China, sintered")[2010]
  local mined = vc:input("CN mining", "Nd")[2011]
  say("  China's %s t of magnets is the report's figure for 2011, taken as finished magnets; its plants draw",
    n(cn_magnets))
  say("  %s t of Nd and Pr at the mine. China's statistics give %s t for 2010, which would draw about %s t:",
    n(mined), n(statistics), n(mined * statistics / cn_magnets))
  say("  more than China mined, so that figure is taken as semi-finished output (neither source says).")
  local made, why = require("ree.host").mkdir(chart_dir) -- no shell: the name is taken as it is
  if not made then error(why, 0) end
  for _, el in ipairs({ "Nd", "Dy" }) do
    local file = string.format("%s/value-chain-%s.svg", chart_dir, el)
    vc:sankey(file, { element = el, title = "The magnet value chain" })
    say("  Sankey of %s: %s", el, file)
  end
  local worst, where = vc:balance()
  say("  Mass balance: largest residual %.3g t (%s).", worst, where)
  say("")
  say("== 6. China's ladder: the effective protection it gives each stage ==")
  local china = require("ree.models.china")
  local rows = { { "year", "Dy metal duty", "Dy alloy duty", "ERP alloy", "ERP magnet", "Nd ERP alloy",
    "Nd ERP magnet" } }
  local erp_dy, erp_nd = china.erp_by_year("Dy", 2006, 2015), china.erp_by_year("Nd", 2006, 2015)
  local function pct(v) return v and string.format("%+.0f%%", 100 * v) or "-" end
  for year = 2006, 2015 do
    local ladder = china.ladder("Dy", year)
    local function duty(x) return x and string.format("%g%%", x) or "-" end
    rows[#rows + 1] = { tostring(year), duty(ladder.metal), duty(ladder.alloy), pct(erp_dy.alloy[year]),
      pct(erp_dy.magnet[year]), pct(erp_nd.alloy[year]), pct(erp_nd.magnet[year]) }
  end
  say("%s", require("ree.format").table(rows, "  "))
  say("  An export duty x lowers an input's price inside China by 1/(1 + x): taxing metal but not alloy")
  say("  (2007-2009) protects alloy making; taxing alloy too (from 2010-11) moves the advantage to")
  say("  magnet sintering. Input shares %.2f (metal in alloy) and %.2f (alloy in magnet) are assumptions.",
    china.SHARES.alloy.value, china.SHARES.magnet.value)
  say("  With the quota binding, the observed wedges protected China's users beyond the duties.")
  say("  A user in China turning the oxide into an untaxed product, the oxide %.2f of its value (the",
    china.oxide_share())
  say("  magnet chain's assumed shares), by the record's paired prices (models/data/price-wedges.json):")
  local observed = { { "date", "oxide", "FOB/China", "duties", "ERP observed", "ERP duties", "source" } }
  for _, r in ipairs(china.erp_observed()) do
    observed[#observed + 1] = { r.date, r.element, string.format("%.2f", r.ratio), string.format("%.2f", r.duties),
      pct(r.erp), pct(r.erp_duties), r.source }
  end
  say("%s", require("ree.format").table(observed, "  "))
  local erp_file = chart_dir .. "/erp-ladder-Dy.svg"
  require("ree.svg").lines({ erp_dy.alloy:to("%"):named("alloy making"),
    erp_dy.magnet:to("%"):named("magnet sintering") },
    { title = "Effective protection of Dy-magnet stages in China", ylabel = "effective rate of protection, %",
      source = "duties: models/data/history/china-export-duties.json; Corden's formula; input shares assumed",
      file = erp_file })
  say("  Chart: %s", erp_file)
  say("")
  say("== 7. History 2005-2015 against a world without China's restrictions ==")
  require("ree.models.scenarios.summary")(say, chart_dir)
  say("")
  say("== 8. The crisis, month by month: calibrated on quantities, judged on held-out prices ==")
  require("ree.models.scenarios.crisis_summary")(say, chart_dir)
  say("")
  say("Sources for every number: models/data/*.json; their bibliography: models/data/sources.json.")
end
