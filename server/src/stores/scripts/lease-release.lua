-- Gives a lease up, only if this holder still has it (an expired lease may belong to another process now).
-- KEYS[1] the lease key. ARGV[1] holder id. Returns 1 when released, 0 otherwise.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
