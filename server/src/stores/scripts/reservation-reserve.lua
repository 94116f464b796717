-- Check-and-reserve: every shared capacity of one decision checked, and the order reserved, in one atomic
-- step against the aggregate risk book (cost: one entry per instrument, whatever the number of live
-- reservations). Preludes (scripts.ts): reservation-common, then the check fragments risk-check-book,
-- risk-check-greeks, risk-check-state; a new check is a fragment defining check_<name>(P) plus one line
-- in CHECKS below.
-- KEYS[1] reservations hash, KEYS[2] expiry sorted set, KEYS[3] risk book, KEYS[4] trading states,
-- KEYS[5] the capacity hash (rate buckets, duplicate marks, the strategies' reservation index).
-- ARGV[1] now ms, ARGV[2] the request JSON, ARGV[3] '1' to reserve when every check passes, '0' to check
-- only (a decision left pending). The request:
-- `{"reservation": <a reservation as stored>, "strategy_id", "protective", "equity", "peak",
-- "limits": {"max_drawdown_pct", "max_position_ratio", "max_single_position_pct", "max_gross_leverage",
-- "max_qty", "max_abs_delta", "max_abs_gamma", "max_abs_vega", "max_short_theta" (each coin -> limit)},
-- "figures": {symbol: {"u", "mark", "notional", "delta", "gamma", "vega", "theta"}}, "capacity": null |
-- {"symbol", "action", "max_orders_per_s", "max_orders_per_s_per_strategy", "duplicate_window_ms", "budget":
-- {"max_notional"?, "max_premium"?}, "held": {symbol: the strategy's signed quantity}}}` with the engine's
-- current per-unit figures (they replace the book's for this check and are stored for the ordered
-- instruments; an instrument without one keeps its stored figures).
--
-- The projection P: before = held + reserved per instrument (an earlier reservation of the same intent
-- left out: it is replaced), after = before + the order; ordered instruments are valued at the order's
-- mark and spot. Returns the JSON `{"reserved": bool, "checks": [{"check", "value", "limit", "passed",
-- "reason_code"}...]}`: every check's figures as checked here, the decision records them.
prune(ARGV[1])
local req = cjson.decode(ARGV[2])
local mine = req.reservation
local P = {equity = tonumber(req.equity), peak = tonumber(req.peak), limits = req.limits,
  protective = req.protective == true, legs = mine.legs, before = {}, after = {}, fig = {}, coins = {},
  exposures = {}, states = {}}

local raw = redis.call('HGETALL', BOOK)
for i = 1, #raw, 2 do
  local e = cjson.decode(raw[i + 1])
  P.before[raw[i]] = e.held + e.reserved
  P.fig[raw[i]] = e
end
local own_json = redis.call('HGET', RES, mine.intent_id)
if own_json then
  for _, l in ipairs(cjson.decode(own_json).legs) do P.before[l.symbol] = (P.before[l.symbol] or 0) - signed(l) end
end
for symbol, f in pairs(req.figures) do P.fig[symbol] = f end
local leg_mark, leg_spot = {}, {}
for symbol, q in pairs(P.before) do P.after[symbol] = q end
for _, l in ipairs(mine.legs) do
  if P.before[l.symbol] == nil then P.before[l.symbol] = 0 end
  P.after[l.symbol] = (P.after[l.symbol] or 0) + signed(l)
  P.fig[l.symbol] = P.fig[l.symbol] or blank(l.coin, l.mark, l.spot)
  leg_mark[l.symbol], leg_spot[l.symbol] = l.mark, l.spot
  if P.exposures[l.coin] == nil then
    P.exposures[l.coin] = true
    table.insert(P.coins, l.coin)
  end
end
for symbol in pairs(P.before) do
  if P.fig[symbol] == nil then P.fig[symbol] = blank('', 0, 0) end
end
P.mark = function(symbol) return leg_mark[symbol] or P.fig[symbol].mark end
P.notional = function(symbol) return leg_spot[symbol] or P.fig[symbol].notional end
for _, coin in ipairs(P.coins) do P.exposures[coin] = greek_exposures(P, coin) end
-- The engine's protective flag came from its own read of the book; it holds here only if the order still
-- brings |delta| of every coin it trades down on the book as it is now (two hedges racing on one book
-- cannot both shrink it past zero and skip the checks together)
if P.protective then
  for _, coin in ipairs(P.coins) do
    if not below(P.exposures[coin].after.delta, P.exposures[coin].before.delta) then P.protective = false end
  end
end
local fields = {'global', 'strategy:' .. req.strategy_id}
for _, coin in ipairs(P.coins) do table.insert(fields, 'underlying:' .. coin) end
for _, s in ipairs(redis.call('HMGET', KEYS[4], unpack(fields))) do
  if s then table.insert(P.states, s) end
end

-- The shared capacities (risk-check-budget, -rate, -duplicate) read and take the capacity hash, KEYS[5]
local cap = req.capacity
if cap == cjson.null then cap = nil end
local C = {hash = KEYS[5], now = tonumber(ARGV[1]), intent_id = mine.intent_id, strategy_id = req.strategy_id,
  symbol = '', action = '', duplicate_window_ms = 0, budget = {}, held = {}}
if cap then
  C.symbol, C.action, C.budget, C.held = cap.symbol, cap.action, cap.budget, cap.held
  C.rates = {global = tonumber(cap.max_orders_per_s), strategy = tonumber(cap.max_orders_per_s_per_strategy)}
  C.duplicate_window_ms = tonumber(cap.duplicate_window_ms)
end
local budgeted = C.budget.max_notional ~= nil or C.budget.max_premium ~= nil
if budgeted then budget_measure(C, P, mine) end

local CHECKS = {check_drawdown, check_trading_state, check_position_ratio, check_single_position_share,
  check_gross_leverage, check_max_position_size, check_delta_limit, check_gamma_limit, check_vega_limit,
  check_theta_limit, function() return check_strategy_budget(C) end, function() return check_order_rate(C) end,
  function() return check_duplicate_intent(C) end}
local passed = true
local out = {}
for i, check in ipairs(CHECKS) do
  local v = check(P)
  if not v.passed then passed = false end
  local function n(x) if x == nil then return 'null' end return num(x) end
  local code = 'null'
  if v.code ~= nil then code = cjson.encode(v.code) end
  out[i] = '{"check":' .. cjson.encode(v.check) .. ',"value":' .. n(v.value) .. ',"limit":' .. n(v.limit)
    .. ',"passed":' .. tostring(v.passed) .. ',"reason_code":' .. code .. '}'
end

local reserved = passed and ARGV[3] == '1'
-- An accepted intent (pending or approved) marks its duplicates; only an order that goes out takes tokens
if passed then commit_duplicate_intent(C) end
if reserved then
  commit_order_rate(C)
  if budgeted then budget_index(C, mine) end
end
if reserved then
  drop(mine.intent_id)
  for _, l in ipairs(mine.legs) do
    local f = P.fig[l.symbol]
    local e = book_get(l.symbol) or blank(l.coin, l.mark, l.spot)
    e.u, e.mark, e.notional = l.coin, f.mark, f.notional
    e.delta, e.gamma, e.vega, e.theta = f.delta, f.gamma, f.vega, f.theta
    e.reserved = e.reserved + signed(l)
    book_put(l.symbol, e)
  end
  redis.call('HSET', RES, mine.intent_id, encode(mine))
  redis.call('ZADD', EXPIRY, tonumber(mine.expires_at_ms), mine.intent_id)
end
return '{"reserved":' .. tostring(reserved) .. ',"checks":[' .. table.concat(out, ',') .. ']}'
