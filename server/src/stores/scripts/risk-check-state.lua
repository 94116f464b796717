-- The trading state of the reserve script (a prelude fragment after risk-check-greeks; TypeScript twin:
-- services/engine/core/check-trading-state.ts). KEYS, ARGV: none of its own (the script passes the
-- states it read from KEYS[4]). Defines reduces_exposure(P) and check_trading_state(P).
--
-- The strictest of `global`, `strategy:<id>` and `underlying:<coin>` of every ordered coin applies
-- (ACTIVE < REDUCING < HALTED; a missing field is ACTIVE, an unreadable one HALTED). HALTED refuses all
-- but protective orders (TRADING_HALTED); REDUCING refuses an order unless it is protective or reduces
-- exposure (TRADING_REDUCING): every ordered instrument's |held + reserved| goes down, or no Greek
-- exposure of an ordered coin goes up and at least one goes down. Value and limit are null.
local RANK = {ACTIVE = 0, REDUCING = 1, HALTED = 2}
local function reduces_exposure(P)
  local positions = true
  for _, l in ipairs(P.legs) do
    if not below(math.abs(P.after[l.symbol]), math.abs(P.before[l.symbol])) then positions = false end
  end
  if positions then return true end
  local down = false
  for _, coin in ipairs(P.coins) do
    local e = P.exposures[coin]
    for _, greek in ipairs(GREEKS) do
      if above(e.after[greek], e.before[greek]) then return false end
      if below(e.after[greek], e.before[greek]) then down = true end
    end
  end
  return down
end
local function check_trading_state(P)
  local state = 'ACTIVE'
  for _, raw in ipairs(P.states) do
    local s = 'HALTED'
    local ok, parsed = pcall(cjson.decode, raw)
    if ok and type(parsed) == 'table' and RANK[parsed.state] ~= nil then s = parsed.state end
    if RANK[s] > RANK[state] then state = s end
  end
  local code = nil
  if not P.protective then
    if state == 'HALTED' then code = 'TRADING_HALTED'
    elseif state == 'REDUCING' and not reduces_exposure(P) then code = 'TRADING_REDUCING' end
  end
  return verdict('trading_state', nil, nil, code)
end
