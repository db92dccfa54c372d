--- Products in use by region and product: one dynamic stock model a cell
-- (ree.stock_model), each with its product's lifetime (or its region's
-- and product's), and the element content of each product by vintage, so
-- that sums over regions, products and elements come out of one object.
--
--   local set = ree.stock_models {
--     regions = { "CN", "JP" }, products = { "motors", "electronics" },
--     lifetime = { motors = { "weibull", shape = 2.5, scale = 15 }, electronics = { "normal", mean = 6, sd = 2 } },
--     inflow = { CN = { motors = s1, electronics = s2 }, JP = { motors = s3 } },   -- or stock = ...
--     content = { motors = { Dy = 0.004, Nd = dy_share_series } },   -- a fraction, or a series by vintage
--   }
--   set:stock { region = "JP" }            -- a series: every product in Japan
--   set:outflow { product = "motors" }     -- what retires, every region
--   set:element("Dy", { region = "JP" })   -- the Dy in what retires in Japan, and in use
--
-- A cell without an inflow (or stock) holds nothing. `lifetime` may also
-- be a function(region, product) that returns one. Cells are read in the
-- order of their names, so that a message names the same cell every run.

local args = require("ree.args")
local order = require("ree.order")
local series = require("ree.series")
local stocks = require("ree.stocks")
local suggest = require("ree.suggest")

local stockset = {}

local StockSet = {}
StockSet.__index = StockSet
StockSet.__name = "ree.StockSet"

local OPTIONS = { regions = true, products = true, lifetime = true, inflow = true, stock = true, content = true }

--- A list of names as a set, checked.
local function name_set(list, what)
  if type(list) ~= "table" or #list == 0 then
    error(string.format("stock_models: give %s, a list of names", what), 4)
  end
  local set = {}
  for _, name in ipairs(list) do
    if type(name) ~= "string" or set[name] then
      error(string.format("stock_models: %s lists '%s' %s", what, tostring(name),
        set[name] and "twice" or "(a name is a string)"), 4)
    end
    set[name] = true
  end
  return set
end

--- Raises unless name is one of set (what: "region"), with the nearest.
local function known(set, name, what)
  if not set[name] then
    error(string.format("stock_models: no %s '%s'%s", what, tostring(name), suggest.hint(name, set)), 4)
  end
end

--- Each product's element shares, checked: fractions 0 to 1, numbers or
-- series ("fraction" or "%").
local function check_content(content, products)
  for product, shares in order.pairs(content or {}) do
    known(products, product, "product")
    if type(shares) ~= "table" or series.is(shares) then
      error(string.format("stock_models: content of '%s' is { element = share, ... }", product), 3)
    end
    for el, share in order.pairs(shares) do
      local values = {}
      if series.is(share) then
        local ok, fraction = pcall(share.to, share, "fraction")
        if not ok then
          error(string.format("stock_models: the %s content of '%s' is in '%s', not a fraction or a %%", el, product,
            share:unit()), 3)
        end
        for year, v in fraction:pairs() do values[#values + 1] = { year, v } end
      elseif type(share) == "number" then
        values[1] = { nil, share }
      else
        error(string.format("stock_models: the %s content of '%s' is a number or a series, not a %s", el, product,
          type(share)), 3)
      end
      for _, yv in ipairs(values) do
        local v = yv[2]
        if v and not (v >= 0 and v <= 1) then
          error(string.format("stock_models: the %s content of '%s' is %s%s: a content lies from 0 to 1", el,
            product, tostring(v), yv[1] and (" in " .. yv[1]) or ""), 3)
        end
      end
    end
  end
end

--- ree.stock_models(spec): see the module's comment.
function stockset.new(spec)
  if type(spec) ~= "table" then error("stock_models: give { regions, products, lifetime, inflow or stock }", 2) end
  args.options("stock_models", spec, OPTIONS, 2)
  local regions, products = name_set(spec.regions, "regions"), name_set(spec.products, "products")
  if (spec.inflow == nil) == (spec.stock == nil) then
    error("stock_models: give either inflow or stock, by region and product", 2)
  end
  local mode = spec.inflow and "inflow" or "stock"
  local given = spec[mode]
  local lifetime = spec.lifetime
  if type(lifetime) == "table" then
    for product in order.pairs(lifetime) do known(products, product, "product") end
  elseif type(lifetime) ~= "function" then
    error("stock_models: lifetime is { product = lifetime } or a function(region, product)", 2)
  end
  check_content(spec.content, products)
  local set = setmetatable({ regions = spec.regions, products = spec.products, content = spec.content or {},
    cells = {}, unit = nil, mode = mode }, StockSet)
  for region, by_product in order.pairs(given) do
    known(regions, region, "region")
    for product, s in order.pairs(by_product) do
      known(products, product, "product")
      if not series.is(s) then
        error(string.format("stock_models: the %s of %s %s is a series", mode, region, product), 2)
      end
      set.unit = set.unit or s:unit()
      if s:unit() ~= set.unit then
        error(string.format("stock_models: the %s of %s %s is in '%s', the others in '%s'", mode, region, product,
          s:unit(), set.unit), 2)
      end
      local lt = type(lifetime) == "function" and lifetime(region, product) or lifetime[product]
      if lt == nil then error(string.format("stock_models: no lifetime for %s %s", region, product), 2) end
      local ok, model = pcall(stocks.model, { lifetime = lt, [mode] = s })
      if not ok then error(string.format("stock_models: %s %s: %s", region, product,
        tostring(model):gsub("^[^\n]-stock_model: ", "")), 2) end
      set.cells[region .. "\0" .. product] = { region = region, product = product, model = model }
    end
  end
  if next(set.cells) == nil then error("stock_models: no cell has an " .. mode, 2) end
  return set
end

--- The cells a filter { region =, product = } picks (both optional),
-- checked, in a steady order.
local function picked(self, filter, fname)
  filter = filter or {}
  args.options(fname, filter, { region = true, product = true }, 3)
  local regions, products = {}, {}
  for _, r in ipairs(self.regions) do regions[r] = true end
  for _, p in ipairs(self.products) do products[p] = true end
  if filter.region then known(regions, filter.region, "region") end
  if filter.product then known(products, filter.product, "product") end
  local out = {}
  for _, r in ipairs(self.regions) do
    for _, p in ipairs(self.products) do
      local cell = self.cells[r .. "\0" .. p]
      if cell and (not filter.region or filter.region == r) and (not filter.product or filter.product == p) then
        out[#out + 1] = cell
      end
    end
  end
  return out
end

--- The sum of a list of series over the union of their years (a year
-- where none has a value: missing; one lacking a year counts 0 there).
local function sum(list, name)
  local first, last = math.huge, -math.huge
  for _, s in ipairs(list) do
    local a, b = s:years()
    first, last = math.min(first, a), math.max(last, b)
  end
  local unit, values = list[1]:unit(), {}
  for year = first, last do
    local total, any = 0, false
    for _, s in ipairs(list) do
      local v = s[year]
      if v then total, any = total + v, true end
    end
    values[#values + 1] = any and total or (0 / 0)
  end
  return series.new { from = first, unit = unit, name = name, table.unpack(values) }
end

local function total_of(self, filter, what, fname)
  local list = {}
  for _, cell in ipairs(picked(self, filter, fname)) do list[#list + 1] = cell.model[what] end
  if #list == 0 then error(string.format("%s: no cell holds products there", fname), 3) end
  local where = {}
  if filter and filter.region then where[#where + 1] = filter.region end
  if filter and filter.product then where[#where + 1] = filter.product end
  return sum(list, what .. (#where > 0 and (", " .. table.concat(where, " ")) or ""))
end

--- The products in use at each year's end, summed over the cells the
-- filter picks ({ region =, product = }, both optional).
function StockSet:stock(filter) return total_of(self, filter, "stock", "stock") end

--- What retires each year, summed over the cells the filter picks.
function StockSet:outflow(filter) return total_of(self, filter, "outflow", "outflow") end

--- What enters use each year, summed over the cells the filter picks.
function StockSet:inflow(filter) return total_of(self, filter, "inflow", "inflow") end

--- Element el in what retires and in what is in use, each vintage at its
-- own content, summed over the cells the filter picks: outflow, stock.
function StockSet:element(el, filter)
  local outs, ins = {}, {}
  for _, cell in ipairs(picked(self, filter, "element")) do
    local share = (self.content[cell.product] or {})[el]
    if share ~= nil then
      if type(share) == "number" then
        local first, last = cell.model.stock:years()
        local values = {}
        for i = 1, last - first + 1 do values[i] = share end
        share = series.new { from = first, unit = "fraction", table.unpack(values) }
      end
      local out, stock = cell.model:outflow_of(share)
      outs[#outs + 1], ins[#ins + 1] = out, stock
    end
  end
  if #outs == 0 then error(string.format("element: no product there holds %s", tostring(el)), 2) end
  return sum(outs, el .. " in the outflow"), sum(ins, el .. " in use")
end

--- The largest |inflow - outflow - stock change| of any cell.
function StockSet:balance()
  local worst = 0
  for _, cell in pairs(self.cells) do worst = math.max(worst, cell.model:balance()) end
  return worst
end

function StockSet:__tostring()
  local n = 0
  for _ in pairs(self.cells) do n = n + 1 end
  return string.format("ree.StockSet of %d regions x %d products (%d cells with %s), %s", #self.regions,
    #self.products, n, self.mode, self.unit)
end

stockset.StockSet = StockSet -- for help and completion

return stockset
