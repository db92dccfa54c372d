-- Results out in the formats other tools read, each read back by an
-- independent reader: Python's csv and json modules.
local ree = require("ree")
local helpers = require("spec.helpers")
local history = require("ree.models.scenarios.history")

--- What python3 prints running code with the file at path as `path`.
local function python(code, path)
  local script = os.tmpname()
  local f = assert(io.open(script, "w"))
  f:write("import csv, json, sys\npath = sys.argv[1]\n", code, "\n")
  f:close()
  local out, status = helpers.sh("python3 " .. script .. " " .. path)
  os.remove(script)
  assert.are.equal(0, status, out)
  return out
end

local function temporary(ext)
  local path = os.tmpname()
  os.remove(path)
  return path .. ext
end

describe("a scenario's results written out #unit", function()
  local res = history.scenario("history"):run()

  it("as tidy CSV: a row a value, the path's element and region in columns of their own", function()
    local path = temporary(".csv")
    assert.are.equal(path, res:write(path))
    local out = python([=[
rows = list(csv.DictReader(open(path, newline="")))
print(",".join(csv.DictReader(open(path, newline="")).fieldnames))
print(len(rows))
dy = [r for r in rows if r["variable"] == "price.fob" and r["element"] == "Dy" and r["period"] == "2011"]
print(len(dy), dy[0]["scenario"], dy[0]["unit"], dy[0]["region"] == "", repr(float(dy[0]["value"])))
jp = [r for r in rows if r["variable"] == "demand" and r["region"] == "Japan" and r["element"] == "Nd"]
print(len(jp), jp[6]["period"], repr(float(jp[6]["value"])))
gap = [r for r in rows if r["variable"] == "cost.alloy" and r["region"] == "China" and r["period"] == "2005"]
print(repr(gap[0]["value"]))]=], path)
    os.remove(path)
    local lines = {}
    for line in out:gmatch("[^\n]+") do lines[#lines + 1] = line end
    assert.are.equal("scenario,variable,region,element,unit,period,value", lines[1])
    assert.are.equal(tostring(#res:variables() * 11), lines[2]) -- every variable, 2005-2015
    -- each value as Lua holds it, bit for bit (Python's repr is the shortest that reads back)
    local fob, dy11 = lines[3]:match("^1 history US%$/kg True (%S+)$"), res.price.Dy.fob[2011]
    assert.are.equal(dy11, tonumber(fob))
    local when, nd = lines[4]:match("^11 (%d+) (%S+)$")
    assert.are.same({ "2011", res.demand.Nd.JP[2011] }, { when, tonumber(nd) })
    assert.are.equal("''", lines[5]) -- 2005 has no alloy cost: missing, not 0
  end)

  it("in the IAMC template: a variable a row, a year a column, months as their year's aggregate", function()
    local crisis = require("ree.models.scenarios.crisis").scenario():run()
    local path = temporary(".csv")
    crisis:write(path, { format = "iamc" })
    local out = python([=[
reader = csv.reader(open(path, newline=""))
header = next(reader)
print(",".join(header))
for row in reader:
    if row[2] == "World" and row[3] == "price|Dy|fob":
        print(row[0], row[1], row[4], repr(float(row[header.index("2011")])))
    if row[2] == "Japan" and row[3] == "purchases|Nd":
        print(row[4], repr(float(row[header.index("2011")])))]=], path)
    os.remove(path)
    local lines = {}
    for line in out:gmatch("[^\n]+") do lines[#lines + 1] = line end
    assert.are.equal("Model,Scenario,Region,Variable,Unit,2005,2006,2007,2008,2009,2010,2011,2012,2013,2014,2015",
      lines[1])
    -- a price's year is the mean of its months; an amount's, their sum
    local dy = crisis.price.Dy.fob:annual()[2011]
    local model, name, unit, v = lines[2]:match("^(ree %S+) (%S+) (%S+) (%S+)$")
    assert.are.same({ "ree " .. ree._VERSION, "crisis", "US$/kg", dy }, { model, name, unit, tonumber(v) })
    local months, sum = crisis.purchases.Nd.JP, 0
    for m = 1, 12 do sum = sum + months:at(2011, m) end
    local t, bought = lines[3]:match("^(t REO) (%S+)$")
    assert.are.equal("t REO", t)
    assert.near(sum, tonumber(bought), 1e-9 * sum)
  end)

  it("as JSON: each variable with its facets, period and values, null where missing", function()
    local path = temporary(".json")
    res:write(path)
    local out = python([=[
t = json.load(open(path))
print(t["scenario"], t["first"], t["last"], len(t["variables"]))
v = [x for x in t["variables"] if x["path"] == "demand.Nd.JP"][0]
print(v["variable"], v["element"], v["region"], v["unit"], v["period"], v["from"], repr(v["values"][6]))
print([x for x in t["variables"] if x["path"] == "cost.alloy.CN"][0]["values"][0])]=], path)
    os.remove(path)
    local head, nd, gap = out:match("^(.-annual 2005) (%S+)\n(%S+)\n$")
    assert.are.equal(string.format("history 2005 2015 %d\ndemand Nd Japan t REO annual 2005", #res:variables()), head)
    assert.are.same({ res.demand.Nd.JP[2011], "None" }, { tonumber(nd), gap })
  end)

  it("keeps monthly periods in tidy CSV", function()
    local crisis = require("ree.models.scenarios.crisis").scenario():run()
    local text = require("ree.export").tidy(crisis)
    local v = crisis.price.Nd.fob:at(2011, 6)
    assert.truthy(text:find("\ncrisis,price.fob,,Nd,US$/kg,2011-06," .. require("ree.csv").number(v) .. "\n", 1, true))
  end)

  it("refuses a format it does not know, a name that contradicts one, and a path it cannot write", function()
    local dir = temporary("")
    assert(os.execute("mkdir " .. dir))
    local function refused(path, opts)
      local ok, err = pcall(res.write, res, path, opts)
      assert.is_false(ok)
      return (err:gsub("^[^:]+:%d+: ", ""))
    end
    assert.are.equal("write: no format 'iamcc' (did you mean 'iamc'?): tidy, iamc, json",
      refused(dir .. "/r.csv", { format = "iamcc" }))
    assert.are.equal("write: a file in format 'iamc' ends in .csv, not '" .. dir .. "/r.json'",
      refused(dir .. "/r.json", { format = "iamc" }))
    assert.are.equal("write: '" .. dir .. "/r.xlsx': name a .csv or a .json file, or give a format (tidy, iamc, json)",
      refused(dir .. "/r.xlsx"))
    assert.are.equal("write: unknown option 'fromat' (did you mean 'format'?)",
      refused(dir .. "/r.csv", { fromat = 1 }))
    assert.are.equal("write: cannot write '" .. dir .. "/no/r.csv': No such file or directory",
      refused(dir .. "/no/r.csv"))
    -- two paths with one variable, region and element cannot share a tidy row
    local twice = ree.scenario { name = "twice", years = { 2000, 2000 }, model = {
      diagnostics = function(state) state.record("a.Nd.CN", 1, "t") state.record("a.CN.Nd", 2, "t") end } }:run()
    local ok, why = pcall(twice.write, twice, dir .. "/t.csv")
    assert.is_false(ok)
    assert.truthy(why:find("export: 'a.CN.Nd' and 'a.Nd.CN' would share a row (variable a, region China, element Nd)",
      1, true), why)
    -- nothing left behind, not even a temporary file
    assert.are.same({}, require("ree.files").list(dir))
    os.execute("rm -rf " .. dir)
  end)
end)

describe("a Monte Carlo written out #unit", function()
  local sweep = dofile("models/sweeps/cobweb.lua")
  local mc = ree.montecarlo { scenario = sweep.scenario, sample = sweep.sample, collect = sweep.collect, runs = 5,
    seed = 3, progress = false }

  it("as CSV, a row a run: its sampled inputs, then each output at each step", function()
    local path = temporary(".csv")
    mc:write(path)
    local out = python([=[
rows = list(csv.DictReader(open(path, newline="")))
print(len(rows), len(rows[0]), list(rows[0])[:4], list(rows[0])[-1])
print(rows[2]["run"], repr(float(rows[2]["d"])), repr(float(rows[2]["price 2009"])))]=], path)
    os.remove(path)
    local first, second = out:match("^([^\n]*)\n([^\n]*)\n$")
    -- run, 2 inputs, 2 outputs x 16 years
    assert.are.equal("5 35 ['run', 'd', 'p_init', 'price 2000'] quantity 2015", first)
    local run, d, price = second:match("^(%d) (%S+) (%S+)$")
    assert.are.same({ "3", mc.plan[3].d, mc.values[3].price[10] }, { run, tonumber(d), tonumber(price) })
  end)

  it("as JSON: the inputs and outputs named once, then each run's", function()
    local path = temporary(".json")
    mc:write(path)
    local out = python([=[
t = json.load(open(path))
print(t["runs"], t["seed"], t["inputs"], [o["path"] + " " + o["unit"] for o in t["outputs"]], len(t["results"]))
r = t["results"][4]
print(r["run"], repr(r["inputs"]["p_init"]), repr(r["outputs"]["quantity"][15]))]=], path)
    os.remove(path)
    local first, second = out:match("^([^\n]*)\n([^\n]*)\n$")
    assert.are.equal("5 3 ['d', 'p_init'] ['price US$/kg', 'quantity t'] 5", first)
    local run, p, q = second:match("^(%d) (%S+) (%S+)$")
    assert.are.same({ "5", mc.plan[5].p_init, mc.values[5].quantity[16] }, { run, tonumber(p), tonumber(q) })
  end)
end)

describe("a chain's flows as a graph d3 and plotly read #unit", function()
  -- by hand: 100 t of Nd into a, 10% lost, 90 t on to b and out as product
  local c = ree.chain { elements = { "Nd" }, from = 2011 }
  c:process("a", { region = "CN" }):process("b", { region = "JP" })
  c:flow { "feed", to = "a", value = 100 }
  c:flow { "a loss", from = "a", tc = 0.1 }
  c:flow { "a to b", from = "a", to = "b", split = 1 }
  c:flow { "product", from = "b", split = 1 }
  local r = c:solve()

  it("writes nodes and links by index, as the two libraries take them", function()
    local path = temporary(".json")
    r:write(path, { format = "graph" })
    local out = python([=[
t = json.load(open(path))
names = [n["name"] for n in t["nodes"]]
for l in t["links"]:
    print(names[l["source"]], "->", names[l["target"]], l["flow"], l["element"], l["value"])
print(t["year"], [n.get("region") for n in t["nodes"]])]=], path)
    os.remove(path)
    assert.are.equal("from outside -> a feed Nd 100\na -> to outside a loss Nd 10\na -> b a to b Nd 90\n" ..
      "b -> to outside product Nd 90\n2011 ['CN', 'JP', None, None]\n", out)
  end)

  it("names what a graph needs", function()
    local two = ree.chain { elements = { "Nd" }, from = 2011, to = 2012 }
    two:process("a", {})
    two:flow { "feed", to = "a", value = 1 }
    two:flow { "out", from = "a", split = 1 }
    local solved = two:solve()
    assert.has_error(function() solved:graph() end, "graph: a graph is one year's: give year = 2011 to 2012, not nil")
    assert.has_error(function() solved:graph { year = 2012, element = "Dy" } end,
      "graph: no element 'Dy' in the chain (it has Nd)")
    assert.has_error(function() solved:write("g.csv", { year = 2012 }) end,
      'write: year and element are for format = "graph"')
    assert.are.equal(2, #solved:graph({ year = 2012 }).links) -- feed and out
  end)
end)
