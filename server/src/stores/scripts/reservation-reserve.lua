-- Check-and-reserve. KEYS[1] reservations hash, KEYS[2] expiry sorted set. ARGV[1] now ms, ARGV[2] the
-- request JSON:
-- `{"reservation": <a reservation as stored>, "equity", "limits": {"max_single_position_pct",
-- "max_gross_leverage", "max_position_ratio", "min_position_ratio", "max_qty": {symbol: limit}},
-- "book": {symbol: {"quantity", "value", "notional"}}}` where `book` holds the account quantity of each
-- instrument without reservations and the figures the checks use per unit: value = mark (0 when
-- unknown), notional = spot of the underlying (else the mark, else 0). A reserved instrument missing from
-- `book` is valued with the figures stored in its reservation.
--
-- Re-evaluates the reservation-dependent limits on account + every live reservation (an earlier one of
-- the same intent is replaced) + this order: max_position_size, single_position_share, gross_leverage
-- and position_ratio, each as in SPEC §6.1 (the ratio limits only veto an order that moves the ratio
-- further out). Every comparison goes through above/below (the prelude's one tolerance, the engine's too),
-- so the script never fails what the engine's checks passed on the same figures. Returns `{'OK'}` after reserving, or
-- `{'FAILED', '<check>,<check>', <live reservation JSON>...}` without writing anything.
prune(KEYS[1], KEYS[2], ARGV[1])
local req = cjson.decode(ARGV[2])
local mine = req.reservation
local limits = req.limits
local equity = tonumber(req.equity)

local before, value, notional, known = {}, {}, {}, {}
for symbol, f in pairs(req.book) do
  before[symbol] = tonumber(f.quantity)
  value[symbol] = tonumber(f.value)
  notional[symbol] = tonumber(f.notional)
  known[symbol] = true
end
local raw = redis.call('HGETALL', KEYS[1])
local live = {}
for i = 1, #raw, 2 do
  if raw[i] ~= mine.intent_id then
    table.insert(live, raw[i + 1])
    local r = cjson.decode(raw[i + 1])
    for _, l in ipairs(r.legs) do
      before[l.symbol] = (before[l.symbol] or 0) + signed(l)
      if not known[l.symbol] then
        value[l.symbol] = l.mark
        notional[l.symbol] = l.spot
      end
    end
  end
end

local after = {}
for symbol, q in pairs(before) do after[symbol] = q end
for _, l in ipairs(mine.legs) do
  after[l.symbol] = (after[l.symbol] or 0) + signed(l)
  if before[l.symbol] == nil then before[l.symbol] = 0 end
  value[l.symbol] = l.mark
  notional[l.symbol] = l.spot
end

local failed = {}
-- max_position_size: |post-order quantity| per instrument of the order
for _, l in ipairs(mine.legs) do
  local limit = limits.max_qty[l.symbol]
  if limit ~= nil then
    limit = tonumber(limit)
    if above(math.abs(after[l.symbol]), limit) then
      table.insert(failed, 'max_position_size')
      break
    end
  end
end
if equity <= 0 then
  table.insert(failed, 'single_position_share')
  table.insert(failed, 'gross_leverage')
  table.insert(failed, 'position_ratio')
else
  -- single_position_share: |post-order quantity x mark| / equity per leg
  for _, l in ipairs(mine.legs) do
    if above(math.abs(after[l.symbol] * l.mark) / equity, tonumber(limits.max_single_position_pct)) then
      table.insert(failed, 'single_position_share')
      break
    end
  end
  local gb, ga, vb, va = 0, 0, 0, 0
  for symbol, q in pairs(before) do
    gb = gb + math.abs(q) * (notional[symbol] or 0)
    vb = vb + math.abs(q * (value[symbol] or 0))
  end
  for symbol, q in pairs(after) do
    ga = ga + math.abs(q) * (notional[symbol] or 0)
    va = va + math.abs(q * (value[symbol] or 0))
  end
  gb, ga, vb, va = gb / equity, ga / equity, vb / equity, va / equity
  if above(ga, tonumber(limits.max_gross_leverage)) and above(ga, gb) then
    table.insert(failed, 'gross_leverage')
  end
  local too_high = above(va, tonumber(limits.max_position_ratio)) and above(va, vb)
  local too_low = below(va, tonumber(limits.min_position_ratio)) and below(va, vb)
  if too_high or too_low then table.insert(failed, 'position_ratio') end
end

if #failed > 0 then
  local reply = {'FAILED', table.concat(failed, ',')}
  for _, json in ipairs(live) do table.insert(reply, json) end
  return reply
end
redis.call('HSET', KEYS[1], mine.intent_id, encode(mine))
redis.call('ZADD', KEYS[2], tonumber(mine.expires_at_ms), mine.intent_id)
return {'OK'}
