--- The founding report's value chain: five stages in China, Japan and the
-- rest of the world, with the firms the report names, calibrated to 2011
-- as far as the data allows (models/data/valuechain-2011.json).
--
--   local chain = require "models.valuechain" ()
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

local ree = require "ree"
local data = require "ree.data"

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
  local ree_only, others_only = {}, {}
  for _, el in ipairs(elements) do
    local is = ree.element(el).ree
    ree_only[el], others_only[el] = is and 1 or 0, is and 0 or 1
  end
  local c = ree.chain { elements = elements, from = year }
  local has = {}
  for _, r in ipairs(REGIONS) do
    for _, s in ipairs(spec.regions[r].stages) do
      c:process(r .. " " .. s, { mode = "pull", region = r, label = r .. " " .. s })
      has[r .. " " .. s] = true
    end
  end
  for _, r in ipairs(REGIONS) do
    for k, st in ipairs(stages) do
      local name = r .. " " .. st.name
      if has[name] then
        if k == 1 then
          c:flow { name .. " ore", to = name, pull = 1 }
        else
          local prev = stages[k - 1].name
          local shares = sources_of(spec, st.name, r) or { [r] = 1 }
          local metal_entry = st.name == "alloy"
          for from, share in pairs(shares) do
            local source = from .. " " .. prev
            if not has[source] then
              error(string.format("valuechain: %s draws on %s, which the data does not have", name, source), 2)
            end
            local coef = share
            if metal_entry then
              coef = {}
              for el, v in pairs(ree_only) do coef[el] = v * share end
            end
            c:flow { source .. " to " .. name, from = source, to = name, pull = coef }
          end
          if metal_entry then c:flow { name .. " purchased metal", to = name, pull = others_only } end
        end
        local scrap = 1 - st.yield
        if st.recycled > 0 then
          c:flow { name .. " scrap", from = name, to = r .. " " .. st.returns_to, tc = st.recycled * scrap }
        end
        c:flow { name .. " loss", from = name, tc = (1 - st.recycled) * scrap }
      end
    end
    c:flow { r .. " magnets", from = r .. " " .. stages[#stages].name, value = content[r] }
  end
  return c:solve()
end

--- Tonnes of element el entering each stage in each region: a text table
-- that says where each stage of the chain happens.
function ValueChain:where(r, el)
  local format = require "ree.format"
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
