-- Lists the live reservations, dropping expired ones (inspection and tests: no decision reads it).
-- KEYS[1] reservations hash, KEYS[2] expiry sorted set, KEYS[3] risk book.
-- ARGV[1] now ms.
-- Returns the live reservations as JSON strings.
prune(ARGV[1])
return redis.call('HVALS', RES)
