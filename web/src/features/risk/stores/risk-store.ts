import { withGreeksPoint, type GreeksPoint, type PortfolioRiskEvent } from '@gamma/shared';
import { create } from 'zustand';
import { applyOnce, type EntryCursors } from '@/lib/entry-cursor';

/** The live Greeks points kept per underlying: one per 5 s, an hour (as the server's `risk.greeksHistory`). */
export const LIVE_GREEKS = { spacingMs: 5000, maxPoints: 720 } as const;

/** Live portfolio risk from `onPortfolioRisk`. */
export interface RiskLiveState {
  /** Latest event per underlying (`''` = an original producer's whole book) */
  byUnderlying: Readonly<Record<string, PortfolioRiskEvent>>;
  /** The Greeks seen live per underlying, sampled like the server's history, oldest first */
  points: Readonly<Record<string, readonly GreeksPoint[]>>;
}

/** Reducer: keeps the newest event per underlying (an older one arriving late is ignored). */
export function applyPortfolioRisk(state: RiskLiveState, event: PortfolioRiskEvent): RiskLiveState {
  const key = event.underlying ?? '';
  const current = state.byUnderlying[key];
  if (current && Date.parse(current.timestamp) > Date.parse(event.timestamp)) return state;
  const point: GreeksPoint = {
    at: event.timestamp,
    delta: event.total_delta,
    gamma: event.total_gamma,
    vega: event.total_vega,
    theta: event.total_theta,
  };
  return {
    byUnderlying: { ...state.byUnderlying, [key]: event },
    points: { ...state.points, [key]: withGreeksPoint(state.points[key] ?? [], point, LIVE_GREEKS) },
  };
}

export interface RiskState extends RiskLiveState {
  /** Last `portfolio.risk` entry id applied, so a resumed subscription never applies an event twice */
  cursors: EntryCursors;
  /** One portfolio risk event with the stream entry id it was tracked by */
  receive: (event: PortfolioRiskEvent, entryId: string) => void;
}

/** Live Greeks per underlying; written only by `usePortfolioRiskSubscription`. */
export const useRiskStore = create<RiskState>()((set) => ({
  byUnderlying: {},
  points: {},
  cursors: {},
  receive: (event, id) =>
    set((s) =>
      applyOnce(s, { stream: 'portfolio.risk', id }, (x) => ({ ...x, ...applyPortfolioRisk(x, event) })),
    ),
}));
