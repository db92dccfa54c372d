--- Lesson 3: a Japanese magnet maker's choice in 2011.
return {
  title = "Relocate or stay in 2011, with and without the export control",
  text = [=[
In 2011 a Japanese magnet maker paid the price outside China for its rare
earths; one in China paid China's price, and an alloy duty (25% from 2011)
fell on alloy leaving China. Moving magnet making to China was on the table.
In July 2012 Japan put sintered NdFeB magnets under catch-all export control,
which in effect stopped it. ree's plant-location model (models/location.lua)
gives each region a unit cost from input prices, conversion cost, freight and
duties, and lets capacity move toward a logit share with inertia; the export
control is a cost kappa on moving to China, an assumption with its range.]=],
  steps = {
    { "The history's unit cost of a kg of magnet, made in China (sold abroad) and in Japan, 2011 (US$/kg):",
      [=[res = history.scenario("history"):run()
res.cost.magnet.CN[2011], res.cost.magnet.JP[2011], res.cost.magnet.RW[2011]]=] },
    { "The share of new capacity each region would take (mu = 5 US$/kg), without and with a cost of 20 on China:",
      [=[costs = { CN = res.cost.magnet.CN[2011], JP = res.cost.magnet.JP[2011], RW = res.cost.magnet.RW[2011] }
location.shares(costs, 5).CN, location.shares(costs, 5, { CN = 20 }).CN]=] },
    { "China's share of magnet making in the history, and without the export control:",
      [=[free = history.scenario("no_export_control"):run()
res.location.magnet.CN, free.location.magnet.CN]=] },
  },
  exercises = {
    { question = "How many US$/kg cheaper was a magnet made in China than one made in Japan, in 2011?",
      form = "US$/kg",
      hint = "The history's results record what a kg of magnet costs to make in each region each year.",
      solution = [=[(function() local r = history.scenario("history"):run()
  return r.cost.magnet.JP[2011] - r.cost.magnet.CN[2011] end)()]=], within = 0.05 },
    { question = "What share of new magnet capacity would China take in 2011 without the export control?",
      form = "a fraction of new capacity, 0.7 is 70%",
      hint = "location.shares turns costs into shares of new capacity (a logit); use the second step's costs and " ..
        "its scale of 5 US$/kg.",
      solution = "location.shares(costs, 5).CN", within = 0.005 },
    { question = "And with the export control's cost of 20 US$/kg on China?",
      form = "a fraction of new capacity, 0.7 is 70%",
      hint = "The same logit, with the export control's 20 US$/kg as a non-price cost on China: " ..
        "location.shares takes those as its third argument.",
      solution = "location.shares(costs, 5, { CN = 20 }).CN", within = 0.005 },
    { question = "By how many percentage points did the export control lower China's share of magnet " ..
      "making in 2014?",
      form = "percentage points, 3.5, not 0.035",
      hint = "China's share of magnet making in 2014, in the world without the export control and in the " ..
        "history: the difference of two fractions, in points of a hundred.",
      solution = "100 * (free.location.magnet.CN[2014] - res.location.magnet.CN[2014])", within = 0.5 },
  },
}
