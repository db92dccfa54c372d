--- A Monte Carlo sweep of the crisis model over the priors of the
-- parameters the data cannot pin (crisis_validation.sample), around the
-- crisis's defaults rather than its calibration, which every process
-- would redo (./ree run's section 8 has the calibrated bands).
--
--   ./ree sweep models/sweeps/crisis.lua --runs 1000 --jobs all --out output/crisis

local crisis = require("ree.models.scenarios.crisis")
local crisis_validation = require("ree.models.scenarios.crisis_validation")

-- the fitted parameters drawn too, over their ranges, as when the data leave them free
local none = { params = {}, identified = {}, range = {} }
for _, name in ipairs(require("ree.models.scenarios.crisis_fit").FIT) do
  none.params[#none.params + 1] = name
  none.range[name] = crisis.PARAMS[name].range
end

return {
  scenario = crisis.scenario(),
  sample = crisis_validation.sample(none),
  collect = crisis_validation.COLLECT,
}
