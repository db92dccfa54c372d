local ree = require("ree")
local helpers = require("spec.helpers")

local fixture = helpers.fixture("stoichiometry.json")

--- Molar mass of counts with a given table of weights.
local function mass_with(counts, weights, which)
  local m = 0
  for el, n in pairs(counts) do m = m + n * weights[el][which] end
  return m
end

describe("formulas against pymatgen and periodictable #unit", function()
  -- The fixture's cases were computed by both libraries
  -- (scripts/dev/make_stoichiometry_fixture.py).
  for _, case in ipairs(fixture.cases) do
    it("reads " .. case.formula .. " as pymatgen reads " .. case.given_to_pymatgen, function()
      local c = ree.formula(case.formula)
      local counts = {}
      for _, el in ipairs(c:elements()) do counts[el] = c:amount(el) end
      assert.are.equal(#c, (function() local k = 0 for _ in pairs(case.counts) do k = k + 1 end return k end)())
      for el, n in pairs(case.counts) do
        assert.near(n, counts[el], 1e-12 * n)
      end
      -- the same counts with each library's own weights give its masses exactly
      assert.relatively_near(case.molar_mass_periodictable,
        mass_with(counts, fixture.atomic_weights, "periodictable"), 1e-13)
      assert.relatively_near(case.molar_mass_pymatgen,
        mass_with(counts, fixture.atomic_weights, "pymatgen"), 1e-12)
      -- and ree's CIAAW 2021 weights differ from them by the revisions only
      assert.relatively_near(case.molar_mass_periodictable, c:molar_mass(), 1e-4)
    end)
  end
end)

describe("formulas #unit", function()
  it("give molar mass, fractions and a readable string", function()
    local m = ree.formula "(Nd0.8Pr0.2)2Fe14B"
    -- by hand: 1.6 * 144.242 + 0.4 * 140.90766 + 14 * 55.845 + 10.81
    local mm = 1.6 * 144.242 + 0.4 * 140.90766 + 14 * 55.845 + 10.81
    assert.near(mm, m:molar_mass(), 1e-12)
    assert.near(1.6 * 144.242 / mm, m:mass_fraction "Nd", 1e-15)
    assert.near(14 / 17, m:atom_fraction "Fe", 1e-15)
    assert.are.equal(0, m:mass_fraction "Dy")
    assert.are.same({ "Nd", "Pr", "Fe", "B" }, m:elements())
    assert.are.equal("Nd1.6Pr0.4Fe14B (1079.79 g/mol)", tostring(m))
    assert.are.equal(4, #m)
    assert.are.equal(ree.molar_mass "(Nd0.8Pr0.2)2Fe14B", m:molar_mass())
  end)

  it("give their fractions as tables and their formula as text", function()
    local m = ree.formula "Nd2O3"
    local w = m:mass_fractions()
    assert.near(1, w.Nd + w.O, 1e-15)
    assert.near(2 * 144.242 / (2 * 144.242 + 3 * 15.999), w.Nd, 1e-15)
    assert.are.same({ Nd = 0.4, O = 0.6 }, m:atom_fractions())
    assert.are.equal("Nd2O3", m:formula())
    assert.are.equal("FeO0.5", ree.formula("FeO0.5"):formula())
  end)

  it("add, scale and compare", function()
    local w = ree.formula "H2O"
    assert.are.equal(ree.formula "NdCl3*6H2O", ree.formula "NdCl3" + 6 * w)
    assert.are.equal(ree.formula "H4O2", w * 2)
    assert.are_not.equal(ree.formula "H2O", ree.formula "H2O2")
    assert.has_error(function() return w * -1 end, "bad argument #2 to 'mul' (factor must be positive)")
  end)

  -- Every message names the formula, the problem and the column.
  local errors = {
    { "Nd2Fe14Bx", "formula 'Nd2Fe14Bx': unknown element 'Bx' at column 8" },
    { "", "formula '': empty formula at column 1" },
    { "Nd2O3)", "formula 'Nd2O3)': unbalanced ')' at column 6" },
    { "(Nd2O3", "formula '(Nd2O3': unbalanced '(' at column 1" },
    { "[Fe(CN)6)", "formula '[Fe(CN)6)': mismatched ')' at column 9" },
    { "Fe-2O3", "formula 'Fe-2O3': negative amount at column 3" },
    { "Fe0O", "formula 'Fe0O': zero amount at column 3" },
    { "Nd()", "formula 'Nd()': empty group '()' at column 3" },
    { "nd2o3", "formula 'nd2o3': unknown element 'nd' (symbols start with a capital letter) at column 1" },
    { "Nd2O3 +", "formula 'Nd2O3 +': expected a formula after '+' at column 8" },
    { "NdCl3·", "formula 'NdCl3·': expected a formula after '·' at column 7" },
    { "NdCl3·Xx", "formula 'NdCl3·Xx': unknown element 'Xx' at column 7" },
    { "(Ce,La)CO3F", "formula '(Ce,La)CO3F': substitution '(Ce,La)' needs an explicit amount on each member, "
      .. "as in '(Ce0.5,La0.5)' at column 1" },
    { "Ce,La", "formula 'Ce,La': unexpected character ',' at column 3" },
    { "Nd2O3 ≈", "formula 'Nd2O3 ≈': unexpected character '≈' at column 7" },
  }
  for _, case in ipairs(errors) do
    it("refuses '" .. case[1] .. "' saying where and why", function()
      assert.has_error(function() ree.formula(case[1]) end, case[2])
      local c, msg, code = ree.parse_formula(case[1])
      assert.is_nil(c)
      assert.are.equal(case[2], msg)
      -- an unknown symbol is "notfound", an amount out of range "domain",
      -- every other problem the text's syntax
      local kind = msg:find("unknown element", 1, true) and "notfound"
        or msg:find(" amount at", 1, true) and "domain" or "syntax"
      assert.are.equal(kind, code)
    end)
  end

  it("raises on misuse", function()
    assert.has_error(function() ree.formula(42) end, "bad argument #1 to 'formula' (string expected, got number)")
    assert.has_error(function() ree.formula "Nd":mass_fraction "Xx" end, "unknown element 'Xx'")
    assert.has_error(function() ree.formula "Nd".molar_mass({}) end,
      "bad argument #1 to 'molar_mass' (ree.Composition expected, got table)")
  end)
end)
