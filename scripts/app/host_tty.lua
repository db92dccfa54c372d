--- Whether standard error is a terminal (progress bars go there only).
return function()
  local ok, host = pcall(require, "ree.host")
  return ok and host.isatty(2) or false
end
