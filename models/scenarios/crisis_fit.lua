--- The crisis calibrated on quantities and on price levels outside the
-- crisis, never on a price of 2010-2013 (those are held out: the
-- validation of models/scenarios/crisis_validation.lua judges them).
--
--   local fit = require("ree.models.scenarios.crisis_fit").run()
--   print(fit)                      -- each parameter, its sd, whether the data pin it
--   fit:scenario():run()
--
-- Fitted, within their ranges:
--   crisis.enforced   how much of 2010's illegal fringe enforcement stopped
--   crisis.enforced_2011  how much of that was in place from May 2011
--   leak.l0           smuggling past the quota
--   fringe.heavy      the fringe's heavy part (sets the element mix)
--   shift.l0          exports as ferro-alloys before the quota covered them
--                     (customs count them; smuggling they do not see)
-- on (years 2008-2015):
--   China's exports, all rare earths: 2008, 2010, 2013 and 2014 (2011 and
--     2012 are held out: the quota's under-fill is a fact to validate)
--   China's mine output, legal and illegal: USGS's for 2008-2010 and
--     2012-2015; for 2011, which USGS's series lacks, the one figure
--     found (96,900 t, Chinese statistics as the industry association
--     gave them: chinadaily-2012-08-output)
--   China's smuggled exports in 2010, about 10,000 t (two reports; 2011's,
--     given as 1.2 times the legal exports, is held out with them)
--   FOB oxide prices of La, Ce, Nd and Dy in 2014 and 2015 (USGS annual
--     averages): the levels after the quota regime
-- The record is customs data: the model's legal exports and those of
-- products the quota did not cover, not smuggling (exports.customs). The
-- model's exports and output are of its five elements; the record's, of
-- all rare earths, so the record is scaled by the share the five make:
-- of exports, in the crisis's default mix (crisis.mix); of output, in
-- what China mined that year (fit.output_share).

local ree = require("ree")
local crisis = require("ree.models.scenarios.crisis")

local fit = {}

fit.FIT = { "crisis.enforced", "crisis.enforced_2011", "fringe.heavy", "leak.l0", "shift.l0" }
fit.YEARS = { 2008, 2015 }
fit.EXPORT_YEARS = { 2008, 2010, 2013, 2014 }
fit.HELD_OUT = { { "price.La.fob", from = 2010, to = 2013 }, { "price.Ce.fob", from = 2010, to = 2013 },
  { "price.Nd.fob", from = 2010, to = 2013 }, { "price.Dy.fob", from = 2010, to = 2013 },
  { "exports.customs", from = 2011, to = 2012 }, { "exports.smuggled", from = 2011, to = 2012 }, "ratio.Nd",
  "purchases.Nd.JP", "licence.all" }

local OXIDES = { La = "La2O3", Ce = "CeO2", Nd = "Nd2O3", Dy = "Dy2O3" }

local FRINGE_LIGHT, FRINGE_HEAVY = crisis.PARAMS["fringe.light"].value, crisis.PARAMS["fringe.heavy"].value

--- The share the model's five elements make of `total` t REO that China
-- mined in year, from the record alone: the year's mining quotas by
-- group, in their deposits' shares, and what was mined beyond them, in
-- the fringe's default split between the groups (crisis.mix). Before the
-- quotas (2010) the crisis's market is in 2010's mix, the default's.
function fit.output_share(year, total)
  local quotas = crisis.group_quotas(year)
  if not quotas then return select(2, crisis.mix(FRINGE_LIGHT, FRINGE_HEAVY)) end
  local above = math.max(0, total - quotas.light - quotas.heavy)
  local heavy = FRINGE_HEAVY / (FRINGE_LIGHT + FRINGE_HEAVY)
  return select(2, crisis.mix(above * (1 - heavy), above * heavy, quotas))
end

--- The targets: { path, data = Series, rel = fraction }. Each record's
-- sd, a fraction of its values, is an assumption: exports 15% (what
-- customs counted changed with the products the quota covered), smuggled
-- exports 50% (a round "as much as" of reports); output 10%
-- (USGS rounds China's to 5,000-10,000 t, and its 2008-2009 figures stand
-- 4-8% below Chinese statistics', production.json), and 15% for 2011's
-- Chinese figure, of a series its source does not name; prices 30% (yearly
-- means of a market that moved more than that within a year).
function fit.targets()
  local quotas = assert(ree.data.load "china-quotas")
  local exports = quotas:get("Exports")
  local _, modelled = crisis.mix(FRINGE_LIGHT, FRINGE_HEAVY)
  local values = {}
  for _, year in ipairs(fit.EXPORT_YEARS) do values[year - 2007] = exports[year] * modelled end
  local list = { { "exports.customs", data = ree.series { from = 2008, unit = "t REO", table.unpack(values, 1, 7) },
    rel = 0.15 } }
  local smuggled = quotas:get("Exports, smuggled (estimates)")[2010]
  list[#list + 1] = { "exports.smuggled", data = ree.series { from = 2010, unit = "t REO", smuggled * modelled },
    rel = 0.5 }
  local production = assert(ree.data.load "production")
  local usgs, mined = production:get("China"), {}
  for year = 2008, 2015 do mined[year - 2007] = usgs[year] and usgs[year] * fit.output_share(year, usgs[year]) end
  list[#list + 1] = { "output.CN", data = ree.series { from = 2008, unit = "t REO", table.unpack(mined, 1, 8) },
    rel = 0.1 }
  local in_2011 = production:get("China (Chinese statistics)")[2011]
  list[#list + 1] = { "output.CN", data = ree.series { from = 2011, unit = "t REO",
    in_2011 * fit.output_share(2011, in_2011) }, rel = 0.15 }
  local prices = assert(ree.data.load "prices")
  for _, el in ipairs({ "La", "Ce", "Nd", "Dy" }) do
    list[#list + 1] = { "price." .. el .. ".fob", data = prices:get(OXIDES[el] .. ", annual average (USGS)"),
      rel = 0.3 }
  end
  return list
end

--- The calibration (a ree.Calibration); max_runs bounds the optimiser
-- (default 2,000: with parameters at a bound of their range it takes
-- some 1,000).
function fit.run(max_runs)
  return ree.calibrate { scenario = crisis.scenario(), fit = fit.FIT, targets = fit.targets(),
    hold_out = fit.HELD_OUT, years = fit.YEARS, max_runs = max_runs or 2000 }
end

return fit
