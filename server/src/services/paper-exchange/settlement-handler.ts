import { dueSettlements, type Settlement } from './core/settlement.ts';
import type { PaperMarket } from './order-handler.ts';
import type { PaperAccounts, PaperDeps } from './paper-accounts.ts';

/** Settles expired option positions at intrinsic value against spot, once per position (SPEC §8.1). */
export class SettlementHandler {
  constructor(
    private readonly deps: PaperDeps,
    private readonly accounts: PaperAccounts,
    private readonly market: PaperMarket,
  ) {}

  /** Settles every open option position whose expiry has passed; returns how many. */
  async settleExpired(): Promise<number> {
    const open = new Map((await this.accounts.list()).map((h) => [`${h.strategyId}|${h.symbol}`, h]));
    const due = dueSettlements(open, this.deps.clock.now(), (u) => this.market.spot(u));
    for (const s of due) await this.settle(s);
    return due.length;
  }

  /** Books the settlement fill (once per position: its client order id), then publishes what is missing. */
  private async settle(s: Settlement): Promise<void> {
    const fill = {
      strategyId: s.strategyId,
      symbol: s.symbol,
      side: s.side,
      quantity: s.quantity,
      price: s.price,
      fee: 0,
      intentId: null,
      clientOrderId: s.clientOrderId,
      metadata: { leg: null, settlement: true },
    };
    // Settled before (a crash after booking, or another exchange process): the booked outcome is published
    const booked = await this.accounts.book(fill, this.deps.clock.now());
    await this.accounts.publishFill(fill, booked.outcome, s.price);
  }
}
