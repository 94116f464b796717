import type { MacroStateEvent } from '@gamma/shared';

/** One chart point. */
export interface MacroPoint {
  t: number;
  fomo: number | null;
  regime: number;
}

/** History (query) and live states merged by time, deduplicated, oldest first, at most `limit`. */
export function macroSeries(
  history: readonly MacroStateEvent[] | undefined,
  live: readonly MacroStateEvent[],
  limit: number,
): MacroPoint[] {
  const byKey = new Map<string, MacroPoint>();
  for (const e of [...(history ?? []), ...live]) {
    const t = Date.parse(e.timestamp);
    if (!Number.isFinite(t)) continue;
    byKey.set(`${t}|${e.symbol ?? ''}`, { t, fomo: e.fomo_score, regime: e.regime_score });
  }
  return [...byKey.values()].sort((a, b) => a.t - b.t).slice(-limit);
}

/** The newest of a snapshot and live states; market-wide states (symbol null) win over per-symbol ones. */
export function latestMacro(
  snapshot: MacroStateEvent | null | undefined,
  live: readonly MacroStateEvent[],
): MacroStateEvent | null {
  const candidates = [...(snapshot ? [snapshot] : []), ...live];
  const wide = candidates.filter((e) => e.symbol === null);
  const pool = wide.length > 0 ? wide : candidates;
  let best: MacroStateEvent | null = null;
  for (const e of pool) if (best === null || Date.parse(e.timestamp) >= Date.parse(best.timestamp)) best = e;
  return best;
}
