import type {
  MacroReading,
  MacroStateEvent,
  MarketTickEvent,
  PortfolioRiskEvent,
  PositionUpdateEvent,
  VolatilitySurfaceEvent,
} from '@gamma/shared';
import type { Snapshot } from '../../stores/snapshots/snapshot-store.ts';
import type { RiskRecords } from './core/catalogue-context.ts';
import { tickMid, type MarketView } from './core/market-view.ts';
import type { LossStreak } from './core/types.ts';
import { utcDay } from './core/closed-trades.ts';
import {
  applyPortfolioRisk,
  applyPositionUpdate,
  initialPortfolio,
  type PortfolioState,
} from './core/portfolio-state.ts';
import {
  heldPositionsOf,
  HeldPositionsSchema,
  POSITIONS_SNAPSHOT_VERSION,
  withHeldPositions,
  type HeldPositions,
} from './core/positions-snapshot.ts';

/** The owner name of the engine's snapshot (every engine process holds the same book, so they share it). */
export const ENGINE_SNAPSHOT_OWNER = 'engine';
/** What an engine snapshot must be. */
export const ENGINE_SNAPSHOT_FORMAT = { schema: POSITIONS_SNAPSHOT_VERSION, state: HeldPositionsSchema };

/** What {@link EngineState.view} shows of the state. */
export interface EngineStateView {
  portfolio: PortfolioState;
  mids: Readonly<Record<string, number>>;
  underlyings: string[];
  macro: MacroReading | null;
}

/**
 * This process's picture of the account (positions, equity) and the market (mids, surfaces), fed by the
 * state streams; every evaluation reads it as it is at that instant. It remembers the newest
 * `position.update` entry it applied, so a snapshot says exactly which entries its positions cover.
 */
export class EngineState {
  private account: PortfolioState;
  private positionsAt = '0-0';
  private readonly mids: Record<string, number> = {};
  private readonly tickAtMs: Record<string, number> = {};
  private readonly surfaces: Record<string, VolatilitySurfaceEvent> = {};
  private macro: MacroReading | null = null;
  /** The current UTC day's start equity as the day-start store recorded it */
  private dayStart: { day: string; equity: number } | null = null;
  private readonly lossStreaks: Record<string, LossStreak> = {};

  constructor(initialBalanceUsdt: number) {
    this.account = initialPortfolio(initialBalanceUsdt);
  }

  applyTick(tick: MarketTickEvent): void {
    const mid = tickMid(tick);
    if (mid === null) return;
    this.mids[tick.symbol] = mid;
    const atMs = Date.parse(tick.timestamp);
    // Ticks of a symbol may arrive out of order across producers: the age is the newest one's
    if (!(atMs <= (this.tickAtMs[tick.symbol] ?? -Infinity))) this.tickAtMs[tick.symbol] = atMs;
  }

  /** The start equity of a UTC day (`YYYY-MM-DD`), as the shared day-start store holds it. */
  setDayStart(day: string, equity: number): void {
    this.dayStart = { day, equity };
  }

  /** The day whose start equity this process holds; null before any. */
  dayStartDay(): string | null {
    return this.dayStart?.day ?? null;
  }

  /** A strategy's loss streak, as the shared loss-streak store last returned it. */
  setLossStreak(strategyId: string, streak: LossStreak): void {
    this.lossStreaks[strategyId] = streak;
  }

  applySurface(surface: VolatilitySurfaceEvent): void {
    this.surfaces[surface.underlying] = surface;
  }

  /** Applies a position update; `entryId` (its `position.update` entry) becomes the positions' cover. */
  applyPositionUpdate(update: PositionUpdateEvent, entryId?: string): void {
    this.account = applyPositionUpdate(this.account, update);
    if (entryId !== undefined) this.positionsAt = entryId;
  }

  applyPortfolioRisk(event: PortfolioRiskEvent): void {
    this.account = applyPortfolioRisk(this.account, event);
  }

  /**
   * Keeps the newest market-wide macro state (symbol null), read by the approval policy; a per-symbol
   * state or one older than the kept one is ignored.
   */
  applyMacroState(event: MacroStateEvent): void {
    const atMs = Date.parse(event.timestamp);
    if (event.symbol !== null || !Number.isFinite(atMs)) return;
    if (this.macro !== null && atMs < this.macro.atMs) return;
    this.macro = { regime: event.macro_regime, fomo: event.fomo_score, atMs };
  }

  /** Takes the positions of a snapshot and the entry id they cover. */
  restorePositions(held: HeldPositions, coveredId: string): void {
    this.account = withHeldPositions(this.account, held);
    this.positionsAt = coveredId;
  }

  /** The newest `position.update` entry applied (`0-0` before any). */
  positionsCover(): string {
    return this.positionsAt;
  }

  /** The positions and the entry they cover, as a snapshot. */
  snapshot(nowMs: number): Snapshot<HeldPositions> {
    return {
      schema: POSITIONS_SNAPSHOT_VERSION,
      covers: { 'position.update': this.positionsAt },
      takenAtMs: nowMs,
      state: heldPositionsOf(this.account),
    };
  }

  /** The account as it is now. */
  portfolio(): PortfolioState {
    return this.account;
  }

  /** The account, the market and the shared risk records as an evaluation at `nowMs` reads them. */
  current(nowMs: number): {
    portfolio: PortfolioState;
    market: MarketView;
    macro: MacroReading | null;
    records: RiskRecords;
  } {
    const today = utcDay(nowMs);
    const dayStartEquity = this.dayStart?.day === today ? this.dayStart.equity : null;
    return {
      portfolio: this.account,
      market: { mids: this.mids, tickAtMs: this.tickAtMs, surfaces: this.surfaces },
      macro: this.macro,
      records: { dayStartEquity, lossStreaks: this.lossStreaks },
    };
  }

  /** A copy of the marks and the underlyings with a surface, for inspection and tests. */
  view(): EngineStateView {
    return {
      portfolio: this.account,
      mids: { ...this.mids },
      underlyings: Object.keys(this.surfaces),
      macro: this.macro,
    };
  }
}
