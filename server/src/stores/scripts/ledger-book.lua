-- Books the outcome of one paper order and the position it leaves, in one step, unless the order has an
-- outcome already (SPEC §8.1: a client_order_id fills at most once).
-- KEYS[1] the order's outcome key, KEYS[2] positions hash.
-- ARGV[1] outcome JSON, ARGV[2] outcome TTL (s), ARGV[3] position field ('' = no position change),
-- ARGV[4] position JSON ('' = the position is flat: remove the field), ARGV[5] optional: the position's
-- stored text the new one was computed from ('' = none), so processes sharing the ledger never book over
-- each other's fills.
-- Returns {1, outcome} when this call booked, {0, the outcome booked earlier} otherwise, {2, the position's
-- text now} when ARGV[5] is given and the position moved since.
local known = redis.call('GET', KEYS[1])
if known then return {0, known} end
if ARGV[5] then
  local current = redis.call('HGET', KEYS[2], ARGV[3]) or ''
  if current ~= ARGV[5] then return {2, current} end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[2]))
if ARGV[3] ~= '' then
  if ARGV[4] == '' then
    redis.call('HDEL', KEYS[2], ARGV[3])
  else
    redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
  end
end
return {1, ARGV[1]}
