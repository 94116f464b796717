-- Seeds the held quantities of the risk book once per desk (the first engine start that finds no book):
-- from the paper exchange's account positions, with the newest `order.fill` entry they cover, after which
-- the fills are applied one by one (reservation-fill).
-- KEYS[1] risk book, KEYS[2] book meta, KEYS[3] capacity hash. ARGV[1] JSON {"fills_after": id, "held":
-- {symbol: {"coin", "quantity", "mark"}}, "by_strategy": {strategy_id: {symbol: quantity}}} (each
-- strategy's held, the `held:<strategy_id>` fields its budget counts).
-- Returns 1 when it seeded, 0 when the book was seeded before (nothing written).
if redis.call('HSETNX', KEYS[2], 'seeded', '1') == 0 then return 0 end
local seed = cjson.decode(ARGV[1])
redis.call('HSET', KEYS[2], 'fills_after', seed.fills_after)
local function num(x) return string.format('%.17g', x) end
for symbol, h in pairs(seed.held) do
  -- An entry another engine reserved into already keeps its reservations and figures
  local json = redis.call('HGET', KEYS[1], symbol)
  local e = json and cjson.decode(json) or {u = h.coin, reserved = 0, mark = h.mark, notional = 0,
    delta = 0, gamma = 0, vega = 0, theta = 0}
  redis.call('HSET', KEYS[1], symbol, '{"u":' .. cjson.encode(e.u) .. ',"held":' .. num(h.quantity)
    .. ',"reserved":' .. num(e.reserved) .. ',"mark":' .. num(e.mark) .. ',"notional":' .. num(e.notional)
    .. ',"delta":' .. num(e.delta) .. ',"gamma":' .. num(e.gamma) .. ',"vega":' .. num(e.vega)
    .. ',"theta":' .. num(e.theta) .. '}')
end
for strategy_id, held in pairs(seed.by_strategy or {}) do
  local parts = {}
  for symbol, q in pairs(held) do table.insert(parts, cjson.encode(symbol) .. ':' .. num(q)) end
  if #parts > 0 then redis.call('HSET', KEYS[3], 'held:' .. strategy_id, '{' .. table.concat(parts, ',') .. '}') end
end
return 1
