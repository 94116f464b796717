/** Which expiry, strikes and rows an option structure uses (SPEC §7), pure. */
import type { OptionChainData } from '../messages/option-chain-data.ts';
import { venueGreeks } from '../quant/inverse.ts';
import { expiryInstantMs, yearsToExpiry } from '../symbols.ts';

/** A finite number > 0 (quotes, forwards, IVs). */
export const isPositive = (x: number | null | undefined): x is number =>
  typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * The earliest expiry of the rows at least `minExpiryHours` away from `nowMs` (expiry = its date at
 * 08:00 UTC), or null. Unparsable expiries are ignored.
 */
export function selectLiveExpiry(
  rows: readonly OptionChainData[],
  nowMs: number,
  minExpiryHours: number,
): string | null {
  const minMs = nowMs + minExpiryHours * 3_600_000;
  let best: string | null = null;
  let bestMs = Infinity;
  for (const row of rows) {
    const ms = expiryInstantMs(row.expiry);
    if (Number.isFinite(ms) && ms >= minMs && ms < bestMs) {
      best = row.expiry;
      bestMs = ms;
    }
  }
  return best;
}

/** The listed strike nearest `forward`; the lower one on a tie. Null for no strikes. */
export function nearestStrike(strikes: readonly number[], forward: number): number | null {
  let best: number | null = null;
  for (const k of strikes) {
    if (best === null) best = k;
    else {
      const d = Math.abs(k - forward);
      const bd = Math.abs(best - forward);
      if (d < bd || (d === bd && k < best)) best = k;
    }
  }
  return best;
}

/** The venue delta of a row: the chain's Greeks, else Black-76 (r = 0) at its IV; null if neither works. */
export function rowDelta(row: OptionChainData, forward: number, nowMs: number): number | null {
  if (row.greeks && Number.isFinite(row.greeks.delta)) return row.greeks.delta;
  const T = yearsToExpiry(row.expiry, nowMs);
  if (!(T > 0) || !isPositive(row.implied_volatility) || !isPositive(forward)) return null;
  try {
    const d = venueGreeks({
      F: forward,
      K: row.strike,
      T,
      sigma: row.implied_volatility,
      type: row.option_type,
    }).delta;
    return Number.isFinite(d) ? d : null;
  } catch {
    return null;
  }
}

/**
 * Picks the strangle row of one side: calls with strike above F whose delta is nearest +target, or puts
 * with strike below F whose delta is nearest −target; the strike nearer F on a tie. Null if none.
 */
export function selectStrangleRow(
  rows: readonly OptionChainData[],
  type: 'call' | 'put',
  at: { forward: number; target: number; nowMs: number },
): OptionChainData | null {
  const { forward, target, nowMs } = at;
  const wanted = type === 'call' ? target : -target;
  let best: { row: OptionChainData; dist: number } | null = null;
  for (const row of rows) {
    if (row.option_type !== type) continue;
    if (type === 'call' ? !(row.strike > forward) : !(row.strike < forward)) continue;
    const delta = rowDelta(row, forward, nowMs);
    if (delta === null) continue;
    const dist = Math.abs(delta - wanted);
    const nearer = best !== null && Math.abs(row.strike - forward) < Math.abs(best.row.strike - forward);
    if (best === null || dist < best.dist || (dist === best.dist && nearer)) best = { row, dist };
  }
  return best?.row ?? null;
}
