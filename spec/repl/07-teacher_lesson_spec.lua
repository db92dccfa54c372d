-- A teacher's own lesson: the worked example of docs/LESSONS.md, run as a
-- lesson, answered, and handed out; and the files a teacher gets wrong.
local helpers = require("spec.helpers")
local lessons = require("app.lessons")

--- The docs' worked example, written to a file of its own: its path.
local function example()
  local docs = helpers.read("docs/LESSONS.md")
  return helpers.temp_file(docs:match("## A worked example.-```lua\n(.-)```"), "-taxq.lua")
end

describe("a teacher's own lesson #repl", function()
  it("runs from its file, with its answers checked and its progress shown", function()
    local path = example()
    local out, err, status = helpers.run({ "lesson", path },
      "answer(1, taxed.exports)\nanswer(2, 54.2)\nanswer(3, true)\nprogress()\n")
    assert.are.same({ "", 0 }, { err, status })
    local name = path:match("([^/]*)$")
    assert.truthy(out:find("^Lesson " .. name:gsub("%p", "%%%0") .. ": A tax and its equivalent quota\n"))
    -- by hand: with a 25% tax the price outside is 1.25 times the price inside, so the gap is
    -- 0.25 x 216.803 = 54.20 US$/kg, inside the 0.01 asked
    local lesson = lessons.load(path)
    local p_cn = lessons.solve(lesson, 2) / 0.25
    assert.near(216.803, p_cn, 0.001)
    assert.truthy(out:find("\n1. How many tonnes does China export under the tax? (t of REO, within 0.1%)\n", 1, true))
    assert.truthy(out:find("exercise 2: right. 2 of 3 right.\nexercise 3: right. 3 of 3 right.\n" ..
      "3 of 3 right; all done.\n$"))
    os.remove(path)
  end)

  it("hands out its text, steps and exercises, and no hint and no solution", function()
    local path = example()
    local page_path = os.tmpname() .. ".html"
    local out, err, status = helpers.run { "lesson", path, "--handout", page_path }
    assert.are.same({ "wrote " .. page_path .. "\n", "", 0 }, { out, err, status })
    local page = helpers.read(page_path)
    os.remove(page_path)
    assert.truthy(page:find("^<!DOCTYPE html>"))
    assert.truthy(page:find("<pre>  gap = P_outside - P_inside</pre>", 1, true))         -- a formula as laid out
    assert.truthy(page:find("<pre>[1] 585.653\n[2] 271.004\n[3] 216.803</pre>", 1, true)) -- what the step gave
    assert.truthy(page:find("<li>Does the price inside China rise under the tax? (true or false) (true or false)" ..
      '<div class="answer"></div></li>', 1, true))
    assert.is_nil(page:find("taxed.p_rw - taxed.p_cn", 1, true)) -- a solution
    assert.is_nil(page:find("The price outside China less", 1, true)) -- a hint
    -- a handout it cannot write leaves nothing, and says why
    local _, werr, wstatus = helpers.run { "lesson", path, "--handout", "/no/such/dir/h.html" }
    assert.are.same({ 1, "ree: handout: cannot write '/no/such/dir/h.html': No such file or directory" },
      { wstatus, werr:match("^[^\n]*") })
    assert.are.same({ "", "ree: lesson: --handout needs a lesson: ./ree lesson N --handout FILE.html\n", 2 },
      { helpers.run { "lesson", "--handout", page_path } })
    os.remove(path)
  end)

  it("refuses a lesson file that is not a lesson, naming the file and what is wrong", function()
    local cases = {
      { 'return { title = "t", text = "x", steps = {} }',
        ": a lesson needs exercises = { { question = ..., form = ..., solution = ... }, ... }" },
      { 'return { title = "t", text = "x", exercises = { { question = "q", solution = "1" } } }',
        ': exercise 1 needs a question, a form (what to give: "a fraction", "t of REO") and a solution' },
      { 'return { title = "t", text = "x", exercise = {} }', ": unknown key 'exercise' (did you mean 'exercises'?)" },
      { 'return { title = "t", text = "x", steps = { "1 + 1" }, exercises = { { question = "q", form = "f", ' ..
        'solution = "1" } } }', ": step 1 is not { text, code }" },
      { "return 42", ": returns number, not a lesson table" },
    }
    for _, c in ipairs(cases) do
      local path = helpers.temp_file(c[1], ".lua")
      assert.has_error(function() lessons.load(path) end, path .. c[2])
      local _, err, status = helpers.run { "lesson", path }
      assert.are.same({ 1, "ree: " .. path .. c[2] }, { status, err:match("^[^\n]*") })
      os.remove(path)
    end
  end)
end)
