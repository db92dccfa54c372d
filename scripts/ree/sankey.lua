--- Sankey diagrams of a solved chain, one element layer and year, as SVG.
--
--   r:sankey("nd.svg", { element = "Nd", year = 2011, title = "...", quantity = "t of Nd" })
--
-- Processes stand in columns by their longest path from the inputs; link
-- widths are tonnages. Recycle loops (flows back to an earlier column) run
-- underneath in orange, and stock changes end in nodes of their own, so
-- both stay visible (what Sankey tools most often lose).

local format = require("ree.format")
local svgdoc = require("ree.svgdoc")

local sankey = {}

local COL_W, NODE_W, TOP, PLOT_H, PAD = 210, 14, 70, 420, 18
local REGION_COLOURS = { CN = "#D55E00", JP = "#0072B2", RoW = "#009E73", RW = "#009E73" }
-- the recycling orange, stock brown and outside grey are kept for their meaning
local PALETTE = { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#000000" }
local RECYCLE, STOCK, OUTSIDE = "#E69F00", "#8C510A", "#999999"

local escape, num = svgdoc.escape, svgdoc.num

--- Nodes and links of one layer and year: processes, plus a node for each
-- import, export or loss, and for each stock.
local function graph(r, el, year)
  local nodes, index, links = {}, {}, {}
  local function node(key, label, kind, region)
    if not index[key] then
      nodes[#nodes + 1] = { key = key, label = label, kind = kind, region = region, into = 0, out = 0 }
      index[key] = #nodes
    end
    return nodes[index[key]]
  end
  for _, p in ipairs(r.chain.processes) do node("p:" .. p.name, p.label, "process", p.region) end
  for _, f in ipairs(r.chain.flows) do
    local v = r:value(f.name, el, year)
    if v > 0 then
      local a = f.from and node("p:" .. f.from) or node("in:" .. f.name, f.name, "outside")
      local b
      if f.to == "stock" then
        b = node("stock:" .. f.from, f.from .. " stock", "stock")
      elseif f.to then
        b = node("p:" .. f.to)
      else
        b = node("out:" .. f.name, f.name, "outside")
      end
      links[#links + 1] = { from = a, to = b, value = v, name = f.name }
      a.out, b.into = a.out + v, b.into + v
    end
  end
  return nodes, links
end

--- Columns by the longest path over forward links; links that close a
-- loop (found by depth-first search) are marked as recycling.
local function layout(nodes, links)
  local out = {}
  for _, l in ipairs(links) do
    out[l.from] = out[l.from] or {}
    table.insert(out[l.from], l)
  end
  local state = {}
  local function visit(n)
    state[n] = "open"
    for _, l in ipairs(out[n] or {}) do
      if state[l.to] == "open" then
        l.back = true
      elseif not state[l.to] then
        visit(l.to)
      end
    end
    state[n] = "done"
  end
  for _, n in ipairs(nodes) do if n.into == 0 and not state[n] then visit(n) end end
  for _, n in ipairs(nodes) do if not state[n] then visit(n) end end
  for _, n in ipairs(nodes) do n.col = 0 end
  for _ = 1, #nodes do -- longest path: relax until nothing moves
    local moved = false
    for _, l in ipairs(links) do
      if not l.back and l.to.col < l.from.col + 1 then
        l.to.col, moved = l.from.col + 1, true
      end
    end
    if not moved then break end
  end
  local cols = 0
  for _, n in ipairs(nodes) do cols = math.max(cols, n.col + 1) end
  return cols
end

--- The SVG of r's layer el in year (see the module's comment).
function sankey.svg(r, opts)
  opts = opts or {}
  local el = opts.element or r.elements[1]
  local year = opts.year or r.from
  local nodes, links = graph(r, el, year)
  if #links == 0 then error(string.format("sankey: nothing flows for %s in %d", el, year), 2) end
  local cols = layout(nodes, links)
  -- one scale for every column: the fullest column fills the height
  local by_col, worst = {}, 0
  for _, n in ipairs(nodes) do
    n.value = math.max(n.into, n.out)
    by_col[n.col] = by_col[n.col] or {}
    table.insert(by_col[n.col], n)
  end
  for c = 0, cols - 1 do
    local total = 0
    for _, n in ipairs(by_col[c] or {}) do total = total + n.value end
    worst = math.max(worst, total)
  end
  local most_nodes = 0
  for c = 0, cols - 1 do most_nodes = math.max(most_nodes, #(by_col[c] or {})) end
  local k = (PLOT_H - PAD * (most_nodes - 1)) / worst
  local bottom = TOP
  for c = 0, cols - 1 do
    local y = TOP
    for _, n in ipairs(by_col[c] or {}) do
      n.x, n.y, n.h = 40 + c * COL_W, y, math.max(n.value * k, 1)
      n.in_cursor, n.out_cursor = n.y, n.y
      y = y + n.h + PAD
      bottom = math.max(bottom, n.y + n.h)
    end
  end
  local W, loops = 80 + cols * COL_W, 0
  for _, l in ipairs(links) do if l.back then loops = loops + l.value * k + 6 end end
  local H = math.ceil(bottom + 40 + loops + 60)
  local colour_of = {}
  local out = {}
  local function add(...) out[#out + 1] = string.format(...) end
  add('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
    .. 'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">', W, H, W, H)
  local title = opts.title or "Mass flows"
  add('<title>%s</title>', escape(title))
  add('<rect width="%d" height="%d" fill="#ffffff"/>', W, H)
  -- a chain without calendar years (a requirement) shows none
  local when = r.timeless and "" or (", " .. year)
  add('<text x="40" y="26" font-size="18" font-weight="bold">%s: %s%s</text>', escape(title), escape(el), when)
  add('<text x="40" y="46" fill="#444">%s; widths to scale. Recycling runs underneath in orange; '
    .. 'stock changes end in brown nodes.</text>', escape(opts.quantity or ("t of " .. el)))
  local i = 0
  for _, n in ipairs(nodes) do
    if n.kind == "process" then
      i = i + 1
      colour_of[n] = REGION_COLOURS[n.region or ""] or PALETTE[(i - 1) % #PALETTE + 1]
    else
      colour_of[n] = n.kind == "stock" and STOCK or OUTSIDE
    end
  end
  -- links first, nodes on top
  local band = bottom + 30
  for _, l in ipairs(links) do
    local w = math.max(l.value * k, 0.5)
    local x0, y0 = l.from.x + NODE_W, l.from.out_cursor + w / 2
    l.from.out_cursor = l.from.out_cursor + w
    local x1, y1 = l.to.x, l.to.in_cursor + w / 2
    l.to.in_cursor = l.to.in_cursor + w
    local d, colour
    if l.back then
      local yb = band + w / 2
      band = band + w + 6
      d = string.format("M %s %s C %s %s, %s %s, %s %s L %s %s C %s %s, %s %s, %s %s", num(x0), num(y0),
        num(x0 + 60), num(y0), num(x0 + 60), num(yb), num(x0), num(yb), num(x1), num(yb), num(x1 - 60), num(yb),
        num(x1 - 60), num(y1), num(x1), num(y1))
      colour = RECYCLE
    else
      local xm = (x0 + x1) / 2
      d = string.format("M %s %s C %s %s, %s %s, %s %s", num(x0), num(y0), num(xm), num(y0), num(xm), num(y1),
        num(x1), num(y1))
      colour = l.to.kind == "stock" and STOCK or colour_of[l.from]
    end
    add('<path d="%s" fill="none" stroke="%s" stroke-opacity="%s" stroke-width="%s"><title>%s: %s t</title></path>',
      d, colour, l.back and "0.75" or "0.45", num(w), escape(l.name), escape(format.number(l.value)))
    if w >= 9 and not l.back then -- labelled where it arrives, clear of crossings
      add('<text x="%s" y="%s" text-anchor="end" dominant-baseline="middle" font-size="10" fill="#222">%s t</text>',
        num(x1 - 4), num(y1), escape(format.number(l.value)))
    elseif l.back then
      add('<text x="%s" y="%s" font-size="10" fill="#8a5a00">%s: %s t</text>', num((x0 + x1) / 2),
        num(band - w - 8), escape(l.name), escape(format.number(l.value)))
    end
  end
  for _, n in ipairs(nodes) do
    add('<rect x="%s" y="%s" width="%d" height="%s" fill="%s"><title>%s: %s t</title></rect>', num(n.x), num(n.y),
      NODE_W, num(n.h), colour_of[n], escape(n.label), escape(format.number(n.value)))
    add('<text x="%s" y="%s" dominant-baseline="middle" font-size="11">%s</text>', num(n.x + NODE_W + 4),
      num(n.y + math.min(n.h / 2, 8)), escape(n.label))
    add('<text x="%s" y="%s" dominant-baseline="middle" font-size="10" fill="#444">%s t</text>', num(n.x + NODE_W + 4),
      num(n.y + math.min(n.h / 2, 8) + 13), escape(format.number(n.value)))
  end
  local worst_residual, where = r:balance()
  add('<text x="40" y="%d" font-size="11" fill="#444">Largest balance residual: %.3g t (%s). %s</text>', H - 16,
    worst_residual, escape(where or "-"), escape(opts.source and ("Source: " .. opts.source) or ""))
  add('</svg>')
  return svgdoc.finish(table.concat(out, "\n") .. "\n", opts)
end

return sankey
