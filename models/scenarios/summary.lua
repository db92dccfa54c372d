--- ./ree run's section 7: the history scenario against the counterfactual
-- without China's restrictions, what China collected, what Japan paid
-- and saved, the facts of the record it meets and misses, and charts.

local history = require("ree.models.scenarios.history")
local base = require("ree.models.scenarios.base")
local validation = require("ree.models.scenarios.validation")
local china = require("ree.models.china")
local format = require("ree.format")

--- Sums f(res, el, year) over the elements and 2010-2014 (or to `last`).
local function total(res, f, last)
  local t = 0
  for year = 2010, last or 2014 do
    for _, el in ipairs(base.ELEMENTS) do t = t + f(res, el, year) end
  end
  return t
end

--- What Japan paid for an element in a year, US$.
local function spend(res, el, year) return res.demand[el].JP[year] * res.price[el].fob[year] * 1000 end

return function(say, chart_dir)
  local money, n = format.money, format.number
  local hist = history.scenario("history"):run()
  local none = history.scenario("no_restrictions"):run()
  local ladder_only = history.scenario("ladder_only"):run()
  local gained = total(hist, function(r, el, y) return r.revenue[el][y] + r.rent[el][y] end)
  say("  La, Ce, Pr, Nd and Dy; quotas scaled to them; demand and prices of 2009 from the record (see")
  say("  models/scenarios/base.lua for each number and its source).")
  say("  2010-2014, China collected %s of duties, lost VAT rebates and quota rents.", money(gained))
  say("  Japan paid %s for these five rare earths, against %s without the restrictions.",
    money(total(hist, spend)), money(total(none, spend)))
  local recorded = {}
  for i, c in ipairs(history.RECORDED) do recorded[i] = history.LABELS[c] end
  say("  Its countermeasures (%s) spent it", table.concat(recorded, ", "))
  say("  %s less than the %s it would have paid under the ladder alone, 2010-2015.",
    money(total(ladder_only, spend, 2015) - total(hist, spend, 2015)), money(total(ladder_only, spend, 2015)))
  say("  Each alone, against the ladder alone (spending less can mean buying less, or at lower prices;")
  say("  spending more, buying more at lower prices):")
  local rows = { { "countermeasure", "Japan's spend 2010-15", "less than the ladder", "Dy peak, US$/kg",
    "China's magnets 2014" } }
  local function row(label, res)
    rows[#rows + 1] = { label, money(total(res, spend, 2015)),
      money(total(ladder_only, spend, 2015) - total(res, spend, 2015)), n((res.price.Dy.fob:max())),
      string.format("%.0f%%", 100 * res.location.magnet.CN[2014]) }
  end
  row("(the ladder alone)", ladder_only)
  for _, c in ipairs(history.NAMES) do
    if history.COUNTERMEASURES[c] then row(history.LABELS[c], history.scenario(c):run()) end
  end
  row("all of them", history.scenario("all_countermeasures"):run())
  say("%s", format.table(rows, "    "))
  for _, el in ipairs({ "Nd", "Dy" }) do
    local peak, year = hist.price[el].fob:max()
    say("  %s oxide, FOB: %s US$/kg at the peak (%d); %s without the restrictions.", el, n(peak), year,
      n((none.price[el].fob:max())))
  end
  local free = history.scenario("no_export_control"):run()
  local function share(res, year, stage)
    return string.format("%.0f%%", 100 * res.location[stage or "magnet"].CN[year])
  end
  say("  China's share of magnet making: %s in 2010, %s in 2014 (%s under the ladder alone, %s without",
    share(hist, 2010), share(hist, 2014), share(ladder_only, 2014), share(none, 2014))
  say("  restrictions, %s without Japan's export control, which the model lays on all of China's plants,",
    share(free, 2014))
  say("  not only on Japanese makers': it overstates it). Of alloy making: %s in 2009, when oxide and",
    share(hist, 2009, "alloy"))
  say("  metal were taxed and alloy not (%s without restrictions); %s in 2014 (%s without).",
    share(none, 2009, "alloy"), share(hist, 2014, "alloy"), share(none, 2014, "alloy"))
  say("  Against the record:")
  say("%s", validation.report(validation.check(hist)))
  say("  The model is annual and leaves out speculation, stock-building and smuggling: it misses the")
  say("  2011 peaks, which came inside a year. China's caps are the mining quotas plus what the record")
  say("  shows mined above them; for 2011, which it lacks, the crackdown is assumed to have taken hold")
  say("  (6,200 t above the quota, range %s-%s t); at the range's midpoint the model has no 2011 peak.",
    format.number(china.ABOVE_QUOTA_2011_RANGE[1]), format.number(china.ABOVE_QUOTA_2011_RANGE[2]))
  for _, el in ipairs({ "Nd", "Dy", "La" }) do
    local file = string.format("%s/history-%s.svg", chart_dir, el)
    require("ree.svg").lines({ hist.price[el].fob:named("history, FOB"), hist.price[el].cn:named("history, China"),
      none.price[el].fob:named("no restrictions") },
      { title = el .. " oxide price, the model's history", log = true, file = file,
        source = "models/scenarios/history.lua on models/scenarios/base.lua; a model, not the record" })
    say("  Chart: %s", file)
  end
end
