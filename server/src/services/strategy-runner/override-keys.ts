import { LIST, NUMBER, TEXT } from '../../config/readers.ts';
import type { Reader } from '../../config/setting.ts';
import type { StrategyType } from './config.ts';

/** Override key (SPEC names, plus the env-variable suffix as an alias) → config field and its reader. */
export const OVERRIDE_KEYS: Record<StrategyType, Record<string, [field: string, reader: Reader]>> = {
  pq_vol_trader: {
    vol_threshold: ['volThreshold', NUMBER],
    forecast_horizon: ['forecastHorizon', TEXT],
    max_position_size: ['maxPositionSize', NUMBER],
    intent_base_size: ['intentBaseSize', NUMBER],
    max_fomo_score: ['maxFomoScore', NUMBER],
    signal_cooldown: ['signalCooldownS', NUMBER],
    signal_cooldown_s: ['signalCooldownS', NUMBER],
    max_intraday_return: ['maxIntradayReturn', NUMBER],
    structure: ['structure', TEXT],
    hold_regimes: ['holdRegimes', LIST],
    stale_after: ['staleAfterS', NUMBER],
    stale_after_s: ['staleAfterS', NUMBER],
  },
  delta_hedger: {
    hedge_instrument: ['hedgeInstrument', TEXT],
    delta_threshold: ['deltaThreshold', NUMBER],
    threshold: ['deltaThreshold', NUMBER],
    rebalance_interval: ['rebalanceIntervalS', NUMBER],
    rebalance_interval_s: ['rebalanceIntervalS', NUMBER],
    hedge_lot: ['hedgeLot', NUMBER],
  },
  s1: {
    lookback: ['lookback', NUMBER],
    sell_target_pct: ['sellTargetPct', NUMBER],
    buy_target_pct: ['buyTargetPct', NUMBER],
    daily_update_interval: ['dailyUpdateIntervalH', NUMBER],
    daily_update_interval_h: ['dailyUpdateIntervalH', NUMBER],
    safety_margin: ['safetyMargin', NUMBER],
    min_amount: ['minAmount', NUMBER],
    min_notional: ['minNotional', NUMBER],
    amount_precision: ['amountPrecision', NUMBER],
  },
  grid: {
    base_price: ['basePrice', NUMBER],
    grid_size: ['gridSizePct', NUMBER],
    size_pct: ['gridSizePct', NUMBER],
    flip_threshold_factor: ['flipThresholdFactor', NUMBER],
    min_trade_interval: ['minTradeIntervalS', NUMBER],
    min_trade_interval_s: ['minTradeIntervalS', NUMBER],
    order_fraction: ['orderFraction', NUMBER],
  },
};
