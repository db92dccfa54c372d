--- A Monte Carlo sweep of the cobweb model: how unsure is the price path
-- when the supply response d and the opening price are unsure?
--
--   ./ree sweep models/sweeps/cobweb.lua --runs 1000 --seed 7 --out output/cobweb
--   ./ree merge output/cobweb

local ree = require("ree")
local cobweb = require("ree.models.classroom.cobweb")

return {
  scenario = cobweb.scenario({}, { 2000, 2015 }),
  sample = {
    d = ree.dist.triangular(0.3, 0.5, 0.95),
    p_init = ree.dist.normal(4, 1),
  },
  collect = { "price", "quantity" },
}
