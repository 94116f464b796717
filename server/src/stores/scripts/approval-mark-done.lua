-- A claimed approval becomes done (its command was handled); any other status is left as it is.
-- KEYS[1] record hash, KEYS[2] pending sorted set.
-- ARGV[1] intent id.
-- Returns 1 when changed, else 0.
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('HGET', KEYS[1], 'status') == 'claimed' then
  redis.call('HSET', KEYS[1], 'status', 'done')
  return 1
end
return 0
