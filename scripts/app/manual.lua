--- The manual page and the shell completions, made from the usage text
-- that ./ree --help prints (app.usage), so that the three say the same.
-- scripts/install.sh writes them into share/man/man1/ree.1,
-- share/bash-completion/completions/ree and share/zsh/site-functions/_ree.
--
--   require("app.manual").manpage()            --> roff text
--   require("app.manual").completion("bash")   --> a bash completion script

local usage = require("app.usage")

local manual = {}

--- Text with roff's special characters escaped.
local function roff(s)
  return (s:gsub("\\", "\\e"):gsub("%-", "\\-"):gsub("^%.", "\\&."):gsub("^'", "\\&'"))
end

--- The manual page ree(1), in roff.
function manual.manpage()
  local version = require("ree.core")._VERSION
  local list, tail = usage.entries()
  local out = {
    string.format('.TH REE 1 "" "ree %s" "User Commands"', version),
    ".SH NAME",
    "ree \\- the rare-earth supply chain, executable: models, scenarios, lessons",
    ".SH SYNOPSIS",
    ".B ree",
    "[\\-\\-debug] [\\fICOMMAND\\fR | \\fIFILE.lua\\fR [\\fIARGS\\fR...] | \\-e \\fICODE\\fR]",
    ".SH DESCRIPTION",
    "ree models the rare\\-earth magnet value chain: a C core for stoichiometry, mass balances and",
    "markets, with Lua 5.4 on top for models, scenarios and lessons. With no command it opens",
    "the REPL. The commands, as \\fBree \\-\\-help\\fR lists them:",
    ".SH COMMANDS",
  }
  for _, e in ipairs(list) do
    out[#out + 1] = ".TP"
    out[#out + 1] = ".B " .. roff((e[1]:gsub("^%./ree", "ree")))
    out[#out + 1] = roff(e[2])
  end
  out[#out + 1] = ".SH EXIT STATUS"
  out[#out + 1] = roff(tail)
  out[#out + 1] = ".SH SEE ALSO"
  out[#out + 1] = "The README and docs/ of ree's source; \\fBree docs\\fR for the library's reference."
  return table.concat(out, "\n") .. "\n"
end

-- The completion scripts, @WORDS@ and @SCENARIOS@ filled in.
local COMPLETIONS = {
  bash = [=[
# bash completion for ree (made by app.manual from ree --help)
_ree() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W '@WORDS@' -- "$cur") $(compgen -f -X '!*.lua' -- "$cur"))
  elif [ "$COMP_CWORD" -eq 2 ] && [[ "${COMP_WORDS[1]}" == @(run|report) ]]; then
    COMPREPLY=($(compgen -W '@SCENARIOS@' -- "$cur") $(compgen -f -X '!*.lua' -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _ree ree
]=],
  zsh = [=[
#compdef ree
# zsh completion for ree (made by app.manual from ree --help)
if (( CURRENT == 2 )); then
  _alternative 'commands:command:(@WORDS@)' 'files:script:_files -g "*.lua"'
elif (( CURRENT == 3 )) && [[ $words[2] == (run|report) ]]; then
  _alternative 'scenarios:scenario:(@SCENARIOS@)' 'files:script:_files -g "*.lua"'
else
  _files
fi
]=],
}

--- A completion script for shell ("bash" or "zsh"): the commands, the
-- scenario names after run and report, and files otherwise.
function manual.completion(shell)
  local template = COMPLETIONS[shell]
  if not template then
    error(string.format("completion: a shell is \"bash\" or \"zsh\", not %s", tostring(shell)), 2)
  end
  local fill = { WORDS = table.concat(usage.words(), " "),
    SCENARIOS = table.concat(require("ree.models.scenarios.history").NAMES, " ") .. " crisis" }
  return (template:gsub("@(%u+)@", fill))
end

return manual
