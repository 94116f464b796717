import { FORECAST_HORIZONS, hedgeStatus, type HedgeStatus } from '@gamma/shared';
import type { Bus } from '../bus/bus.ts';
import type { Logger } from '../lib/logger.ts';
import {
  explainIntent,
  intentApprovals,
  recentIntents,
  type IntentSummary,
  type IntentTrail,
} from './core/intent-views.ts';
import * as intents from './core/intents-state.ts';
import * as market from './core/market-state.ts';
import { buildPqSpread, pqTraderIdOf, type PqSpreadView } from './core/pq-spread.ts';
import { feed, type Feed } from './feeds.ts';
import { createPositionsBook } from './positions/core/positions-book.ts';
import {
  equityView,
  positionsBookView,
  type EquityView,
  type PositionsBookView,
} from './positions/core/positions-view.ts';
import { positionFeeds } from './positions/positions-feeds.ts';
import * as vols from './volatility/vol-history.ts';
import { listOrders, type OrderFilter, type OrderList } from './orders/core/order-query.ts';
import { allOrderRows } from './orders/core/order-rows.ts';
import * as riskBoard from './risk/risk-board.ts';
import type {
  MacroStateEvent,
  PortfolioRiskEvent,
  RiskAlertEvent,
  VolatilityForecastEvent,
  VolatilitySurfaceEvent,
} from '@gamma/shared';

/** Warm-up depth per stream: enough recent history for a restarted gateway to show the recent past. */
const WARM_UP = {
  intents: 2000,
  decisions: 5000,
  commands: 2000,
  fills: 2000,
  signals: 1000,
  // Deep enough to seed the ATM IV vs forecast history (volatility/vol-history.ts) after a restart
  surfaces: 120,
  forecasts: 720,
  macro: 500,
  portfolio: 50,
  alerts: 500,
  deadLetters: 1000,
  // One hour of `portfolio.risk` at its default 1 s period for two underlyings (risk/risk-board.ts)
  greeksHistory: 7200,
  alertBoard: 2000,
} as const;

/** A portfolio risk event with the hedge status of its delta. */
export interface PortfolioRow {
  event: PortfolioRiskEvent;
  hedge_status: HedgeStatus;
}

/**
 * The gateway's read model (DESIGN "Read model"): latest state and recent history built from stream
 * tails, warmed up from `bus.latest` at start. Queries are synchronous reads of memory.
 */
export class ReadModel {
  readonly intents = intents.createIntentsState();
  readonly market = market.createMarketState();
  /** Positions and PnL from fills, valued at the latest marks; equity sampled every 5 s at most on marks */
  readonly positions = createPositionsBook({ sampleMs: 5000, maxPoints: 2000 });
  readonly volatility = vols.createVolHistory();
  readonly risk = riskBoard.createRiskBoard();
  private readonly abort = new AbortController();
  private loops: Promise<void>[] = [];
  private readonly feeds: Feed[];

  constructor(private readonly deps: { bus: Bus; log: Logger }) {
    const i = this.intents;
    const m = this.market;
    const v = this.volatility;
    const r = this.risk;
    this.feeds = [
      feed('strategy.signal', WARM_UP.signals, (e) => intents.applySignal(i, e)),
      feed('strategy.intent', WARM_UP.intents, (e) => intents.applyIntent(i, e)),
      feed('intent.decision', WARM_UP.decisions, (e) => intents.applyDecision(i, e)),
      feed('intent.approval', WARM_UP.commands, (e) => intents.applyApproval(i, e)),
      feed('execution.command', WARM_UP.commands, (e) => intents.applyExecutionCommand(i, e)),
      feed('order.command', WARM_UP.commands, (e) => intents.applyOrderCommand(i, e)),
      feed('order.fill', WARM_UP.fills, (e) => intents.applyFill(i, e)),
      feed('position.update', WARM_UP.fills, (e) => intents.applyPositionUpdate(i, e)),
      feed('market.vol_surface', WARM_UP.surfaces, (e) => {
        market.applySurface(m, e);
        vols.applySurface(v, e);
      }),
      feed('strategy.forecast.volatility', WARM_UP.forecasts, (e) => {
        market.applyForecast(m, e);
        vols.applyForecast(v, e);
      }),
      feed('market.macro_state', WARM_UP.macro, (e) => market.applyMacroState(m, e)),
      feed('portfolio.risk', WARM_UP.portfolio, (e) => market.applyPortfolioRisk(m, e)),
      feed('risk.alert', WARM_UP.alerts, (e) => market.applyAlert(m, e)),
      feed('dlq', WARM_UP.deadLetters, (e) => market.applyDeadLetter(m, e)),
      ...positionFeeds(this.positions),
      feed('portfolio.risk', WARM_UP.greeksHistory, (e) => riskBoard.applyGreeks(r.greeks, e)),
      feed('risk.alert', WARM_UP.alertBoard, (e) => riskBoard.applyRiskAlert(r.alerts, e)),
    ];
  }

  /** Warms up from recent history, then follows every stream live. */
  async start(): Promise<void> {
    const { bus, log } = this.deps;
    // Sequential warm-up keeps the chain order (an intent before its decisions) for records cut by the window
    const cursors: string[] = [];
    for (const f of this.feeds) cursors.push(await f.warmUp(bus));
    this.loops = this.feeds.map((f, index) =>
      f.follow(bus, cursors[index] ?? '0-0', { signal: this.abort.signal, log }),
    );
  }

  /** Stops every tail. */
  async close(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled(this.loops);
  }

  /** Newest intents first, with status and decisions. */
  recentIntents(options: { limit: number; underlying?: string | undefined }): IntentSummary[] {
    return recentIntents(this.intents, options);
  }

  /** Order commands with their state and fills, newest first, filtered (from the intents state's orders and fills). */
  orders(filter: OrderFilter): OrderList {
    return listOrders(allOrderRows(this.intents), filter);
  }

  /** The explainability chain of an intent and its approval commands, or null when the intent is unknown. */
  explain(intentId: string): IntentTrail | null {
    const nodes = explainIntent(this.intents, intentId);
    return nodes === null ? null : { nodes, approvals: intentApprovals(this.intents, intentId) };
  }

  /** Whether anything is known about an underlying. */
  knows(underlying: string): boolean {
    return (
      this.market.surfaces.has(underlying) ||
      [...this.market.forecasts.values()].some((f) => f.message.underlying === underlying) ||
      this.intents.latestByStrategy.has(pqTraderIdOf(underlying))
    );
  }

  /** The pq-spread view of an underlying. */
  pqSpread(underlying: string, horizon: string, nowIso: string): PqSpreadView {
    return buildPqSpread({
      underlying,
      horizon,
      surface: this.market.surfaces.get(underlying)?.message ?? null,
      forecast: this.market.forecasts.get(market.forecastKey(underlying, horizon))?.message ?? null,
      intent: this.intents.latestByStrategy.get(pqTraderIdOf(underlying))?.message ?? null,
      macro: market.macroFor(this.market, underlying)?.message ?? null,
      nowIso,
    });
  }

  /** The latest surface of an underlying, or null. */
  volSurface(underlying: string): VolatilitySurfaceEvent | null {
    return this.market.surfaces.get(underlying)?.message ?? null;
  }

  /** The latest forecast of each horizon of an underlying, in `FORECAST_HORIZONS` order (others after) */
  forecasts(underlying: string): VolatilityForecastEvent[] {
    const rank = (h: string): number => {
      const i = (FORECAST_HORIZONS as readonly string[]).indexOf(h);
      return i < 0 ? FORECAST_HORIZONS.length : i;
    };
    return [...this.market.forecasts.values()]
      .map((f) => f.message)
      .filter((f) => f.underlying === underlying)
      .sort((a, b) => rank(a.forecast_horizon) - rank(b.forecast_horizon));
  }

  /** ATM IV against forecast over time for an underlying, oldest first (the newest `limit` points) */
  volHistory(underlying: string, limit: number): vols.VolHistoryPoint[] {
    return vols.volHistory(this.volatility, underlying, limit);
  }

  /** Latest portfolio risk per underlying (sorted by underlying; a whole-book event last). */
  portfolio(deltaThresholdOf: (underlying: string) => number): PortfolioRow[] {
    return [...this.market.portfolio.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
      .map(([, entry]) => ({
        event: entry.message,
        hedge_status: hedgeStatus(
          entry.message.total_delta,
          deltaThresholdOf(entry.message.underlying ?? ''),
        ),
      }));
  }

  /** Recent alerts, newest first. */
  alerts(limit: number): RiskAlertEvent[] {
    return this.market.alerts
      .slice(-limit)
      .reverse()
      .map((a) => a.message);
  }

  /** The latest market-wide macro state (else the newest of any symbol), or null. */
  macroLatest(): MacroStateEvent | null {
    return (this.market.macro.get('') ?? this.market.macroHistory.at(-1))?.message ?? null;
  }

  /** Recent macro states, oldest first (for the chart). */
  macroHistory(limit: number): MacroStateEvent[] {
    return this.market.macroHistory.slice(-limit).map((m) => m.message);
  }

  /** Positions per strategy and symbol with marks, PnL and Greeks at `nowMs`, and their totals. */
  positionsBook(nowMs: number): PositionsBookView {
    return positionsBookView(this.positions, nowMs);
  }

  /** The equity and drawdown curve since the first fill. */
  positionsEquity(): EquityView {
    return equityView(this.positions.equity);
  }

  /** Dead letters counted per source stream and group. */
  deadLetters(): market.DeadLetterCount[] {
    return [...this.market.deadLetters.values()];
  }
}
