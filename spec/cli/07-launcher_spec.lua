-- The launcher (./ree) in a scratch tree of its own: stand-ins for
-- dpkg-query, apt-get and tup on the PATH write down each call, and a
-- stand-in host says it ran. What is checked: once set up, a command calls
-- neither dpkg nor tup; a changed source builds again; a missing package is
-- named, with what it is for, before apt-get runs.

local sh = require("spec.helpers").sh

local function write(path, text, mode)
  local f = assert(io.open(path, "w"))
  f:write(text)
  f:close()
  if mode then assert(os.execute("chmod " .. mode .. " " .. path)) end
end

local read = require("spec.helpers").read

--- A scratch tree: the launcher, a stand-in build and host, and a bin/ of
-- stand-ins whose calls go to calls.log; `missing` names a package the
-- stand-in dpkg-query says is not installed.
local function scratch(missing)
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir -p " .. dir .. "/bin " .. dir .. "/core " .. dir .. "/bindings/ree " .. dir .. "/spec/c " ..
    dir .. "/scripts/bench"))
  assert(os.execute("cp ree " .. dir .. "/ree"))
  local log = dir .. "/calls.log"
  write(dir .. "/bin/dpkg-query", table.concat({
    "#!/bin/sh",
    "echo dpkg-query >> " .. log,
    "shift 2 # -W -f=...",
    "for p in \"$@\"; do [ \"$p\" = '" .. (missing or "") .. "' ] || echo \"$p install ok installed\"; done",
  }, "\n") .. "\n", "+x")
  write(dir .. "/bin/apt-get", "#!/bin/sh\necho \"apt-get $1\" >> " .. log .. "\n", "+x")
  write(dir .. "/bin/sudo", "#!/bin/sh\nexec \"$@\"\n", "+x") -- for a user who is not root
  -- tup builds nothing here; `tup generate` (no FUSE) writes an empty script
  write(dir .. "/bin/tup", "#!/bin/sh\necho \"tup $1\" >> " .. log ..
    "\n[ \"$1\" = generate ] && : > \"$2\"\nexit 0\n", "+x")
  write(dir .. "/bindings/ree-host", "#!/bin/sh\necho \"host ran: $*\"\n", "+x")
  write(dir .. "/bindings/ree/core.so", "")
  write(dir .. "/core/a.c", "int a;\n")
  write(dir .. "/Tupfile.ini", "")
  write(dir .. "/Tuprules.tup", "")
  return dir, function(args)
    write(log, "")
    local out, code = sh("cd " .. dir .. " && PATH=" .. dir .. "/bin:$PATH ./ree " .. (args or "-e x"))
    return out, code, read(log)
  end
end

describe("the launcher #cli", function()
  it("checks the packages and builds once, then only when a source changes", function()
    local dir, launch = scratch()
    local out, code, calls = launch()
    assert.are.same({ "host ran: -e x\n", 0 }, { out, code })
    assert.are.equal(1, select(2, calls:gsub("dpkg%-query", "")))  -- one call for every package
    assert.truthy(calls:find("tup", 1, true))
    out, code, calls = launch()                                     -- set up: nothing to check
    assert.are.same({ "host ran: -e x\n", 0, "" }, { out, code, calls })
    assert(os.execute("sleep 0.01; touch " .. dir .. "/core/a.c"))  -- a source changed: tup, not dpkg
    out, code, calls = launch()
    assert.are.same({ "host ran: -e x\n", 0 }, { out, code })
    assert.truthy(calls:find("^tup"))
    assert.falsy(calls:find("dpkg", 1, true))
    assert.are.same({ "host ran: -e x\n", 0, "" }, { launch() })
    -- the launcher's own commands take --help to the usage text, as the host's do
    assert.are.same({ "host ran: help install\n", 0, "" }, { launch("install --help") })
    -- and refuse what they do not take, with their usage line, before anything runs
    assert.are.same({ "ree: install: unknown option '--perfix'; usage: ./ree install [--prefix DIR]\n", 2, "" },
      { launch("install --perfix /tmp") })
    assert.are.same({ "ree: install: option '--prefix' requires an argument; usage: ./ree install [--prefix DIR]\n", 2,
      "" }, { launch("install --prefix") })
    assert.are.same({ "ree: test: unknown option '--asna'; usage: ./ree test [--asan | --valgrind | --no-fuse]\n", 2,
      "" }, { launch("test --asna") })
    assert.are.same({ "ree: fuzz: unknown target 'formulas' (formula unit json series dsm chain market reconcile " ..
      "pack or all); usage: ./ree fuzz [TARGET|all] [SECONDS]\n", 2, "" }, { launch("fuzz formulas") })
    os.execute("rm -rf " .. dir)
  end)

  it("names a missing package and what it is for before apt-get runs", function()
    local dir, launch = scratch("libcjson-dev")
    local out, code, calls = launch()
    local sudo = sh("id -u") == "0\n" and "" or "sudo "
    assert.are.equal(0, code)
    assert.truthy(out:find("ree: to build and run, ree needs these Debian packages, which are missing: " ..
      "libcjson-dev\nree: installing them with " .. sudo .. "apt-get (apt-get update, then apt-get install)\n", 1,
      true))
    assert.truthy(calls:find("^dpkg%-query\napt%-get update\napt%-get install\n"))
    os.execute("rm -rf " .. dir)
  end)
end)
