-- Records a strategy's closed trade in its loss streak, once per position.update entry, in entry order
-- (an entry at or before the watermark is one some engine process applied already).
-- KEYS[1] the loss-streaks hash: `watermark` (the newest entry applied), `r:<strategy>|<symbol>` (the
-- cumulative realized PnL of the position at its last close), `n:<strategy>` (losing closed trades in a
-- row), `c:<strategy>` (cooldown end, epoch ms).
-- ARGV[1] the entry id, ARGV[2] strategy id, ARGV[3] symbol, ARGV[4] cumulative realized PnL after the
-- close (USD), ARGV[5] the close's time (ms), ARGV[6] RISK_LOSS_STREAK, ARGV[7] the cooldown (ms).
-- The trade's PnL is the realized PnL gained since the position's last close; below -1e-9 it is a loss
-- and lengthens the streak, else the streak ends. RISK_LOSS_STREAK losses in a row set the cooldown end to
-- the close's time + the cooldown and start the streak again from 0.
-- Returns {'APPLIED' | 'SEEN', losses, cooldown end or ''}: the strategy's record after the call.
local hash = KEYS[1]
local strategy = ARGV[2]
local function parts(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local function newer(a, b)
  local am, as = parts(a)
  local bm, bs = parts(b)
  if am ~= bm then return am > bm end
  return as > bs
end
local function record(status)
  return {status, redis.call('HGET', hash, 'n:' .. strategy) or '0', redis.call('HGET', hash, 'c:' .. strategy) or ''}
end
local seen = redis.call('HGET', hash, 'watermark')
if seen and not newer(ARGV[1], seen) then return record('SEEN') end
local position = 'r:' .. strategy .. '|' .. ARGV[3]
local realized = tonumber(ARGV[4])
local before = tonumber(redis.call('HGET', hash, position) or '0')
local losses = tonumber(redis.call('HGET', hash, 'n:' .. strategy) or '0')
if realized - before < -1e-9 then losses = losses + 1 else losses = 0 end
if losses >= tonumber(ARGV[6]) then
  redis.call('HSET', hash, 'c:' .. strategy, string.format('%.17g', tonumber(ARGV[5]) + tonumber(ARGV[7])))
  losses = 0
end
redis.call('HSET', hash, position, string.format('%.17g', realized), 'n:' .. strategy, losses, 'watermark', ARGV[1])
return record('APPLIED')
