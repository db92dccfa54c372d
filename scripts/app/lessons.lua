--- Guided lessons (models/lessons/NN-name.lua): text a teacher reads,
-- steps whose code runs and shows what it gives, and exercises whose
-- answers the REPL checks.
--
--   ./ree lesson            the list
--   ./ree lesson 3          lesson 3: its text and steps, then a REPL in
--                           which answer(n, value) checks exercise n,
--                           hint(n) helps and solution(n) shows the way
--   ./ree lesson 3 < file   the answers from a file: exit status 0 when
--                           every exercise is answered right, no answer
--                           was wrong and no line failed
--
-- A lesson file returns { title, text, steps = { { text, code }, ... },
-- exercises = { { question, hint, solution = code, within = tolerance
-- (absolute) or rel = tolerance (relative) }, ... } }. The solution is
-- code whose value is the answer, so every answer is computed, never
-- typed in.

local repl = require("app.repl")
local pretty = require("ree.pretty")

local lessons = {}

--- The lessons' directory, found from the toolkit's root: ./ree lesson
-- works from any directory.
local function directory() return require("ree.files").root() .. "/models/lessons" end

--- The lesson files, in order: { { number, module name, file } }.
local function files()
  local out = {}
  for _, file in ipairs(assert(require("ree.files").list(directory()))) do
    local n, base = file:match("^(%d+)%-(.+)%.lua$")
    if n then out[#out + 1] = { tonumber(n), "ree.models.lessons." .. file:gsub("%.lua$", ""), base } end
  end
  table.sort(out, function(a, b) return a[1] < b[1] end)
  return out
end

local KEYS = { title = true, text = true, steps = true, exercises = true }
local EXERCISE_KEYS = { question = true, hint = true, solution = true, within = true, rel = true }

--- Lesson n, checked: raises naming the file and what is wrong.
function lessons.load(n)
  for _, f in ipairs(files()) do
    if f[1] == n then
      local lesson = require(f[2])
      local where = "lesson " .. n .. " (" .. f[3] .. ")"
      for k in pairs(lesson) do
        if not KEYS[k] then error(string.format("%s: unknown key '%s'", where, tostring(k)), 2) end
      end
      if type(lesson.title) ~= "string" or type(lesson.text) ~= "string" then
        error(where .. ": a lesson needs a title and a text", 2)
      end
      for i, e in ipairs(lesson.exercises or {}) do
        for k in pairs(e) do
          if not EXERCISE_KEYS[k] then error(string.format("%s: exercise %d: unknown key '%s'", where, i, k), 2) end
        end
        if type(e.question) ~= "string" or type(e.solution) ~= "string" then
          error(string.format("%s: exercise %d needs a question and a solution", where, i), 2)
        end
      end
      local copy = { number = n }
      for k, v in pairs(lesson) do copy[k] = v end
      return copy
    end
  end
  error(string.format("no lesson %s (./ree lesson lists them)", tostring(n)), 0)
end

--- { { number, title } } of every lesson.
function lessons.list()
  local out = {}
  for _, f in ipairs(files()) do out[#out + 1] = { f[1], lessons.load(f[1]).title } end
  return out
end

--- Runs code in env; returns its values packed, or raises naming where.
local function run(code, env, where)
  local f, err = load("return " .. code, "=" .. where, "t", env)
  if not f then f, err = load(code, "=" .. where, "t", env) end
  if not f then error(err, 0) end
  return table.pack(f())
end

--- Runs the lesson's steps in session, a line at a time as if typed.
-- show, when given, sees them: show.step(i, text) as each begins, and
-- show.line(line, continued, values) after each line (values: nil while
-- a chunk goes on).
local function run_steps(lesson, session, show)
  for i, step in ipairs(lesson.steps or {}) do
    if show then show.step(i, step[1]) end
    for line in (step[2] or ""):gmatch("[^\n]+") do
      local continued = session.buffer ~= nil
      local status, out = repl.eval(session, line)
      if status == "error" then
        error(string.format("lesson %d, step %d: %s", lesson.number, i, repl.error_text(out)), 0)
      end
      if show then show.line(line, continued, status == "ok" and out or nil) end
    end
  end
end

--- The answers to every exercise: the values of the solutions, computed
-- once, in a session of their own that has run the steps and nothing a
-- student typed (a student who sets a variable the solution reads cannot
-- make a wrong answer right).
local function answers(lesson)
  if lesson.answers then return lesson.answers end
  local clean = repl.new { write = function() end }
  clean.env.print = function() end
  run_steps(lesson, clean)
  local out = {}
  for i, e in ipairs(lesson.exercises or {}) do
    out[i] = run(e.solution, clean.env, string.format("lesson %d, solution %d", lesson.number, i))[1]
  end
  lesson.answers = out
  return out
end

--- The answer to exercise i: the value of its solution.
function lessons.solve(lesson, i)
  if not lesson.exercises[i] then
    error(string.format("lesson %d has no exercise %s", lesson.number, tostring(i)), 2)
  end
  return answers(lesson)[i]
end

--- Whether value answers exercise i: true, or false and why.
function lessons.check(lesson, i, value)
  local e = lesson.exercises[i]
  if not e then return false, string.format("lesson %d has no exercise %s", lesson.number, tostring(i)) end
  local want = answers(lesson)[i]
  if type(want) == "number" then
    if type(value) ~= "number" then return false, "the answer is a number" end
    local tol = e.within or (e.rel and e.rel * math.abs(want)) or 1e-9 * math.max(1, math.abs(want))
    if math.abs(value - want) <= tol then return true end
    return false, value < want and "too small" or "too large"
  end
  if value == want then return true end
  return false, "not that"
end

--- An environment for the lesson: a REPL session's, with answer(n, v),
-- hint(n) and solution(n) writing through write; and a record of the
-- answers given: tally.right, tally.wrong (counts) and tally.solved (the
-- exercises answered right).
function lessons.env(lesson, session)
  local env = session.env
  local write = session.write
  local tally = { right = 0, wrong = 0, solved = {} }
  env.answer = function(i, value)
    local ok, why = lessons.check(lesson, i, value)
    if ok then
      tally.right = tally.right + 1
      tally.solved[i] = true
      write(string.format("exercise %s: right.\n", tostring(i)))
    else
      tally.wrong = tally.wrong + 1
      write(string.format("exercise %s: not yet (%s). hint(%s) helps.\n", tostring(i), why, tostring(i)))
    end
  end
  env.hint = function(i)
    local e = lesson.exercises[i]
    write((e and e.hint or "no hint for that") .. "\n")
  end
  env.solution = function(i)
    local e = lesson.exercises[i]
    if not e then
      write("no exercise " .. tostring(i) .. "\n")
      return
    end
    write(string.format("%s\n  --> %s\n", e.solution, pretty.show(lessons.solve(lesson, i))))
  end
  env.exercises = function()
    for n, e in ipairs(lesson.exercises) do write(string.format("%d. %s\n", n, e.question)) end
  end
  return tally
end

--- Writes the lesson: its text, each step with its code and what the code
-- gives, and the exercises. Steps run in the session's environment.
function lessons.present(lesson, session)
  local write = session.write
  write(string.format("Lesson %d: %s\n\n%s\n", lesson.number, lesson.title, lesson.text))
  run_steps(lesson, session, {
    step = function(i, text) write(string.format("\n%d) %s\n", i, text)) end,
    -- as if typed into the REPL: each line, then the values it gave
    line = function(line, continued, out)
      write((continued and "  >> " or "   > ") .. line .. "\n")
      if out and out.n > 0 then
        local shown = {}
        for j = 1, out.n do shown[j] = pretty.show(out[j]) end
        for text in table.concat(shown, "\t"):gmatch("[^\n]+") do write("   " .. text .. "\n") end
      end
    end,
  })
  if lesson.exercises and #lesson.exercises > 0 then
    write("\nExercises: answer(n, value) checks one; hint(n), solution(n), exercises() lists them.\n")
    for n, e in ipairs(lesson.exercises) do write(string.format("%d. %s\n", n, e.question)) end
  end
end

--- `./ree lesson [n]`: the list, or lesson n then a REPL (or the script on
-- stdin). Returns an exit status: 0, or 1 when an answer was wrong.
function lessons.main(n)
  if n == nil then
    for _, l in ipairs(lessons.list()) do io.write(string.format("%d. %s\n", l[1], l[2])) end
    io.write("./ree lesson N to start one\n")
    return 0
  end
  local lesson = lessons.load(n)
  local host = require("ree.host")
  if host.isatty(0) then
    return repl.start(function(session)
      lessons.env(lesson, session)
      lessons.present(lesson, session)
    end)
  end
  local session = repl.new { write = io.write }
  local tally = lessons.env(lesson, session)
  lessons.present(lesson, session)
  local errors = 0
  for line in io.stdin:lines() do
    if repl.line(session, line) == "error" then errors = errors + 1 end
  end
  local unanswered = {}
  for i = 1, #(lesson.exercises or {}) do
    if not tally.solved[i] then unanswered[#unanswered + 1] = tostring(i) end
  end
  if #unanswered > 0 then
    io.stderr:write(string.format("ree: lesson %d: exercise%s %s not answered right\n", n,
      #unanswered > 1 and "s" or "", table.concat(unanswered, ", ")))
  end
  return (tally.wrong == 0 and errors == 0 and #unanswered == 0) and 0 or 1
end

return lessons
