--- A Monte Carlo sweep of the 2005-2015 history: every number parameter
-- that states a range (Japan's demand, China's shares, supply responses,
-- thrifting, plant location's costs) drawn across it, uniformly,
-- since a range says what the sources allow and nothing about which value
-- within it is likelier. For a spreadsheet, each run's inputs and outputs:
--
--   ./ree sweep models/sweeps/history.lua --runs 1000 --jobs all --export history-runs.csv

local ree = require("ree")
local history = require("ree.models.scenarios.history")

local scenario = history.scenario("history")
local sample = {}
for name, p in pairs(scenario.params) do
  local range = p.range
  if type(p.value) == "number" and type(range) == "table" and range[2] > range[1] then
    sample[name] = ree.dist.uniform(range[1], range[2])
  end
end

return {
  scenario = scenario,
  sample = sample,
  collect = { "price.Nd.fob", "price.Dy.fob", "price.Nd.cn", "price.Dy.cn", "exports.Nd", "exports.Dy",
    "location.magnet.CN" },
}
