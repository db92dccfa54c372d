--- help(x) in the REPL: what a function does and an example, read from
-- the `---` comment above its definition (so the help is the source's own
-- documentation), or from app.cdocs for the functions written in C. For a
-- module or an object, the list of its functions.
--
--   help(ree.series)      -- a function: signature, text, example
--   help "ree.market"     -- a name: what it names (or a loaded module: "ree.models.china")
--   help(s)               -- an object: its summary and methods
--   help()                -- where to start

local cdocs = require("app.cdocs")
local examples = require("app.examples")

local help = {}

local lines_of = {} -- file -> its lines, read once

local function source_lines(file)
  if lines_of[file] == nil then
    local lines = {}
    for line in (require("ree.files").read(file) or ""):gmatch("([^\n]*)\n?") do lines[#lines + 1] = line end
    lines_of[file] = lines
  end
  return lines_of[file]
end

--- Example lines of a comment: those indented two spaces or more past
-- the comment's "--" ("--   local x = ..."), or holding "-->".
local function is_example(text)
  return text:match("^%s%s+%S") ~= nil or text:find("-->", 1, true) ~= nil
end

--- The public functions: { { name, f }, ... } sorted by name: the ree
-- facade (ree.x, ree.magnet.x, ree.Series.x, ...), the classes' methods
-- (Scenario:run, ...) and the models a user calls (china.x, history.x,
-- report.x, cobweb.x, ...).
local public
function help.public()
  if public then return public end
  public = {}
  local seen = {}
  local function add(name, f)
    if not seen[f] then
      seen[f] = true
      public[#public + 1] = { name, f }
    end
  end
  -- modules (lower case) two deep, and the method tables of the C classes
  local function enter(k, v, depth)
    if type(v) ~= "table" or k == "core" then return false end
    return k == "Series" or k == "Composition" or (depth < 2 and not k:match("^%u"))
  end
  local function walk(t, prefix, depth)
    for k, v in pairs(t) do
      if type(k) == "string" and not k:match("^_") then
        if type(v) == "function" then
          add(prefix .. k, v)
        elseif enter(k, v, depth) then
          walk(v, prefix .. k .. ".", depth + 1)
        end
      end
    end
  end
  walk(require("ree"), "ree.", 0)
  for _, m in ipairs({ "china", "japan", "location", "scenarios.history", "scenarios.base",
    "scenarios.validation", "scenarios.crisis", "classroom.cobweb", "classroom.beer_game", "classroom.stockpile",
    "classroom.panic" }) do
    walk(require("ree.models." .. m), m:match("[^.]+$") .. ".", 2)
  end
  walk(require("app.report"), "report.", 2) -- the reports a user writes from the REPL
  -- the models that are one function each
  add("market_model", require("ree.models.market_model"))
  add("valuechain", require("ree.models.valuechain"))
  local classes = {
    Scenario = require("ree.scenario").Scenario, Results = require("ree.scenario").Results,
    MonteCarlo = require("ree.montecarlo").MonteCarlo, Chain = require("ree.chain").Chain,
    ChainResult = require("ree.chain").Result, StockModel = require("ree.stocks").StockModel,
    Dataset = require("ree.dataset").Dataset, Comparison = require("ree.compare").Comparison,
    Sensitivity = require("ree.sensitivity").Sensitivity, StockSet = require("ree.stockset").StockSet,
    Requirement = require("ree.magnet").Requirement,
    ValueChain = getmetatable(require("ree.models.valuechain")()), Calibration = require("ree.calibrate").Calibration,
  }
  for class, methods in pairs(classes) do
    for k, v in pairs(methods) do
      if type(k) == "string" and type(v) == "function" and not k:match("^_") then add(class .. ":" .. k, v) end
    end
  end
  table.sort(public, function(a, b) return a[1] < b[1] end)
  return public
end

local name_of
local function public_name(f)
  if not name_of then
    name_of = {}
    for _, nf in ipairs(help.public()) do name_of[nf[2]] = nf[1] end
  end
  return name_of[f]
end

--- The comment block above line `at` of a file, from its "---" line:
-- text and example lines, or nil.
local function comment_above(lines, at)
  local block = {}
  local i = at - 1
  while i >= 1 and lines[i]:match("^%s*%-%-") do
    table.insert(block, 1, lines[i])
    if lines[i]:match("^%s*%-%-%-") then break end
    i = i - 1
  end
  if #block == 0 or not block[1]:match("^%s*%-%-%-") then return nil end
  local text, shown = {}, {}
  for n, line in ipairs(block) do
    local body = line:gsub("^%s*%-%-%-?", "", 1)
    if n > 1 and is_example(body) then -- the first line always says what it does
      shown[#shown + 1] = body:gsub("^%s+", "")
    else
      text[#text + 1] = body:gsub("^%s", "", 1)
    end
  end
  return text, shown
end

--- The documentation of a function: { name, signature, text = { lines },
-- examples = { lines }, where }, or nil when it has none. The text is the
-- comment above the definition (app.cdocs for C functions); the example
-- is app.examples's, or the comment's own example lines.
function help.doc(f)
  if type(f) ~= "function" then return nil end
  local name = public_name(f)
  local registered = name and examples[name] or {}
  local info = debug.getinfo(f, "S")
  local d
  if info.what == "C" then
    local c = cdocs[name or ""]
    if not c then return nil end
    d = { signature = c[1], text = { c[2] }, examples = { c[3] }, where = "bindings (C)" }
  else
    local file = info.source:match("^@(.*)")
    if not file then return nil end
    local lines = source_lines(file)
    local def = lines[info.linedefined] or ""
    local signature = def:match("function%s+([%w_.:]+%b())")
    local fname, args = def:match("([%w_.]+)%s*=%s*function%s*(%b())")
    if fname then signature = fname .. args end
    local text, found = comment_above(lines, info.linedefined)
    if registered.text then text = registered.text end
    if not text then return nil end
    d = { signature = signature or "?", text = text, examples = found or {},
      where = string.format("%s:%d", (file:gsub("^.*/scripts/", "scripts/"):gsub("^.*/models/", "models/")),
        info.linedefined) }
  end
  if registered.example then
    d.examples = {}
    for line in registered.example:gmatch("[^\n]+") do d.examples[#d.examples + 1] = line end
  end
  -- called by its public name, with the definition's arguments
  if registered.signature then
    d.signature = registered.signature
  elseif name and info.what ~= "C" then
    d.signature = name .. (d.signature:match("%b()$") or "(...)")
  end
  d.name = name
  return d
end

--- The functions of a table, its metatable's __index table and __methods,
-- sorted: { { name, f } }.
local function functions_of(t)
  local out, seen = {}, {}
  local function add(src, sep)
    if type(src) ~= "table" then return end
    for k, v in pairs(src) do
      if type(k) == "string" and type(v) == "function" and not k:match("^_") and not seen[k] then
        seen[k] = true
        out[#out + 1] = { sep .. k, v }
      end
    end
  end
  if type(t) == "table" then add(t, ".") end
  local mt = getmetatable(t)
  if type(mt) == "table" then
    add(rawget(mt, "__methods"), ":")
    add(rawget(mt, "__index"), ":")
  end
  table.sort(out, function(a, b) return a[1] < b[1] end)
  return out
end

local function first_line(f)
  local d = help.doc(f)
  return d and d.text[1] or ""
end

local START = [[
ree: the rare-earth supply chain, executable. Start with:
  ree.formula "Nd2Fe14B"                    a compound: molar mass, fractions
  ree.magnet.requirement("jp-2011-mix", 1000)   rare earths for 1,000 t of magnets
  ree.data.list()                           the historical record
  res = history.scenario("history"):run()   the founding report's history
  res.price.Nd.fob:plot()                   a chart in the terminal
  china.ladder("Dy", 2011)                  China's export duties by stage
  help(ree.series)  help "ree.magnet"  help(res)  help(china)   more on anything
  apropos "quota"                           the functions that mention a word
  full(x)                                   x with every digit (the REPL shows 6)
Tab completes names, and inside a string scenario, dataset and result names;
Ctrl-C stops a computation; Ctrl-D leaves.]]

--- The string keys of t, for a "did you mean"; at the top (t is env),
-- env's and _G's too, which env reaches through its __index.
local function names_in(t, top)
  local out = {}
  local function add(tbl)
    if type(tbl) ~= "table" then return end
    pcall(function()
      for k in pairs(tbl) do if type(k) == "string" then out[#out + 1] = k end end
    end)
  end
  add(t)
  if top then add(_G) end
  return out
end

--- The public functions whose name or documentation holds word (any
-- case), a line each: the name and its first line; or says there are none.
function help.apropos(word)
  if type(word) ~= "string" or word == "" then return 'apropos: give a word to look for: apropos "quota"' end
  local needle, out = word:lower(), {}
  for _, nf in ipairs(help.public()) do
    local d = help.doc(nf[2])
    local text = d and table.concat(d.text, " ") or ""
    if nf[1]:lower():find(needle, 1, true) or text:lower():find(needle, 1, true) then
      out[#out + 1] = string.format("  %-34s %s", nf[1], d and d.text[1] or "")
    end
  end
  if #out == 0 then return string.format("apropos: no function mentions '%s'", word) end
  return table.concat(out, "\n")
end

--- The help text of x (a function, a table, an object or a dotted name in env).
function help.text(x, env)
  if x == nil then return START end
  if type(x) == "string" then
    local v, path = env or _G, ""
    for part in x:gmatch("[^.]+") do
      local parent = v
      v = type(v) == "table" and v[part] or nil
      if v == nil then
        v = package.loaded[x] -- a module by its name: help "ree.models.china"
        if v ~= nil then break end
        local near = require("ree.suggest").closest(part, names_in(parent, path == ""))
        return string.format("help: nothing is called '%s'%s", x, near and (" (did you mean '" .. path .. near ..
          "'?)") or "")
      end
      path = path .. part .. "."
    end
    return help.text(v, env)
  end
  if type(x) == "function" then
    local d = help.doc(x)
    if not d then return "help: this function has no documentation" end
    local out = { d.signature, "" }
    for _, l in ipairs(d.text) do out[#out + 1] = "  " .. l end
    if #d.examples > 0 then
      out[#out + 1] = ""
      out[#out + 1] = "Example:"
      for _, l in ipairs(d.examples) do out[#out + 1] = "  " .. l end
    end
    out[#out + 1] = ""
    out[#out + 1] = "(" .. d.where .. ")"
    return table.concat(out, "\n")
  end
  local fs = functions_of(x)
  if #fs == 0 then return "help: " .. type(x) .. " " .. tostring(x) .. " has no functions" end
  local out = {}
  local summary = require("ree.pretty").summary(x)
  if summary then out[1] = summary end
  for _, nf in ipairs(fs) do out[#out + 1] = string.format("  %-22s %s", nf[1], first_line(nf[2])) end
  out[#out + 1] = "help(x.name) for one of them"
  return table.concat(out, "\n")
end

return help
