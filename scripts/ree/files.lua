--- The toolkit's one door to the file system: where the toolkit lives,
-- reading a file, listing a directory, and writing a file whole or not at
-- all. The sandbox (app.sandbox) gives its scripts another module of the
-- same shape, which reads only the toolkit's files and writes none.

local files = {}

--- The toolkit's root directory, the one that holds models/: this file is
-- <root>/scripts/ree/files.lua in a checkout or an install, and
-- <lua dir>/ree/files.lua in a rock, whose root is <lua dir>/ree.
local SOURCE = debug.getinfo(1, "S").source
local ROOT = SOURCE:match("^@(.*)/scripts/ree/files%.lua$") or SOURCE:match("^@(.*/ree)/files%.lua$")
  or (os.getenv("REE_ROOT") ~= "" and os.getenv("REE_ROOT")) or "."

--- The root of the toolkit: the directory that holds scripts/ and models/.
function files.root() return ROOT end

-- the host, where ree runs in it: it removes a temporary file that a
-- signal would leave behind (ree.host.guard); under plain Lua, nothing does
local host = package.loaded["ree.host"] or (package.preload["ree.host"] and require("ree.host"))

local function temporary_name(path)
  return string.format("%s.tmp-%d-%d", path, os.time(), math.random(1, 1e9))
end

--- Writes text to path through a temporary file in the same directory,
-- renamed into place: readers see the old file or the new one, never a
-- part; a failure or a signal on the way leaves no temporary file.
-- Raises "cannot write 'PATH': REASON" on failure; returns path.
function files.write(path, text)
  if type(path) ~= "string" or path == "" then error("write: give a file name", 2) end
  local tmp = temporary_name(path)
  if host then host.guard(tmp) end
  -- io's messages name the temporary file: the reason is what follows it
  local function reason(msg) return (msg:gsub("^" .. tmp:gsub("%p", "%%%0") .. ": ", "")) end
  local ok, err = pcall(function()
    local f, oerr = io.open(tmp, "wb")
    if not f then error(reason(oerr), 0) end
    local wrote, werr = f:write(text)
    local closed, cerr = f:close()
    if not wrote or not closed then error(werr or cerr, 0) end
    local renamed, rerr = os.rename(tmp, path)
    if not renamed then error(reason(rerr), 0) end
  end)
  if not ok then os.remove(tmp) end
  if host then host.unguard(tmp) end
  if not ok then error(string.format("cannot write '%s': %s", path, tostring(err)), 2) end
  return path
end

local function shell_quote(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end

--- Writes an SVG document to path as a PNG, drawn by rsvg-convert (Debian's
-- librsvg2-bin) at its own size: into a temporary file beside path,
-- renamed into place, so path is whole or not there. Raises "cannot write
-- 'PATH': ..." saying why, rsvg-convert missing among the reasons.
function files.write_png(path, svg)
  if type(path) ~= "string" or path == "" then error("write: give a file name", 2) end
  if not os.execute("command -v rsvg-convert >/dev/null 2>&1") then
    error(string.format("cannot write '%s': a PNG is drawn by rsvg-convert (Debian: apt-get install librsvg2-bin), " ..
      "which is not installed; an .svg needs nothing", path), 2)
  end
  local tmp_svg, tmp_png = temporary_name(path) .. ".svg", temporary_name(path)
  if host then host.guard(tmp_svg) host.guard(tmp_png) end
  local ok, err = pcall(function()
    local f, oerr = io.open(tmp_svg, "wb")
    if not f then error((oerr:gsub("^" .. tmp_svg:gsub("%p", "%%%0") .. ": ", "")), 0) end -- the reason, not the name
    f:write(svg)
    f:close()
    local p = io.popen(string.format("rsvg-convert -f png -o %s %s 2>&1", shell_quote(tmp_png), shell_quote(tmp_svg)))
    local said = p:read("a")
    if not p:close() then error("rsvg-convert: " .. (said:match("^[^\n]*") or "failed"), 0) end
    local renamed, rerr = os.rename(tmp_png, path)
    if not renamed then error(rerr, 0) end
  end)
  os.remove(tmp_svg)
  os.remove(tmp_png)
  if host then host.unguard(tmp_svg) host.unguard(tmp_png) end
  if not ok then error(string.format("cannot write '%s': %s", path, tostring(err)), 2) end
  return path
end

--- Writes a file in the format its name ends with: makers maps extensions
-- to functions that make the text ({ csv = fn, json = fn }). Returns path;
-- raises, at the caller's caller, naming a name with no maker or a write
-- that failed (what: "write", for the message).
function files.write_as(path, makers, what)
  local ext = type(path) == "string" and path:match("%.(%w+)$")
  local make = ext and makers[ext]
  if not make then
    local known = {}
    for k in pairs(makers) do known[#known + 1] = "." .. k end
    table.sort(known)
    error(string.format("%s: '%s': name a %s file", what or "write", tostring(path), table.concat(known, " or a ")),
      3)
  end
  local ok, err = pcall(files.write, path, make())
  if not ok then error(err, 3) end
  return path
end

--- Writes path in one of several formats, a list of { name, extension,
-- maker } ({ "tidy", "csv", fn }): the one named `chosen`, or else the
-- first whose extension path ends with. Returns path; raises at the
-- caller's caller naming an unknown format (with the nearest), a format
-- the file's name contradicts, or a write that failed ("write: ...").
function files.write_format(path, formats, chosen, what)
  what = what or "write"
  if type(path) ~= "string" or path == "" then error(what .. ": give a file name", 3) end
  local ext = path:match("%.(%w+)$")
  local names, exts, pick = {}, {}, nil
  for _, f in ipairs(formats) do
    names[#names + 1] = f[1]
    if not exts[f[2]] then exts[#exts + 1], exts[f[2]] = "." .. f[2], true end
    if (chosen and f[1] == chosen) or (not chosen and not pick and f[2] == ext) then pick = f end
  end
  if chosen and not pick then
    error(string.format("%s: no format '%s'%s: %s", what, tostring(chosen), require("ree.suggest").hint(chosen, names),
      table.concat(names, ", ")), 3)
  end
  if not pick then
    error(string.format("%s: '%s': name a %s file, or give a format (%s)", what, path, table.concat(exts, " or a "),
      table.concat(names, ", ")), 3)
  end
  if ext ~= pick[2] then
    error(string.format("%s: a file in format '%s' ends in .%s, not '%s'", what, pick[1], pick[2], path), 3)
  end
  local ok, err = pcall(files.write, path, pick[3]())
  if not ok then error(what .. ": " .. err, 3) end
  return path
end

--- The names in a directory, sorted, or nil and a message: through the
-- host where ree runs, through ls under plain Lua (busted).
function files.list(dir)
  if host then return host.listdir(dir) end
  local names = {}
  local p = io.popen(string.format("ls -- '%s' 2>/dev/null", dir:gsub("'", "'\\''")))
  for line in p:lines() do names[#names + 1] = line end
  if not p:close() then return nil, dir .. ": cannot be listed" end
  return names
end

--- The whole of a file, or nil and a message naming it.
function files.read(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local text, rerr = f:read("a")
  f:close()
  if not text then return nil, string.format("%s: %s", path, rerr or "cannot be read (a directory?)") end
  return text
end

return files
