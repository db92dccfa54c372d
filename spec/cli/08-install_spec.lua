-- Installing the built tree (scripts/install.sh, what ./ree install runs
-- after building) under a scratch prefix, and using it as a C programmer
-- and as a Lua user would.
local core = require("ree.core")

local sh = require("spec.helpers").sh

local function exists(path) return os.rename(path, path) ~= nil end

local function scratch_prefix()
  local dir = os.tmpname()
  os.remove(dir)
  return dir
end

describe("the install #cli", function()
  it("installs a library that pkg-config finds and a C program links, and an executable that runs", function()
    local prefix = scratch_prefix()
    local out, code = sh("scripts/install.sh " .. prefix)
    assert.are.same({ "ree install: ree " .. core._VERSION .. " installed under " .. prefix ..
      " (pkg-config: PKG_CONFIG_PATH=" .. prefix .. "/lib/pkgconfig)\n", 0 }, { out, code })
    for _, file in ipairs({ "lib/libree.so." .. core._VERSION, "lib/libree.so", "lib/libree.a", "include/ree/ree.h",
      "include/ree/chain.h", "lib/pkgconfig/ree.pc", "bin/ree", "lib/ree/models/data/sources.json",
      "share/man/man1/ree.1", "share/bash-completion/completions/ree", "share/zsh/site-functions/_ree" }) do
      assert.is_true(exists(prefix .. "/" .. file), file)
    end
    local env = "PKG_CONFIG_PATH=" .. prefix .. "/lib/pkgconfig "
    assert.are.same({ core._VERSION .. "\n", 0 }, { sh(env .. "pkg-config --modversion ree") })
    -- the example: 1,000 t of Nd2Fe14B hold 266.8 t of Nd (2 x 144.242 / 1081.124)
    local program = prefix .. "/magnet_chain"
    -- (-Werror: a warning of the example's is a failure; the linker's own notes,
    -- as a sanitizer build's runtime gives, are not)
    assert.are.equal(0, select(2, sh(env .. "cc -std=c99 -Wall -Wextra -pedantic -Werror " ..
      "examples/c/magnet_chain.c $(" .. env .. "pkg-config --cflags --libs ree) -o " .. program)))
    out, code = sh("LD_LIBRARY_PATH=" .. prefix .. "/lib " .. program .. " 1000")
    assert.are.equal(0, code)
    assert.truthy(out:find("^ree " .. core._VERSION:gsub("%.", "%%.") ..
      ": 1000 t of Nd2Fe14B %(1081%.1240 g/mol%) hold 266%.8 t of Nd\n"))
    assert.truthy(out:find("\n  oxide              307.7 t Nd\n", 1, true))
    -- the installed executable finds its Lua tree and data from anywhere
    assert.are.same({ "1081.124\n", 0 },
      { sh("cd / && " .. prefix .. "/bin/ree -e 'print(require(\"ree\").formula(\"Nd2Fe14B\"):molar_mass())'") })
    out, code = sh("cd / && " .. prefix .. "/bin/ree run ladder_only")
    assert.are.equal(0, code)
    assert.truthy(out:find("scenario%s+ladder_only, 2005%-2015"))
    os.execute("rm -rf " .. prefix)
  end)

  it("stages a packager's install under DESTDIR, with ree.pc naming the prefix the package installs to", function()
    local stage = scratch_prefix()
    local out, code = sh("DESTDIR=" .. stage .. " scripts/install.sh /usr")
    assert.are.same({ "ree install: ree " .. core._VERSION .. " staged under " .. stage .. "/usr, for /usr\n", 0 },
      { out, code })
    local pc = require("spec.helpers").read(stage .. "/usr/lib/pkgconfig/ree.pc")
    assert.truthy(pc:find("^prefix=/usr\n"), pc)
    assert.is_nil(pc:find(stage, 1, true)) -- no path of the stage in what the package ships
    os.execute("rm -rf " .. stage)
  end)

  it("refuses a prefix it cannot write, and takes back a failed install", function()
    local file = os.tmpname() -- a file: no directory can be made under it
    local out, code = sh("scripts/install.sh " .. file .. "/x")
    assert.are.same({ "ree install: cannot write to " .. file .. "/x: nothing was installed (choose another " ..
      "--prefix, or run as its owner)\n", 1 }, { out, code })
    os.remove(file)
    -- a header's place taken by a directory: the copy fails after the libraries
    local prefix = scratch_prefix()
    assert(os.execute("mkdir -p " .. prefix .. "/include/ree/chain.h/x"))
    out, code = sh("scripts/install.sh " .. prefix)
    assert.are.equal(1, code)
    assert.truthy(out:find("ree install: failed: what this install had copied is removed again\n", 1, true))
    assert.is_false(exists(prefix .. "/lib/libree.so." .. core._VERSION))
    assert.is_false(exists(prefix .. "/lib/libree.a"))
    assert.is_false(exists(prefix .. "/include/ree/comp.h"))
    assert.are.same({ "ree install: usage: scripts/install.sh PREFIX\n", 2 }, { sh("scripts/install.sh") })
    -- a tree not built: said before anything is made
    local tree = scratch_prefix()
    assert(os.execute("mkdir -p " .. tree .. "/scripts " .. tree .. "/core && cp scripts/install.sh " .. tree ..
      "/scripts/ && cp core/ree_err.h " .. tree .. "/core/"))
    assert.are.same({ "ree install: core/libree.so is not built: build first (./ree install builds)\n", 1 },
      { sh(tree .. "/scripts/install.sh " .. prefix .. "/never") })
    assert.is_false(exists(prefix .. "/never"))
    os.execute("rm -rf " .. tree)
    os.execute("rm -rf " .. prefix)
  end)
end)
