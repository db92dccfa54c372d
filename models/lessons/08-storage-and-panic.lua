--- Lesson 8: storage and panic buying.
return {
  title = "Storage and panic buying: why a scare multiplies the price, and why the collapse overshoots",
  text = [=[
Buyers of a material they cannot do without keep a stock: a few months of
use. When supply looks at risk (an export quota cut, a customs halt) they want
more months of it, and they all buy at once. Output has not fallen, yet for a
while the market must supply both what is used and what is stocked, and with a
flow demand as rigid as rare earths' (a price elasticity near -0.15) only a
price several times higher makes room. Buyers who expect prices to stay high
(adaptive expectations) want more stock still, so the price climbs for months.
When the scare passes, the extra stock is sold back into the market: the price
falls below where it started, and stays low until the stock is worked off.
This is the mechanism storage models (Williams and Wright; Deaton and Laroque)
put behind commodity spikes, and the 2008 rice crisis showed it with no
harvest shortfall at all. models/classroom/panic.lua is a monthly market with it.]=],
  steps = {
    { "A market of 1,000 t a month at US$20/kg with two months of stock; a scare in 2010-11 raises the " ..
      "desired cover to five months (theta = 1.5). Output never changes:",
      [=[panic = require("ree.models.classroom.panic")
play = panic.scenario():run()
play.price:annual("mean")]=] },
    { "The month the scare arrives, the price multiple m solves m^-0.15 + (5 m^-0.5 - 2) / 4 = 1 " ..
      "(use, plus a quarter of the stock gap a month, equal to output):",
      "play.price:at(2010, 1) / 20" },
    { "The stock buyers hold at each year's end, and the price's highest and lowest month:",
      "play.stock:annual('last'), play.price:max(), play.price:min()" },
  },
  exercises = {
    { question = "By what multiple does the price jump in January 2010, the month the scare arrives?",
      form = "a multiple of the US$20 start, 2 is twice",
      hint = "The price in January 2010 against the US$20 it started at; by hand, solve " ..
        "m^-0.15 + (5 m^-0.5 - 2) / 4 = 1.",
      solution = "require('ree.models.classroom.panic').scenario():run().price:at(2010, 1) / 20", within = 0.01 },
    { question = "If buyers' cover reacts less to the price (eta = 0.3), what is that first multiple?",
      form = "a multiple of the US$20 start, 2 is twice",
      hint = "Run the panic again with eta = 0.3 among its options, and take the same ratio.",
      solution = "require('ree.models.classroom.panic').scenario { eta = 0.3 }:run().price:at(2010, 1) / 20",
      within = 0.01 },
    { question = "In which month of 2010 does the price peak (1-12)?",
      form = "a month, 1 to 12",
      hint = "A monthly series's :max() gives its value, then the year, then the month.",
      solution = "select(3, require('ree.models.classroom.panic').scenario():run().price:max())" },
    { question = "After the scare, how low does the price fall, as a fraction of the US$20 it started at?",
      form = "a fraction of the US$20 start, 0.5 is half",
      hint = "The lowest price after the scare, against the US$20 start: the stock bought in the scare is " ..
        "being sold back.",
      solution = "require('ree.models.classroom.panic').scenario():run().price:min() / 20", within = 0.005 },
  },
}
