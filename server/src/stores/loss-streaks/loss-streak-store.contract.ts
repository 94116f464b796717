import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClosedTrade, LossStreakStore } from './loss-streak-store.ts';

/** A loss-streak store prepared for the contract suite. */
export interface LossStreakStoreUnderTest {
  store: LossStreakStore;
  /** Another handle on the same records (Redis: another client; memory: the same store) */
  twin: LossStreakStore;
  dispose(): Promise<void>;
}

const T0 = 1_772_442_904_120;
const RULE = { streak: 3, cooldownMs: 3_600_000 };

/** The n-th close of `grid_btc` in BTC/USDT, leaving the position's cumulative realized PnL at `realized`. */
const close = (n: number, realized: number, over: Partial<ClosedTrade> = {}): ClosedTrade => ({
  entryId: `${T0 + n}-0`,
  strategyId: 'grid_btc',
  symbol: 'BTC/USDT',
  realizedPnl: realized,
  atMs: T0 + n,
  ...over,
});

/**
 * What every `LossStreakStore` shares: a trade's PnL is the realized PnL since its position's last close;
 * losses in a row start the cooldown at the limit and the count starts again; a win ends a streak; each
 * entry counts once, in entry order.
 */
export function describeLossStreakStoreContract(
  name: string,
  make: () => Promise<LossStreakStoreUnderTest>,
): void {
  describe(`${name} (loss-streak store contract)`, () => {
    let harness: LossStreakStoreUnderTest;
    beforeEach(async () => {
      harness = await make();
    });
    afterEach(() => harness.dispose());

    it('counts losing closes in a row and starts the cooldown at the limit, from the close', async () => {
      const { store } = harness;
      expect(await store.record(close(1, -10), RULE)).toEqual({ losses: 1, cooldownUntilMs: null });
      // realized goes from −10 to −15: a loss of 5
      expect(await store.record(close(2, -15), RULE)).toEqual({ losses: 2, cooldownUntilMs: null });
      expect(await store.record(close(3, -15.5), RULE)).toEqual({
        losses: 0,
        cooldownUntilMs: T0 + 3 + 3_600_000,
      });
      expect(await store.loadAll()).toEqual({ grid_btc: { losses: 0, cooldownUntilMs: T0 + 3 + 3_600_000 } });
    });

    it('ends a streak on a winning or break-even close and keeps strategies and symbols apart', async () => {
      const { store } = harness;
      await store.record(close(1, -10), RULE);
      await store.record(close(2, -5, { symbol: 'ETH/USDT' }), RULE);
      await store.record(close(3, -1, { strategyId: 'other' }), RULE);
      expect((await store.loadAll()).grid_btc).toEqual({ losses: 2, cooldownUntilMs: null });
      // ETH's realized PnL was −5 at its last close: −5 again is break-even
      expect(await store.record(close(4, -5, { symbol: 'ETH/USDT' }), RULE)).toEqual({
        losses: 0,
        cooldownUntilMs: null,
      });
      expect((await store.loadAll()).other).toEqual({ losses: 1, cooldownUntilMs: null });
    });

    it('applies each entry once whichever handle comes first, and never an older one', async () => {
      const { store, twin } = harness;
      const [a, b] = await Promise.all([store.record(close(1, -1), RULE), twin.record(close(1, -1), RULE)]);
      expect([a, b]).toEqual([
        { losses: 1, cooldownUntilMs: null },
        { losses: 1, cooldownUntilMs: null },
      ]);
      await store.record(close(3, -2), RULE);
      expect(await twin.record(close(2, -100), RULE)).toEqual({ losses: 2, cooldownUntilMs: null });
    });
  });
}
