--- ./ree run's section 8: the crisis, month by month. The calibration on
-- quantities and post-crisis price levels, the Monte Carlo's bands
-- against the held-out facts (misses included), the facts of section 7
-- on the calibrated run, and fan charts of Nd and Dy against the record.

local validation = require("ree.models.scenarios.validation")
local crisis_validation = require("ree.models.scenarios.crisis_validation")

-- a main job of seconds; the bands are of the runs the calibration's data
-- do not rule out, so that their 5% tails rest on a few runs each and
-- their ends are rough
local RUNS = 400

return function(say, chart_dir)
  local out = crisis_validation.run { runs = RUNS, seed = 1, progress = false }
  say("  The history on a monthly market with stocks (models/scenarios/crisis.lua): holders on both sides")
  say("  want more stock when a dated event puts supply at risk, and less when the price is high against")
  say("  what they expect; China's output is its mining quotas and an illegal fringe enforcement shrinks;")
  say("  the export quota comes in its recorded tranches. Calibrated on China's exports and mine output")
  say("  and on the price levels of 2014-2015 only; never on a price of 2010-2013:")
  local fitted = ("  " .. tostring(out.fit)):gsub("\n", "\n  ")
  say("%s", fitted)
  say("")
  say("  Judged on what it was never fitted to: %d runs over the parameters the data leave free", RUNS)
  say("  (models/scenarios/crisis_validation.lua says which and over what ranges); the %.0f the",
    out.mc:effective_runs())
  say("  calibration's data do not rule out (none more than %g widened sds from a target) make the bands:",
    crisis_validation.IMPLAUSIBLE)
  say("%s", crisis_validation.report(out.facts, out.prior))
  local calibrated = out.fit:scenario():run()
  local facts = validation.check(calibrated:annual())
  local met = 0
  for _, f in ipairs(facts) do if f.holds then met = met + 1 end end
  say("  Section 7's facts on the calibrated run, as annual averages: %d of %d met", met, #facts)
  say("%s", validation.report(facts))
  for _, chart in ipairs(crisis_validation.charts(out, { dir = chart_dir })) do say("  Chart: %s", chart[3]) end
end
