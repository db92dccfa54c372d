--- The parts of an SVG document that every chart shares (ree.svg, ree.sankey):
-- text escaped for XML, coordinates to a tenth of a pixel, and the page
-- written to its file, whole or not at all.
--
--   svgdoc.escape("a < b")              --> "a &lt; b"
--   return svgdoc.finish(text, opts)    -- the text; written to opts.file when given

local files = require("ree.files")

local svgdoc = {}

--- Text with &, <, >, " and ' as XML entities.
function svgdoc.escape(s)
  return (tostring(s):gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;",
    ['"'] = "&quot;", ["'"] = "&apos;" }))
end

--- A coordinate: a tenth of a pixel is finer than any screen.
function svgdoc.num(x) return string.format("%.1f", x) end

--- Returns text; writes it to opts.file (atomically) when that names a
-- file: the SVG, or drawn as a PNG for a name ending in .png (where
-- rsvg-convert is installed); raising "cannot write 'FILE': REASON" when
-- it cannot be written.
function svgdoc.finish(text, opts)
  if opts.file and tostring(opts.file):lower():match("%.png$") then
    local ok, err = pcall(files.write_png, opts.file, text)
    if not ok then error(err, 2) end -- the charts return finish(...): level 2 is their caller
  elseif opts.file then
    files.write(opts.file, text)
  end
  return text
end

return svgdoc
