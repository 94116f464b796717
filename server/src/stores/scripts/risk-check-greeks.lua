-- The Greek limits of the reserve script (a prelude fragment after risk-check-book; TypeScript twin:
-- services/engine/core/check-greek-limits.ts). KEYS, ARGV: none of its own. Defines greek_exposures(P,
-- coin) and check_delta_limit, check_gamma_limit, check_vega_limit, check_theta_limit.
--
-- Per underlying coin of the order, the projected book's Greek is the sum over its instruments of
-- (held + reserved [+ order]) x the per-unit Greek (units of `portfolio.risk`: delta coins, gamma per
-- 1 USD, vega USD per vol point, theta USD a day). The exposure is |Greek|, for theta the short theta
-- max(0, -theta). It fails when the exposure after the order is beyond the coin's limit AND the order
-- raises it: an order moving a Greek toward zero passes even while the book is over the limit. The
-- reported value is the failing coin's exposure, else the one nearest its limit.
local GREEKS = {'delta', 'gamma', 'vega', 'theta'}
local function exposure(greek, g)
  if greek == 'theta' then return math.max(0, -g) end
  return math.abs(g)
end
-- {before = {greek = exposure}, after = {...}} of one coin
local function greek_exposures(P, coin)
  local sums = {before = {delta = 0, gamma = 0, vega = 0, theta = 0},
    after = {delta = 0, gamma = 0, vega = 0, theta = 0}}
  for _, side in ipairs({'before', 'after'}) do
    for symbol, q in pairs(P[side]) do
      local f = P.fig[symbol]
      if f.u == coin then
        for _, greek in ipairs(GREEKS) do sums[side][greek] = sums[side][greek] + q * f[greek] end
      end
    end
    for _, greek in ipairs(GREEKS) do sums[side][greek] = exposure(greek, sums[side][greek]) end
  end
  return sums
end
local function check_greek(P, greek, limits)
  local worst = nil
  for _, coin in ipairs(P.coins) do
    local e = P.exposures[coin]
    local value, before = e.after[greek], e.before[greek]
    local limit = limits[coin]
    if limit ~= nil then limit = tonumber(limit) end
    local failed = limit ~= nil and above(value, limit) and above(value, before)
    local usage = -1
    if limit ~= nil then usage = value / limit end
    if worst == nil or (failed and not worst.failed) or (failed == worst.failed and usage > worst.usage) then
      worst = {value = value, limit = limit, failed = failed, usage = usage}
    end
  end
  local code = nil
  if worst.failed then code = 'GREEK_LIMIT_EXCEEDED' end
  return verdict(greek .. '_limit', worst.value, worst.limit, code)
end
local function check_delta_limit(P) return check_greek(P, 'delta', P.limits.max_abs_delta) end
local function check_gamma_limit(P) return check_greek(P, 'gamma', P.limits.max_abs_gamma) end
local function check_vega_limit(P) return check_greek(P, 'vega', P.limits.max_abs_vega) end
local function check_theta_limit(P) return check_greek(P, 'theta', P.limits.max_short_theta) end
