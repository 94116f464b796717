-- Creates a pending-approval record (SPEC §5.3 item 4) unless one exists for the intent.
-- The record is a hash: `body` (JSON of the immutable part: intent, checks, expires_at, created_at,
-- approval_mode, four_eyes), `status`, `expires_at_ms`, `four_eyes` ('1' when two distinct approvers are
-- needed, else absent), after a four-eyes first approve `first_approved_by` and `first_command_id`, and
-- after a claim `command`, `command_id`, `claimed_by`, `reason` (absent = null). Only plain string fields
-- are touched in Lua: JSON is never re-encoded.
-- KEYS[1] record hash, KEYS[2] pending sorted set.
-- ARGV[1] intent id, ARGV[2] body JSON, ARGV[3] status, ARGV[4] expires_at_ms, ARGV[5] ttl seconds,
-- ARGV[6] four-eyes ('1'/'0').
-- Returns 1 when created, 0 when a record already exists.
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'body', ARGV[2], 'status', ARGV[3], 'expires_at_ms', ARGV[4])
if ARGV[6] == '1' then redis.call('HSET', KEYS[1], 'four_eyes', '1') end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
if ARGV[3] == 'pending' or ARGV[3] == 'awaiting_second' then
  redis.call('ZADD', KEYS[2], tonumber(ARGV[4]), ARGV[1])
end
return 1
