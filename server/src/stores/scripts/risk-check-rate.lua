-- order_rate of the reserve script (a prelude fragment after reservation-common; TypeScript twin:
-- services/engine/core/capacity.ts, checkOrderRate). KEYS, ARGV: none of its own; C is the capacity
-- context the reserve script builds: {hash (the capacity hash key), now (ms), strategy_id, rates =
-- {global, strategy} (orders per second), nil when the request has no capacity part}.
-- Token buckets in the capacity hash: `rate:global` and `rate:s:<strategy_id>` -> "<tokens>,<at ms>".
-- Capacity = the rate (one second of orders); a missing bucket is full. Defines check_order_rate(C) (reads
-- and refills, writes nothing) and commit_order_rate(C) (takes this order's token from both buckets:
-- called only when the whole decision passes and the order goes out).
local function rate_bucket(hash, field, now, rate)
  local raw = redis.call('HGET', hash, field)
  if not raw then return {tokens = rate, at = now} end
  local tokens, at = string.match(raw, '^([^,]+),([^,]+)$')
  tokens, at = tonumber(tokens), tonumber(at)
  local elapsed = math.max(0, now - at) / 1000
  return {tokens = math.min(rate, tokens + elapsed * rate), at = math.max(now, at)}
end
local function check_order_rate(C)
  if C.rates == nil then return {check = 'order_rate', value = nil, limit = nil, passed = true, code = nil} end
  C.buckets = {
    global = rate_bucket(C.hash, 'rate:global', C.now, C.rates.global),
    strategy = rate_bucket(C.hash, 'rate:s:' .. C.strategy_id, C.now, C.rates.strategy),
  }
  local used = {
    {value = C.rates.global - C.buckets.global.tokens + 1, limit = C.rates.global},
    {value = C.rates.strategy - C.buckets.strategy.tokens + 1, limit = C.rates.strategy},
  }
  local worst = used[1]
  if used[2].value / used[2].limit > worst.value / worst.limit then worst = used[2] end
  local code = nil
  if above(used[1].value, used[1].limit) or above(used[2].value, used[2].limit) then code = 'RATE_LIMITED' end
  return {check = 'order_rate', value = worst.value, limit = worst.limit, passed = code == nil, code = code}
end
local function commit_order_rate(C)
  if C.rates == nil then return end
  local g, s = C.buckets.global, C.buckets.strategy
  redis.call('HSET', C.hash, 'rate:global', num(g.tokens - 1) .. ',' .. num(g.at),
    'rate:s:' .. C.strategy_id, num(s.tokens - 1) .. ',' .. num(s.at))
end
