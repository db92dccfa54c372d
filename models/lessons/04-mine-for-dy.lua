--- Lesson 4: co-production, the balance problem.
return {
  title = "Mine for Dy, drown in Ce",
  text = [=[
A mine yields all its rare earths in the fixed shares of its deposit. Japan
used about 600 t of Dy a year around 2010 (Japan's CJC). A light rare-earth
deposit holds a tenth of a percent of Dy; to get that Dy from it, a mine must
produce everything else too, most of it cerium and lanthanum that nobody needs
at that scale. Ion-adsorption clays of south China are the other way round:
rich in heavy rare earths. This is why new mines outside China did not solve
the Dy problem, and why a mine's economics hang on selling every co-product.]=],
  steps = {
    { "The REO shares of Mt Weld (Lynas's deposit) and of Longnan's ion clay:",
      [=[weld = ree.magnet.supply({ ["Mt Weld"] = 1 }).reo
clay = ree.magnet.supply({ ["Longnan"] = 1 }).reo
weld.Dy, weld.Ce, clay.Dy, clay.Ce]=] },
    { "The t of REO each must produce for 600 t of Dy2O3:", "600 / weld.Dy, 600 / clay.Dy" },
  },
  exercises = {
    { question = "How many t of REO must Mt Weld produce to give 600 t of Dy2O3?",
      form = "t of REO",
      hint = "weld holds each oxide's share of a tonne of Mt Weld's REO. How many tonnes hold 600 t of Dy2O3?",
      solution = '600 / ree.magnet.supply({ ["Mt Weld"] = 1 }).reo.Dy', rel = 0.001 },
    { question = "How many t of CeO2 come with them?",
      form = "t of CeO2",
      hint = "The tonnes of REO of the first exercise, and Ce's share of each of them.",
      solution = [=[(function() local w = ree.magnet.supply({ ["Mt Weld"] = 1 }).reo
  return 600 / w.Dy * w.Ce end)()]=], rel = 0.001 },
    { question = "From Longnan's clay instead, how many t of Y2O3 come with the 600 t of Dy2O3?",
      form = "t of Y2O3",
      hint = "The same two steps with the clay's shares: the tonnes that hold 600 t of Dy2O3, then their Y2O3.",
      solution = [=[(function() local c = ree.magnet.supply({ ["Longnan"] = 1 }).reo
  return 600 / c.Dy * c.Y end)()]=], rel = 0.001 },
  },
}
