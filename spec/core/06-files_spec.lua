local helpers = require("spec.helpers")
local files = require("ree.files")
local ree = require("ree")

--- The names in dir (none when it is empty).
local function listing(dir)
  local names = {}
  local p = io.popen("ls -A '" .. dir .. "'")
  for line in p:lines() do names[#names + 1] = line end
  p:close()
  return names
end

local function scratch_dir()
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir -p '" .. dir .. "'"))
  return dir
end

describe("writing a file #unit", function()
  it("writes it whole and returns its path", function()
    local dir = scratch_dir()
    assert.are.equal(dir .. "/a.txt", files.write(dir .. "/a.txt", "hello\n"))
    assert.are.equal("hello\n", files.read(dir .. "/a.txt"))
    assert.are.same({ "a.txt" }, listing(dir))
    os.execute("rm -r '" .. dir .. "'")
  end)

  it("raises with the path and the reason, and leaves no temporary file", function()
    local ok, err = pcall(files.write, "/no/such/dir/x.csv", "x")
    assert.are.same({ false, "cannot write '/no/such/dir/x.csv': No such file or directory" }, { ok, err })
    -- the rename fails: a directory stands where the file would go
    local dir = scratch_dir()
    assert(os.execute("mkdir '" .. dir .. "/taken'"))
    ok, err = pcall(files.write, dir .. "/taken", "x")
    assert.are.same({ false, "cannot write '" .. dir .. "/taken': Is a directory" }, { ok, err })
    assert.are.same({ "taken" }, listing(dir))
    os.execute("rm -r '" .. dir .. "'")
  end)

  it("raises from the objects that write, never returns quietly", function()
    local ds = ree.data.load("production")
    local ok, err = pcall(ds.write, ds, "/no/such/dir/p.csv")
    assert.are.same({ false, "cannot write '/no/such/dir/p.csv': No such file or directory" },
      { ok, (err:gsub("^[^:]+:%d+: ", "")) })
    ok, err = pcall(ds.write, ds, "p.txt")
    assert.are.same({ false, "write: 'p.txt': name a .csv or a .json file" }, { ok, (err:gsub("^[^:]+:%d+: ", "")) })
  end)

  it("reads a directory given as a file as an error that names it", function()
    assert.are.same({ nil, "spec/fixtures: Is a directory" }, { files.read("spec/fixtures") })
    local doc, err = ree.data.open("spec/fixtures/bad.json")
    assert.is_nil(doc)
    assert.truthy(err:find("Is a directory") or err:find("No such file"))
  end)

  it("leaves no temporary file when a signal ends the process mid-write", function()
    local dir = scratch_dir()
    -- the host guards the temporary name; SIGTERM arrives before the rename
    local out, err, status = helpers.run { "-e", string.format([[
      local host = require("ree.host")
      local tmp = %q
      host.guard(tmp)
      local f = io.open(tmp, "w") f:write("part") f:close()
      os.execute("kill -TERM " .. io.open("/proc/self/stat"):read("n"))
      while true do end
    ]], dir .. "/out.csv.tmp-1") }
    -- (the shell that ran the host says "Terminated")
    assert.are.same({ "", 143 }, { out, status }, err)
    assert.are.same({}, listing(dir))
    os.execute("rm -r '" .. dir .. "'")
  end)
end)
