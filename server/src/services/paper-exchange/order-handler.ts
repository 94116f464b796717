import type { OrderCommand, ReasonCode } from '@gamma/shared';
import { underlyingOf } from '@gamma/shared';
import { iso } from '../../lib/clock.ts';
import type { OrderOutcome } from '../../stores/ledger/order-ledger.ts';
import { INTENT_MEMORY_TTL_S } from '../../stores/once/once-marks.ts';
import type { Quote } from './core/book.ts';
import { instrumentKind } from './core/book.ts';
import { decideFill, feeFor } from './core/fill-model.ts';
import { executionRejected, legOf } from './core/rejection.ts';
import type { FillInput, PaperAccounts, PaperDeps } from './paper-accounts.ts';

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
   * Fills or rejects one order command, at most once per `client_order_id`. The outcome is booked first
   * (with the position a fill leaves, one atomic step), then published, each publication with its
   * done-mark; a redelivery after a kill publishes what the booked outcome still lacks.
   */
  async handle(order: OrderCommand, entry: { id: string }): Promise<void> {
    const { ledger, log } = this.deps;
    const clientOrderId = order.client_order_id ?? `ext-${entry.id}`;
    const outcomeKey = order.command === 'create' ? clientOrderId : `${order.command}:${clientOrderId}`;
    const known = await ledger.outcome(outcomeKey);
    if (known)
      log.info('repeated client_order_id', { client_order_id: clientOrderId, outcome: known.status });
    const outcome = known ?? (await this.decide(order, { clientOrderId, outcomeKey }));
    if (outcome.status === 'rejected') {
      await this.reject(order, {
        code: outcome.reasonCode ?? 'UNSUPPORTED_COMMAND',
        reason: outcome.reason ?? 'rejected',
        clientOrderId,
        at: outcome.at,
      });
      return;
    }
    await this.accounts.publishFill(
      this.fillInput(order, clientOrderId, outcome),
      outcome,
      quoteMid(this.market.quote(order.symbol)),
    );
  }

  /** Fills or rejects against the book now and books the outcome; returns the booked one. */
  private async decide(
    order: OrderCommand,
    ids: { clientOrderId: string; outcomeKey: string },
  ): Promise<OrderOutcome> {
    const at = this.deps.clock.now();
    const decision = decideFill(order, this.market.quote(order.symbol));
    if (!decision.ok) {
      const rejected = {
        status: 'rejected' as const,
        reasonCode: decision.code,
        reason: decision.reason,
        at,
      };
      return (await this.deps.ledger.book(ids.outcomeKey, rejected, null)).outcome;
    }
    const spot = this.market.spot(underlyingOf(order.symbol));
    const fee = feeFor({
      kind: instrumentKind(order.symbol),
      price: decision.price,
      quantity: order.quantity,
      spot,
    });
    const filled = { status: 'filled' as const, price: decision.price, quantity: order.quantity, fee, at };
    return (await this.accounts.book(this.fillInput(order, ids.clientOrderId, filled), at)).outcome;
  }

  private fillInput(order: OrderCommand, clientOrderId: string, outcome: OrderOutcome): FillInput {
    return {
      strategyId: order.strategy_id,
      symbol: order.symbol,
      side: order.side,
      quantity: outcome.quantity ?? order.quantity,
      price: outcome.price ?? 0,
      fee: outcome.fee ?? 0,
      intentId: order.intent_id,
      clientOrderId,
      metadata: {
        leg: legOf(order, clientOrderId),
        settlement: false,
        intent_type: order.metadata.intent_type ?? null,
      },
    };
  }

  /** The `execution_rejected` decision of a rejected order: once per intent, whichever leg or service rejects (SPEC §3.3). */
  private async reject(
    order: OrderCommand,
    rejection: { code: ReasonCode; reason: string; clientOrderId: string; at: number },
  ): Promise<void> {
    const { once, log } = this.deps;
    const fields = {
      client_order_id: rejection.clientOrderId,
      code: rejection.code,
      reason: rejection.reason,
    };
    if (order.intent_id === null) {
      log.warn('order rejected (no intent_id: no decision event)', fields);
      return;
    }
    const decision = executionRejected(
      { ...order, intent_id: order.intent_id },
      rejection,
      iso(rejection.at),
    );
    const done = await once.append({
      stream: 'intent.decision',
      scope: 'decision',
      key: `${order.intent_id}:execution_rejected`,
      messages: [decision],
      ttlS: INTENT_MEMORY_TTL_S,
    });
    if (done.first) log.info('order rejected', fields);
  }
}
