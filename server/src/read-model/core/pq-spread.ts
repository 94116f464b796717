import type {
  MacroStateEvent,
  StrategyIntentEvent,
  VolatilityForecastEvent,
  VolatilitySurfaceEvent,
} from '@gamma/shared';

/** The pq-spread view of one underlying (SPEC §10.2); anything not yet known is null. */
export interface PqSpreadView {
  underlying: string;
  /** Latest surface `atm_iv` (P) */
  p_vol: number | null;
  /** Latest forecast of the trader's horizon (Q) */
  q_vol: number | null;
  /** q_vol − p_vol */
  spread: number | null;
  signal: 'buy_volatility' | 'sell_volatility' | 'hold' | null;
  confidence: number | null;
  intent_type: string | null;
  intent_reason: string | null;
  intent_id: string | null;
  macro_regime: string | null;
  regime_score: number | null;
  fomo_score: number | null;
  forecast_horizon: string;
  p_timestamp: string | null;
  q_timestamp: string | null;
  /** When the view was built */
  timestamp: string;
}

/** The inputs of a pq-spread view. */
export interface PqSpreadInputs {
  underlying: string;
  horizon: string;
  surface: VolatilitySurfaceEvent | null;
  forecast: VolatilityForecastEvent | null;
  /** Latest intent of the underlying's PQVolTrader, holds included */
  intent: StrategyIntentEvent | null;
  macro: MacroStateEvent | null;
  nowIso: string;
}

/** The signal tag of an intent type. */
export function signalOf(intentType: string): 'buy_volatility' | 'sell_volatility' | 'hold' {
  if (intentType === 'increase_long_gamma') return 'buy_volatility';
  if (intentType === 'increase_short_gamma') return 'sell_volatility';
  return 'hold';
}

/** Builds the view; the signal is null until the trader has published an intent. */
export function buildPqSpread(inputs: PqSpreadInputs): PqSpreadView {
  const { surface, forecast, intent, macro } = inputs;
  const p = surface?.atm_iv ?? null;
  const q = forecast?.predicted_volatility ?? null;
  return {
    underlying: inputs.underlying,
    p_vol: p,
    q_vol: q,
    spread: p !== null && q !== null ? q - p : null,
    signal: intent ? signalOf(intent.intent_type) : null,
    confidence: intent?.confidence ?? null,
    intent_type: intent?.intent_type ?? null,
    intent_reason: intent?.reason ?? null,
    intent_id: intent?.intent_id ?? null,
    macro_regime: macro?.macro_regime ?? null,
    regime_score: macro?.regime_score ?? null,
    fomo_score: macro?.fomo_score ?? null,
    forecast_horizon: inputs.horizon,
    p_timestamp: surface?.timestamp ?? null,
    q_timestamp: forecast?.timestamp ?? null,
    timestamp: inputs.nowIso,
  };
}

/** The PQVolTrader instance of an underlying: `pq_vol_trader_<base lowercase>`. */
export const pqTraderIdOf = (underlying: string): string =>
  `pq_vol_trader_${(underlying.split('/')[0] ?? underlying).toLowerCase()}`;

/**
 * Normalises an underlying as typed in a URL or a form: `BTC-USDT`, `btc/usdt` → `BTC/USDT`.
 * Returns null for something that is not `<BASE>/<QUOTE>`.
 */
export function normalizeUnderlying(raw: string): string | null {
  const value = raw.trim().toUpperCase().replace('-', '/');
  return /^[A-Z0-9]+\/[A-Z0-9]+$/.test(value) ? value : null;
}
