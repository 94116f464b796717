-- Lists the live reservations, dropping expired ones.
-- KEYS[1] reservations hash, KEYS[2] expiry sorted set.
-- ARGV[1] now ms.
-- Returns the live reservations as JSON strings.
prune(KEYS[1], KEYS[2], ARGV[1])
return redis.call('HVALS', KEYS[1])
