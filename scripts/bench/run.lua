--- ./ree bench [NAME [ARGS]]: runs scripts/bench/NAME.lua, or all of them.
local data = require("ree.data")

local dir = data.root .. "/scripts/bench"
local name = arg[1]
local names = {}
if name then
  names[1] = name
else
  local p = assert(io.popen(string.format("ls %q", dir)))
  for file in p:lines() do
    local n = file:match("^(.+)%.lua$")
    if n and n ~= "run" and n ~= "timing" then names[#names + 1] = n end
  end
  p:close()
end
for _, n in ipairs(names) do
  local path = dir .. "/" .. n .. ".lua"
  local chunk = assert(loadfile(path))
  _G.arg = { [0] = path, table.unpack(arg, 2) }
  chunk(table.unpack(arg, 2))
end
