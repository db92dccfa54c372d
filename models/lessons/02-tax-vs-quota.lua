--- Lesson 2: an export tax and an export quota at the same volume.
return {
  title = "Tax or quota: who gets the money",
  text = [=[
A tax and a quota can cut exports by the same tonnage. The prices come out the
same; what differs is who collects the gap between the price outside China and
inside it: the treasury (tax revenue) or whoever holds the export licences (the
quota rent). Under a tonnage quota shared by all rare earths, licences go to the
elements where the gap is widest, and a licence itself gets a price: in 2010
licences traded at about US$15/kg (Japan Metal Bulletin).]=],
  steps = {
    { "A Dy market a hand can follow: China's demand and supply, and demand outside China.",
      [=[dy = { name = "Dy", year = 2010, d_cn = { "elastic", q = 1000, p = 200, e = -0.3 },
  s_cn = { "elastic", q = 1500, p = 200, e = 0.5 }, d_rw = { "elastic", q = 600, p = 250, e = -0.3 } }
free = ree.market.clear(dy)
free.p_cn, free.p_rw, free.exports]=] },
    { "A 25% export tax:",
      [=[dy.tax = 0.25
taxed = ree.market.clear(dy)
taxed.p_cn, taxed.p_rw, taxed.exports, taxed.tax_revenue]=] },
    { "No tax, but a quota of the tonnage the tax let through:",
      [=[dy.tax, dy.quota = 0, taxed.exports
quota = ree.market.clear(dy)
quota.p_cn, quota.p_rw, quota.quota_rent, quota.tax_equivalent]=] },
    { "The history's tonnage quota of 2010, shared by La, Ce, Pr, Nd and Dy: its licence price (US$/kg).",
      [=[res = history.scenario("history"):run()
res.licence.all[2010]]=] },
  },
  exercises = {
    { question = "How many US$ of quota rent does the quota give, at the tax's volume?",
      form = "US$",
      hint = "The third step clears the market under a quota of the exports the tax left. The rent is what " ..
        "the gap between the price outside and inside China earns on every tonne exported: its result says.",
      solution = [=[ree.market.clear { name = "Dy", year = 2010, d_cn = { "elastic", q = 1000, p = 200, e = -0.3 },
  s_cn = { "elastic", q = 1500, p = 200, e = 0.5 }, d_rw = { "elastic", q = 600, p = 250, e = -0.3 },
  quota = taxed.exports }.quota_rent]=], rel = 0.001 },
    { question = "What tax rate is the quota equivalent to (a fraction)?",
      form = "a fraction, 0.1 is 10%",
      hint = "A quota at the tax's volume opens the same gap between the two prices as the tax. What rate " ..
        "would the tax have to be?",
      solution = "0.25", within = 0.001 },
    { question = "What licence price (US$/kg) does the model give the 2010 tonnage quota? " ..
      "(The record: about 15.)",
      form = "US$/kg",
      hint = "The history records the licence price of each quota every year; look for the licence of the " ..
        "quota on all the elements, in 2010.",
      solution = 'history.scenario("history"):run().licence.all[2010]', within = 0.1 },
  },
}
