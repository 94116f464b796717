import type { GreeksHistory, GreeksPoint, PortfolioRiskEvent } from '@gamma/shared';
import type { Stored } from '../core/intents-state.ts';
import { compareIds, pushBounded } from '../core/stream-id.ts';

/**
 * The Greeks of each underlying over time, from `portfolio.risk`: one point per `spacingMs` bucket of the
 * events' timestamps (the newest event of the bucket), the newest `maxPoints` kept per underlying.
 * Mutated in place by {@link applyGreeks}.
 */
export interface GreeksHistoryState {
  readonly spacingMs: number;
  readonly maxPoints: number;
  /** Points per underlying (`''` = an original producer's whole-book events), oldest first */
  readonly byUnderlying: Map<string, GreeksPoint[]>;
  /** Entry id of the newest event applied, so a warm-up and a tail overlapping apply an entry once */
  lastId: string;
}

/** An empty history: a point per `spacingMs` at most, `maxPoints` per underlying. */
export function createGreeksHistory(options: { spacingMs: number; maxPoints: number }): GreeksHistoryState {
  return { ...options, byUnderlying: new Map(), lastId: '0-0' };
}

const pointOf = (e: PortfolioRiskEvent): GreeksPoint => ({
  at: e.timestamp,
  delta: e.total_delta,
  gamma: e.total_gamma,
  vega: e.total_vega,
  theta: e.total_theta,
});

/**
 * Records one `portfolio.risk` event: it replaces the last point when it falls in the same time bucket,
 * else it is appended. An event stamped before the last point (a producer's clock behind) is left out, so
 * every series runs forward in time.
 */
export function applyGreeks(state: GreeksHistoryState, entry: Stored<PortfolioRiskEvent>): void {
  if (compareIds(entry.id, state.lastId) <= 0) return;
  state.lastId = entry.id;
  const key = entry.message.underlying ?? '';
  const point = pointOf(entry.message);
  const atMs = Date.parse(point.at);
  const points = state.byUnderlying.get(key) ?? [];
  state.byUnderlying.set(key, points);
  const last = points.at(-1);
  if (last !== undefined) {
    const lastMs = Date.parse(last.at);
    if (atMs < lastMs) return;
    if (Math.floor(atMs / state.spacingMs) === Math.floor(lastMs / state.spacingMs)) {
      points[points.length - 1] = point;
      return;
    }
  }
  pushBounded(points, point, state.maxPoints);
}

/** The newest `limit` points of one underlying (or of each, sorted by underlying, the whole book last). */
export function greeksHistory(
  state: GreeksHistoryState,
  options: { underlying?: string | undefined; limit: number },
): GreeksHistory {
  const keys =
    options.underlying === undefined
      ? [...state.byUnderlying.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      : [options.underlying].filter((u) => state.byUnderlying.has(u));
  return {
    spacing_s: state.spacingMs / 1000,
    series: keys.map((underlying) => ({
      underlying,
      points: (state.byUnderlying.get(underlying) ?? []).slice(-options.limit),
    })),
  };
}
