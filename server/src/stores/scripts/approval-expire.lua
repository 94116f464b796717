-- Expires an open approval ('pending', or a four-eyes 'awaiting_second') at or after its expiry
-- (SPEC §5.3 item 8).
-- KEYS[1] record hash, KEYS[2] pending sorted set.
-- ARGV[1] intent id, ARGV[2] now ms.
-- Returns 1 when the record is expired with its decision still to publish: this call moved it from
-- open to expired, or an earlier call did and the record is still in the pending set (the `expired`
-- decision was not published: the sweep that expired it was killed); else 0. The sweep removes the id
-- from the pending set once the decision is published.
local f = redis.call('HMGET', KEYS[1], 'status', 'expires_at_ms')
if f[1] == 'expired' then
  if redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 1 end
  return 0
end
if f[1] ~= 'pending' and f[1] ~= 'awaiting_second' then
  if not f[1] then redis.call('ZREM', KEYS[2], ARGV[1]) end
  return 0
end
if tonumber(ARGV[2]) < tonumber(f[2]) then return 0 end
redis.call('HSET', KEYS[1], 'status', 'expired')
return 1
