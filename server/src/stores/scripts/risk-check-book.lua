-- Checks of the reserve script on instruments and equity (a prelude fragment: services/engine/core has
-- the same checks in TypeScript, check-*.ts; reserve-script-agreement.int.test.ts keeps them equal).
-- KEYS, ARGV: none of its own. Defines verdict(check, value, limit, code_or_nil) and check_drawdown,
-- check_position_ratio, check_single_position_share, check_gross_leverage, check_max_position_size,
-- each taking the projection P the reserve script builds (see reservation-reserve.lua) and returning a
-- verdict {check, value, limit, passed, code}; value and limit may be nil (JSON null).
local function verdict(check, value, limit, code)
  return {check = check, value = value, limit = limit, passed = code == nil, code = code}
end
-- A protective order (the hedge lane) is not held back by this check: it passes with its figures
local function exempt(P, v)
  if P.protective then v.passed = true v.code = nil end
  return v
end

-- drawdown: (peak - equity) / peak beyond RISK_MAX_DRAWDOWN_PCT; the order plays no part
local function check_drawdown(P)
  local raw
  if P.peak > 0 then raw = math.max(0, (P.peak - P.equity) / P.peak)
  elseif P.equity > 0 then raw = 0 else raw = 1 end
  local limit = tonumber(P.limits.max_drawdown_pct)
  local code = nil
  if above(raw, limit) then code = 'MAX_DRAWDOWN_EXCEEDED' end
  return exempt(P, verdict('drawdown', raw, limit, code))
end

-- sum over the book of |q x mark| (value) or |q| x notional (gross), USD
local function book_sum(P, side, per_unit)
  local total = 0
  for symbol, q in pairs(P[side]) do total = total + math.abs(q) * math.abs(per_unit(symbol)) end
  return total
end

-- position_ratio: position value / equity above the max vetoes only an order that raises it; the min is an
-- alert of the risk service, never a veto (a reducing order must go through)
local function check_position_ratio(P)
  local limit = tonumber(P.limits.max_position_ratio)
  if P.equity <= 0 then return exempt(P, verdict('position_ratio', nil, limit, 'POSITION_RATIO_ABOVE_MAX')) end
  local vb = book_sum(P, 'before', P.mark) / P.equity
  local va = book_sum(P, 'after', P.mark) / P.equity
  local code = nil
  if above(va, limit) and above(va, vb) then code = 'POSITION_RATIO_ABOVE_MAX' end
  return exempt(P, verdict('position_ratio', va, limit, code))
end

-- single_position_share: the largest |post-order quantity x mark| / equity over the order's legs
local function check_single_position_share(P)
  local limit = tonumber(P.limits.max_single_position_pct)
  if P.equity <= 0 then return verdict('single_position_share', nil, limit, 'SINGLE_POSITION_SHARE_EXCEEDED') end
  local share = 0
  for _, l in ipairs(P.legs) do share = math.max(share, math.abs(P.after[l.symbol] * l.mark) / P.equity) end
  local code = nil
  if above(share, limit) then code = 'SINGLE_POSITION_SHARE_EXCEEDED' end
  return verdict('single_position_share', share, limit, code)
end

-- gross_leverage: gross notional / equity above the max vetoes only an order that raises it
local function check_gross_leverage(P)
  local limit = tonumber(P.limits.max_gross_leverage)
  if P.equity <= 0 then return verdict('gross_leverage', nil, limit, 'GROSS_LEVERAGE_EXCEEDED') end
  local gb = book_sum(P, 'before', P.notional) / P.equity
  local ga = book_sum(P, 'after', P.notional) / P.equity
  local code = nil
  if above(ga, limit) and above(ga, gb) then code = 'GROSS_LEVERAGE_EXCEEDED' end
  return verdict('gross_leverage', ga, limit, code)
end

-- max_position_size: |held + reserved + order| per ordered instrument against its coin's limit; the
-- instrument nearest its limit is reported (a coin without a limit is unbounded)
local function check_max_position_size(P)
  local worst = nil
  local seen = {}
  for _, l in ipairs(P.legs) do
    if not seen[l.symbol] then
      seen[l.symbol] = true
      local limit = P.limits.max_qty[l.coin]
      if limit ~= nil then limit = tonumber(limit) end
      local value = math.abs(P.after[l.symbol])
      local usage = 0
      if limit ~= nil then
        if limit > 0 then usage = value / limit else usage = math.huge end
      end
      if worst == nil or usage > worst.usage or (usage == worst.usage and value > worst.value) then
        worst = {value = value, limit = limit, usage = usage}
      end
    end
  end
  local code = nil
  if worst.limit ~= nil and above(worst.value, worst.limit) then code = 'MAX_POSITION_SIZE_EXCEEDED' end
  return verdict('max_position_size', worst.value, worst.limit, code)
end
