--- The usage text, and what is read from it: ./ree --help prints it, each
-- command's --help its lines of it, app.manual makes the manual page and
-- the shell completions from it, and app.grammar's errors quote its forms.
-- A spec holds it and the grammar to the same commands and options.
--
--   usage.of("run")       --> the lines of ./ree run, as --help prints them
--   usage.forms("merge")  --> { "./ree merge DIR" }
--   usage.options("run")  --> { "--out" }

local usage = {}

usage.TEXT = [[
usage: ./ree [--debug] [COMMAND | FILE.lua [ARGS...] | -e CODE]

  ./ree                  open the REPL (a script when stdin is not a terminal)
  ./ree FILE.lua [ARGS]  run a script; require("ree") works in it
  ./ree -e 'CODE'        run a chunk of Lua
  ./ree --sandbox FILE.lua [--memory MB] [--instructions N] [--seconds S]
                         run a student's script: the toolkit only, no io or os,
                         limits on memory (256 MB), instructions (1e9), time (60 s)
  ./ree run [--out DIR]  run the main job (scripts/app/main.lua); charts go to DIR (output)
  ./ree run SCENARIO     run one scenario and print its summary: a name of the
                         history's (history, no_restrictions, ladder_only, ...) or
                         a FILE.lua that returns a scenario
  ./ree report SCENARIO -o FILE.html [--year Y]
                         write the scenario's report: one self-contained HTML file
  ./ree compare SCENARIO SCENARIO... [--variables V,V...] [--year Y] [-o FILE.html]
                         scenarios side by side: a table of their variables in a year
                         and where they part most; with -o, the table and charts as HTML
  ./ree lesson [N | FILE.lua] [--handout FILE.html]
                         list the lessons, or take lesson N (or a teacher's own file);
                         --handout: its text, steps and exercises as a page to print
  ./ree sweep FILE.lua --runs N [--seed S] [--shard K/M | --jobs J|all] [--out DIR] [--export FILE]
                         run shard K of M of a Monte Carlo sweep; one JSON file to DIR;
                         or all of it in J local processes (all: one a core), merged;
                         --export: each run's sampled inputs and outputs, a row a run,
                         to FILE (.csv for a spreadsheet, or .json)
  ./ree merge DIR [--export FILE]
                         join a sweep's shard files into DIR/merged.json (and FILE)
  ./ree test             build and run every test (C and busted)
  ./ree test --asan      ... built with the address and undefined sanitizers
  ./ree test --valgrind  ... under valgrind
  ./ree test --no-fuse   ... built by a `tup generate` script, as where there is no FUSE
  ./ree fuzz [TARGET|all] [SECONDS]  fuzz a core entry point: formula, unit,
                         json, series, dsm, chain, market, reconcile or pack
  ./ree bench            run the benchmarks (scripts/bench)
  ./ree docs [--out DIR]
                         the library's API reference as HTML, by LDoc (output/docs)
  ./ree install [--prefix DIR]
                         install the library, headers, ree.pc, ree, its manual page
                         and shell completions under DIR (/usr/local)
  ./ree help [COMMAND]   the usage of every command, or of one (or ./ree COMMAND --help)
  ./ree --help, --version
  --debug                before any command: an error shows its traceback

exit status: 0 done; 1 the work failed (an error in a script or a model, a
wrong answer to a lesson, a sandbox limit); 2 the command line was wrong.
Errors go to stderr.
]]

--- The text's entries: { { form, text }, ... } for each "  ./ree ..." line
-- (and the lines indented under it), and the paragraphs after them, joined.
function usage.entries()
  local list, tail = {}, {}
  for line in usage.TEXT:gmatch("([^\n]*)\n") do
    local form, text = line:match("^  (%./ree%S*.-)%s%s+(%S.*)$")
    if not form then form, text = line:match("^  (%-%-%S+)%s%s+(%S.*)$") end
    if not form and line:match("^  %./ree") then form, text = line:match("^  (.-)%s*$"), "" end
    if form then
      list[#list + 1] = { form, text }
    elseif line:match("^%s%s%s%s+%S") and #list > 0 and #tail == 0 then
      local last = list[#list]
      last[2] = (last[2] == "" and "" or last[2] .. " ") .. line:match("^%s*(.-)%s*$")
    elseif line:match("%S") and not line:match("^usage:") and #list > 0 then
      tail[#tail + 1] = line
    end
  end
  return list, table.concat(tail, " ")
end

--- The first words ree takes, in the text's order: its commands and options.
function usage.words()
  local seen, out = {}, {}
  for _, e in ipairs((usage.entries())) do
    -- "./ree run ...", "--debug", "./ree --help, --version"
    local first = e[1]:match("^%./ree%s+(%-%-[%w-]+, .*)$") or e[1]:match("^%./ree%s+(%S+)") or
      e[1]:match("^(%-%-%S+)")
    if first and not first:match("^[%[A-Z]") and not first:match("%.lua$") then
      for word in first:gmatch("[^,%s]+") do
        if not seen[word] then
          seen[word] = true
          out[#out + 1] = word
        end
      end
    end
  end
  return out
end

--- The lines of one command ("run": every "./ree run ..." entry and the
-- lines under it), as --help prints them; nil for a word that is no command.
function usage.of(command)
  local out, taking = {}, false
  for line in usage.TEXT:gmatch("([^\n]*)\n") do
    local first = line:match("^  %./ree%s+(%S+)")
    if first then taking = first == command elseif not line:match("^%s%s%s%s+%S") then taking = false end
    if taking then out[#out + 1] = line end
  end
  return #out > 0 and table.concat(out, "\n") .. "\n" or nil
end

--- The forms of one command: { "./ree run [--out DIR]", "./ree run SCENARIO" }.
function usage.forms(command)
  local out = {}
  for _, e in ipairs((usage.entries())) do
    if e[1]:match("^%./ree%s+(%S+)") == command then out[#out + 1] = e[1] end
  end
  return out
end

--- The options the forms of one command name, sorted: { "--out" } for run.
function usage.options(command)
  local seen, out = {}, {}
  for _, form in ipairs(usage.forms(command)) do
    for option in form:gsub("^%./ree%s+%S+", ""):gmatch("%f[%w-](%-%-?%a[%w-]*)") do
      if not seen[option] then
        seen[option] = true
        out[#out + 1] = option
      end
    end
  end
  table.sort(out)
  return out
end

return usage
