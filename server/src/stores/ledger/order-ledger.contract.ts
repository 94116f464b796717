import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderLedger } from './order-ledger.ts';

/** An order ledger prepared for the contract suite. */
export interface OrderLedgerUnderTest {
  ledger: OrderLedger;
  /** A second ledger on the same storage (a restarted exchange) */
  reopen(): OrderLedger;
  /** Removes what the test left behind */
  dispose(): Promise<void>;
}

/** What every `OrderLedger` shares: one claim per client order id, outcomes, release, saved positions. */
export function describeOrderLedgerContract(name: string, make: () => Promise<OrderLedgerUnderTest>): void {
  describe(`${name} (order ledger contract)`, () => {
    let harness: OrderLedgerUnderTest;
    let ledger: OrderLedger;

    beforeEach(async () => {
      harness = await make();
      ledger = harness.ledger;
    });
    afterEach(() => harness.dispose());

    describe('when the same client_order_id is claimed twice', () => {
      it('grants the first claim only', async () => {
        const claims = await Promise.all([ledger.claim('i-0'), ledger.claim('i-0')]);
        expect(claims.sort()).toEqual([false, true]);
      });
    });

    describe('when an outcome is recorded', () => {
      it('stores it beside the claim and keeps the id claimed', async () => {
        await ledger.claim('i-0');
        expect(await ledger.outcome('i-0')).toBeNull();
        await ledger.recordOutcome('i-0', { status: 'filled', price: 10, quantity: 1, fee: 0.01, at: 5 });
        expect(await ledger.outcome('i-0')).toEqual({
          status: 'filled',
          price: 10,
          quantity: 1,
          fee: 0.01,
          at: 5,
        });
        expect(await ledger.claim('i-0')).toBe(false);
      });
    });

    describe('when a claim is released', () => {
      it('can be claimed again', async () => {
        await ledger.claim('i-1');
        await ledger.release('i-1');
        expect(await ledger.claim('i-1')).toBe(true);
      });
    });

    describe('when positions are saved', () => {
      it('loads open ones and forgets flat ones', async () => {
        await ledger.savePosition({
          strategyId: 'a',
          symbol: 'BTC/USDT',
          quantity: 1,
          avgPrice: 10,
          realizedPnl: 0,
        });
        await ledger.savePosition({
          strategyId: 'b',
          symbol: 'BTC/USDT',
          quantity: 2,
          avgPrice: 11,
          realizedPnl: 1,
        });
        await ledger.savePosition({
          strategyId: 'b',
          symbol: 'BTC/USDT',
          quantity: 0,
          avgPrice: 0,
          realizedPnl: 3,
        });
        expect(await harness.reopen().loadPositions()).toEqual([
          { strategyId: 'a', symbol: 'BTC/USDT', quantity: 1, avgPrice: 10, realizedPnl: 0 },
        ]);
      });
    });
  });
}
