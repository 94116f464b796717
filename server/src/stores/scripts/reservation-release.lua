-- Drops an intent's reservation (`execution_rejected`).
-- KEYS[1] reservations hash, KEYS[2] expiry sorted set.
-- ARGV[1] intent id.
-- Returns 1 when one was dropped, else 0.
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('HDEL', KEYS[1], ARGV[1])
