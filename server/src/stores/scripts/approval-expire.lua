-- Expires a pending approval at or after its expiry (SPEC §5.3 item 8).
-- KEYS[1] record hash, KEYS[2] pending sorted set.
-- ARGV[1] intent id, ARGV[2] now ms.
-- Returns 1 when this call moved the record from pending to expired, else 0.
local f = redis.call('HMGET', KEYS[1], 'status', 'expires_at_ms')
if f[1] ~= 'pending' then
  if not f[1] then redis.call('ZREM', KEYS[2], ARGV[1]) end
  return 0
end
if tonumber(ARGV[2]) < tonumber(f[2]) then return 0 end
redis.call('HSET', KEYS[1], 'status', 'expired')
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
