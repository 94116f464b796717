import type { OrderCommand, ReasonCode } from '@gamma/shared';
import { underlyingOf } from '@gamma/shared';
import { iso } from '../../lib/clock.ts';
import type { OrderOutcome } from '../../stores/ledger/order-ledger.ts';
import type { Quote } from './core/book.ts';
import { instrumentKind } from './core/book.ts';
import { decideFill, feeFor } from './core/fill-model.ts';
import { executionRejected, legOf } from './core/rejection.ts';
import { logFailure, type PaperAccounts, type PaperDeps } from './paper-accounts.ts';

/** The exchange's view of the market: its quote of a symbol and the spot of an underlying. */
export interface PaperMarket {
  quote(symbol: string): Quote | null;
  spot(underlying: string): number | null;
}

const quoteMid = (q: Quote | null): number | null =>
  q && q.bid !== null && q.ask !== null && q.bid > 0 && q.ask > 0 ? (q.bid + q.ask) / 2 : null;

/** Fills or rejects order commands against the latest book, at most once per `client_order_id` (SPEC §8.1). */
export class OrderHandler {
  constructor(
    private readonly deps: PaperDeps,
    private readonly accounts: PaperAccounts,
    private readonly market: PaperMarket,
  ) {}

  /**
   * Fills or rejects one order command, at most once per `client_order_id`. If the fill or rejection
   * cannot be published, the claim is released and the error rethrown, so the redelivery retries.
   */
  async handle(order: OrderCommand, entry: { id: string }): Promise<void> {
    const { ledger, log } = this.deps;
    const clientOrderId = order.client_order_id ?? `ext-${entry.id}`;
    const claimKey = order.command === 'create' ? clientOrderId : `${order.command}:${clientOrderId}`;
    if (!(await ledger.claim(claimKey))) {
      const known = await ledger.outcome(claimKey);
      const fields = { client_order_id: clientOrderId, outcome: known?.status ?? 'in progress' };
      log.info('repeated client_order_id ignored', fields);
      return;
    }
    let outcome: OrderOutcome;
    try {
      outcome = await this.execute(order, clientOrderId);
    } catch (error) {
      await ledger.release(claimKey);
      throw error;
    }
    await ledger
      .recordOutcome(claimKey, outcome)
      .catch((e: unknown) => logFailure(log, 'recording an outcome', e));
  }

  private async execute(order: OrderCommand, clientOrderId: string): Promise<OrderOutcome> {
    const at = this.deps.clock.now();
    const quote = this.market.quote(order.symbol);
    const decision = decideFill(order, quote);
    if (!decision.ok) {
      await this.reject(order, { code: decision.code, reason: decision.reason, clientOrderId });
      return { status: 'rejected', reasonCode: decision.code, at };
    }
    const spot = this.market.spot(underlyingOf(order.symbol));
    const kind = instrumentKind(order.symbol);
    const fee = feeFor({ kind, price: decision.price, quantity: order.quantity, spot });
    const metadata = {
      leg: legOf(order, clientOrderId),
      settlement: false,
      intent_type: order.metadata.intent_type ?? null,
    };
    await this.accounts.bookFill(
      {
        strategyId: order.strategy_id,
        symbol: order.symbol,
        side: order.side,
        quantity: order.quantity,
        price: decision.price,
        fee,
        intentId: order.intent_id,
        clientOrderId,
        metadata,
      },
      quoteMid(quote),
    );
    return { status: 'filled', price: decision.price, quantity: order.quantity, fee, at };
  }

  private async reject(
    order: OrderCommand,
    rejection: { code: ReasonCode; reason: string; clientOrderId: string },
  ): Promise<void> {
    const { bus, clock, log } = this.deps;
    const fields = {
      client_order_id: rejection.clientOrderId,
      code: rejection.code,
      reason: rejection.reason,
    };
    if (order.intent_id === null) {
      log.warn('order rejected (no intent_id: no decision event)', fields);
      return;
    }
    log.info('order rejected', fields);
    await bus.publish(
      'intent.decision',
      executionRejected({ ...order, intent_id: order.intent_id }, rejection, iso(clock.now())),
    );
  }
}
