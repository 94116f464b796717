import type { PortfolioRiskEvent } from '@gamma/shared';
import { create } from 'zustand';
import { applyOnce, type EntryCursors } from '@/lib/entry-cursor';

/** Live portfolio risk from `onPortfolioRisk`. */
export interface RiskLiveState {
  /** Latest event per underlying (`''` = an original producer's whole book) */
  byUnderlying: Readonly<Record<string, PortfolioRiskEvent>>;
}

/** Reducer: keeps the newest event per underlying (an older one arriving late is ignored). */
export function applyPortfolioRisk(state: RiskLiveState, event: PortfolioRiskEvent): RiskLiveState {
  const key = event.underlying ?? '';
  const current = state.byUnderlying[key];
  if (current && Date.parse(current.timestamp) > Date.parse(event.timestamp)) return state;
  return { byUnderlying: { ...state.byUnderlying, [key]: event } };
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
  cursors: {},
  receive: (event, id) =>
    set((s) =>
      applyOnce(s, { stream: 'portfolio.risk', id }, (x) => ({ ...x, ...applyPortfolioRisk(x, event) })),
    ),
}));
