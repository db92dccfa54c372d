--- The help text of the functions written in C (bindings/*.c), which
-- have no Lua source for app.help to read. Each: a signature, what it
-- does, and an example whose results are what it prints.

return {
  -- {==================================================================
  -- ree.Series (bindings/lree_series.c)
  -- ===================================================================
  ["ree.Series.at"] = { "s:at(year)", "The value in year; nil when it is missing or outside the series (s[year] too).",
    'ree.series { from = 2010, unit = "t", 100, 110 }:at(2011)   --> 110.0' },
  ["ree.Series.years"] = { "s:years()", "The first and the last year.",
    's:years()   --> 2010, 2013' },
  ["ree.Series.unit"] = { "s:unit()", "The unit, as text.", 's:unit()   --> "t"' },
  ["ree.Series.values"] = { "s:values()", "The values as a list, NaN where one is missing.",
    'ree.series { from = 2010, unit = "t", 1, nil, 3 }:values()   --> { 1.0, nan, 3.0 }' },
  ["ree.Series.name"] = { "s:name()", "The name, or nil.", 's:named("China"):name()   --> "China"' },
  ["ree.Series.named"] = { "s:named(name)", "A copy with that name (charts use it as the legend).",
    's:named("China"):name()   --> "China"' },
  ["ree.Series.to"] = { "s:to(unit)", "The values in another unit of the same dimension.",
    'ree.series { from = 2010, unit = "t", 100 }:to("kt")[2010]   --> 0.1' },
  ["ree.Series.slice"] = { "s:slice(from, to)", "The years from..to; missing outside s.",
    's:slice(2011, 2012)   --> ree.Series 2011-2012, t (2 values, ...)' },
  ["ree.Series.shift"] = { "s:shift(k)", "The same values, k years later.",
    'ree.series { from = 2010, unit = "t", 1, 2 }:shift(2):years()   --> 2012, 2013' },
  ["ree.Series.cumsum"] = { "s:cumsum()", "The running total; a missing value adds nothing.",
    'ree.series { from = 2010, unit = "t", 100, 110 }:cumsum()[2011]   --> 210.0' },
  ["ree.Series.diff"] = { "s:diff()", "Each year's change from the year before.",
    'ree.series { from = 2010, unit = "t", 100, 110 }:diff()[2011]   --> 10.0' },
  ["ree.Series.growth"] = { "s:growth()", "Each year's growth rate from the year before (a fraction).",
    'ree.series { from = 2010, unit = "t", 100, 110 }:growth()[2011]   --> 0.1' },
  ["ree.Series.cagr"] = { "s:cagr(from, to)", "The compound annual growth rate between two years (a fraction).",
    'ree.series { from = 2010, unit = "t", 100, 110, 121 }:cagr(2010, 2012)   --> 0.1' },
  ["ree.Series.moving_average"] = { "s:moving_average(window)", "The mean of the last `window` years, each year.",
    'ree.series { from = 2010, unit = "t", 100, 110 }:moving_average(2)[2011]   --> 105.0' },
  ["ree.Series.interpolate"] = { 's:interpolate(["linear" | "step"])',
    "Missing values inside the series filled: on a straight line, or carried forward.",
    'ree.series { from = 2010, unit = "t", 100, nil, 120 }:interpolate()[2011]   --> 110.0' },
  ["ree.Series.extrapolate"] = { "s:extrapolate(to_year, rate)",
    "The series carried on to to_year, growing at rate a year from its last value.",
    'ree.series { from = 2010, unit = "t", 100 }:extrapolate(2012, 0.1)[2012]   --> 121.0' },
  ["ree.Series.min"] = { "s:min()", "The smallest value and its year.",
    'ree.series { from = 2010, unit = "t", 3, 1, 2 }:min()   --> 1.0, 2011' },
  ["ree.Series.period"] = { "s:period()", "Steps a year: 1 (annual), 4 (quarterly) or 12 (monthly).",
    's:period()   --> 1' },
  ["ree.Series.max"] = { "s:max()", "The largest value and its year.",
    'res.price.Nd.fob:max()   --> the peak price and its year' },
  ["ree.Series.index"] = { "s:index(base_year)", "The series as an index, 100 in base_year.",
    'ree.series { from = 2010, unit = "t", 50, 75 }:index(2010)[2011]   --> 150.0' },
  -- }==================================================================

  -- {==================================================================
  -- ree.Composition (bindings/lree_comp.c)
  -- ===================================================================
  ["ree.Composition.molar_mass"] = { "c:molar_mass()", "g/mol of one formula unit (CIAAW 2021 atomic weights).",
    'ree.formula("Nd2Fe14B"):molar_mass()   --> 1081.124' },
  ["ree.Composition.atoms"] = { "c:atoms()", "The atoms in one formula unit.",
    'ree.formula("Nd2Fe14B"):atoms()   --> 17.0' },
  ["ree.Composition.reo_fraction"] = { "c:reo_fraction()",
    "The mass of its rare earths as their reporting oxides, per mass of the composition.",
    'ree.formula("Nd2Fe14B"):reo_fraction()   --> 0.3112...' },
  ["ree.Composition.mass_fraction"] = { "c:mass_fraction(element)", "The element's share of the mass.",
    'ree.formula("Nd2Fe14B"):mass_fraction("Nd")   --> 0.2668...' },
  ["ree.Composition.atom_fraction"] = { "c:atom_fraction(element)", "The element's share of the atoms.",
    'ree.formula("Nd2Fe14B"):atom_fraction("Nd")   --> 0.1176... (2 of 17)' },
  ["ree.Composition.amount"] = { "c:amount(element)", "Moles of the element in one formula unit.",
    'ree.formula("Nd2Fe14B"):amount("Fe")   --> 14.0' },
  ["ree.Composition.elements"] = { "c:elements()", "The element symbols, in order of appearance.",
    'ree.formula("Nd2Fe14B"):elements()   --> { "Nd", "Fe", "B" }' },
  ["ree.Composition.mass_fractions"] = { "c:mass_fractions()", "{ symbol = share of the mass } for every element.",
    'ree.formula("Nd2Fe14B"):mass_fractions().B   --> 0.0100...' },
  ["ree.Composition.atom_fractions"] = { "c:atom_fractions()", "{ symbol = share of the atoms } for every element.",
    'ree.formula("NdFeB"):atom_fractions().Nd   --> 0.3333...' },
  ["ree.Composition.formula"] = { "c:formula()", "The composition written as a formula.",
    'ree.formula("Nd2Fe14B"):formula()   --> "Nd2Fe14B"' },
  -- }==================================================================

  ["ree.parse_formula"] = { "ree.parse_formula(text)",
    "A Composition from a formula, or nil, a message naming the column, and a code: 'syntax', " ..
      "'notfound' or 'domain' (no error raised).",
    'ree.parse_formula("Nd2O3")   --> Nd2O3 (336.48 g/mol)' },
}
