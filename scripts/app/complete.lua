--- Tab completion for the REPL: the words that can stand where a word
-- being typed stands. It reads fields raw, follows __index tables and a
-- class's __methods, and lists what pairs (and so a __pairs) lists; it
-- calls no other function, so completing changes nothing a user sees.
--
--   complete.words(env, "ree.ser")   --> { "ree.series" }
--   complete.words(env, "s:plo")     --> { "s:plot" } (s a series)
--   complete.words(env, "pri")       --> { "print" }

local complete = {}

local KEYWORDS = { "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
  "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while" }

--- The tables that v's fields and methods come from: v itself (a table),
-- the __index tables of its metatables, followed as far as they go, and
-- a class's __methods (where __index is a function, as a Series's).
local function sources(v)
  local out, seen = {}, {}
  local function add(t)
    while type(t) == "table" and not seen[t] do
      seen[t] = true
      out[#out + 1] = t
      local mt = getmetatable(t)
      if type(mt) ~= "table" then break end
      if type(rawget(mt, "__methods")) == "table" then add(rawget(mt, "__methods")) end
      t = rawget(mt, "__index")
    end
  end
  if type(v) == "table" then
    add(v)
  elseif type(v) == "string" then
    add(string)
  else
    local mt = getmetatable(v)
    if type(mt) == "table" then
      add(rawget(mt, "__methods"))
      add(rawget(mt, "__index"))
    end
  end
  return out
end

--- The keys of t: what pairs lists (a __pairs may list names it builds
-- on demand, as a scenario's results do).
local function keys_of(t)
  local out = {}
  local ok = pcall(function()
    for k, v in pairs(t) do out[#out + 1] = { k, v } end
  end)
  if not ok then
    out = {}
    for k, v in next, t do out[#out + 1] = { k, v } end
  end
  return out
end

--- The value a dotted path names in env ("ree.magnet"), or nil. Only raw
-- fields and __index tables are read.
local function resolve(env, path)
  local v = env
  for name in path:gmatch("[^.:]+") do
    local found
    for _, t in ipairs(sources(v)) do
      found = rawget(t, name)
      if found ~= nil then break end
    end
    if found == nil then return nil end
    v = found
  end
  return v
end

--- The names a string argument of fn (the text before the call's
-- quote) can take: scenario names, dataset names, a result's paths, the
-- names help knows; nil for a string Tab has nothing for.
local function string_names(env, fn)
  if fn:match("history%.scenario$") then
    return require("ree.models.scenarios.history").NAMES
  elseif fn:match("data%.load$") or fn:match("data%.sources$") then
    return require("ree.data").list()
  elseif fn:match("^help$") then
    local names = {}
    for _, nf in ipairs(require("app.help").public()) do names[#names + 1] = nf[1] end
    return names
  end
  local object = fn:match("^(.-):get$") or fn:match("^(.-):has$")
  local res = object and resolve(env, object)
  if res and getmetatable(res) == require("ree.scenario").Results then return res:variables() end
  return nil
end

--- The words that complete `word` in env, sorted: globals and keywords
-- for a bare name; fields after '.'; methods (functions) after ':'.
-- Inside a string (`before`, the line up to the word, ends in an open
-- quote), what that string can name: history.scenario "hist", ree.data.load
-- "prod", res:get "price.D", help "ree.ma"; nothing Lua would call a name.
function complete.words(env, word, before)
  local fn = before and before:match("([%a_][%w_.:]*)%s*%(?%s*[\"']$")
  if before and before:match("[\"']$") then
    local names, out = fn and string_names(env, fn) or {}, {}
    for _, name in ipairs(names) do
      if name:sub(1, #word) == word then out[#out + 1] = name end
    end
    table.sort(out)
    return out
  end
  local base, sep, partial = word:match("^(.-)([.:])([%w_]*)$")
  local candidates, seen = {}, {}
  local function offer(name, value, prefix)
    if type(name) ~= "string" or not name:match("^[%a_][%w_]*$") or seen[name] then return end
    if name:sub(1, #partial) ~= partial then return end
    if sep == ":" and type(value) ~= "function" then return end
    if name:match("^__") and partial:sub(1, 2) ~= "__" then return end -- metamethods only when asked
    seen[name] = true
    candidates[#candidates + 1] = prefix .. name
  end
  if base then
    local target = resolve(env, base)
    if target == nil then return {} end
    for _, t in ipairs(sources(target)) do
      for _, kv in ipairs(keys_of(t)) do offer(kv[1], kv[2], base .. sep) end
    end
  else
    partial, sep = word, nil
    for _, t in ipairs(sources(env)) do
      for k, v in pairs(t) do offer(k, v, "") end
    end
    for _, k in ipairs(KEYWORDS) do offer(k, true, "") end
  end
  table.sort(candidates)
  return candidates
end

return complete
