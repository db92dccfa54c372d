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
--   ./ree lesson my.lua     a teacher's own lesson file, the same way
--   ./ree lesson 3 --handout lesson3.html   a printable handout (no answers)
--
-- A lesson file returns { title, text, steps = { { text, code }, ... },
-- exercises = { { question, form, hint, solution = code, within =
-- tolerance (absolute) or rel = tolerance (relative) }, ... } }: `form`
-- says what to give ("a fraction (1.8 is +180%)", "t of REO", "a year");
-- the solution is code whose value is the answer, so every answer is
-- computed, never typed in. docs/LESSONS.md has the format in full.

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
local EXERCISE_KEYS = { question = true, form = true, hint = true, solution = true, within = true, rel = true }

--- A lesson table checked, as a copy with its label ("lesson 3"); raises
-- naming where (the lesson and its file) and what is wrong.
local function checked(lesson, label, where)
  if type(lesson) ~= "table" then error(string.format("%s: returns %s, not a lesson table", where, type(lesson)), 0) end
  for k in pairs(lesson) do
    if not KEYS[k] then
      error(string.format("%s: unknown key '%s'%s", where, tostring(k), require("ree.suggest").hint(k, KEYS)), 0)
    end
  end
  if type(lesson.title) ~= "string" or type(lesson.text) ~= "string" then
    error(where .. ": a lesson needs a title and a text", 0)
  end
  for i, step in ipairs(lesson.steps or {}) do
    if type(step) ~= "table" or type(step[1]) ~= "string" or type(step[2]) ~= "string" then
      error(string.format("%s: step %d is not { text, code }", where, i), 0)
    end
  end
  if type(lesson.exercises) ~= "table" or #lesson.exercises == 0 then
    error(where .. ": a lesson needs exercises = { { question = ..., form = ..., solution = ... }, ... }", 0)
  end
  for i, e in ipairs(lesson.exercises) do
    for k in pairs(e) do
      if not EXERCISE_KEYS[k] then
        error(string.format("%s: exercise %d: unknown key '%s'%s", where, i, k, require("ree.suggest").hint(k,
          EXERCISE_KEYS)), 0)
      end
    end
    if type(e.question) ~= "string" or type(e.solution) ~= "string" or type(e.form) ~= "string" then
      error(string.format("%s: exercise %d needs a question, a form (what to give: \"a fraction\", \"t of REO\") " ..
        "and a solution", where, i), 0)
    end
  end
  local copy = { label = label }
  for k, v in pairs(lesson) do copy[k] = v end
  return copy
end

--- Lesson n (a number), or the lesson in a file (a path ending in .lua),
-- checked: raises naming the file and what is wrong.
function lessons.load(n)
  if type(n) == "string" then
    local chunk, err = loadfile(n)
    if not chunk then error(err, 0) end
    local ok, lesson = xpcall(chunk, debug.traceback)
    if not ok then error(lesson, 0) end
    return checked(lesson, "lesson " .. n:match("([^/]*)$"), n)
  end
  for _, f in ipairs(files()) do
    if f[1] == n then
      return checked(require(f[2]), "lesson " .. n, "lesson " .. n .. " (" .. f[3] .. ")")
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
      repl.forget_drawn()
      local status, out = repl.eval(session, line)
      if status == "error" then
        error(string.format("%s, step %d: %s", lesson.label, i, repl.error_text(out)), 0)
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
    out[i] = run(e.solution, clean.env, string.format("%s, solution %d", lesson.label, i))[1]
  end
  lesson.answers = out
  return out
end

--- The answer to exercise i: the value of its solution.
function lessons.solve(lesson, i)
  if not lesson.exercises[i] then
    error(string.format("%s has no exercise %s", lesson.label, tostring(i)), 2)
  end
  return answers(lesson)[i]
end

--- What exercise e wants, as a student reads it: its form and, for a
-- number, how near an answer must be ("a fraction (1.8 is +180%), within
-- 0.01"; "t of REO, within 0.1%").
function lessons.wanted(e)
  if e.within then return string.format("%s, within %s", e.form, pretty.show(e.within)) end
  if e.rel then return string.format("%s, within %s%%", e.form, pretty.show(e.rel * 100)) end
  return e.form
end

--- Whether value answers exercise i: true, or false and why ("2 is too
-- large"; "the answer is a boolean, not the string \"false\"").
function lessons.check(lesson, i, value)
  local e = lesson.exercises[i]
  if not e then return false, string.format("%s has no exercise %s", lesson.label, tostring(i)) end
  local want = answers(lesson)[i]
  if type(value) ~= type(want) then
    local given = value == nil and "nil" or string.format("the %s %s", type(value), pretty.show(value))
    return false, string.format("the answer is a %s, not %s", type(want), given)
  end
  if type(want) == "number" then
    local tol = e.within or (e.rel and e.rel * math.abs(want)) or 1e-9 * math.max(1, math.abs(want))
    if math.abs(value - want) <= tol then return true end
    return false, string.format("%s is %s", pretty.show(value), value < want and "too small" or "too large")
  end
  if value == want then return true end
  return false, string.format("%s is not it", pretty.show(value))
end

--- "2 of 3 right", of the exercises in tally.
local function progress(lesson, tally)
  local n = 0
  for _ in pairs(tally.solved) do n = n + 1 end
  return string.format("%d of %d right", n, #lesson.exercises)
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
    local e = lesson.exercises[i]
    if ok then
      tally.right = tally.right + 1
      tally.solved[i] = true
      write(string.format("exercise %s: right. %s.\n", tostring(i), progress(lesson, tally)))
    elseif not e then
      write(why .. "\n")
    else
      tally.wrong = tally.wrong + 1
      write(string.format("exercise %s: not yet: %s (give %s). hint(%s) helps. %s.\n", tostring(i), why,
        lessons.wanted(e), tostring(i), progress(lesson, tally)))
    end
  end
  env.progress = function()
    local left = {}
    for n = 1, #lesson.exercises do
      if not tally.solved[n] then left[#left + 1] = tostring(n) end
    end
    write(progress(lesson, tally) .. (#left > 0 and ("; to go: " .. table.concat(left, ", ")) or "; all done") ..
      ".\n")
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
    for n, e in ipairs(lesson.exercises) do
      write(string.format("%d. %s (%s)%s\n", n, e.question, lessons.wanted(e), tally.solved[n] and "  -- right" or ""))
    end
  end
  return tally
end

--- Writes the lesson: its text, each step with its code and what the code
-- gives, and the exercises. Steps run in the session's environment.
function lessons.present(lesson, session)
  local write = session.write
  write(string.format("%s: %s\n\n%s\n", lesson.label:gsub("^l", "L"), lesson.title, lesson.text))
  run_steps(lesson, session, {
    step = function(i, text) write(string.format("\n%d) %s\n", i, text)) end,
    -- as if typed into the REPL: each line, then the values it gave
    line = function(line, continued, out)
      write((continued and "  >> " or "   > ") .. line .. "\n")
      if out and out.n > 0 then
        for text in repl.values_text(out):gmatch("[^\n]+") do write("   " .. text .. "\n") end
      end
    end,
  })
  write("\nExercises: answer(n, value) checks one; hint(n), solution(n), progress(); exercises() lists them.\n")
  for n, e in ipairs(lesson.exercises) do write(string.format("%d. %s (%s)\n", n, e.question, lessons.wanted(e))) end
end

--- Runs the steps in a session of their own and returns, a step each,
-- { text, code, out }: out is what its lines gave and printed (a chart
-- drawn in the terminal too), as the REPL would show it.
local function step_outputs(lesson)
  local session = repl.new { write = function() end }
  local steps, current = {}, nil
  local function add(text) current.out[#current.out + 1] = text end
  session.env.print = function(...)
    local parts = table.pack(...)
    for k = 1, parts.n do parts[k] = tostring(parts[k]) end
    add(table.concat(parts, "\t"))
  end
  local plot = require("ree.plot")
  plot.out = { write = function(self, text) add(text) return self end } -- a chart a step draws
  local ok, err = pcall(run_steps, lesson, session, {
    step = function(i, text)
      current = { text = text, code = lesson.steps[i][2], out = {} }
      steps[#steps + 1] = current
    end,
    line = function(_, _, out)
      local text = out and repl.values_text(out) or ""
      if text ~= "" then add(text) end
    end,
  })
  plot.out = nil
  if not ok then error(err, 0) end
  return steps
end

--- A printable handout of the lesson, written to path (an .html file):
-- its text, each step's code and what it gives, and the exercises with
-- what to give and room to answer; no hints, no solutions. Whole or not
-- at all.
function lessons.handout(lesson, path)
  local page = require("ree.html").page(string.format("%s: %s", lesson.label:gsub("^l", "L"), lesson.title))
  for para in (lesson.text .. "\n\n"):gmatch("(.-)\n%s*\n") do
    if para:match("^%s%s") then page:pre(para) elseif para:match("%S") then page:para((para:gsub("%s+", " "))) end
  end
  page:heading("Steps")
  for i, step in ipairs(step_outputs(lesson)) do
    page:para(string.format("%d) %s", i, step.text))
    page:pre(step.code, "code")
    if #step.out > 0 then page:pre(table.concat(step.out, "\n")) end
  end
  page:heading("Exercises")
  local items = {}
  for n, e in ipairs(lesson.exercises) do items[n] = string.format("%s (%s)", e.question, lessons.wanted(e)) end
  page:list(items, true)
  return require("ree.files").write_format(path, { { "html", "html", function() return page:render() end } },
    nil, "handout")
end

--- `./ree lesson [n]`: the list, or lesson n then a REPL (or the script on
-- stdin). Returns an exit status: 0, or 1 when an answer was wrong.
function lessons.main(n, handout)
  if handout then
    local path = lessons.handout(lessons.load(n), handout)
    io.write(string.format("wrote %s\n", path))
    return 0
  end
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
  for i = 1, #lesson.exercises do
    if not tally.solved[i] then unanswered[#unanswered + 1] = tostring(i) end
  end
  if #unanswered > 0 then
    io.stderr:write(string.format("ree: %s: exercise%s %s not answered right\n", lesson.label,
      #unanswered > 1 and "s" or "", table.concat(unanswered, ", ")))
  end
  return (tally.wrong == 0 and errors == 0 and #unanswered == 0) and 0 or 1
end

return lessons
