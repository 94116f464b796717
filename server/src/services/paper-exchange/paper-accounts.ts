import type { OrderCommand, StreamInput } from '@gamma/shared';
import type { Bus } from '../../bus/bus.ts';
import { InfrastructureError } from '../../errors/index.ts';
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

/** How often a booking re-reads a position another process keeps moving before it gives up (redelivered later). */
const MAX_BOOK_ATTEMPTS = 50;

const figuresOf = (p: PaperPosition): PaperPosition => ({
  quantity: p.quantity,
  avgPrice: p.avgPrice,
  realizedPnl: p.realizedPnl,
});

/** Logs a failure that must not undo what already happened (a fill stands once published). */
export function logFailure(log: Logger, what: string, error: unknown): void {
  log.error(`${what} failed`, { error: String(error) });
}

/**
 * The exchange's open positions per strategy and symbol, and the booking of fills into them: the
 * outcome with the saved position (one atomic step), then the fill event, then the position update.
 * The ledger is the only copy of the positions, so any number of exchange processes book into it
 * (README, "Scaling"): each booking applies the fill to the position as stored and is refused if another
 * process moved that position in between, then reads it again.
 */
export class PaperAccounts {
  constructor(private readonly deps: PaperDeps) {}

  /** The open positions, as the ledger holds them now. */
  async list(): Promise<Held[]> {
    return (await this.deps.ledger.loadPositions()).map((p) => ({
      strategyId: p.strategyId,
      symbol: p.symbol,
      position: figuresOf(p),
    }));
  }

  /**
   * Books a fill: its outcome and the position it leaves, in one atomic step of the ledger (nothing
   * happens if the client order id has an outcome: the earlier one is returned). Publishing follows with
   * {@link publishFill}, which a redelivery redoes from the booked outcome.
   */
  async book(f: FillInput, at: number): Promise<Booked> {
    const { ledger } = this.deps;
    for (let attempt = 0; attempt < MAX_BOOK_ATTEMPTS; attempt += 1) {
      const { position, version } = await ledger.positionOf(f.strategyId, f.symbol);
      const after = applyFill(position ? figuresOf(position) : FLAT, f);
      const outcome: OrderOutcome = {
        status: 'filled',
        price: f.price,
        quantity: f.quantity,
        fee: f.fee,
        at,
        position: after,
      };
      const moved = { position: { strategyId: f.strategyId, symbol: f.symbol, ...after }, version };
      const booked = await ledger.bookFrom(f.clientOrderId, outcome, moved);
      if (booked) return booked;
    }
    throw new InfrastructureError(
      `position ${f.strategyId} ${f.symbol} kept moving while booking ${f.clientOrderId}`,
    );
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
    const positions = await this.list();
    const held = positions.find((h) => h.strategyId === f.strategyId && h.symbol === f.symbol)?.position;
    const after = held ?? (outcome.position?.quantity === 0 ? outcome.position : FLAT);
    const accountQuantity = positions
      .filter((h) => h.symbol === f.symbol)
      .reduce((sum, h) => sum + h.position.quantity, 0);
    await once.append({
      ...published,
      stream: 'position.update',
      messages: [this.positionUpdate(f, { after, mark, timestamp, accountQuantity })],
    });
  }

  private positionUpdate(
    f: FillInput,
    s: { after: PaperPosition; mark: number | null; timestamp: string; accountQuantity: number },
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
        account_quantity: s.accountQuantity,
        realized_pnl: after.realizedPnl,
        intent_id: f.intentId,
        client_order_id: f.clientOrderId,
      },
    };
  }
}
