-- Shared by the reservation scripts (SPEC §5.3 item 9, DESIGN "Limits hold under concurrency"): the
-- loader (scripts.ts, PRELUDES) puts this prelude in front of reservation-list, -book, -reserve, -release
-- and -fill. KEYS[1] reservations hash, KEYS[2] expiry sorted set, KEYS[3] the risk book hash, in every
-- script that loads it; ARGV: none of its own.
--
-- Reservations: a hash (intent id -> reservation JSON) and a sorted set (intent id -> expiry, epoch ms). A
-- reservation is {"intent_id", "expires_at_ms", "legs": [{"symbol", "coin", "side", "quantity", "mark",
-- "spot", "option_type"}]} with `quantity` the unfilled remainder (> 0), `coin` the base coin (`BTC`) and
-- `option_type` `call`, `put` or "".
-- The risk book: symbol -> {"u" (base coin), "held" (signed account quantity, from the fills), "reserved"
-- (signed sum of the live reservations' unfilled remainders), "mark", "notional" (USD per unit: spot of the
-- underlying, else the mark), "delta", "gamma", "vega", "theta" (per unit, in the units of
-- `portfolio.risk`)}. Every change of a reservation moves its legs in and out of `reserved` here, so a
-- check reads the book (one entry per instrument), never the reservations. An entry with nothing held or
-- reserved is deleted.
-- Numbers are written with %.17g (never with cjson.encode, which keeps only 14 digits).
--
-- Defines num(x), above(v, bound) / below(v, bound) with the engine's one limit tolerance
-- (services/engine/core/tolerance.ts: 1e-9, relative for bounds beyond 1, absolute below), signed(leg),
-- encode(reservation), book_get(symbol), book_put(symbol, entry), blank(coin, mark, notional),
-- move_reserved(leg, sign), drop(intent id) and prune(now).
local RES, EXPIRY, BOOK = KEYS[1], KEYS[2], KEYS[3]
local function num(x) return string.format('%.17g', x) end
local LIMIT_TOLERANCE = 1e-9
local function above(v, bound) return v > bound + LIMIT_TOLERANCE * math.max(1, math.abs(bound)) end
local function below(v, bound) return v < bound - LIMIT_TOLERANCE * math.max(1, math.abs(bound)) end
local function signed(l) if l.side == 'buy' then return l.quantity end return -l.quantity end
-- Below this a quantity is float noise of adding and removing the same legs
local DUST = 1e-12
local function encode(r)
  local legs = {}
  for i, l in ipairs(r.legs) do
    legs[i] = '{"symbol":' .. cjson.encode(l.symbol) .. ',"coin":' .. cjson.encode(l.coin)
      .. ',"side":' .. cjson.encode(l.side) .. ',"quantity":' .. num(l.quantity) .. ',"mark":' .. num(l.mark)
      .. ',"spot":' .. num(l.spot) .. ',"option_type":' .. cjson.encode(l.option_type) .. '}'
  end
  return '{"intent_id":' .. cjson.encode(r.intent_id) .. ',"expires_at_ms":' .. num(r.expires_at_ms)
    .. ',"legs":[' .. table.concat(legs, ',') .. ']}'
end
local function blank(coin, mark, notional)
  return {u = coin, held = 0, reserved = 0, mark = mark or 0, notional = notional or 0,
    delta = 0, gamma = 0, vega = 0, theta = 0}
end
local function book_get(symbol)
  local json = redis.call('HGET', BOOK, symbol)
  if json then return cjson.decode(json) end
  return nil
end
local function book_put(symbol, e)
  if math.abs(e.held) < DUST then e.held = 0 end
  if math.abs(e.reserved) < DUST then e.reserved = 0 end
  if e.held == 0 and e.reserved == 0 then
    redis.call('HDEL', BOOK, symbol)
    return
  end
  redis.call('HSET', BOOK, symbol, '{"u":' .. cjson.encode(e.u) .. ',"held":' .. num(e.held)
    .. ',"reserved":' .. num(e.reserved) .. ',"mark":' .. num(e.mark) .. ',"notional":' .. num(e.notional)
    .. ',"delta":' .. num(e.delta) .. ',"gamma":' .. num(e.gamma) .. ',"vega":' .. num(e.vega)
    .. ',"theta":' .. num(e.theta) .. '}')
end
-- Adds (sign 1) or removes (sign -1) a reserved leg's signed remainder to its instrument's `reserved`
local function move_reserved(l, sign)
  local e = book_get(l.symbol) or blank(l.coin, l.mark, l.spot)
  e.reserved = e.reserved + sign * signed(l)
  book_put(l.symbol, e)
end
-- Removes a reservation and its legs from the book; true when there was one
local function drop(id)
  redis.call('ZREM', EXPIRY, id)
  local json = redis.call('HGET', RES, id)
  if not json then return false end
  for _, l in ipairs(cjson.decode(json).legs) do move_reserved(l, -1) end
  redis.call('HDEL', RES, id)
  return true
end
-- Drops the reservations expired at `now` (cost: the expired ones only)
local function prune(now)
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', EXPIRY, '-inf', now)) do drop(id) end
end
-- A strategy's held quantities in the capacity hash (`held:<strategy_id>` -> JSON {symbol: signed
-- quantity}): what its budget counts as held. The fill moves them in the step that shrinks its reservation.
local function strategy_held(hash, strategy_id)
  local raw = redis.call('HGET', hash, 'held:' .. strategy_id)
  if not raw then return {} end
  return cjson.decode(raw)
end
local function put_strategy_held(hash, strategy_id, held)
  local parts = {}
  for symbol, q in pairs(held) do
    if math.abs(q) >= DUST then table.insert(parts, cjson.encode(symbol) .. ':' .. num(q)) end
  end
  if #parts == 0 then
    redis.call('HDEL', hash, 'held:' .. strategy_id)
  else
    redis.call('HSET', hash, 'held:' .. strategy_id, '{' .. table.concat(parts, ',') .. '}')
  end
end
