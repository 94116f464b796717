import type {
  DailyHistoryEvent,
  IntentDecisionEvent,
  MarketTickEvent,
  OrderFillEvent,
  PortfolioRiskEvent,
  PositionUpdateEvent,
  StrategyIntentEvent,
  StreamInput,
} from '@gamma/shared';
import type { S1Config } from '../config.ts';
import { DailyBars } from './daily-bars.ts';
import { InFlightTracker } from './in-flight.ts';
import { loadWith, S1StateSchema, type S1State } from './strategy-state.ts';
import type { IdGenerator, Strategy, StrategyOutput } from './strategy.ts';
import { isoOf, utcDayStartOf } from './strategy.ts';

interface Levels {
  high: number;
  low: number;
  atMs: number;
}

/** Floors `x` to `decimals` decimals, tolerant of binary rounding. */
export const floorTo = (x: number, decimals: number): number => {
  const scale = 10 ** decimals;
  return Math.floor(x * scale + 1e-9) / scale;
};

/**
 * S1 position controller (SPEC §4.4): daily UTC bars from ticks and from `market.daily_history` (a
 * venue's or the simulator's completed days); with `lookback` completed days, sells down to
 * `sell_target_pct` above the lookback high and buys up to `buy_target_pct` below the lookback low, one
 * intent in flight at a time, and none for `retry_after` after one of its intents ended unfilled.
 */
export class S1 implements Strategy {
  private readonly bars: DailyBars;
  private levels: Levels | null = null;
  private position = 0;
  private equity: number | null = null;
  private readonly inFlight: InFlightTracker;
  /** No intent before this time: the last one was vetoed, expired or rejected */
  private pausedUntilMs: number | null = null;

  constructor(
    readonly id: string,
    private readonly config: S1Config,
    private readonly newId: IdGenerator,
  ) {
    this.inFlight = new InFlightTracker(config.inFlightTtlS * 1000);
    this.bars = new DailyBars(config.lookback + 1);
  }

  wantsTick(symbol: string): boolean {
    return symbol === this.config.symbol;
  }

  handleTick(tick: MarketTickEvent, nowMs: number): StrategyOutput[] {
    if (tick.symbol !== this.config.symbol) return [];
    const day = utcDayStartOf(tick.timestamp, nowMs);
    this.bars.merge(day, tick.price, tick.price);
    this.refreshLevels(day, nowMs);
    if (this.levels === null || this.inFlight.any(nowMs)) return [];
    if (this.pausedUntilMs !== null && nowMs < this.pausedUntilMs) return [];
    return this.decide(tick.price, nowMs);
  }

  /** Takes in the completed days of its symbol; the levels are recomputed at the next tick. */
  handleDailyHistory(history: DailyHistoryEvent): StrategyOutput[] {
    if (history.symbol !== this.config.symbol || history.bars.length === 0) return [];
    for (const bar of history.bars) this.bars.merge(Date.parse(bar.open_time), bar.high, bar.low);
    this.levels = null;
    return [];
  }

  /** Equity: the latest `metadata.total_value` of any portfolio.risk event. */
  handlePortfolioRisk(risk: PortfolioRiskEvent): StrategyOutput[] {
    const total = risk.metadata.total_value;
    if (typeof total === 'number' && Number.isFinite(total)) this.equity = total;
    return [];
  }

  /** Its own position in the symbol (absolute, from the paper exchange). */
  handlePositionUpdate(update: PositionUpdateEvent): StrategyOutput[] {
    if (update.symbol === this.config.symbol) this.position = update.quantity;
    return [];
  }

  /** A fill moves the position at once (the position update that follows sets it absolutely). */
  handleFill(fill: OrderFillEvent): StrategyOutput[] {
    if (this.inFlight.onFill(fill) && fill.symbol === this.config.symbol)
      this.position += fill.side === 'buy' ? fill.quantity : -fill.quantity;
    return [];
  }

  /** An intent of its own that ends unfilled pauses it for `retryAfterS` (a veto is not retried every tick). */
  handleDecision(decision: IntentDecisionEvent, nowMs: number): StrategyOutput[] {
    if (this.inFlight.onDecision(decision)) this.pausedUntilMs = nowMs + this.config.retryAfterS * 1000;
    return [];
  }

  snapshot(): Record<string, unknown> {
    return {
      symbol: this.config.symbol,
      s1_high: this.levels?.high ?? null,
      s1_low: this.levels?.low ?? null,
      completed_days: this.bars.size === 0 ? 0 : this.bars.size - 1,
      paused_until: this.pausedUntilMs === null ? null : isoOf(this.pausedUntilMs),
      position: this.position,
      equity: this.equity,
      in_flight: this.inFlight.ids(),
    };
  }

  /** An intent published before a restart is in flight. */
  restoreIntent(intent: StrategyIntentEvent): void {
    const ms = Date.parse(intent.timestamp);
    if ((intent.action === 'buy' || intent.action === 'sell') && Number.isFinite(ms))
      this.inFlight.add(intent.intent_id, 1, ms);
  }

  saveState(): S1State {
    return {
      bars: this.bars.save(),
      levels: this.levels === null ? null : { ...this.levels },
      position: this.position,
      equity: this.equity,
      inFlight: this.inFlight.save(),
      pausedUntilMs: this.pausedUntilMs,
    };
  }

  loadState(state: unknown): boolean {
    return loadWith(S1StateSchema, state, (s) => {
      this.bars.load(s.bars);
      ({ levels: this.levels, position: this.position, equity: this.equity } = s);
      this.pausedUntilMs = s.pausedUntilMs;
      this.inFlight.load(s.inFlight);
    });
  }

  /** Levels from the last `lookback` completed days (the running day excluded), every update interval. */
  private refreshLevels(today: number, nowMs: number): void {
    const intervalMs = this.config.dailyUpdateIntervalH * 3_600_000;
    if (this.levels !== null && nowMs - this.levels.atMs < intervalMs) return;
    const completed = this.bars.completedBefore(today, this.config.lookback);
    if (completed === null) return;
    this.levels = {
      high: Math.max(...completed.map((b) => b.high)),
      low: Math.min(...completed.map((b) => b.low)),
      atMs: nowMs,
    };
  }

  private decide(price: number, nowMs: number): StrategyOutput[] {
    const c = this.config;
    const levels = this.levels;
    if (levels === null || this.equity === null || this.equity <= 0) return [];
    const positionValue = this.position * price;
    const pct = positionValue / this.equity;
    if (price > levels.high && pct > c.sellTargetPct) {
      const wanted = (positionValue - this.equity * c.sellTargetPct) / price;
      const quantity = Math.min(wanted, Math.max(0, this.position) * c.safetyMargin);
      return this.intent({ side: 'sell', quantity, price, pct }, nowMs);
    }
    if (price < levels.low && pct < c.buyTargetPct) {
      const quantity = (this.equity * c.buyTargetPct - positionValue) / price;
      return this.intent({ side: 'buy', quantity, price, pct }, nowMs);
    }
    return [];
  }

  private intent(
    order: { side: 'buy' | 'sell'; quantity: number; price: number; pct: number },
    nowMs: number,
  ): StrategyOutput[] {
    const c = this.config;
    const quantity = floorTo(order.quantity, c.amountPrecision);
    if (quantity < c.minAmount || quantity <= 0 || quantity * order.price < c.minNotional) return [];
    const intentId = this.newId();
    const message: StreamInput<'strategy.intent'> = {
      intent_id: intentId,
      strategy_id: this.id,
      symbol: c.symbol,
      intent_type: 's1_rebalance',
      action: order.side,
      direction: order.side,
      quantity,
      confidence: 1,
      reason: order.side === 'sell' ? 's1_above_daily_high' : 's1_below_daily_low',
      timestamp: isoOf(nowMs),
      metadata: {
        strategy_type: 's1',
        s1_high: this.levels?.high ?? null,
        s1_low: this.levels?.low ?? null,
        position_pct: order.pct,
        target_pct: order.side === 'sell' ? c.sellTargetPct : c.buyTargetPct,
        reference_price: order.price,
      },
    };
    this.inFlight.add(intentId, 1, nowMs);
    return [{ stream: 'strategy.intent', message }];
  }
}
