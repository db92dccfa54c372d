--- The history scenarios of the founding report, 2005-2015, on the base
-- of models/scenarios/base.lua:
--
--   history              China's recorded policies and Japan's countermeasures
--   no_restrictions      neither: the counterfactual
--   ladder_only          China's policies kept on, no countermeasures (not even the WTO case)
--   all_countermeasures  China's policies and every countermeasure, recorded or not
--   no_export_control    the history without Japan's 2012 export control
--   no_wto               the history had the WTO case not ended duties and quotas in 2015
--   <countermeasure>     China's policies and that one countermeasure (history.COUNTERMEASURES)
--
--   local history = require("ree.models.scenarios.history")
--   local res = history.scenario("history"):run()
--
-- China's quotas are tonnes of all rare earths; the base models five, so
-- each quota is scaled by the share of its group's output they make up
-- (computed from the deposits, as the base's shares). The mining quotas
-- cap China's output from 2010, the first the record has, each raised by
-- the output the record shows above it: 40,800 t in 2010, shrinking to
-- none by 2014 with the crackdown and consolidation of 2011
-- (china.above_quota, china.mining_quotas).

local ree = require("ree")
local base = require("ree.models.scenarios.base")
local china = require("ree.models.china")
local japan = require("ree.models.japan")

local history = {}

--- The share of each quota group's output the modelled elements make.
local function group_shares()
  local light_t = ree.magnet.supply({ ["Bayan Obo"] = 1 }).reo
  local heavy_t = ree.magnet.supply({ ["Longnan"] = 1 }).reo
  local light, heavy = 0, 0
  for _, el in ipairs(base.ELEMENTS) do
    if china.is_light(el) then light = light + (light_t[el] or 0) else heavy = heavy + (heavy_t[el] or 0) end
  end
  return light, heavy
end
history.light_share, history.heavy_share = group_shares()

--- China's export policy for the base's elements, quotas scaled to them,
-- and its output capped by the mining quotas and the output above them.
function history.china_policies(reading)
  local list = china.policies(base.ELEMENTS, base.YEARS[1], base.YEARS[2], reading)
  local scale = { quota_total = base.modelled_share, ["quota_total.light"] = history.light_share,
    ["quota_total.heavy"] = history.heavy_share }
  for _, pol in ipairs(list) do
    for key, f in pairs(scale) do
      if pol.set[key] then pol.set[key] = pol.set[key] * f end
    end
  end
  list[#list + 1] = china.mining_quotas(base.ELEMENTS, base.shares)
  list[#list + 1] = china.resource_tax(base.ELEMENTS, 2015)
  return list
end

--- The same, had the WTO case not ended the duties and quotas in 2015:
-- 2014's policy carries on (the resource tax comes all the same).
function history.china_policies_without_wto(reading)
  local list = history.china_policies(reading)
  local last
  for _, pol in ipairs(list) do
    if pol.from == 2014 then last = pol.set end
    if pol.from and pol.from >= 2015 and pol.set and next(pol.set) then pol.set = last end
  end
  return list
end

--- Japan's countermeasures (models/japan.lua), by name.
history.COUNTERMEASURES = {
  dy_saving = japan.dy_saving,
  substitution = japan.substitution,
  new_mines = japan.new_mines,
  recycling = japan.recycling,
  wto_case = japan.wto_case,
  export_control = japan.export_control,
  patents = japan.patent_expiry,
  stockpile = japan.stockpile,
}
history.LABELS = { dy_saving = "Dy saving", substitution = "substitution", new_mines = "new mines",
  recycling = "recycling", wto_case = "the WTO case", export_control = "export control", patents = "patents",
  stockpile = "stockpile" }
-- Those the record has. Not in it: recycling, which stayed under 1%
-- (binnemans-2013); the stockpile, whose tonnages the record lacks; and
-- the patents, which bound exports of magnets to the countries where they
-- held, not making them: the model's one market outside China cannot
-- tell the two apart, and with them on China's share of magnet making
-- falls to 54% by 2010 against the record's 79%.
history.RECORDED = { "dy_saving", "substitution", "new_mines", "wto_case", "export_control" }
local ALL = { "dy_saving", "substitution", "new_mines", "recycling", "stockpile", "wto_case", "export_control",
  "patents" }

--- The names history.scenario knows, in the order of the module's comment.
history.NAMES = { "history", "no_restrictions", "ladder_only", "all_countermeasures", "no_export_control", "no_wto" }
for _, name in ipairs(ALL) do history.NAMES[#history.NAMES + 1] = name end

--- A named scenario (see the module's comment). China's policies are
-- those it would have kept without the WTO case; the case is one of the
-- countermeasures, so the history (with it) replays the record.
function history.scenario(name)
  local policies = {}
  local function add(list) for _, p in ipairs(list) do policies[#policies + 1] = p end end
  local function countermeasures(names, except)
    for _, c in ipairs(names) do
      if c ~= except then add({ history.COUNTERMEASURES[c]() }) end
    end
  end
  if name == "history" then
    add(history.china_policies_without_wto())
    countermeasures(history.RECORDED)
  elseif name == "ladder_only" then
    add(history.china_policies_without_wto())
  elseif name == "all_countermeasures" then
    add(history.china_policies_without_wto())
    countermeasures(ALL)
  elseif name == "no_wto" then
    add(history.china_policies_without_wto())
    countermeasures(history.RECORDED, "wto_case")
  elseif name == "no_export_control" then
    add(history.china_policies_without_wto())
    countermeasures(history.RECORDED, "export_control")
  elseif history.COUNTERMEASURES[name] then
    add(history.china_policies_without_wto())
    add({ history.COUNTERMEASURES[name]() })
  elseif name ~= "no_restrictions" then
    error(string.format("history: no scenario '%s'", tostring(name)), 2)
  end
  return base.scenario { name = name, policies = policies }
end

return history
