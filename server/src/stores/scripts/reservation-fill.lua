-- A fill turns part of a reservation into a position, once per fill. KEYS[1] reservations hash,
-- KEYS[2] expiry sorted set, KEYS[3] the fill's marker key (`SET NX`: a fill seen by every engine
-- process is applied once). ARGV[1] now ms, ARGV[2] intent id, ARGV[3] symbol, ARGV[4] option type of
-- the fill (`call`, `put` or `""`), ARGV[5] |quantity|, ARGV[6] marker TTL (s), ARGV[7] reservation TTL
-- (ms): a fill keeps the rest reserved for another TTL.
--
-- The matching leg (same symbol, else for options the same option type, since execution may pick other
-- strikes than the engine valued) shrinks by the quantity; a reservation with nothing left is dropped.
-- Returns 'APPLIED', 'REPEATED' (marker already set) or 'NO_MATCH'.
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
