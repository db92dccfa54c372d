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
cobweb.scenario({}, { 2000, 2008 }):run().price:values()]=] },
    { "The same market with a nine-year lag:",
      [=[slow = cobweb.scenario({ lag = 9 }, { 2000, 2040 }):run()
slow.price:values()]=] },
  },
  exercises = {
    { question = "With the nine-year lag, how many years pass between two price peaks?",
      hint = "Find the years of the highest prices in slow.price; the price holds for nine years, then jumps.",
      solution = [=[(function()
  local p = require("ree.models.classroom.cobweb").scenario({ lag = 9 }, { 2000, 2040 }):run().price
  local peaks = {}
  for y = 2001, 2040 do if p[y] > p[y - 1] then peaks[#peaks + 1] = y end end
  return peaks[2] - peaks[1]
end)()]=] },
    { question = "At d = b = 1 the cycle keeps its size. What is the ratio of the price swing in 2020 " ..
      "to that in 2001 (a = 13 keeps P* = 6; start at p_init = 5.9)?",
      hint = "cobweb.scenario({ d = 1, a = 13, p_init = 5.9 }, { 2000, 2020 }):run().price",
      solution = [=[(function()
  local p = require("ree.models.classroom.cobweb").scenario({ d = 1, a = 13, p_init = 5.9 }, { 2000, 2020 }):run().price
  return math.abs(p[2020] - p[2019]) / math.abs(p[2001] - p[2000])
end)()]=], within = 1e-6 },
    { question = "With adaptive expectations (theta = 0.5, lag 1), what is the price in 2002?",
      hint = 'cobweb.scenario({ expectations = "adaptive", theta = 0.5 }, { 2000, 2002 })',
      solution = [=[require("ree.models.classroom.cobweb").scenario({ expectations = "adaptive", theta = 0.5 },
  { 2000, 2002 }):run().price[2002]]=], within = 1e-9 },
  },
}
