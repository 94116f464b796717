-- strategy_budget of the reserve script (a prelude fragment after reservation-common; TypeScript twin:
-- services/engine/core/capacity.ts, checkStrategyBudget). KEYS, ARGV: none of its own; C: {budget =
-- {max_notional, max_premium} (either may be absent), before = {notional, premium}, after = {notional,
-- premium}}: the strategy's held + reserved positions before and after the order, USD, as the script
-- measured them (notional = |quantity| x spot of the underlying, premium = |quantity| x option mark).
-- Beyond a limit vetoes only an order that raises that measure. Defines check_strategy_budget(C),
-- budget_measure(C, P, mine) (fills C.before and C.after) and budget_index(C, mine) (on reserving).
local function check_strategy_budget(C)
  local measures = {}
  if C.budget.max_notional ~= nil then
    table.insert(measures, {before = C.before.notional, after = C.after.notional, limit = tonumber(C.budget.max_notional)})
  end
  if C.budget.max_premium ~= nil then
    table.insert(measures, {before = C.before.premium, after = C.after.premium, limit = tonumber(C.budget.max_premium)})
  end
  if #measures == 0 then
    return {check = 'strategy_budget', value = nil, limit = nil, passed = true, code = nil}
  end
  local worst = measures[1]
  local code = nil
  for _, m in ipairs(measures) do
    if m.after / m.limit > worst.after / worst.limit then worst = m end
    if above(m.after, m.limit) and above(m.after, m.before) then code = 'STRATEGY_BUDGET_EXCEEDED' end
  end
  return {check = 'strategy_budget', value = worst.after, limit = worst.limit, passed = code == nil, code = code}
end

-- Whether a symbol is an option (`BTC-20260306-100000-C`): its premium counts
local function is_option(symbol) return string.match(symbol, '%-[CP]$') ~= nil end
-- C.before / C.after of the strategy: its held quantities (the capacity hash's `held:<strategy>`, moved by
-- each fill in the step that shrinks its reservation, so nothing is ever counted neither held nor reserved)
-- plus its live reservations (the capacity hash's `res:<strategy>` index; ids no longer reserved are
-- dropped from it), before and after this order, valued with the projection's figures (P.notional,
-- P.mark). Cost: the strategy's live reservations.
local function budget_measure(C, P, mine)
  local qty = {}
  for symbol, q in pairs(strategy_held(C.hash, C.strategy_id)) do qty[symbol] = tonumber(q) end
  C.live = {}
  local ids = redis.call('HGET', C.hash, 'res:' .. C.strategy_id)
  if ids then
    for id in string.gmatch(ids, '[^,]+') do
      local json = id ~= mine.intent_id and redis.call('HGET', RES, id)
      if json then
        table.insert(C.live, id)
        for _, l in ipairs(cjson.decode(json).legs) do qty[l.symbol] = (qty[l.symbol] or 0) + signed(l) end
      end
    end
  end
  local function measure(q)
    local m = {notional = 0, premium = 0}
    for symbol, x in pairs(q) do
      if P.fig[symbol] ~= nil then
        m.notional = m.notional + math.abs(x) * math.abs(P.notional(symbol))
        if is_option(symbol) then m.premium = m.premium + math.abs(x) * math.abs(P.mark(symbol)) end
      end
    end
    return m
  end
  C.before = measure(qty)
  for _, l in ipairs(mine.legs) do qty[l.symbol] = (qty[l.symbol] or 0) + signed(l) end
  C.after = measure(qty)
end
-- Records a reserved order in its strategy's index (with the live ones budget_measure kept)
local function budget_index(C, mine)
  table.insert(C.live, mine.intent_id)
  redis.call('HSET', C.hash, 'res:' .. C.strategy_id, table.concat(C.live, ','))
end
