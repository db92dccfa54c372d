local ree = require("ree")
local dataset = require("ree.dataset")

describe("the historical datasets #models", function()
  it("are listed and load", function()
    assert.are.same({ "china-export-duties", "china-quotas", "china-stockpiles", "demand", "ndfeb-production",
      "prices", "production", "quota-tranches", "reserves", "seed-report", "supply-risk-events" }, ree.data.list())
    for _, name in ipairs(ree.data.list()) do
      local ds = ree.data.load(name)
      assert.truthy(#ds.order > 0 or #ds.events > 0, name) -- series, or dated events only
    end
  end)

  it("have a source and a grade for every value, and nothing else", function()
    local bib = ree.data.bibliography()
    local grades = { A = true, B = true, C = true, computed = true, assumption = true }
    for _, name in ipairs(ree.data.list()) do
      local ds = ree.data.load(name)
      for _, e in ipairs(ds.events) do assert.is_table(bib[e.source], name .. ": event " .. e.date) end
      for _, sname in ipairs(ds.order) do
        local count = 0
        local per = ds.series[sname]:period() -- 1, 4 or 12 steps a year
        for year, v in ds.series[sname]:pairs() do
          local p = ds.provenance[sname][math.floor(year * per + 0.5)] -- by step: year * period + sub - 1
          if v then
            count = count + 1
            assert.is_table(p, name .. " / " .. sname .. " " .. year .. " has no source")
            assert.is_table(bib[p.source], p.source)
            assert.is_true(grades[p.grade], name .. " / " .. sname .. ": grade " .. tostring(p.grade))
          else
            assert.is_nil(p) -- a missing value claims no source
          end
        end
        assert.truthy(count > 0)
      end
    end
  end)

  it("keep both figures where sources disagree", function()
    local prod = ree.data.load "production"
    assert.are.equal(120000, prod:get("China")[2009])
    assert.are.equal(129400, prod:get("China (Chinese statistics)")[2009])
    assert.is_nil(prod:get("China")[2007]) -- not found: missing, not 0
    local duties = ree.data.load "china-export-duties"
    assert.are.equal(0, duties:get("La, Ce (Bloomberg)")[2010])
    assert.are.equal(15, duties:get("La, Ce (Global Trade Alert)")[2010])
  end)

  it("say where each value came from", function()
    local out = { write = function(self, ...) for _, x in ipairs({ ... }) do self[#self + 1] = x end end }
    local lines = ree.data.sources("china-quotas", out)
    assert.are.equal("China's export quotas, mining quotas and actual exports (t REO)", lines[1])
    local text = table.concat(out)
    assert.truthy(text:find("tmr-quota-2011 [B] 2009, 2010, 2011: Technology Metals Research", 1, true))
    assert.has_error(function() ree.data.load "nope" end)
  end)

  it("round-trip losslessly through CSV and JSON", function()
    for _, name in ipairs({ "production", "prices", "china-export-duties" }) do
      local ds = ree.data.load(name)
      local path = os.tmpname() .. ".csv"
      assert.are.equal(path, ds:write(path))
      local back = assert(dataset.read_csv(path))
      os.remove(path)
      assert.are.same(ds.order, back.order)
      for _, sname in ipairs(ds.order) do
        assert.are.equal(ds.series[sname], back.series[sname])
        assert.are.same(ds.provenance[sname], back.provenance[sname])
      end
      assert.are.equal(ds.title, back.title)
      -- JSON: the same text twice (deterministic), and it decodes to the same values
      local json = ds:json()
      assert.are.equal(json, ds:json())
      local decoded = ree.core.json_decode(json)
      assert.are.equal(#ds.order, #decoded.series)
    end
  end)

  it("write CSV a spreadsheet user reads", function()
    local text = ree.data.load("reserves"):csv()
    assert.are.equal("dataset,series,year,value,unit,source,grade,note", text:match("^[^\n]*"))
    assert.truthy(text:find("\nRare-earth reserves by country,China,2007,27000000,t REO,usgs-mcs-2007,A,\n", 1, true))
  end)

  it("hold monthly series, and write and read them back with their months", function()
    local text = "dataset,series,year,value,unit,source,grade,note\n" ..
      "Prices,Dy,2011-06,1000,US$/kg,seed-2012,B,\nPrices,Dy,2011-08,1500,US$/kg,seed-2012,B,a note\n"
    local path = os.tmpname() .. ".csv"
    local f = assert(io.open(path, "w"))
    f:write(text)
    f:close()
    local ds = assert(dataset.read_csv(path))
    os.remove(path)
    local dy = ds:get("Dy")
    assert.are.equal(12, dy:period())
    assert.are.same({ 1000, nil, 1500 }, { dy:at(2011, 6), dy:at(2011, 7), dy:at(2011, 8) })
    assert.are.equal(text, ds:csv())
    local back = ree.core.json_decode(ds:json()).series[1]
    assert.are.same({ "monthly", 2011, 8 }, { back.period, back.values[2].year, back.values[2].month })
    assert.truthy(table.concat(ds:source_lines(), "\n"):find("seed-2012 [B] 2011-06, 2011-08", 1, true))
  end)

  it("refuse a monthly value without its month, and a month in an annual series", function()
    local function with(series)
      local path = os.tmpname() .. ".csv"
      local f = assert(io.open(path, "w"))
      f:write("dataset,series,year,value,unit,source,grade,note\n" .. series)
      f:close()
      local r = { dataset.read_csv(path) }
      os.remove(path)
      return r[2]
    end
    assert.matches("series 'Dy' is monthly: each value needs its month$",
      with("P,Dy,2011-06,1,US$/kg,seed-2012,B,\nP,Dy,2012,1,US$/kg,seed-2012,B,\n"))
    assert.matches("series 'Dy' is annual: a value gives a month$",
      with("P,Dy,2011,1,US$/kg,seed-2012,B,\nP,Dy,2012-03,1,US$/kg,seed-2012,B,\n"))
  end)

  it("refuse a bad CSV, naming the file and the line", function()
    local path = os.tmpname() .. ".csv"
    local f = assert(io.open(path, "w"))
    f:write("dataset,series,year,value,unit,source,grade,note\nt,s,2000,abc,t,seed-2012,B,\n")
    f:close()
    assert.are.same({ nil, path .. ": line 2: expected 8 fields with a year (or 2011-06, 2011Q2) and a value" },
      { dataset.read_csv(path) })
    f = assert(io.open(path, "w"))
    f:write("dataset,series,year,value,unit,source,grade,note\nt,s,2000,1,t,nobody,B,\n")
    f:close()
    assert.are.same({ nil, path .. ": unknown source 'nobody'" }, { dataset.read_csv(path) })
    f = assert(io.open(path, "w"))
    f:write("dataset,series,year,value,unit,source,grade,note\nt,s,2000,1,t,seed-2012,B,\nt,s,2001,2,kt,seed-2012,B,\n")
    f:close()
    assert.are.same({ nil, path .. ": line 3: series 's' is in t, this value in kt (one unit a series)" },
      { dataset.read_csv(path) })
    os.remove(path)
  end)
end)
