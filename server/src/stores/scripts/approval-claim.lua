-- Claims an open approval for one trader command (SPEC §5.3 item 5, four-eyes of issue 10) and publishes
-- the command, in one step, so exactly one of approve, veto and expiry wins. The rule is `claimStep` of
-- shared/src/approval-status.ts (the in-memory store applies it): a repeat of the claim in force is
-- idempotent; an open record ('pending' or 'awaiting_second') before its expiry is claimed, except that
-- the first approve of a four-eyes record only moves it to 'awaiting_second' (the record stays in the
-- pending set, same expiry) and publishes the first-stage command, and its second approve must come
-- from another user.
-- KEYS[1] record hash, KEYS[2] pending sorted set, KEYS[3] `intent.approval` stream.
-- ARGV[1] intent id, ARGV[2] command, ARGV[3] requested_by, ARGV[4] has reason ('1'/'0'),
-- ARGV[5] reason, ARGV[6] command_id, ARGV[7] now ms, ARGV[8] stream maxlen, ARGV[9] command JSON,
-- ARGV[10] the same command as a four-eyes first approve (metadata.stage 'first') JSON.
-- Returns {'OK', command_id}, {'FIRST', command_id}, {'REPEATED', original command_id},
-- {'CONFLICT', status} (or {'CONFLICT', status, 'same_approver'}) or {'NOT_FOUND'}; a record past its
-- expiry (not yet swept) conflicts with status 'expired'.
if redis.call('EXISTS', KEYS[1]) == 0 then return {'NOT_FOUND'} end
local f = redis.call('HMGET', KEYS[1], 'status', 'expires_at_ms', 'command', 'claimed_by', 'command_id',
  'four_eyes', 'first_approved_by')
local status, expires, command, claimed_by, command_id = f[1], f[2], f[3], f[4], f[5]
local four_eyes, first_by = f[6] == '1', f[7]
if (status == 'claimed' or status == 'done') and command == ARGV[2] and claimed_by == ARGV[3] then
  return {'REPEATED', command_id}
end
if status ~= 'pending' and status ~= 'awaiting_second' then return {'CONFLICT', status} end
if tonumber(ARGV[7]) >= tonumber(expires) then return {'CONFLICT', 'expired'} end
if ARGV[2] == 'approve' and four_eyes then
  if status == 'pending' then
    redis.call('HSET', KEYS[1], 'status', 'awaiting_second', 'first_approved_by', ARGV[3],
      'first_command_id', ARGV[6])
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[8], '*', 'data', ARGV[10])
    return {'FIRST', ARGV[6]}
  end
  if first_by == ARGV[3] then return {'CONFLICT', status, 'same_approver'} end
end
redis.call('HSET', KEYS[1], 'status', 'claimed', 'command', ARGV[2], 'claimed_by', ARGV[3], 'command_id', ARGV[6])
if ARGV[4] == '1' then redis.call('HSET', KEYS[1], 'reason', ARGV[5]) end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[8], '*', 'data', ARGV[9])
return {'OK', ARGV[6]}
