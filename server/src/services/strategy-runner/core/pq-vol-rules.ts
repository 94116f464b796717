import type { PqVolTraderConfig } from '../config.ts';

/** What the PQVolTrader knows when it evaluates (SPEC §4.1, rules 3–9). */
export interface PqInputs {
  /** Q − P */
  spread: number;
  /** Signed structures held */
  position: number;
  fomoScore: number | null;
  macroRegime: string | null;
  /** Return of the underlying since 00:00 UTC */
  intradayReturn: number;
}

/** The outcome of one evaluation: a trade, or a hold with its reason and metadata. */
export type PqVerdict =
  | { kind: 'trade'; side: 'buy' | 'sell'; reason: string }
  | { kind: 'hold'; reason: string; metadata: Record<string, unknown> };

const round8 = (x: number): number => Math.round(x * 1e8) / 1e8;

/** Rules 3–9 of SPEC §4.1, first match wins (staleness and cooldown are checked before). */
export function decidePq(inputs: PqInputs, c: PqVolTraderConfig): PqVerdict {
  const { spread, position, fomoScore, macroRegime, intradayReturn } = inputs;
  if (fomoScore !== null && fomoScore > c.maxFomoScore)
    return { kind: 'hold', reason: 'high_fomo_risk', metadata: { fomo_score: fomoScore } };
  if (macroRegime !== null && c.holdRegimes.includes(macroRegime))
    return { kind: 'hold', reason: 'macro_regime_hold', metadata: { macro_regime: macroRegime } };
  if (spread > c.volThreshold && intradayReturn > c.maxIntradayReturn)
    return {
      kind: 'hold',
      reason: 'intraday_chase_limit',
      metadata: { intraday_return: intradayReturn, max_intraday_return: c.maxIntradayReturn },
    };
  if (spread > c.volThreshold && position < c.maxPositionSize)
    return { kind: 'trade', side: 'buy', reason: 'market_underpricing_volatility' };
  if (spread < -c.volThreshold && position > -c.maxPositionSize)
    return { kind: 'trade', side: 'sell', reason: 'market_overpricing_volatility' };
  if (Math.abs(spread) > c.volThreshold)
    return { kind: 'hold', reason: 'position_limit_reached', metadata: { current_position: position } };
  return { kind: 'hold', reason: 'threshold_not_met', metadata: { pq_spread: spread } };
}

/** Quantity of a trade: min(`intent_base_size`, room left to the position bound on that side). */
export function pqTradeQuantity(side: 'buy' | 'sell', position: number, c: PqVolTraderConfig): number {
  const available =
    side === 'buy' ? Math.max(0, c.maxPositionSize - position) : Math.max(0, c.maxPositionSize + position);
  return round8(Math.min(c.intentBaseSize, available));
}

/** Confidence = min(1, |spread| / (2 × `vol_threshold`)). */
export const pqConfidence = (spread: number, c: PqVolTraderConfig): number =>
  Math.min(1, Math.abs(spread) / (2 * c.volThreshold));

/** Sum of the legs' signed quantities ÷ 2 (one structure = two legs), rounded to 1e-8. */
export const structuresOf = (legQuantities: Iterable<number>): number => {
  let sum = 0;
  for (const qty of legQuantities) sum += qty;
  return round8(sum / 2);
};
