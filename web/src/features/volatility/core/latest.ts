import { FORECAST_HORIZONS, type VolatilityForecastEvent } from '@gamma/shared';

/** The newer of a snapshot and a live message (by their timestamps; the live one on a tie). */
export function newerOf<TMessage extends { timestamp: string }>(
  snapshot: TMessage | null | undefined,
  live: TMessage | null | undefined,
): TMessage | null {
  if (!snapshot) return live ?? null;
  if (!live) return snapshot;
  return Date.parse(live.timestamp) >= Date.parse(snapshot.timestamp) ? live : snapshot;
}

const rank = (horizon: string): number => {
  const i = (FORECAST_HORIZONS as readonly string[]).indexOf(horizon);
  return i < 0 ? FORECAST_HORIZONS.length : i;
};

/** The newest forecast of each horizon from the snapshot and the live ones, shortest horizon first. */
export function latestForecasts(
  snapshot: readonly VolatilityForecastEvent[] | undefined,
  live: readonly VolatilityForecastEvent[],
): VolatilityForecastEvent[] {
  const byHorizon = new Map<string, VolatilityForecastEvent>();
  for (const f of [...(snapshot ?? []), ...live]) {
    byHorizon.set(f.forecast_horizon, newerOf(byHorizon.get(f.forecast_horizon), f) ?? f);
  }
  return [...byHorizon.values()].sort((a, b) => rank(a.forecast_horizon) - rank(b.forecast_horizon));
}
