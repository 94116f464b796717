import type { PortfolioRiskEvent } from '@gamma/shared';
import { create } from 'zustand';

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
  receive: (event: PortfolioRiskEvent) => void;
}

/** Live Greeks per underlying; written only by `usePortfolioRiskSubscription`. */
export const useRiskStore = create<RiskState>()((set) => ({
  byUnderlying: {},
  receive: (event) => set((s) => applyPortfolioRisk(s, event)),
}));
