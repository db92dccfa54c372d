--- Lesson 7: Dy-saving magnets and the price of Dy.
return {
  title = "Dy thrifting and what it did to prices",
  text = [=[
After 2011 magnet makers cut the Dy in each magnet from about 4-5% to 2-3%
(the founding report), with grain-boundary diffusion. ree models it as an
intensity of use that falls toward a floor, faster the dearer Dy was the year
before, and never rises back (a ratchet). Under a tonnage quota that fixes
what China ships, less Dy per magnet cannot lower what Japan buys; it lowers
the price instead. Compare China's policies alone with China's policies and
Dy saving.]=],
  steps = {
    { "Dy's price outside China, the ladder alone and with Dy saving (US$/kg):",
      [=[ladder = history.scenario("ladder_only"):run()
saving = history.scenario("dy_saving"):run()
ladder.price.Dy.fob, saving.price.Dy.fob]=] },
    { "Dy's intensity of use outside China (1 in 2010):", "saving.intensity.Dy.total" },
    { "Its defaults and their sources:", 'japan.defaults.dy_saving.k_min' },
  },
  exercises = {
    { question = "By what percentage did Dy saving lower Dy's price outside China in 2013?",
      form = "percent, 12.5, not 0.125",
      hint = "Dy's price outside China in 2013 with and without Dy saving: how much lower, as a share of the " ..
        "price without it?",
      solution = "100 * (1 - saving.price.Dy.fob[2013] / ladder.price.Dy.fob[2013])", within = 0.1 },
    { question = "What intensity of use of Dy had the model reached by 2015 (a fraction of 2010's)?",
      form = "a fraction of 2010's intensity, 0.8 is 80%",
      hint = "The results record Dy's intensity of use, all its uses together, each year.",
      solution = "saving.intensity.Dy.total[2015]", within = 0.001 },
    { question = "Did Japan buy less Dy in 2013 with Dy saving than without it? (true or false)",
      form = "true or false",
      hint = "Compare Japan's Dy demand in 2013 with and without Dy saving: what fixes the tonnes " ..
        "a buyer needs?",
      solution = "saving.demand.Dy.JP[2013] < ladder.demand.Dy.JP[2013] - 1e-6" },
  },
}
