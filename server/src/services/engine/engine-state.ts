import type {
  MarketTickEvent,
  PortfolioRiskEvent,
  PositionUpdateEvent,
  VolatilitySurfaceEvent,
} from '@gamma/shared';
import { tickMid, type MarketView } from './core/market-view.ts';
import {
  applyPortfolioRisk,
  applyPositionUpdate,
  initialPortfolio,
  type PortfolioState,
} from './core/portfolio-state.ts';

/** What {@link EngineState.view} shows of the state. */
export interface EngineStateView {
  portfolio: PortfolioState;
  mids: Readonly<Record<string, number>>;
  underlyings: string[];
}

/**
 * This process's picture of the account (positions, equity) and the market (mids, surfaces), fed by the
 * state streams; every evaluation reads it as it is at that instant.
 */
export class EngineState {
  private account: PortfolioState;
  private readonly mids: Record<string, number> = {};
  private readonly surfaces: Record<string, VolatilitySurfaceEvent> = {};

  constructor(initialBalanceUsdt: number) {
    this.account = initialPortfolio(initialBalanceUsdt);
  }

  applyTick(tick: MarketTickEvent): void {
    const mid = tickMid(tick);
    if (mid !== null) this.mids[tick.symbol] = mid;
  }

  applySurface(surface: VolatilitySurfaceEvent): void {
    this.surfaces[surface.underlying] = surface;
  }

  applyPositionUpdate(update: PositionUpdateEvent): void {
    this.account = applyPositionUpdate(this.account, update);
  }

  applyPortfolioRisk(event: PortfolioRiskEvent): void {
    this.account = applyPortfolioRisk(this.account, event);
  }

  /** The account as it is now. */
  portfolio(): PortfolioState {
    return this.account;
  }

  /** The account and the market as an evaluation reads them now. */
  current(): { portfolio: PortfolioState; market: MarketView } {
    return { portfolio: this.account, market: { mids: this.mids, surfaces: this.surfaces } };
  }

  /** A copy of the marks and the underlyings with a surface, for inspection and tests. */
  view(): EngineStateView {
    return { portfolio: this.account, mids: { ...this.mids }, underlyings: Object.keys(this.surfaces) };
  }
}
