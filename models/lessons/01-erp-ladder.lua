--- Lesson 1: China's downstream-capture ladder, as effective protection.
return {
  title = "The ERP ladder, year by year",
  text = [=[
China taxed the export of rare earths one stage at a time: oxides and metals
from 2007, magnet alloy from 2010-11, finished magnets never. An export duty x
lowers a product's price inside China to P / (1 + x), so a Chinese maker buying
it is protected. Corden's effective rate of protection (ERP) measures what
that does to a stage's value added:

  ERP = (t_output - a t_input) / (1 - a)

with t the nominal rate a duty gives a user inside China, -x / (1 + x), and a
the input's share of the output's value. Watch the advantage climb the chain.]=],
  steps = {
    { "The duties on Dy's chain in 2008 (%), from the record:", 'china.ladder("Dy", 2008)' },
    { "And in 2011, when alloy was taxed too:", 'china.ladder("Dy", 2011)' },
    { "Corden's formula, year by year (fractions: 1.8 is +180%):",
      'erp = china.erp_by_year("Dy", 2006, 2015)\nerp.alloy, erp.magnet' },
    { "What a 25% duty on an input gives a user inside China:", "china.nominal_from_duty(0.25)" },
  },
  exercises = {
    { question = "What was the ERP of Dy-alloy making inside China in 2008 (a fraction)?",
      form = "a fraction, 1.8 is +180%",
      hint = "The third step gives the ERP of each stage by year. In 2008 metal, the alloy's input, was taxed " ..
        "25% and alloy not: which stage does that protect, and in which year do you read it?",
      solution = 'china.erp_by_year("Dy", 2006, 2015).alloy[2008]', within = 0.01 },
    { question = "In which year did magnet sintering first get positive effective protection?",
      form = "a year",
      hint = "Read the magnet stage's ERP year by year from 2006: it turns positive when its input, alloy, is " ..
        "first taxed.",
      solution = [=[(function()
  local e = china.erp_by_year("Dy", 2006, 2015)
  for y = 2006, 2015 do if e.magnet[y] > 0 then return y end end
end)()]=] },
    { question = "Mid-2011 Nd oxide cost 1.7 times as much outside China as inside (the quota bound). " ..
      "What ERP did that give making magnets in China from the oxide (china.erp_observed)?",
      form = "a fraction, 0.5 is +50%",
      hint = "china.erp_observed() turns the record's paired prices into ERPs; Nd oxide in mid-2011 is the " ..
        "first pair. Which of its fields is the ERP?",
      solution = "china.erp_observed()[1].erp", within = 0.01 },
  },
}
