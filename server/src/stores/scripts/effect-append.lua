-- An effect that appends entries to one stream, exactly once: every entry is appended and the done-mark
-- set in one step, or nothing is written because the mark is already set (the effect happened before).
-- KEYS[1] done-mark (tagged with the stream's key), KEYS[2] the stream.
-- ARGV[1] outcome kept in the mark, ARGV[2] mark TTL (s), ARGV[3] stream maxlen (`MAXLEN ~`),
-- ARGV[4..] the `data` field of each entry, in order (already encoded by the bus codec).
-- Returns {1, outcome} when this call appended, {0, the outcome kept by the earlier call} otherwise.
local done = redis.call('GET', KEYS[1])
if done then return {0, done} end
for i = 4, #ARGV do
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], '*', 'data', ARGV[i])
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[2]))
return {1, ARGV[1]}
