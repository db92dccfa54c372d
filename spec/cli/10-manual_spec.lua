-- The manual page and the shell completions, made from ./ree --help's text.
local manual = require("app.manual")
local core = require("ree.core")

local sh = require("spec.helpers").sh

local function file_with(text) return require("spec.helpers").temp_file(text) end

describe("the manual page and completions #cli", function()
  it("gives the manual page every command of --help, and man reads it", function()
    local page = manual.manpage()
    assert.truthy(page:find('^%.TH REE 1 "" "ree ' .. core._VERSION:gsub("%.", "%%.") .. '"'))
    assert.truthy(page:find("\n.B ree merge DIR [\\-\\-export FILE]\njoin a sweep's shard files", 1, true), page)
    assert.truthy(page:find("\n.B ree \\-\\-help, \\-\\-version\n", 1, true)) -- dashes escaped for roff
    local path = file_with(page)
    -- (man is not ours to sanitize: a sanitizer run's preloaded runtime trips
    -- man-db's seccomp sandbox, so it runs without them)
    local out, code = sh("env -u LD_PRELOAD MANWIDTH=100 man -l " .. path)
    os.remove(path)
    assert.are.equal(0, code)
    assert.truthy(out:find("ree report SCENARIO -o FILE.html [--year Y]", 1, true))
  end)

  it("completes commands, scenario names and scripts in bash", function()
    local path = file_with(manual.completion("bash"))
    local function complete(...)
      local words = { "ree", ... }
      return (sh(string.format("bash -c 'source %s; COMP_WORDS=(%s); COMP_CWORD=%d; _ree; echo \"${COMPREPLY[*]}\"'",
        path, table.concat(words, " "), #words - 1)))
    end
    assert.are.equal("run\n", complete("ru"))
    assert.are.equal("--version\n", complete("--v"))
    assert.are.equal("history\n", complete("run", "hi"))
    assert.are.equal("crisis\n", complete("report", "cri"))
    os.remove(path)
  end)

  it("writes a zsh completion zsh reads, and no other", function()
    local path = file_with(manual.completion("zsh"))
    assert.are.same({ "", 0 }, { sh("zsh -n " .. path) })
    os.remove(path)
    assert.has_error(function() manual.completion("fish") end, 'completion: a shell is "bash" or "zsh", not fish')
  end)
end)
