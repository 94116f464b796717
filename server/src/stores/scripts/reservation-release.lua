-- Drops an intent's reservation (`execution_rejected`) and its legs from the book's reserved quantities.
-- KEYS[1] reservations hash, KEYS[2] expiry sorted set, KEYS[3] risk book (the prelude's).
-- ARGV[1] intent id.
-- Returns 1 when one was dropped, else 0.
if drop(ARGV[1]) then return 1 end
return 0
