-- duplicate_intent of the reserve script (a prelude fragment after reservation-common; TypeScript twin:
-- services/engine/core/capacity.ts, checkDuplicateIntent). KEYS, ARGV: none of its own; C: {hash, now,
-- intent_id, strategy_id, symbol, action, duplicate_window_ms (0: off), rates (nil: the request has no capacity part, nothing is checked)}.
-- The mark of the last accepted intent per strategy, symbol and action is the capacity hash's field
-- `dup:<strategy>|<symbol>|<action>` -> "<at ms>,<intent id>"; it counts for the window only (an older
-- mark is ignored and overwritten). Defines check_duplicate_intent(C) (reads) and
-- commit_duplicate_intent(C) (sets the mark: only when the whole decision passes).
local function dup_field(C) return 'dup:' .. C.strategy_id .. '|' .. C.symbol .. '|' .. C.action end
local function check_duplicate_intent(C)
  if C.rates == nil then
    return {check = 'duplicate_intent', value = nil, limit = nil, passed = true, code = nil}
  end
  local window = C.duplicate_window_ms / 1000
  local v = {check = 'duplicate_intent', value = nil, limit = window, passed = true, code = nil}
  if C.duplicate_window_ms <= 0 then return v end
  local raw = redis.call('HGET', C.hash, dup_field(C))
  if not raw then return v end
  local at, id = string.match(raw, '^([^,]+),(.*)$')
  if id == C.intent_id then return v end
  local since = (C.now - tonumber(at)) / 1000
  v.value = since
  if below(since, window) then v.passed, v.code = false, 'DUPLICATE_INTENT' end
  return v
end
local function commit_duplicate_intent(C)
  if C.duplicate_window_ms <= 0 then return end
  redis.call('HSET', C.hash, dup_field(C), num(C.now) .. ',' .. C.intent_id)
end
