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

  -- 1.0 is the bytes 00 00 00 00 00 00 F0 3F, base64 "AAAAAAAA8D8=" (by
  -- hand in spec/c/test_pack.c); nil packs as NaN, as a missing value does
  it("packs numbers into one string and back, bit for bit", function()
    assert.are.equal("AAAAAAAA8D8=", core.pack_numbers { 1 })
    local x = { 0.1, -1e300, 2 ^ -1074, 1 / 3 }
    assert.are.same(x, core.unpack_numbers(core.pack_numbers(x)))
    local back = core.unpack_numbers(core.pack_numbers({ 1, nil, 3 }, 3))
    assert.are.equal(3, #back)
    assert.is_true(back[2] ~= back[2])
    assert.are.same({}, core.unpack_numbers(""))
    assert.are.same({ nil, "packed numbers: character 2 is not base64", "syntax" },
      { core.unpack_numbers("A$AA") })
    assert.has_error(function() core.pack_numbers { 1, "2" } end,
      "bad argument #1 to 'pack_numbers' (entry 2 is a string, not a number)")
    assert.has_error(function() core.pack_numbers({ 1 }, -1) end,
      "bad argument #2 to 'pack_numbers' (a count from 0 to 268435455 expected)")
  end)
end)
