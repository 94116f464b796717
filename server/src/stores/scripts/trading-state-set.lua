-- Changes the trading state of one scope and queues its event, in one step: the state (what the reserve
-- script reads) and the event waiting for `risk.trading_state` are written together or not at all. The
-- stream lives in another cluster slot, so the event is appended afterwards by the store (once per change,
-- keyed by the change's number); whatever crashes in between, the outbox still holds the event.
-- KEYS[1] the trading-state hash, KEYS[2] its outbox hash.
-- ARGV[1] field (`global`, `strategy:<id>`, `underlying:<coin>`), ARGV[2] the field's value the caller read
-- ('' when absent), ARGV[3] the new record JSON, ARGV[4] the event JSON.
-- Returns {1, change number} when written; {0, the current value or ''} when the field changed since the
-- caller read it (nothing written: the caller reads again and decides again).
local current = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if current ~= ARGV[2] then return {0, current} end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
local seq = redis.call('HINCRBY', KEYS[2], 'seq', 1)
redis.call('HSET', KEYS[2], tostring(seq), ARGV[4])
return {1, tostring(seq)}
