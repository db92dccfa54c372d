--- Writing files without ever leaving half of one behind; and, in the
-- sandbox, not writing at all and reading only the toolkit's own files.

local files = {}

local sandboxed -- nil, or the root of the toolkit, the only place read from

--- From now on, refuse every write and every read outside root (the
-- sandbox: ree.sandbox). There is no way back.
function files.restrict(root)
  sandboxed = root
end

--- Whether path may be read: always, or, in the sandbox, a path inside
-- the toolkit with no ".." in it.
local function readable(path)
  if not sandboxed then return true end
  if path:find("%.%.") then return false end
  if path:sub(1, 1) ~= "/" then return true end -- relative to the toolkit: ./ree runs from it
  return path:sub(1, #sandboxed + 1) == sandboxed .. "/"
end

--- Writes text to path through a temporary file renamed into place, so
-- that readers see the old file or the new one, never a part.
-- @return true, or nil and a message naming the file
function files.write(path, text)
  if sandboxed then return nil, string.format("%s: the sandbox writes no files", path) end
  local tmp = path .. ".tmp" .. tostring(os.time()) .. tostring(math.random(1e9))
  local f, err = io.open(tmp, "wb")
  if not f then return nil, err end
  local ok, werr = f:write(text)
  local closed, cerr = f:close()
  if not ok or not closed then
    os.remove(tmp)
    return nil, string.format("%s: %s", path, werr or cerr)
  end
  local renamed, rerr = os.rename(tmp, path)
  if not renamed then
    os.remove(tmp)
    return nil, rerr
  end
  return true
end

--- The names in a directory, sorted (none when it cannot be read):
-- through the host where ree runs, through ls under plain Lua (busted).
function files.list(dir)
  local ok, host = pcall(require, "ree.host")
  if ok then return host.listdir(dir) or {} end
  local names = {}
  local p = io.popen(string.format("ls %q 2>/dev/null", dir))
  for line in p:lines() do names[#names + 1] = line end
  p:close()
  return names
end

--- The whole of a file, or nil and a message.
function files.read(path)
  if not readable(path) then return nil, string.format("%s: the sandbox reads only the toolkit's files", path) end
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local text = f:read("a")
  f:close()
  return text
end

return files
