/**
 * Lua scripts of the reservation store (SPEC §5.3 item 9, DESIGN "Limits hold under concurrency"). Each
 * runs atomically in Redis, so engine processes sharing the `engine` group cannot both take the last unit
 * of a limit.
 *
 * Layout: a hash (intent id → reservation JSON) and a sorted set (intent id → expiry, epoch ms). A
 * reservation is `{"intent_id", "expires_at_ms", "legs": [{"symbol", "side", "quantity", "mark", "spot",
 * "option_type"}]}` with `quantity` the unfilled remainder (> 0) and `option_type` `call`, `put` or `""`.
 * Numbers are written with `%.17g` (never with cjson.encode, which keeps only 14 digits).
 */

/** Shared Lua: pruning, decoding and encoding of reservations. */
const COMMON = `
local function prune(hash, expiry, now)
  local gone = redis.call('ZRANGEBYSCORE', expiry, '-inf', now)
  if #gone > 0 then
    redis.call('HDEL', hash, unpack(gone))
    redis.call('ZREM', expiry, unpack(gone))
  end
end
local function num(x) return string.format('%.17g', x) end
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
`;

/**
 * KEYS[1] reservations hash, KEYS[2] expiry sorted set. ARGV[1] now ms.
 * Drops expired reservations; returns the live ones as JSON strings.
 */
export const LIST_RESERVATIONS_SCRIPT = `${COMMON}
prune(KEYS[1], KEYS[2], ARGV[1])
return redis.call('HVALS', KEYS[1])
`;

/**
 * Check-and-reserve. KEYS[1] reservations hash, KEYS[2] expiry sorted set. ARGV[1] now ms, ARGV[2] the
 * request JSON:
 * `{"reservation": <a reservation as stored>, "equity", "limits": {"max_single_position_pct",
 * "max_gross_leverage", "max_position_ratio", "min_position_ratio", "max_qty": {symbol: limit}},
 * "book": {symbol: {"quantity", "value", "notional"}}}` where `book` holds the account quantity of each
 * instrument without reservations and the figures the checks use per unit: value = mark (0 when
 * unknown), notional = spot of the underlying (else the mark, else 0). A reserved instrument missing from
 * `book` is valued with the figures stored in its reservation.
 *
 * Re-evaluates the reservation-dependent limits on account + every live reservation (an earlier one of
 * the same intent is replaced) + this order: max_position_size, single_position_share, gross_leverage
 * and position_ratio, each as in SPEC §6.1 (the ratio limits only veto an order that moves the ratio
 * further out). A tolerance of 1e-9 keeps the script from failing what the engine's checks passed on the
 * same figures (rounding), so the two agree at the boundary. Returns `{'OK'}` after reserving, or
 * `{'FAILED', '<check>,<check>', <live reservation JSON>...}` without writing anything.
 */
export const RESERVE_SCRIPT = `${COMMON}
local TOL = 1e-9
prune(KEYS[1], KEYS[2], ARGV[1])
local req = cjson.decode(ARGV[2])
local mine = req.reservation
local limits = req.limits
local equity = tonumber(req.equity)

local before, value, notional, known = {}, {}, {}, {}
for symbol, f in pairs(req.book) do
  before[symbol] = tonumber(f.quantity)
  value[symbol] = tonumber(f.value)
  notional[symbol] = tonumber(f.notional)
  known[symbol] = true
end
local raw = redis.call('HGETALL', KEYS[1])
local live = {}
for i = 1, #raw, 2 do
  if raw[i] ~= mine.intent_id then
    table.insert(live, raw[i + 1])
    local r = cjson.decode(raw[i + 1])
    for _, l in ipairs(r.legs) do
      before[l.symbol] = (before[l.symbol] or 0) + signed(l)
      if not known[l.symbol] then
        value[l.symbol] = l.mark
        notional[l.symbol] = l.spot
      end
    end
  end
end

local after = {}
for symbol, q in pairs(before) do after[symbol] = q end
for _, l in ipairs(mine.legs) do
  after[l.symbol] = (after[l.symbol] or 0) + signed(l)
  if before[l.symbol] == nil then before[l.symbol] = 0 end
  value[l.symbol] = l.mark
  notional[l.symbol] = l.spot
end

local failed = {}
-- max_position_size: |post-order quantity| per instrument of the order
for _, l in ipairs(mine.legs) do
  local limit = limits.max_qty[l.symbol]
  if limit ~= nil then
    limit = tonumber(limit)
    if math.abs(after[l.symbol]) > limit + TOL * math.max(1, limit) then
      table.insert(failed, 'max_position_size')
      break
    end
  end
end
if equity <= 0 then
  table.insert(failed, 'single_position_share')
  table.insert(failed, 'gross_leverage')
  table.insert(failed, 'position_ratio')
else
  -- single_position_share: |post-order quantity x mark| / equity per leg
  for _, l in ipairs(mine.legs) do
    if math.abs(after[l.symbol] * l.mark) / equity > tonumber(limits.max_single_position_pct) + TOL then
      table.insert(failed, 'single_position_share')
      break
    end
  end
  local gb, ga, vb, va = 0, 0, 0, 0
  for symbol, q in pairs(before) do
    gb = gb + math.abs(q) * (notional[symbol] or 0)
    vb = vb + math.abs(q * (value[symbol] or 0))
  end
  for symbol, q in pairs(after) do
    ga = ga + math.abs(q) * (notional[symbol] or 0)
    va = va + math.abs(q * (value[symbol] or 0))
  end
  gb, ga, vb, va = gb / equity, ga / equity, vb / equity, va / equity
  if ga > tonumber(limits.max_gross_leverage) + TOL and ga > gb + TOL then
    table.insert(failed, 'gross_leverage')
  end
  local above = va > tonumber(limits.max_position_ratio) + TOL and va > vb + TOL
  local below = va < tonumber(limits.min_position_ratio) - TOL and va < vb - TOL
  if above or below then table.insert(failed, 'position_ratio') end
end

if #failed > 0 then
  local reply = {'FAILED', table.concat(failed, ',')}
  for _, json in ipairs(live) do table.insert(reply, json) end
  return reply
end
redis.call('HSET', KEYS[1], mine.intent_id, encode(mine))
redis.call('ZADD', KEYS[2], tonumber(mine.expires_at_ms), mine.intent_id)
return {'OK'}
`;

/**
 * KEYS[1] reservations hash, KEYS[2] expiry sorted set. ARGV[1] intent id.
 * Drops the intent's reservation (`execution_rejected`). Returns 1 when one was dropped.
 */
export const RELEASE_RESERVATION_SCRIPT = `
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('HDEL', KEYS[1], ARGV[1])
`;

/**
 * A fill turns part of a reservation into a position, once per fill. KEYS[1] reservations hash,
 * KEYS[2] expiry sorted set, KEYS[3] the fill's marker key (`SET NX`: a fill seen by every engine
 * process is applied once). ARGV[1] now ms, ARGV[2] intent id, ARGV[3] symbol, ARGV[4] option type of
 * the fill (`call`, `put` or `""`), ARGV[5] |quantity|, ARGV[6] marker TTL (s), ARGV[7] reservation TTL
 * (ms): a fill keeps the rest reserved for another TTL.
 *
 * The matching leg (same symbol, else for options the same option type, since execution may pick other
 * strikes than the engine valued) shrinks by the quantity; a reservation with nothing left is dropped.
 * Returns 'APPLIED', 'REPEATED' (marker already set) or 'NO_MATCH'.
 */
export const FILL_RESERVATION_SCRIPT = `${COMMON}
prune(KEYS[1], KEYS[2], ARGV[1])
if not redis.call('SET', KEYS[3], '1', 'NX', 'EX', tonumber(ARGV[6])) then return 'REPEATED' end
local json = redis.call('HGET', KEYS[1], ARGV[2])
if not json then return 'NO_MATCH' end
local r = cjson.decode(json)
local index = nil
for i, l in ipairs(r.legs) do
  if l.symbol == ARGV[3] then index = i break end
end
if index == nil and ARGV[4] ~= '' then
  for i, l in ipairs(r.legs) do
    if l.option_type == ARGV[4] then index = i break end
  end
end
if index == nil then return 'NO_MATCH' end
local legs = {}
for i, l in ipairs(r.legs) do
  if i == index then l.quantity = l.quantity - tonumber(ARGV[5]) end
  if l.quantity > 1e-12 then table.insert(legs, l) end
end
if #legs == 0 then
  redis.call('HDEL', KEYS[1], ARGV[2])
  redis.call('ZREM', KEYS[2], ARGV[2])
  return 'APPLIED'
end
r.legs = legs
r.expires_at_ms = tonumber(ARGV[1]) + tonumber(ARGV[7])
redis.call('HSET', KEYS[1], ARGV[2], encode(r))
redis.call('ZADD', KEYS[2], r.expires_at_ms, ARGV[2])
return 'APPLIED'
`;
