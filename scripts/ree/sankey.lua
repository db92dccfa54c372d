--- Sankey diagrams of a solved chain, one element layer and year, as SVG.
--
--   r:sankey("nd.svg", { element = "Nd", year = 2011, title = "...", quantity = "t of Nd" })
--
-- Processes stand in columns by their longest path from the inputs; link
-- widths are tonnages. Recycle loops (flows back to an earlier column)
-- leave their node at the bottom, run below every node and come up into
-- their target from the left, nested so that no two cross, and stock
-- changes end in nodes of their own, so both stay visible (what Sankey
-- tools most often lose). Labels are placed so that none overlaps
-- another: a node's name and tonnage always, a link's tonnage where there
-- is room for it (every value is in the link's tooltip too). A colour key
-- and a caption say what the colours are, from what is drawn.

local format = require("ree.format")
local svgdoc = require("ree.svgdoc")

local sankey = {}

local COL_W, NODE_W, TOP, PLOT_H, PAD = 210, 14, 92, 420, 8
local LABEL_H = 26      -- a node's two label lines: its name and its tonnage
local LOOP_GAP = 6      -- between nested recycling loops
local CHAR = 0.58       -- a character's width, in font sizes (DejaVu Sans, for layout)
local REGION_COLOURS = { CN = "#D55E00", JP = "#0072B2", RoW = "#009E73", RW = "#009E73" }
local REGION_NAMES = { CN = "China", JP = "Japan", RoW = "rest of the world", RW = "rest of the world" }
-- the recycling amber, stock brown and outside grey are kept for their meaning
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

--- Orders each node's links on its sides: forward links by the height of
-- their other end (so that they do not cross at the node), recycling last,
-- at the bottom, where its loop turns down.
local function order_links(nodes, links)
  for _, n in ipairs(nodes) do n.outs, n.ins = {}, {} end
  for _, l in ipairs(links) do
    table.insert(l.from.outs, l)
    table.insert(l.to.ins, l)
  end
  local function by(other)
    return function(a, b)
      if a.back ~= b.back then return not a.back end
      local ya, yb = other(a).y, other(b).y
      if ya ~= yb then return ya < yb end
      return a.name < b.name
    end
  end
  for _, n in ipairs(nodes) do
    table.sort(n.outs, by(function(l) return l.to end))
    table.sort(n.ins, by(function(l) return l.from end))
  end
end

--- Labels that never overlap: place(box) keeps a box { x0, y0, x1, y1 }
-- unless it would overlap one kept (or leave the picture), and says so.
local function labeller(width)
  local kept = {}
  return function(box, forced)
    if not forced then
      if box[1] < 0 or box[3] > width then return false end
      for _, k in ipairs(kept) do
        if box[1] < k[3] and k[1] < box[3] and box[2] < k[4] and k[2] < box[4] then return false end
      end
    end
    kept[#kept + 1] = box
    return true
  end
end

--- The box of a text: x, y its anchor point (start or end, middle of the
-- line), size its font size.
local function text_box(text, x, y, size, anchor_end)
  local w = (utf8.len(text) or #text) * size * CHAR
  local x0 = anchor_end and x - w or x
  return { x0 - 1, y - size / 2 - 1, x0 + w + 1, y + size / 2 + 1 }
end

--- The largest balance residual of element el in year, and where.
local function residual_of(r, el, year)
  local worst, where = 0, nil
  for _, row in ipairs(r:residuals(math.huge)) do
    if row.element == el and (r.timeless or row.year == year) and math.abs(row.residual) >= worst then
      worst, where = math.abs(row.residual), row.process
    end
  end
  return worst, where
end

--- One scale for every column, nodes placed in their columns: the fullest
-- column fills the height, and a node takes at least the room of its two
-- label lines. Returns the scale (px a t) and the lowest node's bottom.
local function place_nodes(nodes, cols)
  local by_col, k = {}, math.huge
  for _, n in ipairs(nodes) do
    n.value = math.max(n.into, n.out)
    by_col[n.col] = by_col[n.col] or {}
    table.insert(by_col[n.col], n)
  end
  for c = 0, cols - 1 do
    local total, room = 0, PLOT_H
    for _, n in ipairs(by_col[c] or {}) do total = total + n.value end
    room = room - #(by_col[c] or {}) * (PAD + 4) -- what the gaps take
    if total > 0 then k = math.min(k, room / total) end
  end
  local bottom = TOP
  for c = 0, cols - 1 do
    local y = TOP
    for _, n in ipairs(by_col[c] or {}) do
      n.x, n.y, n.h = 40 + c * COL_W, y, math.max(n.value * k, 1)
      y = y + math.max(n.h, LABEL_H) + PAD
      bottom = math.max(bottom, n.y + n.h)
    end
  end
  return k, bottom
end

--- The recycling loops, nested so that none crosses another: inner ones
-- (between nearer columns; of two as near, the one that leaves lower) run
-- on the higher band and have their legs nearer the columns they join; the
-- legs of every loop leaving (or entering) a column stand side by side in
-- the gap beside it. Returns the loops and the depth below the last band.
local function route_loops(links, k, bottom)
  local loops = {}
  for _, l in ipairs(links) do if l.back then loops[#loops + 1] = l end end
  local function leaves_at(l) -- where on its node the loop leaves: it is the node's last out-link
    return l.from.y + l.from.h
  end
  table.sort(loops, function(a, b)
    local sa, sb = a.from.col - a.to.col, b.from.col - b.to.col
    if sa ~= sb then return sa < sb end
    if leaves_at(a) ~= leaves_at(b) then return leaves_at(a) > leaves_at(b) end
    return a.name < b.name
  end)
  local depth, leg_out, leg_in = bottom + 24, {}, {}
  for _, l in ipairs(loops) do
    local w = math.max(l.value * k, 0.5)
    l.w, l.band = w, depth + w / 2
    depth = depth + w + LOOP_GAP
    local c_out, c_in = l.from.col, l.to.col
    leg_out[c_out] = (leg_out[c_out] or 10) + w / 2
    l.leg_out = l.from.x + NODE_W + leg_out[c_out]
    leg_out[c_out] = leg_out[c_out] + w / 2 + LOOP_GAP
    leg_in[c_in] = (leg_in[c_in] or 10) + w / 2
    l.leg_in = l.to.x - leg_in[c_in]
    leg_in[c_in] = leg_in[c_in] + w / 2 + LOOP_GAP
  end
  return loops, depth
end

--- Each node's colour (a process its region's, or the palette's), and the
-- regions drawn, in order, with their colours (for the key).
local function colours(nodes)
  local colour_of, regions, i = {}, {}, 0
  for _, n in ipairs(nodes) do
    if n.kind == "process" then
      i = i + 1
      colour_of[n] = REGION_COLOURS[n.region or ""] or PALETTE[(i - 1) % #PALETTE + 1]
      if n.region and REGION_COLOURS[n.region] and not regions[REGION_NAMES[n.region]] then
        regions[REGION_NAMES[n.region]] = REGION_COLOURS[n.region]
        regions[#regions + 1] = REGION_NAMES[n.region]
      end
    else
      colour_of[n] = n.kind == "stock" and STOCK or OUTSIDE
    end
  end
  return colour_of, regions
end

--- Where each link leaves and enters its nodes: stacked down each node's
-- side, as wide as the link's tonnes.
local function link_ends(nodes, k)
  for _, n in ipairs(nodes) do n.out_cursor, n.in_cursor = n.y, n.y end
  for _, n in ipairs(nodes) do
    for _, l in ipairs(n.outs) do
      l.w = math.max(l.value * k, 0.5)
      l.y0 = n.out_cursor + l.w / 2
      n.out_cursor = n.out_cursor + l.w
    end
    for _, l in ipairs(n.ins) do
      l.y1 = n.in_cursor + math.max(l.value * k, 0.5) / 2
      n.in_cursor = n.in_cursor + math.max(l.value * k, 0.5)
    end
  end
end

--- The loops first, under everything; then the forward links.
local function draw_links(add, loops, links, colour_of)
  for _, l in ipairs(loops) do
    local x0, x1, y0, y1, yb, w = l.from.x + NODE_W, l.to.x, l.y0, l.y1, l.band, l.w
    local r0, r1 = math.min(30, (yb - y0) / 2), math.min(30, (yb - y1) / 2)
    local d = string.format("M %s %s L %s %s Q %s %s, %s %s L %s %s Q %s %s, %s %s L %s %s Q %s %s, %s %s " ..
      "L %s %s Q %s %s, %s %s L %s %s",
      num(x0), num(y0), num(l.leg_out - r0), num(y0), num(l.leg_out), num(y0), num(l.leg_out), num(y0 + r0),
      num(l.leg_out), num(yb - r0), num(l.leg_out), num(yb), num(l.leg_out - r0), num(yb),
      num(l.leg_in + r1), num(yb), num(l.leg_in), num(yb), num(l.leg_in), num(yb - r1),
      num(l.leg_in), num(y1 + r1), num(l.leg_in), num(y1), num(l.leg_in + r1), num(y1), num(x1), num(y1))
    add('<path class="recycling" d="%s" fill="none" stroke="%s" stroke-opacity="0.6" stroke-width="%s">' ..
      '<title>%s: %s t</title></path>', d, RECYCLE, num(w), escape(l.name), escape(format.number(l.value)))
  end
  for _, l in ipairs(links) do
    if not l.back then
      local x0, x1 = l.from.x + NODE_W, l.to.x
      local xm = (x0 + x1) / 2
      local d = string.format("M %s %s C %s %s, %s %s, %s %s", num(x0), num(l.y0), num(xm), num(l.y0), num(xm),
        num(l.y1), num(x1), num(l.y1))
      add('<path d="%s" fill="none" stroke="%s" stroke-opacity="0.45" stroke-width="%s"><title>%s: %s t</title>' ..
        '</path>', d, l.to.kind == "stock" and STOCK or colour_of[l.from], num(l.w), escape(l.name),
        escape(format.number(l.value)))
    end
  end
end

--- The nodes, and their labels (placed first: they always show).
local function draw_nodes(add, label, place, nodes, colour_of)
  for _, n in ipairs(nodes) do
    add('<rect x="%s" y="%s" width="%d" height="%s" fill="%s"><title>%s: %s t</title></rect>', num(n.x), num(n.y),
      NODE_W, num(n.h), colour_of[n], escape(n.label), escape(format.number(n.value)))
  end
  for _, n in ipairs(nodes) do
    local x, y = n.x + NODE_W + 4, n.y + 7
    local name, amount = n.label, format.number(n.value) .. " t"
    place(text_box(name, x, y, 11), true)
    place(text_box(amount, x, y + 13, 10), true)
    label('<text x="%s" y="%s" dominant-baseline="middle" font-size="11">%s</text>', num(x), num(y), escape(name))
    label('<text x="%s" y="%s" dominant-baseline="middle" font-size="10" fill="#444">%s</text>', num(x), num(y + 13),
      escape(amount))
  end
end

--- A link's tonnage where it arrives, or on its loop's bottom run, where
-- there is room.
local function label_links(label, place, links)
  for _, l in ipairs(links) do
    local text = format.number(l.value) .. " t"
    if l.back then
      text = l.name .. ": " .. text
      local x, y = (l.leg_out + l.leg_in) / 2 - (utf8.len(text) or #text) * 10 * CHAR / 2, l.band
      if l.w >= 11 and place(text_box(text, x, y, 10)) then
        label('<text x="%s" y="%s" dominant-baseline="middle" font-size="10" fill="#5c3d00">%s</text>', num(x), num(y),
          escape(text))
      end
    elseif l.w >= 9 and place(text_box(text, l.to.x - 4, l.y1, 10, true)) then
      label('<text x="%s" y="%s" text-anchor="end" dominant-baseline="middle" font-size="10" fill="#222">%s</text>',
        num(l.to.x - 4), num(l.y1), escape(text))
    end
  end
end

--- The colour key, a line at key_y: the regions, what comes from or goes
-- outside, and recycling and stocks where there are any.
local function draw_key(add, regions, recycling, stocks, key_y)
  local key = {}
  for _, name in ipairs(regions) do key[#key + 1] = { regions[name], name, 1 } end
  key[#key + 1] = { OUTSIDE, "from or to outside the chain", 1 }
  if recycling then key[#key + 1] = { RECYCLE, "recycling", 0.6 } end
  if stocks then key[#key + 1] = { STOCK, "into stocks", 1 } end
  local x = 40
  for _, item in ipairs(key) do
    add('<rect class="key" x="%s" y="%s" width="14" height="14" fill="%s" fill-opacity="%s"/>', num(x), num(key_y),
      item[1], item[3])
    add('<text x="%s" y="%s" dominant-baseline="middle" font-size="11">%s</text>', num(x + 19), num(key_y + 7),
      escape(item[2]))
    x = x + 19 + (utf8.len(item[2]) or #item[2]) * 11 * CHAR + 22
  end
end

--- The SVG of r's layer el in year (see the module's comment).
function sankey.svg(r, opts)
  opts = opts or {}
  local el = opts.element or r.elements[1]
  local year = opts.year or r.from
  local nodes, links = graph(r, el, year)
  if #links == 0 then error(string.format("sankey: nothing flows for %s in %d", el, year), 2) end
  local cols = layout(nodes, links)
  local k, bottom = place_nodes(nodes, cols)
  order_links(nodes, links)
  local loops, depth = route_loops(links, k, bottom)
  local W = 80 + cols * COL_W
  local key_y = depth + 20
  local H = math.ceil(key_y + 60)
  local colour_of, regions = colours(nodes)
  local out, labels = {}, {}
  local function add(...) out[#out + 1] = string.format(...) end
  local function label(...) labels[#labels + 1] = string.format(...) end
  local place = labeller(W)
  add('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
    .. 'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">', W, H, W, H)
  local title = opts.title or "Mass flows"
  add('<title>%s</title>', escape(title))
  add('<rect width="%d" height="%d" fill="#ffffff"/>', W, H)
  -- a chain without calendar years (a requirement) shows none
  local when = r.timeless and "" or (", " .. year)
  add('<text x="40" y="26" font-size="18" font-weight="bold">%s: %s%s</text>', escape(title), escape(el), when)
  place({ 40, 8, 40 + 18 * CHAR * (#title + #el + 8), 34 }, true)
  -- the caption says what is drawn
  local caption = { (opts.quantity or ("t of " .. el)) .. "; widths to scale" }
  local stocks = false
  for _, n in ipairs(nodes) do stocks = stocks or n.kind == "stock" end
  if #loops > 0 then caption[#caption + 1] = "recycling (amber) loops back below the nodes" end
  if stocks then caption[#caption + 1] = "stock changes end in brown nodes" end
  add('<text x="40" y="48" fill="#444">%s.</text>', escape(table.concat(caption, "; ")))
  place({ 40, 38, 40 + 12 * CHAR * #table.concat(caption, "; "), 54 }, true)
  link_ends(nodes, k)
  draw_links(add, loops, links, colour_of)
  draw_nodes(add, label, place, nodes, colour_of)
  label_links(label, place, links)
  -- labels over everything, each with a white halo so that a link under it does not hide it
  add('<g class="labels" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">')
  for _, t in ipairs(labels) do add("%s", t) end
  add('</g>')
  draw_key(add, regions, #loops > 0, stocks, key_y)
  local worst_residual, where = residual_of(r, el, year)
  add('<text x="40" y="%d" font-size="11" fill="#444">Largest balance residual of %s: %.3g t (%s). %s</text>', H - 16,
    escape(el), worst_residual, escape(where or "-"), escape(opts.source and ("Source: " .. opts.source) or ""))
  add('</svg>')
  return svgdoc.finish(table.concat(out, "\n") .. "\n", opts)
end

return sankey
