-- Takes or renews one partition lease: free (or expired) → this holder takes it; its own → the TTL restarts.
-- KEYS[1] the lease key. ARGV[1] holder id, ARGV[2] TTL (ms).
-- Returns 1 when the holder has the lease after the call, 0 when another holder has it.
local current = redis.call('GET', KEYS[1])
if current == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
  return 1
end
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
  return 1
end
return 0
