import type { z } from 'zod';
import { DailyHistoryEventSchema, type DailyHistoryEvent } from '../messages/daily-history-event.ts';
import type { IntentDecisionEvent } from '../messages/intent-decision-event.ts';
import type { MacroStateEvent } from '../messages/macro-state-event.ts';
import type { MarketTickEvent } from '../messages/market-tick-event.ts';
import type { OrderFillEvent } from '../messages/order-fill-event.ts';
import type { PortfolioRiskEvent } from '../messages/portfolio-risk-event.ts';
import type { PositionUpdateEvent } from '../messages/position-update-event.ts';
import type { StrategyIntentEvent } from '../messages/strategy-intent-event.ts';
import type { VolatilityForecastEvent } from '../messages/volatility-forecast-event.ts';
import type { VolatilitySurfaceEvent } from '../messages/volatility-surface-event.ts';

/** The instant every factory stamps by default: `2026-03-02T09:15:04.120Z` (the FakeClock's start). */
export const TEST_TIMESTAMP = '2026-03-02T09:15:04.120Z';

let sequence = 0;
/** A deterministic, unique test id (`test-1`, `test-2`, …); not a UUID. */
export const nextTestId = (prefix = 'test'): string => `${prefix}-${++sequence}`;

/** A decoded MarketTickEvent (`market.tick`): a BTC spot tick at 100 000 by default. */
export const createMarketTick = (overrides: Partial<MarketTickEvent> = {}): MarketTickEvent => ({
  symbol: 'BTC/USDT',
  price: 100_000,
  volume: 0,
  bid: null,
  ask: null,
  timestamp: TEST_TIMESTAMP,
  metadata: {},
  ...overrides,
});

/** A decoded VolatilitySurfaceEvent (`market.vol_surface`) without chain rows: BTC, P = `atm_iv` 0.65. */
export const createVolSurface = (
  overrides: Partial<VolatilitySurfaceEvent> = {},
): VolatilitySurfaceEvent => ({
  underlying: 'BTC/USDT',
  surface_data: [],
  atm_iv: 0.65,
  iv_skew: {},
  term_structure: {},
  spot_price: 100_000,
  forwards: null,
  atm_expiry: null,
  rr_25d: null,
  timestamp: TEST_TIMESTAMP,
  metadata: {},
  ...overrides,
});

/** A decoded VolatilityForecastEvent (`strategy.forecast.volatility`): BTC, 24h, Q = 0.72. */
export const createVolForecast = (
  overrides: Partial<VolatilityForecastEvent> = {},
): VolatilityForecastEvent => ({
  underlying: 'BTC/USDT',
  forecast_horizon: '24h',
  predicted_volatility: 0.72,
  confidence: 0.8,
  model_version: 'ewma-0.94/1',
  features_used: ['log_returns_5s'],
  candidates: [],
  timestamp: TEST_TIMESTAMP,
  metadata: {},
  ...overrides,
});

/** A decoded MacroStateEvent (`market.macro_state`): market-wide, everything unknown. */
export const createMacroState = (overrides: Partial<MacroStateEvent> = {}): MacroStateEvent => ({
  symbol: null,
  macro_regime: null,
  regime_score: 0,
  sentiment_score: null,
  fomo_score: null,
  realized_vol: null,
  funding_rate: null,
  onchain_activity: null,
  onchain_age_s: null,
  timestamp: TEST_TIMESTAMP,
  metadata: {},
  ...overrides,
});

/** A decoded DailyHistoryEvent (`market.daily_history`): BTC from the simulator, no bars; bars may leave out `volume`. */
export const createDailyHistory = (
  overrides: Partial<Omit<z.input<typeof DailyHistoryEventSchema>, 'symbol'>> & { symbol?: string } = {},
): DailyHistoryEvent =>
  DailyHistoryEventSchema.parse({
    symbol: 'BTC/USDT',
    bars: [],
    source: 'simulator',
    timestamp: TEST_TIMESTAMP,
    ...overrides,
  });

/** A decoded PortfolioRiskEvent (`portfolio.risk`): BTC, flat Greeks. */
export const createPortfolioRisk = (overrides: Partial<PortfolioRiskEvent> = {}): PortfolioRiskEvent => ({
  total_delta: 0,
  total_gamma: 0,
  total_vega: 0,
  total_theta: 0,
  total_rho: 0,
  position_ratio: null,
  leverage: null,
  underlying: 'BTC/USDT',
  timestamp: TEST_TIMESTAMP,
  metadata: {},
  ...overrides,
});

/** A decoded StrategyIntentEvent (`strategy.intent`): a PQVolTrader long-straddle intent. */
export const createStrategyIntent = (overrides: Partial<StrategyIntentEvent> = {}): StrategyIntentEvent => ({
  intent_id: nextTestId('intent'),
  strategy_id: 'pq_vol_trader_btc',
  symbol: 'BTC/USDT',
  intent_type: 'increase_long_gamma',
  action: 'buy_straddle',
  direction: 'buy',
  quantity: 0.1,
  confidence: 0.7,
  reason: 'market_underpricing_volatility',
  timestamp: TEST_TIMESTAMP,
  metadata: {},
  ...overrides,
});

/** A decoded IntentDecisionEvent (`intent.decision`): `vetoed` by the risk service unless overridden. */
export const createIntentDecision = (overrides: Partial<IntentDecisionEvent> = {}): IntentDecisionEvent => {
  const intentId = overrides.intent_id ?? nextTestId('intent');
  const status = overrides.status ?? 'vetoed';
  return {
    decision_id: `${intentId}:${status}`,
    intent_id: intentId,
    strategy_id: 'pq_vol_trader_btc',
    symbol: 'BTC/USDT',
    action: 'buy_straddle',
    direction: 'buy',
    quantity: 0.1,
    status,
    reason_codes: [],
    reason: null,
    checks: [],
    decided_by: 'risk_service',
    approvers: [],
    approval_mode: 'manual',
    expires_at: null,
    timestamp: TEST_TIMESTAMP,
    metadata: {},
    ...overrides,
  };
};

/** A decoded OrderFillEvent (`order.fill`): a 0.1 BTC spot buy at 100 000. */
export const createOrderFill = (overrides: Partial<OrderFillEvent> = {}): OrderFillEvent => {
  const clientOrderId = overrides.client_order_id ?? `${nextTestId('intent')}-0`;
  return {
    strategy_id: 'grid_btc',
    order_id: `paper-${clientOrderId}`,
    symbol: 'BTC/USDT',
    side: 'buy',
    quantity: 0.1,
    price: 100_000,
    fee: 0,
    intent_id: null,
    client_order_id: clientOrderId,
    timestamp: TEST_TIMESTAMP,
    metadata: {},
    ...overrides,
  };
};

/** A decoded PositionUpdateEvent (`position.update`): 0.1 BTC spot held by `grid_btc`. */
export const createPositionUpdate = (overrides: Partial<PositionUpdateEvent> = {}): PositionUpdateEvent => ({
  strategy_id: 'grid_btc',
  symbol: 'BTC/USDT',
  quantity: 0.1,
  avg_price: 100_000,
  unrealized_pnl: 0,
  timestamp: TEST_TIMESTAMP,
  metadata: {},
  ...overrides,
});
