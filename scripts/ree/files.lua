--- Writing files without ever leaving half of one behind.

local files = {}

--- Writes text to path through a temporary file renamed into place, so
-- that readers see the old file or the new one, never a part.
-- @return true, or nil and a message naming the file
function files.write(path, text)
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

--- The whole of a file, or nil and a message.
function files.read(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local text = f:read("a")
  f:close()
  return text
end

return files
