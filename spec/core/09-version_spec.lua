-- One version, said alike everywhere (CHANGELOG.md's rule).
local core = require("ree.core")
local read = require("spec.helpers").read

describe("the version #unit", function()
  it("is the same in the core, the changelog and the citation", function()
    local version = core._VERSION
    assert.truthy(version:match("^%d+%.%d+%.%d+$"))
    assert.are.equal(version, read("CHANGELOG.md"):match("\n## (%d+%.%d+%.%d+)"))
    assert.are.equal(version, read("CITATION.cff"):match("\nversion: (%S+)\n"))
    -- the shared library's soname is the major.minor (scripts/install.sh links it so)
    assert.are.equal("libree.so." .. version:match("^%d+%.%d+"), read("Tuprules.tup"):match("\nSONAME = (%S+)\n"))
  end)
end)
