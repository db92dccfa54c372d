-- luacheck configuration: plain Lua 5.4, no globals.
std = "lua54"
max_line_length = 120
files["spec"] = { std = "+busted" }
exclude_files = { ".build", ".tup", "scripts/ree/models" } -- (a link to models/)
