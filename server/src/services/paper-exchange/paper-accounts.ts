import type { OrderCommand, StreamInput } from '@gamma/shared';
import type { Bus } from '../../bus/bus.ts';
import { iso, type Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { OrderLedger } from '../../stores/ledger/order-ledger.ts';
import { applyFill, FLAT, type PaperPosition } from './core/paper-position.ts';

/** What the exchange's parts share: the bus, the order ledger, the clock and the log. */
export interface PaperDeps {
  bus: Bus;
  ledger: OrderLedger;
  clock: Clock;
  log: Logger;
}

/** An open position of one strategy in one symbol. */
export interface Held {
  strategyId: string;
  symbol: string;
  position: PaperPosition;
}

/** One fill to book: an order's or an expiry settlement's. */
export interface FillInput {
  strategyId: string;
  symbol: string;
  side: OrderCommand['side'];
  quantity: number;
  price: number;
  fee: number;
  intentId: string | null;
  clientOrderId: string;
  metadata: Record<string, unknown>;
}

const heldKey = (strategyId: string, symbol: string): string => `${strategyId}|${symbol}`;

/** Logs a failure that must not undo what already happened (a fill stands once published). */
export function logFailure(log: Logger, what: string, error: unknown): void {
  log.error(`${what} failed`, { error: String(error) });
}

/**
 * The exchange's open positions per strategy and symbol, and the booking of fills into them: the fill
 * event, the position update and the saved position, in that order.
 */
export class PaperAccounts {
  private readonly held = new Map<string, Held>();

  constructor(private readonly deps: PaperDeps) {}

  /** Restores the positions saved before a restart. */
  async load(): Promise<void> {
    for (const p of await this.deps.ledger.loadPositions())
      this.held.set(heldKey(p.strategyId, p.symbol), {
        strategyId: p.strategyId,
        symbol: p.symbol,
        position: p,
      });
  }

  /** The live positions, keyed by strategy and symbol (read by the settlement). */
  open(): ReadonlyMap<string, Held> {
    return this.held;
  }

  /** Copies of the open positions. */
  list(): Held[] {
    return [...this.held.values()].map((h) => ({ ...h, position: { ...h.position } }));
  }

  /**
   * Books a fill: publishes `order.fill` (a failure throws, nothing changed), then updates the
   * position, publishes `position.update` and persists it; failures after the fill are logged, since
   * the fill stands and must not be repeated.
   */
  async bookFill(f: FillInput, mark: number | null): Promise<void> {
    const key = heldKey(f.strategyId, f.symbol);
    const after = applyFill(this.held.get(key)?.position ?? FLAT, f);
    const timestamp = iso(this.deps.clock.now());
    const fill: StreamInput<'order.fill'> = {
      strategy_id: f.strategyId,
      order_id: `paper-${f.clientOrderId}`,
      symbol: f.symbol,
      side: f.side,
      quantity: f.quantity,
      price: f.price,
      fee: f.fee,
      intent_id: f.intentId,
      client_order_id: f.clientOrderId,
      timestamp,
      metadata: { fee_currency: 'USDT', liquidity: 'taker', ...f.metadata, intent_id: f.intentId },
    };
    await this.deps.bus.publish('order.fill', fill);
    this.held.set(key, { strategyId: f.strategyId, symbol: f.symbol, position: after });
    try {
      await this.publishPosition(f, { after, mark, timestamp });
      await this.persist(f.strategyId, f.symbol, after);
    } catch (error) {
      logFailure(this.deps.log, `position update of ${f.symbol} after fill ${f.clientOrderId}`, error);
    }
  }

  /** Sets and saves a position without a fill (a settlement found already booked). */
  async setPosition(strategyId: string, symbol: string, position: PaperPosition): Promise<void> {
    this.held.set(heldKey(strategyId, symbol), { strategyId, symbol, position });
    await this.persist(strategyId, symbol, position);
  }

  private async publishPosition(
    f: FillInput,
    s: { after: PaperPosition; mark: number | null; timestamp: string },
  ): Promise<void> {
    const { after, mark, timestamp } = s;
    await this.deps.bus.publish('position.update', {
      strategy_id: f.strategyId,
      symbol: f.symbol,
      quantity: after.quantity,
      avg_price: after.avgPrice,
      unrealized_pnl: mark === null || after.quantity === 0 ? 0 : (mark - after.avgPrice) * after.quantity,
      timestamp,
      metadata: {
        account_quantity: this.accountQuantity(f.symbol),
        realized_pnl: after.realizedPnl,
        intent_id: f.intentId,
        client_order_id: f.clientOrderId,
      },
    });
  }

  private async persist(strategyId: string, symbol: string, position: PaperPosition): Promise<void> {
    if (position.quantity === 0) this.held.delete(heldKey(strategyId, symbol));
    await this.deps.ledger.savePosition({ strategyId, symbol, ...position });
  }

  private accountQuantity(symbol: string): number {
    let total = 0;
    for (const h of this.held.values()) if (h.symbol === symbol) total += h.position.quantity;
    return total;
  }
}
