-- Shared by the reservation scripts (SPEC §5.3 item 9, DESIGN "Limits hold under concurrency"): the
-- loader puts this prelude in front of reservation-list, reservation-reserve and reservation-fill.
-- Layout: a hash (intent id -> reservation JSON) and a sorted set (intent id -> expiry, epoch ms). A
-- reservation is {"intent_id", "expires_at_ms", "legs": [{"symbol", "side", "quantity", "mark", "spot",
-- "option_type"}]} with `quantity` the unfilled remainder (> 0) and `option_type` `call`, `put` or "".
-- Numbers are written with %.17g (never with cjson.encode, which keeps only 14 digits).
-- KEYS, ARGV: none of its own. Defines prune(hash, expiry, now), num(x), encode(r), signed(leg), and
-- above(v, bound) / below(v, bound) with the engine's one limit tolerance (services/engine/core/tolerance.ts:
-- 1e-9, relative for bounds beyond 1, absolute below), so the checks and the script agree at a boundary.
local function prune(hash, expiry, now)
  local gone = redis.call('ZRANGEBYSCORE', expiry, '-inf', now)
  if #gone > 0 then
    redis.call('HDEL', hash, unpack(gone))
    redis.call('ZREM', expiry, unpack(gone))
  end
end
local function num(x) return string.format('%.17g', x) end
local LIMIT_TOLERANCE = 1e-9
local function above(v, bound) return v > bound + LIMIT_TOLERANCE * math.max(1, math.abs(bound)) end
local function below(v, bound) return v < bound - LIMIT_TOLERANCE * math.max(1, math.abs(bound)) end
local function encode(r)
  local legs = {}
  for i, l in ipairs(r.legs) do
    legs[i] = '{"symbol":' .. cjson.encode(l.symbol) .. ',"side":' .. cjson.encode(l.side)
      .. ',"quantity":' .. num(l.quantity) .. ',"mark":' .. num(l.mark) .. ',"spot":' .. num(l.spot)
      .. ',"option_type":' .. cjson.encode(l.option_type) .. '}'
  end
  return '{"intent_id":' .. cjson.encode(r.intent_id) .. ',"expires_at_ms":' .. num(r.expires_at_ms)
    .. ',"legs":[' .. table.concat(legs, ',') .. ']}'
end
local function signed(l) if l.side == 'buy' then return l.quantity end return -l.quantity end
