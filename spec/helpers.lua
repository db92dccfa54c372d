-- spec/helpers.lua: shared by every spec (see .busted).
assert(_VERSION == "Lua 5.4", "specs must run under Lua 5.4, got " .. _VERSION
  .. " (run ./ree test, or busted --lua=lua5.4)")

local luassert = require("luassert")
local say = require("say")
local core = require("ree.core")

local helpers = {}

--- Reads a file under spec/fixtures as a Lua value.
function helpers.fixture(name)
  local f = assert(io.open("spec/fixtures/" .. name, "rb"))
  local text = f:read("a")
  f:close()
  if name:match("%.json$") then return assert(core.json_decode(text)) end
  return text
end

local function shell_quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

--- A file's whole text (raises when it cannot be read).
function helpers.read(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  return text
end

--- The labels of an SVG that overlap: { "'a' overlaps 'b'", ... }. Each
-- <text> (not rotated) is taken as a box from its anchor, font size and
-- length, 0.55 em a character (DejaVu Sans's mean, which ree's charts are
-- set in); boxes that share more than a pixel each way overlap.
function helpers.label_overlaps(svg)
  local boxes = {}
  for attrs, text in svg:gmatch("<text([^>]*)>([^<]*)</text>") do
    if not attrs:find("transform", 1, true) and text:match("%S") then
      local x, y = tonumber(attrs:match(' x="([-%d.]+)"')), tonumber(attrs:match(' y="([-%d.]+)"'))
      local size = tonumber(attrs:match('font%-size="([%d.]+)"')) or 13
      local anchor = attrs:match('text%-anchor="(%a+)"') or "start"
      local plain = text:gsub("&%a+;", "x")
      local w = (utf8.len(plain) or #plain) * size * 0.55
      local x0 = anchor == "middle" and x - w / 2 or anchor == "end" and x - w or x
      local y0 = attrs:find('dominant-baseline="middle"', 1, true) and y - size / 2 or y - size * 0.8
      boxes[#boxes + 1] = { x0, y0, x0 + w, y0 + size, text }
    end
  end
  local found = {}
  for i = 1, #boxes do
    for j = i + 1, #boxes do
      local p, q = boxes[i], boxes[j]
      if math.min(p[3], q[3]) - math.max(p[1], q[1]) > 1 and math.min(p[4], q[4]) - math.max(p[2], q[2]) > 1 then
        found[#found + 1] = string.format("'%s' overlaps '%s'", p[5], q[5])
      end
    end
  end
  return found
end

--- Writes text to a new temporary file whose name ends in ext (".lua");
-- returns its path.
function helpers.temp_file(text, ext)
  local path = os.tmpname() .. (ext or "")
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
  return path
end

--- Runs a shell command; returns what it printed (stdout and stderr
-- together) and its exit status.
function helpers.sh(cmd)
  local p = assert(io.popen(cmd .. " 2>&1"))
  local out = p:read("a")
  local ok, _, code = p:close()
  return out, ok and 0 or code
end

--- Copies the tree's files into dest (made): git's list, or, in a copy
-- without .git (as the test variants' trees are), every file but the build's.
function helpers.copy_tree(dest)
  local list = "{ git ls-files -co --exclude-standard -z 2>/dev/null || find . \\( -name .git -o -name .tup " ..
    "-o -name .build \\) -prune -o \\( -type f -o -type l \\) -print0; }"
  assert(os.execute("mkdir -p " .. dest .. " && " .. list .. " | xargs -0 cp -P --parents -t " .. dest))
end

--- The checkout's root, as the host finds it (symbolic links resolved).
function helpers.root()
  local p = assert(io.popen("pwd -P"))
  local dir = p:read("l")
  p:close()
  return dir
end

--- Runs the ree executable with args (and stdin text; at most seconds,
-- when given, then it is killed); returns stdout, stderr and the exit
-- status.
function helpers.run(args, stdin, seconds)
  local err_path = os.tmpname()
  local in_path
  local cmd = { "bindings/ree-host" }
  if seconds then table.insert(cmd, 1, "timeout -s KILL " .. math.tointeger(seconds)) end
  for _, a in ipairs(args) do cmd[#cmd + 1] = shell_quote(a) end
  cmd[#cmd + 1] = "2>" .. err_path
  if stdin then
    in_path = os.tmpname()
    local f = assert(io.open(in_path, "wb"))
    f:write(stdin)
    f:close()
    cmd[#cmd + 1] = "<" .. in_path
  else
    cmd[#cmd + 1] = "</dev/null"
  end
  local p = assert(io.popen(table.concat(cmd, " ")))
  local out = p:read("a")
  local _, _, status = p:close()
  local f = assert(io.open(err_path, "rb"))
  local err = f:read("a")
  f:close()
  os.remove(err_path)
  if in_path then os.remove(in_path) end
  return out, err, status
end

--- assert.relatively_near(want, got, rel): |got - want| <= rel * |want|
say:set("assertion.relatively_near.positive", "Expected %s to be within relative %s of %s")
say:set("assertion.relatively_near.negative", "Expected %s not to be within relative %s of %s")
luassert:register("assertion", "relatively_near", function(_, args)
  local want, got, rel = args[1], args[2], args[3]
  local ok = type(got) == "number" and math.abs(got - want) <= rel * math.abs(want)
  args[1], args[2], args[3] = tostring(got), tostring(rel), tostring(want)
  args.n = 3
  return ok
end, "assertion.relatively_near.positive", "assertion.relatively_near.negative")

--- assert.conserves_mass(requirement, tol): every stage of every element
-- balances (inputs - outputs) within tol tonnes.
say:set("assertion.conserves_mass.positive", "Expected every stage to balance, but %s")
say:set("assertion.conserves_mass.negative", "Expected a stage not to balance")
luassert:register("assertion", "conserves_mass", function(_, args)
  local need, tol = args[1], args[2] or 1e-9
  local worst, where = need:balance()
  args[1] = string.format("%s is off by %.3g t", where, worst)
  args.n = 1
  return worst <= tol
end, "assertion.conserves_mass.positive", "assertion.conserves_mass.negative")

return helpers
