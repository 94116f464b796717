-- Reads the aggregate risk book, after dropping expired reservations: what the engine values and checks
-- before the reserve script (cost: one entry per instrument, whatever the number of reservations).
-- KEYS[1] reservations hash, KEYS[2] expiry sorted set, KEYS[3] risk book, KEYS[4] trading states,
-- KEYS[5] book meta. ARGV[1] now ms.
-- Returns {book HGETALL, trading states HGETALL, fills_after or false}.
prune(ARGV[1])
return {redis.call('HGETALL', BOOK), redis.call('HGETALL', KEYS[4]), redis.call('HGET', KEYS[5], 'fills_after')}
