import type { PositionUpdateEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { initialPortfolio } from './portfolio-state.ts';
import {
  foldPositionUpdates,
  heldPositionsOf,
  HeldPositionsSchema,
  withHeldPositions,
} from './positions-snapshot.ts';

const update = (i: number): PositionUpdateEvent => ({
  strategy_id: i % 2 === 0 ? 'grid_btc' : 'delta_hedger_btc',
  symbol: i % 3 === 0 ? 'BTC/USDT' : 'ETH/USDT',
  quantity: (i % 7) - 3 + 0.1,
  avg_price: i % 5 === 0 ? 0 : 1000 + i,
  unrealized_pnl: 0,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: i % 4 === 0 ? {} : { account_quantity: i / 10 },
});

const updates = Array.from({ length: 40 }, (_, i) => update(i));

describe('the engine positions snapshot', () => {
  it('restores to the same account as folding every update, after a JSON round trip', () => {
    const whole = foldPositionUpdates(initialPortfolio(100_000), updates);
    const half = foldPositionUpdates(initialPortfolio(100_000), updates.slice(0, 17));
    const saved = HeldPositionsSchema.parse(JSON.parse(JSON.stringify(heldPositionsOf(half))));
    const restored = foldPositionUpdates(
      withHeldPositions(initialPortfolio(100_000), saved),
      updates.slice(17),
    );
    expect(restored).toEqual(whole);
  });

  it('keeps equity, cash and peak of the account it restores into', () => {
    const account = { ...initialPortfolio(100_000), equity: 90_000, cash: 80_000, peak: 120_000 };
    const held = heldPositionsOf(foldPositionUpdates(initialPortfolio(1), updates));
    expect(withHeldPositions(account, held)).toMatchObject({
      equity: 90_000,
      cash: 80_000,
      peak: 120_000,
      ...held,
    });
  });

  it('does not share its records with the account it was taken from', () => {
    const account = foldPositionUpdates(initialPortfolio(100_000), updates);
    const held = heldPositionsOf(account);
    (held.strategyPositions as Record<string, number>)['grid_btc|BTC/USDT'] = 42;
    expect(account.strategyPositions['grid_btc|BTC/USDT']).not.toBe(42);
  });
});
