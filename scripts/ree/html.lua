--- Self-contained HTML pages: one file, its style inline, its charts as
-- inline SVG, nothing fetched from anywhere.
--
--   local page = html.page("Title")
--   page:heading("Prices"):para("Text, escaped."):raw(svg_text):table(rows)
--   files.write("report.html", page:render())

local html = {}

local ESCAPES = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }

--- Text safe inside HTML, as text or as an attribute.
function html.escape(s)
  return (tostring(s):gsub('[&<>"]', ESCAPES))
end

local STYLE = [[
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em;
  color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1.5em 0; }
figure svg { max-width: 100%; height: auto; }
.note { color: #555; font-size: 0.9em; }
nav a { margin-right: 1em; }
pre { background: #f6f6f6; padding: 0.5em 0.8em; overflow-x: auto; font-size: 0.85em; line-height: 1.25; }
pre.code { background: #eef3f8; }
ol.exercises li { margin-bottom: 1.2em; }
.answer { border-bottom: 1px dotted #888; height: 2.2em; margin-top: 0.3em; }
@media print { nav { display: none; } pre { white-space: pre-wrap; } h2 { break-after: avoid; } }
]]

local Page = {}
Page.__index = Page

--- A page with a title (the <title> and the <h1>).
function html.page(title)
  return setmetatable({ title = title, parts = {}, sections = {} }, Page)
end

--- A section heading (listed in the page's contents).
function Page:heading(text)
  local id = "s" .. (#self.sections + 1)
  self.sections[#self.sections + 1] = { id = id, text = text }
  self.parts[#self.parts + 1] = string.format('<h2 id="%s">%s</h2>', id, html.escape(text))
  return self
end

--- A paragraph of text (escaped); class "note" for a small grey one.
function Page:para(text, class)
  self.parts[#self.parts + 1] = string.format("<p%s>%s</p>", class and (' class="' .. class .. '"') or "",
    html.escape(text))
  return self
end

--- Text as it is laid out, in a monospaced block (escaped); class "code"
-- for code, none for what code printed.
function Page:pre(text, class)
  self.parts[#self.parts + 1] = string.format("<pre%s>%s</pre>", class and (' class="' .. class .. '"') or "",
    html.escape(text))
  return self
end

--- A numbered list of items, each text (escaped) and, with `space`, a
-- dotted line to write on.
function Page:list(items, space)
  local out = { '<ol class="exercises">' }
  for _, item in ipairs(items) do
    out[#out + 1] = "<li>" .. html.escape(item) .. (space and '<div class="answer"></div>' or "") .. "</li>"
  end
  out[#out + 1] = "</ol>"
  self.parts[#self.parts + 1] = table.concat(out, "\n")
  return self
end

--- Markup as it is (an SVG chart), in a figure with an optional caption.
function Page:figure(markup, caption)
  self.parts[#self.parts + 1] = "<figure>" .. markup ..
    (caption and ("<figcaption class=\"note\">" .. html.escape(caption) .. "</figcaption>") or "") .. "</figure>"
  return self
end

--- A table from rows of cells (the first row is the header); a cell that
-- reads as a number is right-aligned. A cell { text, href = url } links.
function Page:table(rows)
  local out = { "<table>" }
  for r, row in ipairs(rows) do
    local cells = {}
    for _, cell in ipairs(row) do
      local text, href = cell, nil
      if type(cell) == "table" then text, href = cell[1], cell.href end
      text = tostring(text)
      local tag = r == 1 and "th" or "td"
      local numeric = text:match("^[-+]?[%d,.]+%%?$") ~= nil
      local body = html.escape(text)
      if href then body = string.format('<a href="%s">%s</a>', html.escape(href), body) end
      cells[#cells + 1] = string.format("<%s%s>%s</%s>", tag, numeric and ' class="n"' or "", body, tag)
    end
    out[#out + 1] = "<tr>" .. table.concat(cells) .. "</tr>"
  end
  out[#out + 1] = "</table>"
  self.parts[#self.parts + 1] = table.concat(out, "\n")
  return self
end

--- The whole document.
function Page:render()
  local nav = {}
  for _, s in ipairs(self.sections) do
    nav[#nav + 1] = string.format('<a href="#%s">%s</a>', s.id, html.escape(s.text))
  end
  return table.concat({
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>" .. html.escape(self.title) .. "</title>",
    "<style>" .. STYLE .. "</style>",
    "</head>",
    "<body>",
    "<h1>" .. html.escape(self.title) .. "</h1>",
    "<nav>" .. table.concat(nav) .. "</nav>",
    table.concat(self.parts, "\n"),
    "</body>",
    "</html>",
  }, "\n") .. "\n"
end

return html
