local ree = require("ree")

local NA = ree.missing

local function s(from, unit, ...) return ree.series { from = from, unit = unit, ... } end

describe("series #unit", function()
  it("are built from a year, a unit and values, with gaps missing", function()
    local x = ree.series { from = 1990, unit = "t REO", name = "world", 60000, NA, 64000 }
    assert.are.same({ 1990, 1992 }, { x:years() })
    assert.are.equal(3, #x)
    assert.are.equal("t REO", x:unit())
    assert.are.equal("world", x:name())
    assert.are.equal(60000, x[1990])
    assert.is_nil(x[1991]) -- missing, never 0
    assert.is_nil(x[1989])
    assert.are.equal("ree.Series 'world' 1990-1992, t REO (3 values, 1 missing)", tostring(x))
    local holes = ree.series { from = 2000, to = 2002, unit = "t", 1, nil, 3 }
    assert.is_nil(holes[2001])
    assert.are.equal(3, holes[2002])
  end)

  it("refuse bad construction", function()
    assert.has_error(function() ree.series { unit = "t", 1 } end,
      "series needs 'from', the first year, as an integer")
    assert.has_error(function() ree.series { from = 2000, 1 } end,
      "series needs a 'unit' (\"t REO\", \"US$/kg\", ...)")
    assert.has_error(function() ree.series { from = 2000, unit = "t", start = 1 } end,
      "series: unknown option 'start'")
    assert.has_error(function() ree.series { from = 2000, unit = "tonnes", 1 } end,
      "unit 'tonnes': unknown unit 'tonnes'")
    assert.has_error(function() ree.series { from = 2000, unit = "t", "1" } end,
      "value 1 (2000) must be a number or nil, not string")
  end)

  it("add, subtract, multiply and divide, keeping gaps missing", function()
    local a, b = s(2000, "t", 1, 2, NA), s(2000, "t", 10, 20, 30)
    assert.are.equal(s(2000, "t", 11, 22, NA), a + b)
    assert.are.equal(s(2000, "t", 9, 18, NA), b - a)
    assert.are.equal(s(2000, "t", -1, -2, NA), -a)
    assert.are.equal(s(2000, "t", 2, 4, NA), a * 2)
    assert.are.equal(s(2000, "t", 2, 4, NA), 2 * a)
    assert.are.equal(s(2000, "t", 0.5, 1, NA), a / 2)
    assert.are.equal(s(2000, "t", 9, 8, NA), 10 - a)
    assert.are.equal(s(2000, "t", 6, 7, NA), a + 5)
  end)

  it("combine units: t by US$/kg is US$, CNY/t by CNY/US$ is US$/t", function()
    local t = s(2010, "t", 100)
    local price = s(2010, "US$/kg", 30)
    local value = t * price
    assert.are.equal("US$", value:unit())
    assert.are.equal(3000000, value[2010]) -- 100 t at 30 US$/kg
    local cny = s(2011, "CNY/t", 1175000) -- Nd2O3 in China, September 2011
    local fx = s(2011, "CNY/US$", 6.4)    -- an exchange rate, as a series
    local usd = (cny / fx):to "US$/kg"
    assert.are.equal("US$/kg", usd:unit())
    assert.near(1175000 / 6.4 / 1000, usd[2011], 1e-9)
    assert.are.equal("fraction", (t / t):unit())
  end)

  it("refuse unlike units and ranges, naming both", function()
    local t, kt = s(2000, "t REO", 1, 2), s(2000, "kt REO", 1, 2)
    assert.has_error(function() return t + kt end, "unlike units 't REO' and 'kt REO': convert one with :to")
    assert.has_error(function() return t + s(2000, "t metal", 1, 2) end,
      "unlike units 't REO' and 't metal': convert one with :to")
    assert.has_error(function() return t + s(2001, "t REO", 1, 2) end,
      "series cover 2000-2001 and 2001-2002: align them first")
    assert.has_error(function() return t:to "US$" end, "cannot convert 't REO' to 'US$'")
    assert.has_error(function() return t * s(2000, "US$/t metal", 1, 2) end,
      "cannot multiply 't REO' by 'US$/t metal': unlike bases")
  end)

  it("convert, slice, shift and align", function()
    local x = s(1990, "t REO", 60000, 62000, 64000)
    assert.are.equal(s(1990, "kt REO", 60, 62, 64), x:to "kt REO")
    assert.are.equal(s(1991, "t REO", 62000, 64000, NA), x:slice(1991, 1993))
    assert.are.equal(s(1995, "t REO", 60000, 62000, 64000), x:shift(5))
    local a, b = x:align(s(1992, "t REO", 1, 2))
    assert.are.equal(s(1990, "t REO", 60000, 62000, 64000, NA), a)
    assert.are.equal(s(1990, "t REO", NA, NA, 1, 2), b)
    assert.are.equal(s(1990, "t REO", NA, NA, 64001, NA), a + b)
    assert.has_error(function() return x:slice(1993, 1991) end, "empty range 1993-1991")
  end)

  it("accumulate, difference, grow and average", function()
    local x = s(2000, "t", 100, 110, 121, NA, 150)
    assert.are.equal(s(2000, "t", 100, 210, 331, NA, NA), x:cumsum())
    assert.are.equal(s(2001, "t", 10, 11, NA, NA), x:diff())
    local g = x:growth()
    assert.are.equal("fraction", g:unit())
    assert.near(0.1, g[2001], 1e-15)
    assert.near(0.1, x:cagr(2000, 2002), 1e-15) -- 100 -> 121 in two years
    assert.are.equal(s(2000, "t", NA, 105, 115.5, NA, NA), x:moving_average(2))
    assert.has_error(function() x:cagr(2000, 2003) end, "no value for 2003")
    assert.has_error(function() x:moving_average(0) end, "window of 0 years for 5 values")
  end)

  it("fill gaps and extend", function()
    local x = s(2000, "t", 2, NA, NA, 8, NA)
    assert.are.equal(s(2000, "t", 2, 4, 6, 8, NA), x:interpolate())
    assert.are.equal(s(2000, "t", 2, 2, 2, 8, NA), x:interpolate "step")
    assert.are.equal(s(2000, "t", 2, NA, NA, 8, 12, 18), x:extrapolate(2005, 0.5))
    assert.has_error(function() x:interpolate "cubic" end, "bad argument #1 to 'interpolate' (invalid option 'cubic')")
    assert.has_error(function() x:extrapolate(2003, 0.1) end, "2003 is before the series ends (2004)")
  end)

  it("find extremes, sums, means, shares and indexes", function()
    local cn, rw = s(2009, "t REO", 129400, 130000, 95000), s(2009, "t REO", 3600, 3000, 16000)
    assert.are.same({ 130000, 2010 }, { cn:max() })
    assert.are.same({ 95000, 2011 }, { cn:min() })
    local world = ree.sum { cn, rw }
    assert.are.equal(s(2009, "t REO", 133000, 133000, 111000), world)
    assert.are.equal(s(2009, "t REO", 66500, 66500, 55500), ree.mean { cn, rw })
    local share = cn:share(world):to "%"
    assert.near(130000 / 133000 * 100, share[2010], 1e-12)
    assert.are.equal("%", cn:index(2009):unit())
    assert.near(100 * 95000 / 129400, cn:index(2009)[2011], 1e-12)
    assert.has_error(function() ree.sum {} end, "bad argument #1 to 'sum' (a list of series expected)")
    assert.has_error(function() ree.sum { cn, cn:to "kt REO" } end,
      "unlike units 't REO' and 'kt REO': convert one with :to")
    assert.has_error(function() s(2000, "t", NA):max() end, "every value is missing")
  end)

  it("give the mean and the population standard deviation of the values they have", function()
    -- by hand: 2 4 4 4 5 5 7 9 has mean 5 and squared deviations summing to 32; 32 / 8 = 4
    assert.are.same({ 5, 8 }, { s(2000, "t", 2, 4, 4, 4, 5, 5, 7, 9):mean() })
    assert.are.equal(2, s(2000, "t", 2, 4, 4, 4, 5, 5, 7, 9):sd())
    -- a missing year counts for nothing: 1 and 3, mean 2, deviations 1
    assert.are.same({ 2, 1 }, { s(2000, "t", 1, NA, 3):mean(), s(2000, "t", 1, NA, 3):sd() })
    assert.are.same({}, { s(2000, "t", NA):mean() })
    assert.is_nil(s(2000, "t", NA):sd())
  end)

  it("sum any number of series", function()
    local many = {}
    for i = 1, 1000 do many[i] = s(2000, "t", i, 2 * i) end
    assert.are.equal(s(2000, "t", 500500, 1001000), ree.sum(many)) -- 1 + ... + 1000
  end)

  it("iterate over years", function()
    local seen = {}
    for year, v in s(2000, "t", 1, NA, 3):pairs() do seen[#seen + 1] = { year, v } end
    assert.are.same({ { 2000, 1 }, { 2001, nil }, { 2002, 3 } }, seen)
  end)
end)
