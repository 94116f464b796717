-- Claims a pending approval for one trader command (SPEC §5.3 item 5) and publishes the command, in one
-- step, so exactly one of approve, veto and expiry wins.
-- KEYS[1] record hash, KEYS[2] pending sorted set, KEYS[3] `intent.approval` stream.
-- ARGV[1] intent id, ARGV[2] command, ARGV[3] requested_by, ARGV[4] has reason ('1'/'0'),
-- ARGV[5] reason, ARGV[6] command_id, ARGV[7] now ms, ARGV[8] stream maxlen, ARGV[9] command JSON.
-- Returns {'OK', command_id}, {'REPEATED', original command_id}, {'CONFLICT', status} or {'NOT_FOUND'};
-- a pending record past its expiry (not yet swept) conflicts with status 'expired'.
if redis.call('EXISTS', KEYS[1]) == 0 then return {'NOT_FOUND'} end
local f = redis.call('HMGET', KEYS[1], 'status', 'expires_at_ms', 'command', 'claimed_by', 'command_id')
local status, expires, command, claimed_by, command_id = f[1], f[2], f[3], f[4], f[5]
if (status == 'claimed' or status == 'done') and command == ARGV[2] and claimed_by == ARGV[3] then
  return {'REPEATED', command_id}
end
if status ~= 'pending' then return {'CONFLICT', status} end
if tonumber(ARGV[7]) >= tonumber(expires) then return {'CONFLICT', 'expired'} end
redis.call('HSET', KEYS[1], 'status', 'claimed', 'command', ARGV[2], 'claimed_by', ARGV[3], 'command_id', ARGV[6])
if ARGV[4] == '1' then redis.call('HSET', KEYS[1], 'reason', ARGV[5]) end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[8], '*', 'data', ARGV[9])
return {'OK', ARGV[6]}
