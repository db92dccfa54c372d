--- Lesson 5: the cobweb with the lead time of a rare-earth mine.
return {
  title = "The cobweb with a nine-year lag",
  text = [=[
Producers decide today's output from the price they expected when they
committed; buyers pay today's price. Ezekiel's cobweb: with naive expectations
and a lag of one period, prices converge when the supply slope d is below the
demand slope b, cycle when they are equal, and explode above. A greenfield
rare-earth mine takes about nine years (Kingsnorth, IMCOA), so the lag is
nine: producers answer a price nine years late, and the cycle is slow.]=],
  steps = {
    { "A teaching market, Qd = 10 - P, Qs = 1 + 0.5 Pe, lag 1:",
      [=[cobweb = require("ree.models.classroom.cobweb")
cobweb.scenario({}, { 2000, 2008 }):run().price]=] },
    { "The same market with a nine-year lag:",
      [=[slow = cobweb.scenario({ lag = 9 }, { 2000, 2040 }):run()
slow.price:plot { title = "Price with a nine-year lag" }]=] },
  },
  exercises = {
    { question = "With the nine-year lag, how many years pass between two price peaks?",
      form = "a number of years",
      hint = "Look at slow.price year by year: it holds for the length of the lag, then jumps. Count the years " ..
        "from one jump up to the next.",
      solution = [=[(function()
  local p = require("ree.models.classroom.cobweb").scenario({ lag = 9 }, { 2000, 2040 }):run().price
  local peaks = {}
  for y = 2001, 2040 do if p[y] > p[y - 1] then peaks[#peaks + 1] = y end end
  return peaks[2] - peaks[1]
end)()]=] },
    { question = "At d = b = 1 the cycle keeps its size. What is the ratio of the price swing in 2020 " ..
      "to that in 2001 (a = 13 keeps P* = 6; start at p_init = 5.9)?",
      form = "a ratio, 1 is the same size",
      hint = "Run the cobweb with those values to 2020. A year's swing is how far the price moved from the " ..
        "year before; compare the last year's with the first's.",
      solution = [=[(function()
  local p = require("ree.models.classroom.cobweb").scenario({ d = 1, a = 13, p_init = 5.9 }, { 2000, 2020 }):run().price
  return math.abs(p[2020] - p[2019]) / math.abs(p[2001] - p[2000])
end)()]=], within = 1e-6 },
    { question = "With adaptive expectations (theta = 0.5, lag 1), what is the price in 2002?",
      form = "US$/kg",
      hint = "cobweb.scenario takes expectations and theta among its options; run it over 2000-2002 and " ..
        "read the price.",
      solution = [=[require("ree.models.classroom.cobweb").scenario({ expectations = "adaptive", theta = 0.5 },
  { 2000, 2002 }):run().price[2002]]=], within = 1e-9 },
  },
}
