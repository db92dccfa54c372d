local lessons = require("app.lessons")
local repl = require("app.repl")

--- A lesson presented into a quiet session: session, lesson, tally, text.
local function start(n)
  local out = {}
  local session = repl.new { write = function(s) out[#out + 1] = s end }
  session.env.print = function() end
  local lesson = lessons.load(n)
  local tally = lessons.env(lesson, session)
  lessons.present(lesson, session)
  return session, lesson, tally, function() return table.concat(out) end
end

describe("lessons #repl", function()
  it("lists eight lessons, in order", function()
    local list = lessons.list()
    assert.are.equal(8, #list)
    for i, l in ipairs(list) do assert.are.equal(i, l[1]) end
    assert.are.same({ "The ERP ladder, year by year", "Tax or quota: who gets the money",
      "Relocate or stay in 2011, with and without the export control", "Mine for Dy, drown in Ce",
      "The cobweb with a nine-year lag", "The rare-earth beer game", "Dy thrifting and what it did to prices",
      "Storage and panic buying: why a scare multiplies the price, and why the collapse overshoots" },
      (function()
        local titles = {}
        for i, l in ipairs(list) do titles[i] = l[2] end
        return titles
      end)())
  end)

  it("presents each lesson, runs its steps, and takes its own solutions and no others", function()
    for n = 1, 8 do
      local session, lesson, tally = start(n)
      assert.is_true(#lesson.exercises >= 2, "lesson " .. n)
      for i = 1, #lesson.exercises do
        local want = lessons.solve(lesson, i)
        assert.is_true(lessons.check(lesson, i, want), string.format("lesson %d, exercise %d", n, i))
        -- a hint helps without being the solution: it holds none of the solution's code
        local e = lesson.exercises[i]
        assert.is_nil(e.hint:find(e.solution, 1, true), string.format("lesson %d, hint %d", n, i))
        assert.is_nil(e.hint:find("[%w_]+%.[%w_.]+%[%d+%]"), string.format("lesson %d, hint %d", n, i)) -- x.y[2011]
        session.env.answer(i, want)
        local wrong = type(want) == "number" and want * 1.5 + 1 or (type(want) == "boolean" and not want or {})
        assert.is_false(lessons.check(lesson, i, wrong), string.format("lesson %d, exercise %d", n, i))
        session.env.answer(i, wrong)
      end
      assert.are.same({ #lesson.exercises, #lesson.exercises }, { tally.right, tally.wrong })
    end
  end)

  it("checks answers against numbers worked out by hand", function()
    local _, lesson = start(1)
    -- 2008: metal taxed 25% (t = -0.2), alloy untaxed; a = 0.9: (0 + 0.9 * 0.2) / 0.1 = 1.8
    assert.is_true(lessons.check(lesson, 1, 1.8))
    assert.is_true(lessons.check(lesson, 2, 2010))
    _, lesson = start(4)
    -- Mt Weld holds 0.1% Dy (of 100.2% tabulated): 600 t Dy2O3 take 601,200 t of REO
    assert.is_true(lessons.check(lesson, 1, 601200))
    _, lesson = start(5)
    -- a nine-year lag: the price holds nine years, then jumps; a peak every 18
    assert.is_true(lessons.check(lesson, 1, 18))
    assert.is_true(lessons.check(lesson, 3, 6.125))
    _, lesson = start(8)
    -- m^-0.15 + (5 m^-0.5 - 2) / 4 = 1 at m = 3.476 (3.476^-0.15 = 0.8295,
    -- 5 / sqrt(3.476) = 2.682, (2.682 - 2) / 4 = 0.1705; 0.8295 + 0.1705 = 1)
    assert.is_true(lessons.check(lesson, 1, 3.476))
    assert.is_false(lessons.check(lesson, 1, 3.2))
  end)

  it("checks against answers no variable of the student's can change", function()
    -- lesson 3's solution 4 is free's share less res's: a student who sets
    -- free = res would make it 0
    local session, lesson, tally = start(3)
    session.env.free = session.env.res
    local want = lessons.solve(lesson, 4)
    assert.is_true(math.abs(want) > 1)
    session.env.answer(4, 0)
    assert.are.same({ 0, 1 }, { tally.right, tally.wrong })
    session.env.answer(4, want)
    assert.are.same({ 1, 1 }, { tally.right, tally.wrong })
  end)

  it("fails piped answers that leave an exercise unanswered, naming it", function()
    local helpers = require("spec.helpers")
    local lesson = lessons.load(1)
    local out, err, status = helpers.run({ "lesson", "1" },
      string.format("answer(1, %.17g)\n", lessons.solve(lesson, 1)))
    assert.truthy(out:find("exercise 1: right.", 1, true))
    assert.are.same({ "ree: lesson 1: exercises 2, 3 not answered right\n", 1 }, { err, status })
    -- from another directory too: the lessons are found from the toolkit's root
    local p = assert(io.popen("cd / && '" .. os.getenv("PWD") .. "/bindings/ree-host' lesson 2>&1"))
    local list = p:read("a")
    p:close()
    assert.truthy(list:find("^1%. The ERP ladder, year by year\n"))
  end)

  it("answers in words, and says what is wrong", function()
    local session, _, _, text = start(1)
    session.env.answer(1, 2.5)
    session.env.answer(1, "a lot")
    session.env.answer(1, 1.8)
    session.env.progress()
    session.env.hint(1)
    session.env.solution(9)
    local said = text():match("Exercises:.*$")
    -- what to give and how near, and how far along
    assert.truthy(said:find("\n1. What was the ERP of Dy-alloy making inside China in 2008 (a fraction)? " ..
      "(a fraction, 1.8 is +180%, within 0.01)\n", 1, true))
    assert.truthy(said:find("exercise 1: not yet: 2.5 is too large (give a fraction, 1.8 is +180%, within 0.01). " ..
      "hint(1) helps. 0 of 3 right.\n", 1, true))
    assert.truthy(said:find("exercise 1: not yet: the answer is a number, not the string \"a lot\" " ..
      "(give a fraction, 1.8 is +180%, within 0.01). hint(1) helps. 0 of 3 right.\n", 1, true))
    assert.truthy(said:find("exercise 1: right. 1 of 3 right.\n1 of 3 right; to go: 2, 3.\n", 1, true))
    -- a hint points the way, and is not the solution's code
    assert.truthy(said:find("The third step gives the ERP of each stage by year.", 1, true))
    assert.truthy(said:find("no exercise 9\n", 1, true))
    -- true or false is a boolean, not the word
    local s7, _, _, text7 = start(7)
    s7.env.answer(3, "false")
    assert.truthy(text7():find("exercise 3: not yet: the answer is a boolean, not the string \"false\" " ..
      "(give true or false). hint(3) helps. 0 of 3 right.\n", 1, true))
    assert.has_error(function() lessons.load(99) end, "no lesson 99 (./ree lesson lists them)")
    local _, lesson = start(1)
    assert.has_error(function() lessons.solve(lesson, 9) end, "lesson 1 has no exercise 9")
    assert.are.same({ false, "lesson 1 has no exercise 9" }, { lessons.check(lesson, 9, 1) })
  end)
end)
