import {
  withGreeksPoint,
  type GreeksHistory,
  type GreeksPoint,
  type PortfolioRiskEvent,
} from '@gamma/shared';
import type { Stored } from '../core/intents-state.ts';
import { compareIds } from '../core/stream-id.ts';

/**
 * The Greeks of each underlying over time, from `portfolio.risk`: one point per `spacingMs` bucket of the
 * events' timestamps (the newest event of the bucket), the newest `maxPoints` kept per underlying.
 * Mutated in place by {@link applyGreeks}.
 */
export interface GreeksHistoryState {
  readonly spacingMs: number;
  readonly maxPoints: number;
  /** Points per underlying (`''` = an original producer's whole-book events), oldest first */
  readonly byUnderlying: Map<string, readonly GreeksPoint[]>;
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
 * Records one `portfolio.risk` event ({@link withGreeksPoint}: the last point of its time bucket, the series
 * forward in time only).
 */
export function applyGreeks(state: GreeksHistoryState, entry: Stored<PortfolioRiskEvent>): void {
  if (compareIds(entry.id, state.lastId) <= 0) return;
  state.lastId = entry.id;
  const key = entry.message.underlying ?? '';
  const points = state.byUnderlying.get(key) ?? [];
  state.byUnderlying.set(key, withGreeksPoint(points, pointOf(entry.message), state));
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
