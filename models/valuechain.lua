--- The founding report's value chain: five stages in China, Japan and the
-- rest of the world, with the firms the report names, calibrated to 2011
-- as far as the data allows (models/data/valuechain-2011.json).
--
--   local chain = require("ree.models.valuechain")()
--   local r = chain:solve { year = 2011 }                        -- the 2011 demands
--   local r = chain:solve { year = 2011, demand = { magnet = { JP = 10000 } } }
--   chain:where(r, "Dy")           -- t of Dy entering each stage, by region
--   r:sankey("dy.svg", { element = "Dy" })
--
-- Every region's stages pull what they need: from their own previous stage,
-- or, where the data gives trade shares, from other regions' (Japan reduces
-- oxide that is 82% Chinese). Yields and scrap loops are those of
-- magnet-route.json, the same as ree.magnet.requirement's: one engine, the
-- same numbers.

local ree = require("ree")
local data = require("ree.data")

local sourced = data.sourced

local region_schema = {
  type = "object", required = { "stages", "firms", "magnets", "grade" },
  fields = {
    stages = { type = "array", items = { type = "string" } },
    firms = { type = "map", values = { type = "string" } },
    magnets = sourced("value", 0),
    grade = { type = "string" },
  },
}

local schema = {
  type = "object", required = { "title", "unit", "description", "regions", "trade" },
  fields = {
    title = { type = "string" }, unit = { type = "string" }, description = { type = "string" },
    regions = { type = "map", values = region_schema },
    trade = { type = "array", items = {
      type = "object", required = { "stage", "region", "from" },
      fields = { stage = { type = "string" }, region = { type = "string" },
        from = { type = "map", values = sourced("value", 0, 1) } },
    } },
  },
}

local ValueChain = {}
ValueChain.__index = ValueChain
ValueChain.__name = "ree.ValueChain"

local REGIONS = { "CN", "JP", "RoW" }

--- The trade shares for stage in region: { from_region = share }, or nil.
local function sources_of(spec, stage, region)
  for _, t in ipairs(spec.trade) do
    if t.stage == stage and t.region == region then
      local shares = {}
      for r, v in pairs(t.from) do shares[r] = v.value end
      return shares
    end
  end
end

--- Solves the chain for one year. opts.demand.magnet = { CN = t, JP = t,
-- RoW = t } replaces the data's 2011 magnet output where given.
function ValueChain:solve(opts)
  opts = opts or {}
  local year = opts.year or 2011
  local spec = self.spec
  local stages = self.stages
  local demand = {}
  for _, r in ipairs(REGIONS) do
    demand[r] = (opts.demand and opts.demand.magnet and opts.demand.magnet[r]) or spec.regions[r].magnets.value
  end
  -- the elements of every region's grade, and each region's demand by element
  local elements, seen, content = {}, {}, {}
  for _, r in ipairs(REGIONS) do
    content[r] = {}
    for el, frac in pairs(ree.magnet.grade(spec.regions[r].grade).composition:mass_fractions()) do
      content[r][el] = demand[r] * frac
      if not seen[el] then seen[el], elements[#elements + 1] = true, el end
    end
  end
  table.sort(elements)
  -- which processes each stage draws on: its own region's previous stage,
  -- or where the data gives trade shares, other regions'
  local held, draws = {}, {}
  for _, r in ipairs(REGIONS) do
    for _, s in ipairs(spec.regions[r].stages) do held[r .. " " .. s] = true end
  end
  for _, r in ipairs(REGIONS) do
    draws[r] = {}
    for k = 2, #stages do
      local stage, prev = stages[k].name, stages[k - 1].name
      if held[r .. " " .. stage] then
        draws[r][stage] = {}
        for region, share in pairs(sources_of(spec, stage, r) or { [r] = 1 }) do
          local source = region .. " " .. prev
          if not held[source] then
            error(string.format("valuechain: %s %s draws on %s, which the data does not have", r, stage, source), 2)
          end
          draws[r][stage][source] = share
        end
      end
    end
  end
  local routes = {}
  for _, r in ipairs(REGIONS) do
    routes[#routes + 1] = {
      prefix = r .. " ", magnets = content[r],
      has = function(stage) return held[r .. " " .. stage] end,
      sources = function(stage) return draws[r][stage] end,
      process = function(stage) return { region = r, label = r .. " " .. stage } end,
    }
  end
  local c = ree.chain { elements = elements, from = year }
  ree.magnet.add_routes(c, stages, { elements = elements, mode = "pull" }, routes)
  return c:solve()
end

--- Tonnes of element el entering each stage in each region: a text table
-- that says where each stage of the chain happens.
function ValueChain:where(r, el)
  local format = require("ree.format")
  local rows = { { "stage", "CN", "JP", "RoW", "share in China" } }
  for _, st in ipairs(self.stages) do
    local row, total, cn = { st.name }, 0, 0
    for _, region in ipairs(REGIONS) do
      local name = region .. " " .. st.name
      local v = r.chain.process_index[name] and r:input(name, el)[r.from] or 0
      row[#row + 1] = format.number(v)
      total = total + v
      if region == "CN" then cn = v end
    end
    row[#row + 1] = total > 0 and string.format("%.0f%%", 100 * cn / total) or "-"
    rows[#rows + 1] = row
  end
  return string.format("t of %s entering each stage:\n", el) .. format.table(rows, "  ")
end

--- A new value chain from the data, with the default route's stages.
return function()
  local spec = data.read("valuechain-2011", schema)
  local stages = ree.magnet.stages()
  return setmetatable({ spec = spec, stages = stages }, ValueChain)
end
