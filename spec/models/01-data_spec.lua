local data = require("ree.data")
local magnet = require("ree.magnet")

local function load_bad(name)
  return data.read_checked("spec/fixtures/bad/" .. name .. ".json", magnet.schemas.grades)
end

describe("data files #models", function()
  it("all load and pass their schemas", function()
    assert.is_table(data.bibliography())
    for _, name in ipairs(magnet.grades()) do assert.is_table(magnet.grade(name)) end
    assert.is_table(magnet.route())
    for _, name in ipairs(magnet.deposits()) do assert.is_table(magnet.deposit(name)) end
  end)

  it("cite only sources in the bibliography", function()
    local sources = data.bibliography()
    for id, s in pairs(sources) do
      assert.is_string(s.cite, id)
      assert.truthy(({ A = 1, B = 1, C = 1, computed = 1, assumption = 1 })[s.grade], id .. ": " .. s.grade)
    end
  end)

  -- Each message names the file, the key and the line.
  local cases = {
    { "unknown-key", "spec/fixtures/bad/unknown-key.json: unknown key 'dysprosium' at line 13" },
    { "unknown-source", "spec/fixtures/bad/unknown-source.json: unknown source 'my-memory' "
      .. "(not in models/data/sources.json) at line 6" },
    { "wrong-type", "spec/fixtures/bad/wrong-type.json: 'wt' must be a number, not a string at line 6" },
    { "unknown-element", "spec/fixtures/bad/unknown-element.json: unknown element 'Dx' at line 7" },
    { "out-of-range", "spec/fixtures/bad/out-of-range.json: 'wt' must be in [0, 100], got 130 at line 6" },
    { "missing-key", "spec/fixtures/bad/missing-key.json: item 1 has no 'balance' at line 5" },
    { "malformed", "spec/fixtures/bad/malformed.json: invalid JSON at line 4, column 1 near '}'" },
    { "duplicate-key", "spec/fixtures/bad/duplicate-key.json: duplicate key 'a' at line 1, column 10" },
    { "assumption-without-range", "spec/fixtures/bad/assumption-without-range.json: 'Nd' is an assumption "
      .. "without a range at line 6" },
  }
  for _, case in ipairs(cases) do
    it("reports a bad file: " .. case[1], function()
      local value, msg = load_bad(case[1])
      assert.is_nil(value)
      assert.are.equal(case[2], msg)
    end)
  end

  it("reports a missing file", function()
    assert.are.same({ nil, "spec/fixtures/bad/none.json: No such file or directory" }, { load_bad("none") })
  end)
end)
