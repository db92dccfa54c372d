--- The history scenario against the stylized facts of the record
-- (sources in models/data/sources.json). Each fact says
-- what the record shows, what the model gives, and whether that is within
-- the stated tolerance. A miss is reported, not tuned away: the model is
-- annual, so it cannot show a peak inside a year, and it leaves out
-- speculation, stock-building and smuggling.
--
--   local validation = require("ree.models.scenarios.validation")
--   local facts = validation.check(require("ree.models.scenarios.history").scenario("history"):run())
--   print(validation.report(facts))

local format = require("ree.format")
local base = require("ree.models.scenarios.base")

local validation = {}

local function sum_over(res, what, region, year)
  local t = 0
  for _, el in ipairs(base.ELEMENTS) do
    local s = region and res[what][el][region] or res[what][el]
    t = t + s[year]
  end
  return t
end

--- The facts, each { name, record, model, holds, source }.
function validation.check(res)
  local facts = {}
  local function fact(name, record, model, holds, source)
    facts[#facts + 1] = { name = name, record = record, model = model, holds = holds, source = source }
  end
  -- 1. the composition effect of a tonnage quota, 2010: the rise of each
  -- FOB price, as the record gives it (rises, not FOB/China ratios)
  local rise = {}
  for _, el in ipairs({ "La", "Ce", "Nd", "Dy" }) do rise[el] = res.price[el].fob[2010] / res.price[el].fob[2009] end
  fact("2010: La and Ce prices jump outside China most (a tonnage quota)",
    "La2O3 x3.7, CeO2 x4.6 in H1 2010; Nd metal x2",
    string.format("FOB 2010 / 2009: La %.2f, Ce %.2f, Nd %.2f, Dy %.2f", rise.La, rise.Ce, rise.Nd, rise.Dy),
    math.min(rise.La, rise.Ce) > math.max(rise.Nd, rise.Dy), "jmb-4991")
  -- 2. the FOB / China price ratio in 2011
  local nd11 = res.ratio.Nd[2011]
  fact("2011: FOB prices 1.7-3 times China's", "1.7-3 (mid-2011)", string.format("Nd %.2f (annual)", nd11),
    nd11 >= 1.7 and nd11 <= 3, "reuters-ibtimes-2011")
  -- 3. the peaks
  local nd_peak, nd_year = res.price.Nd.fob:max()
  local dy_peak, dy_year = res.price.Dy.fob:max()
  -- (oxide against oxide: the founding report's 465 and 3,700 US$/kg are
  -- Japanese import prices of the metals, and are not this record)
  fact("Nd oxide peaks in the hundreds of US$/kg", "Nd2O3 about 370 US$/kg FOB (mid-2011)",
    string.format("%.0f US$/kg in %d", nd_peak, nd_year), nd_peak >= 100 and nd_peak < 1000, "reuters-ibtimes-2011")
  fact("Dy oxide peaks in the thousands of US$/kg", "Dy2O3 about 2,300 US$/kg FOB (Oct 2011, past its peak)",
    string.format("%.0f US$/kg in %d", dy_peak, dy_year), dy_peak >= 1000 and dy_peak < 10000, "lynas-mining-com")
  -- 4. Japan's demand
  local jp10, jp11 = sum_over(res, "demand", "JP", 2010), sum_over(res, "demand", "JP", 2011)
  local fall = 1 - jp11 / jp10
  fact("Japan's demand falls by about a third, 2010 to 2011", "31,000 t to 21,090 t: -32%",
    string.format("%.0f%%", -100 * fall), fall >= 0.25 and fall <= 0.4, "jsnm")
  -- 5. the quota slack from late 2011: 2012 exports under the quota
  local exports12 = sum_over(res, "exports", nil, 2012) / base.modelled_share
  fact("2012: exports stay under the quota", "16,265 t against 30,996 t",
    format.number(exports12) .. " t (all rare earths)", exports12 < 30996, "xinhua-2012-quota")
  -- 6. the La/Ce collapse
  local la11, la13 = res.price.La.fob[2011], res.price.La.fob[2013]
  local ce11, ce13 = res.price.Ce.fob[2011], res.price.Ce.fob[2013]
  fact("2012-13: La and Ce prices collapse", "La2O3 117 (Q3 2011) to 6-9 US$/kg (2013)",
    string.format("La %.1f to %.1f, Ce %.1f to %.1f", la11, la13, ce11, ce13),
    la13 < 0.3 * la11 and ce13 < 0.3 * ce11, "usgs-mcs-2014")
  -- 7. where magnets were made
  local cn10 = res.location.magnet.CN[2010]
  fact("2010: China makes about four fifths of the world's sintered NdFeB", "78,000 of 98,200 t: 79%",
    string.format("%.0f%%", 100 * cn10), cn10 >= 0.7 and cn10 <= 0.9, "china-org-2013")
  return facts
end

--- The facts as a table for the terminal.
function validation.report(facts)
  local rows = { { "", "fact", "the record", "the model" } }
  for _, f in ipairs(facts) do
    rows[#rows + 1] = { f.holds and "ok" or "MISS", f.name, f.record, f.model }
  end
  return format.table(rows, "  ")
end

return validation
