/**
 * Lua scripts of the approval store (SPEC §5.3 items 4, 5 and 8). Each runs atomically in Redis, so
 * exactly one of approve, veto and expiry wins a pending record.
 *
 * The record is a hash: `body` (JSON of the immutable part: intent, checks, expires_at, created_at,
 * approval_mode), `status`, `expires_at_ms`, and after a claim `command`, `command_id`, `claimed_by`,
 * `reason` (absent = null). Only plain string fields are touched here: JSON is never re-encoded in Lua.
 */

/**
 * KEYS[1] record hash, KEYS[2] pending sorted set.
 * ARGV[1] intent id, ARGV[2] body JSON, ARGV[3] status, ARGV[4] expires_at_ms, ARGV[5] ttl seconds.
 * Returns 1 when created, 0 when a record already exists.
 */
export const CREATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'body', ARGV[2], 'status', ARGV[3], 'expires_at_ms', ARGV[4])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
if ARGV[3] == 'pending' then
  redis.call('ZADD', KEYS[2], tonumber(ARGV[4]), ARGV[1])
end
return 1
`;

/**
 * KEYS[1] record hash, KEYS[2] pending sorted set, KEYS[3] `intent.approval` stream.
 * ARGV[1] intent id, ARGV[2] command, ARGV[3] requested_by, ARGV[4] has reason ('1'/'0'),
 * ARGV[5] reason, ARGV[6] command_id, ARGV[7] now ms, ARGV[8] stream maxlen, ARGV[9] command JSON.
 * Returns {'OK', command_id}, {'REPEATED', original command_id}, {'CONFLICT', status} or {'NOT_FOUND'};
 * a pending record past its expiry (not yet swept) conflicts with status 'expired'.
 */
export const CLAIM_SCRIPT = `
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
`;

/**
 * KEYS[1] record hash, KEYS[2] pending sorted set. ARGV[1] intent id, ARGV[2] now ms.
 * Returns 1 when this call moved the record from pending to expired, else 0.
 */
export const EXPIRE_SCRIPT = `
local f = redis.call('HMGET', KEYS[1], 'status', 'expires_at_ms')
if f[1] ~= 'pending' then
  if not f[1] then redis.call('ZREM', KEYS[2], ARGV[1]) end
  return 0
end
if tonumber(ARGV[2]) < tonumber(f[2]) then return 0 end
redis.call('HSET', KEYS[1], 'status', 'expired')
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
`;

/**
 * KEYS[1] record hash, KEYS[2] pending sorted set. ARGV[1] intent id.
 * A claimed record becomes done; any other status is left as it is. Returns 1 when changed.
 */
export const MARK_DONE_SCRIPT = `
redis.call('ZREM', KEYS[2], ARGV[1])
if redis.call('HGET', KEYS[1], 'status') == 'claimed' then
  redis.call('HSET', KEYS[1], 'status', 'done')
  return 1
end
return 0
`;
