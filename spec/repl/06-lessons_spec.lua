local lessons = require "ree.lessons"
local repl = require "ree.repl"

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
  it("lists seven lessons, in order", function()
    local list = lessons.list()
    assert.are.equal(7, #list)
    for i, l in ipairs(list) do assert.are.equal(i, l[1]) end
    assert.are.same({ "The ERP ladder, year by year", "Tax or quota: who gets the money",
      "Relocate or stay in 2011, with and without the export control", "Mine for Dy, drown in Ce",
      "The cobweb with a nine-year lag", "The rare-earth beer game", "Dy thrifting and what it did to prices" },
      (function()
        local titles = {}
        for i, l in ipairs(list) do titles[i] = l[2] end
        return titles
      end)())
  end)

  it("presents each lesson, runs its steps, and takes its own solutions and no others", function()
    for n = 1, 7 do
      local session, lesson, tally = start(n)
      assert.is_true(#lesson.exercises >= 2, "lesson " .. n)
      for i = 1, #lesson.exercises do
        local want = lessons.solve(lesson, session.env, i)
        assert.is_true(lessons.check(lesson, session.env, i, want), string.format("lesson %d, exercise %d", n, i))
        session.env.answer(i, want)
        local wrong = type(want) == "number" and want * 1.5 + 1 or (type(want) == "boolean" and not want or {})
        assert.is_false(lessons.check(lesson, session.env, i, wrong), string.format("lesson %d, exercise %d", n, i))
        session.env.answer(i, wrong)
      end
      assert.are.same({ right = #lesson.exercises, wrong = #lesson.exercises }, tally)
    end
  end)

  it("checks answers against numbers worked out by hand", function()
    local session, lesson = start(1)
    -- 2008: metal taxed 25% (t = -0.2), alloy untaxed; a = 0.9: (0 + 0.9 * 0.2) / 0.1 = 1.8
    assert.is_true(lessons.check(lesson, session.env, 1, 1.8))
    assert.is_true(lessons.check(lesson, session.env, 2, 2010))
    session, lesson = start(4)
    -- Mt Weld holds 0.1% Dy (of 100.2% tabulated): 600 t Dy2O3 take 601,200 t of REO
    assert.is_true(lessons.check(lesson, session.env, 1, 601200))
    session, lesson = start(5)
    -- a nine-year lag: the price holds nine years, then jumps; a peak every 18
    assert.is_true(lessons.check(lesson, session.env, 1, 18))
    assert.is_true(lessons.check(lesson, session.env, 3, 6.125))
  end)

  it("answers in words, and says what is wrong", function()
    local session, _, _, text = start(1)
    session.env.answer(1, 1.8)
    session.env.answer(1, 2.5)
    session.env.answer(1, "a lot")
    session.env.hint(1)
    session.env.solution(9)
    local said = text():match("Exercises:.*$")
    assert.truthy(said:find("exercise 1: right.\n", 1, true))
    assert.truthy(said:find("exercise 1: not yet (too large). hint(1) helps.\n", 1, true))
    assert.truthy(said:find("exercise 1: not yet (the answer is a number). hint(1) helps.\n", 1, true))
    assert.truthy(said:find("erp.alloy[2008]: metal taxed 25%, alloy untaxed.\n", 1, true))
    assert.truthy(said:find("no exercise 9\n", 1, true))
    assert.has_error(function() lessons.load(99) end, "no lesson 99 (./ree lesson lists them)")
    local s, lesson = start(1)
    assert.has_error(function() lessons.solve(lesson, s.env, 9) end, "lesson 1 has no exercise 9")
    assert.are.same({ false, "lesson 1 has no exercise 9" }, { lessons.check(lesson, s.env, 9, 1) })
  end)
end)
