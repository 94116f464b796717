import { nearestStrike } from '@gamma/shared';

/** The fields of a chain row the summaries read (satisfied by OptionChainData). */
export interface ChainPoint {
  strike: number;
  expiry: string;
  option_type: 'call' | 'put';
  implied_volatility: number;
}

/** A strike as written in `iv_skew` keys: no decimals (SPEC §3.2); a fractional strike keeps its digits. */
export const strikeKey = (strike: number): string =>
  Number.isInteger(strike) ? strike.toFixed(0) : String(Number(strike.toFixed(8)));

/** ATM IV of one expiry's rows: strike nearest the forward, mean of its call and put IV (SPEC §3.2). */
export function atmIvOf(rows: readonly ChainPoint[], forward: number): number | null {
  const atm = nearestStrike(
    rows.map((r) => r.strike),
    forward,
  );
  const ivs = rows.filter((r) => r.strike === atm).map((r) => r.implied_volatility);
  return ivs.length > 0 ? ivs.reduce((s, v) => s + v, 0) / ivs.length : null;
}

/** Strike key → IV of the out-of-the-money option (call at or above the forward, put below). */
export function ivSkewOf(rows: readonly ChainPoint[], forward: number): Record<string, number> {
  const skew: Record<string, number> = {};
  for (const r of rows) {
    const otm = r.strike >= forward ? 'call' : 'put';
    if (r.option_type === otm) skew[strikeKey(r.strike)] = r.implied_volatility;
  }
  return skew;
}
