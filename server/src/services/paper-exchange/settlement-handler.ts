import { FLAT } from './core/paper-position.ts';
import { dueSettlements, type Settlement } from './core/settlement.ts';
import type { PaperMarket } from './order-handler.ts';
import { logFailure, type PaperAccounts, type PaperDeps } from './paper-accounts.ts';

/** Settles expired option positions at intrinsic value against spot, once per position (SPEC §8.1). */
export class SettlementHandler {
  constructor(
    private readonly deps: PaperDeps,
    private readonly accounts: PaperAccounts,
    private readonly market: PaperMarket,
  ) {}

  /** Settles every open option position whose expiry has passed; returns how many. */
  async settleExpired(): Promise<number> {
    const due = dueSettlements(this.accounts.open(), this.deps.clock.now(), (u) => this.market.spot(u));
    for (const s of due) await this.settle(s);
    return due.length;
  }

  private async settle(s: Settlement): Promise<void> {
    const { ledger, clock, log } = this.deps;
    if (!(await ledger.claim(s.clientOrderId))) {
      // Settled before a restart; the position record was not cleared in time.
      await this.accounts.setPosition(s.strategyId, s.symbol, FLAT);
      return;
    }
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
    try {
      await this.accounts.bookFill(fill, s.price);
    } catch (error) {
      await ledger.release(s.clientOrderId);
      throw error;
    }
    const outcome = {
      status: 'filled' as const,
      price: s.price,
      quantity: s.quantity,
      fee: 0,
      at: clock.now(),
    };
    await ledger
      .recordOutcome(s.clientOrderId, outcome)
      .catch((e: unknown) => logFailure(log, 'recording an outcome', e));
  }
}
