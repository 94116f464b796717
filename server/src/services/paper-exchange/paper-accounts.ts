import type { OrderCommand, StreamInput } from '@gamma/shared';
import type { Bus } from '../../bus/bus.ts';
import { iso, type Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import {
  OUTCOME_TTL_S,
  type Booked,
  type OrderOutcome,
  type OrderLedger,
} from '../../stores/ledger/order-ledger.ts';
import type { OnceMarks } from '../../stores/once/once-marks.ts';
import { applyFill, FLAT, type PaperPosition } from './core/paper-position.ts';

/** What the exchange's parts share: the bus, the order ledger, the once marks, the clock and the log. */
export interface PaperDeps {
  bus: Bus;
  ledger: OrderLedger;
  once: OnceMarks;
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
 * The exchange's open positions per strategy and symbol, and the booking of fills into them: the
 * outcome with the saved position (one atomic step), then the fill event, then the position update.
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
   * Books a fill: its outcome and the position it leaves, in one atomic step of the ledger (nothing
   * happens if the client order id has an outcome: the earlier one is returned). Publishing follows with
   * {@link publishFill}, which a redelivery redoes from the booked outcome.
   */
  async book(f: FillInput, at: number): Promise<Booked> {
    const key = heldKey(f.strategyId, f.symbol);
    const after = applyFill(this.held.get(key)?.position ?? FLAT, f);
    const outcome: OrderOutcome = {
      status: 'filled',
      price: f.price,
      quantity: f.quantity,
      fee: f.fee,
      at,
      position: after,
    };
    const position = { strategyId: f.strategyId, symbol: f.symbol, ...after };
    const booked = await this.deps.ledger.book(f.clientOrderId, outcome, position);
    if (booked.first) {
      if (after.quantity === 0) this.held.delete(key);
      else this.held.set(key, { strategyId: f.strategyId, symbol: f.symbol, position: after });
    } else {
      // Booked before, maybe by this process with the reply lost (a command resent after a reconnect):
      // the saved position, booked with that outcome, is the truth
      await this.resync(f.strategyId, f.symbol);
    }
    return booked;
  }

  /**
   * Takes one position from the ledger, where every booked fill is (for an order whose outcome this
   * process may not have applied: booked just before a crash or a lost reply).
   */
  async resync(strategyId: string, symbol: string): Promise<void> {
    const key = heldKey(strategyId, symbol);
    const saved = (await this.deps.ledger.loadPositions()).find(
      (p) => heldKey(p.strategyId, p.symbol) === key,
    );
    if (!saved) this.held.delete(key);
    else {
      const { quantity, avgPrice, realizedPnl } = saved;
      this.held.set(key, { strategyId, symbol, position: { quantity, avgPrice, realizedPnl } });
    }
  }

  /**
   * Publishes a booked fill's `order.fill`, then its `position.update`, each appended with its done-mark
   * in one step, so a redelivery publishes what is missing and nothing twice. The update carries the
   * position as the exchange holds it now (a later fill may have moved it since the booking).
   */
  async publishFill(f: FillInput, outcome: OrderOutcome, mark: number | null): Promise<void> {
    const { once } = this.deps;
    const timestamp = iso(outcome.at);
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
    // The fill and position marks are kept as long as the order's outcome
    const published = { scope: 'order', key: f.clientOrderId, ttlS: OUTCOME_TTL_S } as const;
    await once.append({ ...published, stream: 'order.fill', messages: [fill] });
    const held = this.held.get(heldKey(f.strategyId, f.symbol))?.position;
    const after = held ?? (outcome.position?.quantity === 0 ? outcome.position : FLAT);
    await once.append({
      ...published,
      stream: 'position.update',
      messages: [this.positionUpdate(f, { after, mark, timestamp })],
    });
  }

  private positionUpdate(
    f: FillInput,
    s: { after: PaperPosition; mark: number | null; timestamp: string },
  ): StreamInput<'position.update'> {
    const { after, mark, timestamp } = s;
    return {
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
    };
  }

  private accountQuantity(symbol: string): number {
    let total = 0;
    for (const h of this.held.values()) if (h.symbol === symbol) total += h.position.quantity;
    return total;
  }
}
