import type { VolatilityForecastEvent, VolatilitySurfaceEvent } from '@gamma/shared';

/** Days of each forecast horizon, to place Q on the same day axis as the expiries. */
export const HORIZON_DAYS: Readonly<Record<string, number>> = { '1h': 1 / 24, '24h': 1, '7d': 7 };

/** ATM IV of one expiry (P) at its days to expiry. */
export interface TermPoint {
  expiry: string;
  days: number;
  iv: number;
}

/** A forecast (Q) at its horizon in days. */
export interface ForecastPoint {
  horizon: string;
  days: number;
  vol: number;
}

const MS_PER_DAY = 86_400_000;

/** ATM IV per expiry, nearest first, in days from the surface's time to the 08:00 UTC expiry. */
export function termStructureOf(surface: VolatilitySurfaceEvent | null | undefined): TermPoint[] {
  if (!surface) return [];
  const now = Date.parse(surface.timestamp);
  return Object.entries(surface.term_structure)
    .map(([expiry, iv]) => ({ expiry, days: (Date.parse(`${expiry}T08:00:00Z`) - now) / MS_PER_DAY, iv }))
    .filter((p) => Number.isFinite(p.days))
    .sort((a, b) => a.days - b.days);
}

/** The forecasts (Q) on the day axis, shortest horizon first; unknown horizons are left out. */
export function forecastPointsOf(forecasts: readonly VolatilityForecastEvent[]): ForecastPoint[] {
  return forecasts
    .flatMap((f) => {
      const days = HORIZON_DAYS[f.forecast_horizon];
      return days === undefined ? [] : [{ horizon: f.forecast_horizon, days, vol: f.predicted_volatility }];
    })
    .sort((a, b) => a.days - b.days);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** A text summary of the term-structure chart (its accessible name). */
export function termSummary(
  underlying: string,
  term: readonly TermPoint[],
  q: readonly ForecastPoint[],
): string {
  const p = term.length === 0 ? 'no surface yet' : term.map((t) => `${t.expiry} ${pct(t.iv)}`).join(', ');
  const f = q.length === 0 ? 'no forecast yet' : q.map((x) => `${x.horizon} ${pct(x.vol)}`).join(', ');
  return `${underlying} term structure, ATM implied vol (P) by expiry: ${p}; forecast vol (Q) by horizon: ${f}`;
}
