-- Marks one process of a service alive (or gone) and counts the live ones, on Redis' clock so hosts agree.
-- KEYS[1] the members sorted set. ARGV[1] holder id, ARGV[2] TTL (ms; 0 = leave).
-- Returns how many members are alive after the call.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[2])
if ttl > 0 then
  redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ttl * 10)
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])
