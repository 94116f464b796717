-- Seeds the held quantities of the risk book once per desk (the first engine start that finds no book):
-- from the paper exchange's account positions, with the newest `order.fill` entry they cover, after which
-- the fills are applied one by one (reservation-fill). Prelude: reservation-common (book_get, book_put,
-- put_strategy_held).
-- KEYS[1] reservations hash, KEYS[2] expiry sorted set, KEYS[3] risk book, KEYS[4] book meta, KEYS[5]
-- capacity hash. ARGV[1] JSON {"fills_after": id, "held": {symbol: {"coin", "quantity", "mark"}},
-- "by_strategy": {strategy_id: {symbol: quantity}}} (each strategy's held, the `held:<strategy_id>` fields
-- its budget counts).
-- Returns 1 when it seeded, 0 when the book was seeded before (nothing written).
if redis.call('HSETNX', KEYS[4], 'seeded', '1') == 0 then return 0 end
local seed = cjson.decode(ARGV[1])
redis.call('HSET', KEYS[4], 'fills_after', seed.fills_after)
for symbol, h in pairs(seed.held) do
  -- An entry another engine reserved into already keeps its reservations and figures
  local e = book_get(symbol) or blank(h.coin, h.mark, 0)
  e.held = h.quantity
  book_put(symbol, e)
end
for strategy_id, held in pairs(seed.by_strategy or {}) do put_strategy_held(KEYS[5], strategy_id, held) end
return 1
