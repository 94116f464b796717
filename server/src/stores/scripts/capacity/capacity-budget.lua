-- strategy_budget of the reserve script (a prelude fragment after reservation-common; TypeScript twin:
-- services/engine/core/capacity.ts, checkStrategyBudget). KEYS, ARGV: none of its own; C: {budget =
-- {max_notional, max_premium} (either may be absent), before = {notional, premium}, after = {notional,
-- premium}}: the strategy's held + reserved positions before and after the order, USD, as the script
-- measured them (notional = |quantity| x spot of the underlying, premium = |quantity| x option mark).
-- Beyond a limit vetoes only an order that raises that measure. Defines check_strategy_budget(C).
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
