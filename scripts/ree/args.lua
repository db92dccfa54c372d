--- Argument checks in Lua's own words, written once: every library function
-- that checks an argument's type says it as `luaL_checktype` would.
--
--   args.check("series", 1, spec, "table")    -- bad argument #1 to 'series' (table expected, got nil)
--   args.fail("mean", 1, "a list of series expected")
--   args.options("scenario", spec, KEYS)      -- scenario: unknown option 'year' (did you mean 'years'?)
--
-- `level` is the level the caller would give `error`: 2 (the default)
-- blames the caller's caller, as a check at the top of a public function
-- should.

local suggest = require("ree.suggest")

local args = {}

--- Raises "bad argument #n to 'fname' (problem)".
function args.fail(fname, n, problem, level)
  error(string.format("bad argument #%d to '%s' (%s)", n, fname, problem), (level or 2) + 1)
end

--- value, when its type is `expected`; raises otherwise, naming both.
function args.check(fname, n, value, expected, level)
  if type(value) ~= expected then
    args.fail(fname, n, string.format("%s expected, got %s", expected, type(value)), (level or 2) + 1)
  end
  return value
end

--- Raises "<where>: unknown option 'k' (did you mean 'key'?)" for the
-- first key of t (in sorted order, so the message does not depend on the
-- table's) that `known` (a set) lacks. With `list` true, t is also a list
-- and its integer keys are its items, not options.
function args.options(where, t, known, level, list)
  local unknown = {}
  for k in pairs(t) do
    if not known[k] and not (list and math.type(k) == "integer") then unknown[#unknown + 1] = tostring(k) end
  end
  if #unknown == 0 then return t end
  table.sort(unknown)
  error(string.format("%s: unknown option '%s'%s", where, unknown[1], suggest.hint(unknown[1], known)),
    (level or 2) + 1)
end

return args
