-- A fill turns its quantity into held and, when it belongs to a reserved leg, takes as much off the
-- reservation, in one step: the quantity is never both or neither (issue 9, "Atomic across engines").
-- Applied once per fill (its marker, `SET NX`), whichever engine process sees the `order.fill` first;
-- fills without an intent or reservation (settlements, other orders) still move held, so held is the
-- paper exchange's account quantity.
-- KEYS[1] reservations hash, KEYS[2] expiry sorted set, KEYS[3] risk book (the prelude's), KEYS[4] book
-- meta, KEYS[5] the fill's marker. ARGV[1] now ms, ARGV[2] intent id ("" = none), ARGV[3] symbol,
-- ARGV[4] its base coin, ARGV[5] option type of the fill (`call`, `put` or ""), ARGV[6] signed quantity
-- (buy > 0), ARGV[7] price, ARGV[8] marker TTL (s), ARGV[9] reservation TTL (ms): a fill keeps the rest
-- reserved for another TTL, ARGV[10] the fill's `order.fill` entry id ("" = none): the book meta's
-- `fills_after` moves up to it, ARGV[11] the fill's strategy id ("" = none): its held quantity in the
-- capacity hash, KEYS[6], moves too (what its budget counts).
--
-- The matching leg (same symbol, else for options the same option type, since execution may pick other
-- strikes than the engine valued; same side) shrinks by at most its remainder; a reservation with nothing
-- left is dropped. Returns 'APPLIED' (a reservation shrank), 'HELD' (held moved, no reservation matched)
-- or 'REPEATED' (marker already set: nothing written).
prune(ARGV[1])
if not redis.call('SET', KEYS[5], '1', 'NX', 'EX', tonumber(ARGV[8])) then return 'REPEATED' end
local symbol, quantity = ARGV[3], tonumber(ARGV[6])
local held = book_get(symbol) or blank(ARGV[4], tonumber(ARGV[7]), 0)
held.held = held.held + quantity
book_put(symbol, held)
if ARGV[11] ~= '' then
  local mine = strategy_held(KEYS[6], ARGV[11])
  mine[symbol] = (tonumber(mine[symbol]) or 0) + quantity
  put_strategy_held(KEYS[6], ARGV[11], mine)
end

local function newer(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  if not am then return false end
  if not b then return true end
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  if not bm then return true end
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am > bm or (am == bm and as > bs)
end
if ARGV[10] ~= '' and newer(ARGV[10], redis.call('HGET', KEYS[4], 'fills_after')) then
  redis.call('HSET', KEYS[4], 'fills_after', ARGV[10])
end

if ARGV[2] == '' then return 'HELD' end
local json = redis.call('HGET', RES, ARGV[2])
if not json then return 'HELD' end
local r = cjson.decode(json)
local side = 'buy'
if quantity < 0 then side = 'sell' end
local index = nil
for i, l in ipairs(r.legs) do
  if l.symbol == symbol and l.side == side then index = i break end
end
if index == nil and ARGV[5] ~= '' then
  for i, l in ipairs(r.legs) do
    if l.option_type == ARGV[5] and l.side == side then index = i break end
  end
end
if index == nil then return 'HELD' end
local legs = {}
for i, l in ipairs(r.legs) do
  if i == index then
    local taken = math.min(math.abs(quantity), l.quantity)
    move_reserved({symbol = l.symbol, coin = l.coin, side = l.side, quantity = taken, mark = l.mark,
      spot = l.spot}, -1)
    l.quantity = l.quantity - taken
  end
  if l.quantity > DUST then table.insert(legs, l) end
end
if #legs == 0 then
  redis.call('HDEL', RES, ARGV[2])
  redis.call('ZREM', EXPIRY, ARGV[2])
  return 'APPLIED'
end
r.legs = legs
r.expires_at_ms = tonumber(ARGV[1]) + tonumber(ARGV[9])
redis.call('HSET', RES, ARGV[2], encode(r))
redis.call('ZADD', EXPIRY, r.expires_at_ms, ARGV[2])
return 'APPLIED'
