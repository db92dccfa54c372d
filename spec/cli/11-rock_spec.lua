-- ree as a rock: luarocks make (ree-dev-1.rockspec) in a copy of the tree,
-- then require "ree" from plain lua5.4 with nothing but the rock tree's
-- paths, anywhere; the rockspec lists the tree as it is.
local core = require("ree.core")

local sh = require("spec.helpers").sh

describe("the rock #cli", function()
  it("is made from the tree as it is", function()
    assert.are.same({ "", 0 }, { sh("bindings/ree-host scripts/dev/rockspec.lua --check") })
  end)

  it("builds with luarocks make, and its require \"ree\" computes and runs a scenario from anywhere", function()
    local dir = os.tmpname()
    os.remove(dir)
    local copy = dir .. "/src"
    require("spec.helpers").copy_tree(copy)
    local out, code = sh("cd " .. copy .. " && luarocks --lua-version 5.4 make --tree " .. dir ..
      "/rock ree-dev-1.rockspec")
    assert.are.equal(0, code, out)
    local lua = dir .. "/rock/share/lua/5.4"
    local paths = "LUA_PATH_5_4='" .. lua .. "/?.lua;" .. lua .. "/?/init.lua' " ..
      "LUA_CPATH_5_4='" .. dir .. "/rock/lib/lua/5.4/?.so' "
    out, code = sh("cd / && " .. paths .. "lua5.4 -e '" ..
      "local ree = require \"ree\"; print(ree.formula(\"Nd2Fe14B\"):molar_mass(), ree._VERSION); " ..
      "local res = require(\"ree.models.scenarios.history\").scenario(\"history\"):run(); " ..
      "print(string.format(\"%.1f\", res.price.Dy.fob[2009]))'")
    assert.are.same({ "1081.124\t" .. core._VERSION .. "\n118.5\n", 0 }, { out, code }) -- 2009: the base's Dy price
    -- without libcjson's header the rock is refused before anything is built or installed
    out, code = sh("cd " .. copy .. " && luarocks --lua-version 5.4 make --tree " .. dir ..
      "/rock-without-cjson ree-dev-1.rockspec CJSON_INCDIR=/nowhere CJSON_LIBDIR=/nowhere")
    assert.are_not.equal(0, code)
    local said = "Error: Could not find header file for CJSON\n  No file cjson/cJSON.h in /nowhere\n"
    assert.truthy(out:find(said, 1, true), out)
    assert.is_nil(io.open(dir .. "/rock-without-cjson"))
        -- a rockspec that no longer says what the tree holds is refused
    assert(os.execute("echo '-- edited' >> " .. copy .. "/ree-dev-1.rockspec"))
    assert.are.same({ "ree-dev-1.rockspec is out of date: run ./ree scripts/dev/rockspec.lua\n", 1 },
      { sh("cd " .. copy .. " && LUA_PATH_5_4='" .. copy .. "/scripts/?.lua;" .. copy .. "/scripts/?/init.lua' " ..
        "lua5.4 scripts/dev/rockspec.lua --check") })
    os.execute("rm -rf " .. dir)
  end)
end)
