/**
 * Risk limits out of the way of a run that measures something else (the race's capacities, the benches'
 * throughput): Greeks, ratios, leverage, drawdown, notional, the order rate and the duplicate window. A run
 * sets what it races for (position size, vega, data ages) after these.
 */
export const LOOSE_LIMITS_ENV: Readonly<Record<string, string>> = {
  RISK_MAX_ABS_DELTA: 'BTC:1000000,ETH:1000000',
  RISK_MAX_ABS_GAMMA: 'BTC:1000000,ETH:1000000',
  RISK_MAX_SHORT_THETA_USD: 'BTC:1000000000,ETH:1000000000',
  RISK_MAX_POSITION_RATIO: '100',
  RISK_MIN_POSITION_RATIO: '0',
  RISK_MAX_SINGLE_POSITION_PCT: '100',
  RISK_MAX_GROSS_LEVERAGE: '100',
  RISK_MAX_DRAWDOWN_PCT: '1',
  RISK_MAX_ORDER_NOTIONAL_USD: '1000000000',
  RISK_MAX_ORDERS_PER_S: '1000000',
  RISK_MAX_ORDERS_PER_S_PER_STRATEGY: '1000000',
  RISK_DUPLICATE_WINDOW_S: '0',
};
