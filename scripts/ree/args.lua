--- Argument checks in Lua's own words, written once: every library function
-- that checks an argument's type says it as `luaL_checktype` would.
--
--   args.check("series", 1, spec, "table")    -- bad argument #1 to 'series' (table expected, got nil)
--   args.fail("mean", 1, "a list of series expected")
--
-- `level` is the level the caller would give `error`: 2 (the default)
-- blames the caller's caller, as a check at the top of a public function
-- should.

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

return args
