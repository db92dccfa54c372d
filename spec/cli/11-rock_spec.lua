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
    -- the tree's files: git's list, or (in a copy without .git, as the
    -- test variants' are) every file but the build's
    local files = "{ git ls-files -co --exclude-standard -z 2>/dev/null || find . \\( -name .git -o -name .tup " ..
      "-o -name .build \\) -prune -o \\( -type f -o -type l \\) -print0; }"
    assert(os.execute("mkdir -p " .. copy .. " && " .. files .. " | xargs -0 cp -P --parents -t " .. copy))
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
    os.execute("rm -rf " .. dir)
  end)
end)
