--- ./ree docs [--out DIR]: the library's API reference as HTML, written by
-- LDoc from the `---` comments of scripts/ree (the comments help() reads),
-- each public function with the example help() shows.
--
-- LDoc reads a copy of the modules in which two things are added: the
-- examples of app.examples, as @usage under the function they belong to
-- (found where help finds it, by the function's definition), and two more
-- spaces before the indented lines of a comment ("--   local x = ..."),
-- which Markdown then sets as code. A line LDoc prints besides its own
-- progress is a warning, and a warning is an error.

local files = require("ree.files")
local host = require("ree.host")

local docs = {}

--- file (relative to the root) -> { [line] = example }: where each public
-- function with an example is defined.
local function examples_by_line()
  local examples, help = require("app.examples"), require("app.help")
  local root, out = files.root(), {}
  for _, nf in ipairs(help.public()) do
    local example = examples[nf[1]] and examples[nf[1]].example
    local info = debug.getinfo(nf[2], "S")
    local file = info.source:match("^@" .. root:gsub("%p", "%%%0") .. "/(scripts/ree/.*)")
    if example and file then
      out[file] = out[file] or {}
      out[file][info.linedefined] = example
    end
  end
  return out
end

--- The module's text as LDoc reads it (see the module's comment), and
-- for each of its lines the source's line it came from (an added @usage
-- line: the function's), so that a warning names the source's place.
local function for_ldoc(text, usage)
  local out, origin, n = {}, {}, 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    n = n + 1
    if usage and usage[n] then
      local tag = "-- @usage "
      for example in (usage[n] .. "\n"):gmatch("([^\n]*)\n") do
        out[#out + 1], origin[#out + 1] = tag .. example, n
        tag = "--   "
      end
    end
    local indent, rest = line:match("^(%s*%-%-%s%s+)(%S.*)$")
    if indent and not line:match("^%s*%-%-%-") then line = indent .. "  " .. rest end
    out[#out + 1], origin[#out + 1] = line, n
  end
  return table.concat(out, "\n"), origin
end

local CONFIG = [[
project = "ree"
title = "ree: the library's reference"
description = "rare-earth supply chain: stoichiometry, mass balances, markets, scenarios"
file = { "ree" }
package = "ree"
format = "markdown"
no_space_before_args = true
dir = %q
]]

--- Runs LDoc over the copy in dir (its config.ld says where the HTML
-- goes); returns nil or the lines LDoc printed besides its progress.
local function ldoc(dir)
  local p = assert(io.popen("cd '" .. dir .. "' && ldoc -c config.ld . 2>&1"))
  local warnings = {}
  for line in p:lines() do
    if not (line:match("^reading configuration from") or line:match("^output written to")) then
      warnings[#warnings + 1] = line
    end
  end
  local ok = p:close()
  if not ok and #warnings == 0 then warnings[1] = "ldoc failed (is lua-ldoc installed? ./ree docs installs it)" end
  return #warnings > 0 and warnings or nil
end

--- Writes the reference into out (absolute or relative to the working
-- directory); returns the path of its index, or raises.
function docs.write(out)
  if not out:match("^/") then out = (os.getenv("PWD") or ".") .. "/" .. out end
  local ok, err = host.mkdir(out)
  if not ok then error(err, 0) end
  local dir = os.tmpname()
  os.remove(dir)
  assert(host.mkdir(dir .. "/ree"))
  local usage = examples_by_line()
  local names, origins = assert(files.list(files.root() .. "/scripts/ree")), {}
  for _, name in ipairs(names) do
    if name:match("%.lua$") then
      local path = "scripts/ree/" .. name
      local text, origin = for_ldoc(assert(files.read(files.root() .. "/" .. path)), usage[path])
      files.write(dir .. "/ree/" .. name, text)
      origins[name] = origin
    end
  end
  files.write(dir .. "/config.ld", CONFIG:format(out))
  local warnings = ldoc(dir)
  os.execute("rm -rf '" .. dir .. "'")
  if warnings then
    local copy = dir:gsub("%p", "%%%0") .. "/ree/([^:/]+%.lua):(%d+):"
    local text = table.concat(warnings, "; "):gsub(copy, function(name, line)
      return string.format("scripts/ree/%s:%s:", name, (origins[name] or {})[tonumber(line)] or line)
    end)
    error("docs: ldoc warned (warnings are errors): " .. text, 0)
  end
  return out .. "/index.html"
end

return docs
