import type {
  IntentDecisionEvent,
  MarketTickEvent,
  OrderFillEvent,
  PortfolioRiskEvent,
  StreamInput,
} from '@gamma/shared';
import type { GridConfig } from '../config.ts';
import { GridStateSchema, loadWith, type GridState } from './strategy-state.ts';
import type { Strategy, StrategyOutput } from './strategy.ts';
import { isoOf, TERMINAL_DECISION_STATUSES } from './strategy.ts';

/** One side of the grid: armed once the price crosses its band, tracking the extreme since. */
interface Side {
  armed: boolean;
  extreme: number;
}

const DISARMED: Side = { armed: false, extreme: 0 };
const arm = (crossed: boolean, price: number): Side => (crossed ? { armed: true, extreme: price } : DISARMED);

/**
 * Grid (SPEC §4.3): arms the sell side above the upper band and sells on a reversal from the high,
 * arms the buy side below the lower band and buys on a reversal from the low. The two sides keep
 * separate state. Emits legacy StrategySignalEvents; the engine turns them into intents.
 */
export class Grid implements Strategy {
  private base: number | null;
  private sell: Side = DISARMED;
  private buy: Side = DISARMED;
  private lastActivityMs: number | null = null;
  private inFlightSinceMs: number | null = null;
  private equity: number | null = null;

  constructor(
    readonly id: string,
    private readonly config: GridConfig,
  ) {
    this.base = config.basePrice > 0 ? config.basePrice : null;
  }

  wantsTick(symbol: string): boolean {
    return symbol === this.config.symbol;
  }

  handleTick(tick: MarketTickEvent, nowMs: number): StrategyOutput[] {
    if (tick.symbol !== this.config.symbol) return [];
    const price = tick.price;
    if (this.base === null) this.base = price;
    if (this.isBlocked(nowMs)) return [];
    const base = this.base;
    const band = this.config.gridSizePct / 100;
    const th = band * this.config.flipThresholdFactor;
    this.sell = this.sell.armed
      ? { armed: true, extreme: Math.max(this.sell.extreme, price) }
      : arm(price >= base * (1 + band), price);
    this.buy = this.buy.armed
      ? { armed: true, extreme: Math.min(this.buy.extreme, price) }
      : arm(price <= base * (1 - band), price);
    if (this.sell.armed && price <= base) this.sell = DISARMED;
    if (this.buy.armed && price >= base) this.buy = DISARMED;
    if (this.sell.armed && price <= this.sell.extreme * (1 - th)) return this.signal('sell', price, nowMs);
    if (this.buy.armed && price >= this.buy.extreme * (1 + th)) return this.signal('buy', price, nowMs);
    return [];
  }

  /** Equity for sizing: the latest `metadata.total_value` of any portfolio.risk event. */
  handlePortfolioRisk(risk: PortfolioRiskEvent): StrategyOutput[] {
    const total = risk.metadata.total_value;
    if (typeof total === 'number' && Number.isFinite(total)) this.equity = total;
    return [];
  }

  /** A fill of its symbol: base = fill price, both sides disarmed, interval restarted. */
  handleFill(fill: OrderFillEvent, nowMs: number): StrategyOutput[] {
    if (fill.symbol !== this.config.symbol) return [];
    this.base = fill.price;
    this.sell = DISARMED;
    this.buy = DISARMED;
    this.lastActivityMs = nowMs;
    this.inFlightSinceMs = null;
    return [];
  }

  /** A terminal decision on its (single) signal ends the in-flight state. */
  handleDecision(decision: IntentDecisionEvent): StrategyOutput[] {
    if (TERMINAL_DECISION_STATUSES.has(decision.status)) this.inFlightSinceMs = null;
    return [];
  }

  snapshot(): Record<string, unknown> {
    return {
      symbol: this.config.symbol,
      base_price: this.base,
      sell_armed: this.sell.armed,
      highest_price: this.sell.armed ? this.sell.extreme : null,
      buy_armed: this.buy.armed,
      lowest_price: this.buy.armed ? this.buy.extreme : null,
      equity: this.equity,
      in_flight: this.inFlightSinceMs !== null,
    };
  }

  saveState(): GridState {
    const { base, sell, buy, lastActivityMs, inFlightSinceMs, equity } = this;
    return { base, sell: { ...sell }, buy: { ...buy }, lastActivityMs, inFlightSinceMs, equity };
  }

  loadState(state: unknown): boolean {
    return loadWith(GridStateSchema, state, (s) => {
      ({ base: this.base, sell: this.sell, buy: this.buy, equity: this.equity } = s);
      ({ lastActivityMs: this.lastActivityMs, inFlightSinceMs: this.inFlightSinceMs } = s);
    });
  }

  private isBlocked(nowMs: number): boolean {
    const c = this.config;
    if (this.inFlightSinceMs !== null && nowMs - this.inFlightSinceMs >= c.inFlightTtlS * 1000)
      this.inFlightSinceMs = null;
    if (this.inFlightSinceMs !== null) return true;
    return this.lastActivityMs !== null && nowMs - this.lastActivityMs < c.minTradeIntervalS * 1000;
  }

  private signal(type: 'buy' | 'sell', price: number, nowMs: number): StrategyOutput[] {
    const extreme =
      type === 'sell' ? { highest_price: this.sell.extreme } : { lowest_price: this.buy.extreme };
    const quantity =
      this.equity !== null && this.equity > 0 ? (this.config.orderFraction * this.equity) / price : null;
    const message: StreamInput<'strategy.signal'> = {
      strategy_id: this.id,
      signal_type: type,
      symbol: this.config.symbol,
      confidence: 1,
      target_price: price,
      stop_loss: null,
      take_profit: null,
      timestamp: isoOf(nowMs),
      metadata: {
        strategy_type: 'grid',
        grid_size: this.config.gridSizePct,
        base_price: this.base,
        ...extreme,
        ...(quantity === null ? {} : { quantity }),
        reason: type === 'sell' ? 'grid_upper_reversal' : 'grid_lower_reversal',
      },
    };
    this.lastActivityMs = nowMs;
    this.inFlightSinceMs = nowMs;
    return [{ stream: 'strategy.signal', message }];
  }
}
