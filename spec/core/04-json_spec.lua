local core = require("ree.core")

describe("JSON through the core #unit", function()
  it("decodes objects, arrays, numbers, strings and null", function()
    local v = core.json_decode('{"a": [1, 2.5, "x", true, false, null], "year": 2011}')
    assert.are.same({ 1, 2.5, "x", true, false, core.null }, v.a)
    assert.are.equal(math.type(v.year), "integer")
  end)

  it("says where a document breaks", function()
    local v, msg = core.json_decode('{\n  "a": 1,\n  "b": tru\n}')
    assert.is_nil(v)
    assert.are.equal("invalid JSON at line 3, column 8 near 't'", msg)
    assert.are.same({ nil, "invalid JSON at line 1, column 5: unexpected end of text", "syntax" },
      { core.json_decode("[1, ") })
  end)

  it("refuses duplicate keys and numbers out of range", function()
    assert.are.same({ nil, "duplicate key 'a' at line 2, column 2", "syntax" },
      { core.json_decode('{"a": 1,\n "a": 2}') })
    assert.are.same({ nil, "number out of range at line 1, column 5", "syntax" },
      { core.json_decode('[1, 1e999]') })
  end)

  it("finds the line of a key again", function()
    local text = '{\n  "grades": [\n    {"name": "a"},\n    {"name": "b", "wt": 3}\n  ]\n}'
    assert.are.same({ 4, 19 }, { core.json_locate(text, { "grades", 2, "wt" }) })
    assert.are.same({ 2, 3 }, { core.json_locate(text, { "grades" }) })
    assert.is_nil(core.json_locate(text, { "grades", 3 }))
  end)
end)
