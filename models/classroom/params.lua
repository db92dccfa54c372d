--- The parameters of a classroom scenario: the model's sourced defaults,
-- with the values a student sets in their place. A value set here is the
-- student's assumption: it keeps the default's range to try, or states
-- itself as its own range.

return function(what, defaults, values)
  local params = {}
  for name, p in pairs(defaults) do params[name] = p end
  for name, v in pairs(values or {}) do
    if not params[name] then error(string.format("%s: no parameter '%s'", what, name), 3) end
    params[name] = { value = v, source = "assumption", range = params[name].range or { v, v } }
  end
  return params
end
