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

/** What every `OrderLedger` shares: one outcome per client order id, booked with its position; saved positions. */
export function describeOrderLedgerContract(name: string, make: () => Promise<OrderLedgerUnderTest>): void {
  describe(`${name} (order ledger contract)`, () => {
    let harness: OrderLedgerUnderTest;
    let ledger: OrderLedger;

    beforeEach(async () => {
      harness = await make();
      ledger = harness.ledger;
    });
    afterEach(() => harness.dispose());

    const filled = { status: 'filled' as const, price: 10, quantity: 1, fee: 0.01, at: 5 };
    const position = { strategyId: 'a', symbol: 'BTC/USDT', quantity: 1, avgPrice: 10, realizedPnl: 0 };

    describe('when the same client_order_id is booked twice', () => {
      it('books the first outcome only, with its position, and returns it to every call', async () => {
        const rejected = {
          status: 'rejected' as const,
          reasonCode: 'NO_QUOTE' as const,
          reason: 'no quote',
          at: 6,
        };
        const results = await Promise.all([
          ledger.book('i-0', filled, position),
          ledger.book('i-0', rejected, null),
        ]);
        expect(results.filter((r) => r.first)).toHaveLength(1);
        const winner = results.find((r) => r.first)?.outcome;
        expect(results.map((r) => r.outcome)).toEqual([winner, winner]);
        expect(await ledger.outcome('i-0')).toEqual(winner);
        const again = await ledger.book('i-0', { ...filled, price: 99 }, { ...position, quantity: 7 });
        expect(again).toEqual({ first: false, outcome: winner });
        const saved = await harness.reopen().loadPositions();
        expect(saved).toEqual(winner?.status === 'filled' ? [position] : []);
      });
    });

    describe('when a fill leaves a flat position', () => {
      it('removes the saved position in the same step', async () => {
        await ledger.book('i-1', filled, position);
        await ledger.book('i-2', { ...filled, at: 7 }, { ...position, quantity: 0, realizedPnl: 2 });
        expect(await harness.reopen().loadPositions()).toEqual([]);
        expect(await harness.reopen().outcome('i-2')).toEqual({ ...filled, at: 7 });
        expect(await ledger.outcome('i-3')).toBeNull();
      });
    });

    describe('when two processes book from the same version of a position', () => {
      it('books the first, refuses the second until it re-reads, and never forgets a fill', async () => {
        const before = await ledger.positionOf('a', 'BTC/USDT');
        expect(before).toEqual({ position: null, version: '' });
        const first = await ledger.bookFrom('i-4', filled, { position, version: before.version });
        expect(first).toEqual({ first: true, outcome: filled });
        const stale = await ledger.bookFrom('i-5', filled, { position, version: before.version });
        expect(stale).toBeNull();
        expect(await ledger.outcome('i-5')).toBeNull();
        const now = await ledger.positionOf('a', 'BTC/USDT');
        expect(now.position).toEqual(position);
        const two = { ...position, quantity: 2 };
        expect(await ledger.bookFrom('i-5', filled, { position: two, version: now.version })).toEqual({
          first: true,
          outcome: filled,
        });
        expect(await ledger.bookFrom('i-4', { ...filled, price: 1 }, { position, version: '' })).toEqual({
          first: false,
          outcome: filled,
        });
        expect(await harness.reopen().loadPositions()).toEqual([two]);
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
