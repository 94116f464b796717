import type { PortfolioRiskEvent } from '@gamma/shared';
import { applyPortfolioRisk, type RiskLiveState } from '../stores/risk-store';

/** Snapshot rows (`risk.portfolio`) overlaid with live events: the newest per underlying, sorted by name. */
export function greeksRows(
  snapshot: readonly { event: PortfolioRiskEvent }[] | undefined,
  live: Readonly<Record<string, PortfolioRiskEvent>>,
): PortfolioRiskEvent[] {
  let state: RiskLiveState = { byUnderlying: {}, points: {} };
  for (const row of snapshot ?? []) state = applyPortfolioRisk(state, row.event);
  for (const event of Object.values(live)) state = applyPortfolioRisk(state, event);
  return Object.entries(state.byUnderlying)
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([, event]) => event);
}
