--- The report as a browser shows it: headless Chromium loads the page,
-- the spec reads the page it built and what its console said.

local report = require("app.report")

local function have_chromium() return os.execute("command -v chromium >/dev/null 2>&1") == true end

--- Loads file in headless Chromium: the DOM it built, and its console lines.
local function browse(file)
  local err = os.tmpname()
  -- env -u LD_PRELOAD: the sanitizer run preloads ASan, which Chromium must not get
  local p = assert(io.popen(string.format("env -u LD_PRELOAD timeout 120 chromium --headless --no-sandbox " ..
    "--disable-gpu --enable-logging=stderr --v=0 --dump-dom 'file://%s' 2>%s", file, err)))
  local dom = p:read("a")
  p:close()
  local console = {}
  for line in io.lines(err) do
    if line:find(":CONSOLE", 1, true) then console[#console + 1] = line end
  end
  os.remove(err)
  return dom, console
end

describe("the HTML report in a browser #cli", function()
  if not have_chromium() then
    pending("chromium is not installed (./ree test installs it)")
    return
  end

  it("loads with its title and charts, and nothing on the console", function()
    local file = os.tmpname() .. ".html"
    report.write(require("ree.models.scenarios.history").scenario("history"):run(), file)
    local dom, console = browse(file)
    os.remove(file)
    assert.truthy(dom:find("<title>ree: the scenario 'history', 2005-2015</title>", 1, true))
    assert.are.equal(6, select(2, dom:gsub("<svg ", "")))
    assert.truthy(dom:find("Oxide prices outside China (FOB)", 1, true))
    assert.truthy(dom:find("Flows between the markets", 1, true))
    assert.are.same({}, console)
  end)

  it("would see an error on the console (the check can fail)", function()
    local file = os.tmpname() .. ".html"
    local f = assert(io.open(file, "w"))
    f:write("<!DOCTYPE html><title>x</title><script>nosuch()</script>")
    f:close()
    local _, console = browse(file)
    os.remove(file)
    assert.are.equal(1, #console)
    assert.truthy(console[1]:find("nosuch is not defined", 1, true))
  end)
end)
