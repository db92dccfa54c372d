--- Lesson 6: the bullwhip along a supply chain.
return {
  title = "The rare-earth beer game",
  text = [=[
Four stages (retailer, wholesaler, distributor, factory) each order from the
next by Sterman's anchoring-and-adjustment rule, with delays on orders and on
goods. Sterman (1989) estimated how players order: they forget most of what
they have already ordered and not yet received (beta = 0.34 of the supply
line counted). A step in customer demand then sets off the bullwhip: orders
swing more the further a stage is from the customer, as magnet makers'
orders of Dy did in 2010-2012. Counting the whole supply line (beta = 1)
damps it.]=],
  steps = {
    { "Sterman's players, customer demand stepping from 4 to 8 cases a week:",
      [=[beer = require("ree.models.classroom.beer_game")
play = beer.scenario():run()
play.orders.retailer:max(), play.orders.factory:max()]=] },
    { "The same chain, each stage counting its whole supply line:",
      [=[careful = beer.scenario({ beta = 1 }):run()
careful.orders.factory:max()]=] },
    { "The standard deviation of a stage's weekly orders, to measure the swing:",
      "play.orders.factory:sd() / play.orders.retailer:sd()" },
  },
  exercises = {
    { question = "How many times the retailer's swing (standard deviation of orders) is the factory's?",
      form = "a ratio, 2 is twice",
      hint = "The swing of a stage is the standard deviation of its orders (a series has :sd()); the third " ..
        "step played the game.",
      solution = "play.orders.factory:sd() / play.orders.retailer:sd()", rel = 0.001 },
    { question = "With the whole supply line counted (beta = 1), what fraction of its former swing does " ..
      "the factory keep?",
      form = "a fraction of the former swing, 0.5 is half",
      hint = "Play again with beta = 1 and set the factory's new swing against the first game's.",
      solution = "careful.orders.factory:sd() / play.orders.factory:sd()", rel = 0.001 },
  },
}
