--- Writes ree-dev-1.rockspec from the tree: ree.core built by the
-- Makefile's rock target, every module of the library (scripts/ree) and the domain (models, as
-- ree.models.*), and the data and lessons beside them. A rockspec cannot
-- list a directory, so it is made, and a spec checks that it is up to date.
--
--   ./ree scripts/dev/rockspec.lua          -- rewrites ree-dev-1.rockspec
--   ./ree scripts/dev/rockspec.lua --check  -- exit 1 if it is out of date
--
-- In the rock, the library lives in <lua dir>/ree/ and the domain in
-- <lua dir>/ree/models/, its data in <lua dir>/ree/models/data/: the
-- toolkit's root (ree.files.root) is <lua dir>/ree there.

local files = require("ree.files")
local root = files.root()

--- The files under dir (relative to the root) whose names match pattern,
-- sorted, recursively.
local function list(dir, pattern, out)
  out = out or {}
  local names = assert(files.list(root .. "/" .. dir))
  table.sort(names)
  for _, name in ipairs(names) do
    local path = dir .. "/" .. name
    local sub = files.list(root .. "/" .. path)
    if sub and name ~= "models" then -- (scripts/ree/models is the link to models/)
      list(path, pattern, out)
    elseif name:match(pattern) then
      out[#out + 1] = path
    end
  end
  return out
end

local function quoted(s) return string.format("%q", s) end

local function rockspec()
  local lines = {
    "-- ree-dev-1.rockspec: made by scripts/dev/rockspec.lua from the tree; do not edit.",
    'rockspec_format = "3.0"',
    'package = "ree"',
    'version = "dev-1"',
    'source = { url = "git+file:///dev/null" } -- luarocks make builds the checkout it runs in',
    "description = {",
    '  summary = "The rare-earth supply chain, executable: stoichiometry, mass balances, markets, scenarios",',
    '  license = "MIT (code); CC BY 4.0 (what ree adds to the data): see LICENSE",',
    "}",
    'dependencies = { "lua >= 5.4, < 5.5" }',
    "external_dependencies = { CJSON = { header = \"cjson/cJSON.h\", library = \"cjson\" } }",
    "build = {",
    '  type = "command",',
    "  -- ree.core from the Makefile, built apart (the checkout's own outputs are tup's)",
    '  build_command = "make rock CC=\'$(CC)\' LIBFLAG=\'$(LIBFLAG)\' LUA_INCDIR=\'$(LUA_INCDIR)\'",',
    '  install = {',
    '    lib = { ["ree.core"] = ".build/rock/core.so" },',
    "    lua = {",
  }
  for _, f in ipairs(list("scripts/ree", "%.lua$")) do
    local name = f:match("^scripts/(.*)%.lua$"):gsub("/init$", ""):gsub("/", ".")
    lines[#lines + 1] = string.format("      [%s] = %s,", quoted(name), quoted(f))
  end
  for _, f in ipairs(list("models", "%.lua$")) do
    if not f:match("^models/lessons/") then -- lessons are data, read as files
      lines[#lines + 1] = string.format("      [%s] = %s,", quoted("ree." .. f:match("^(.*)%.lua$"):gsub("/", ".")),
        quoted(f))
    end
  end
  local data = list("models/data", "%.json$")
  for _, f in ipairs(list("models/lessons", "%.lua$")) do data[#data + 1] = f end
  for _, f in ipairs(data) do
    -- a key's last part is the file's place in its directory (its own name is kept)
    local key = "ree." .. f:match("^(.*)%.[^.]+$"):gsub("/", ".")
    lines[#lines + 1] = string.format("      [%s] = %s,", quoted(key), quoted(f))
  end
  lines[#lines + 1] = "    },"
  lines[#lines + 1] = "  },"
  lines[#lines + 1] = "}"
  return table.concat(lines, "\n") .. "\n"
end

local path = root .. "/ree-dev-1.rockspec"
if arg[1] == "--check" then
  if files.read(path) ~= rockspec() then
    io.stderr:write("ree-dev-1.rockspec is out of date: run ./ree scripts/dev/rockspec.lua\n")
    os.exit(1)
  end
else
  files.write(path, rockspec())
  print("wrote ree-dev-1.rockspec")
end
