import { describe, expect, it } from 'vitest';
import { dueSettlements, intrinsicValue } from './settlement.ts';

const at = (s: string) => Date.parse(s);
const held = (symbol: string, quantity: number) =>
  new Map([
    [`s|${symbol}`, { strategyId: 's', symbol, position: { quantity, avgPrice: 1000, realizedPnl: 0 } }],
  ]);

describe('intrinsicValue', () => {
  it('is max(S − K, 0) for a call and max(K − S, 0) for a put', () => {
    expect(intrinsicValue({ optionType: 'call', strike: 100 }, 130)).toBe(30);
    expect(intrinsicValue({ optionType: 'call', strike: 100 }, 70)).toBe(0);
    expect(intrinsicValue({ optionType: 'put', strike: 100 }, 70)).toBe(30);
  });
});

describe('dueSettlements', () => {
  const spot = () => 101_000;

  describe('when the expiry is not yet 08:00 UTC', () => {
    it('settles nothing', () => {
      expect(dueSettlements(held('BTC-20260302-100000-C', 1), at('2026-03-02T07:59:59Z'), spot)).toEqual([]);
    });
  });

  describe('when the expiry has passed', () => {
    it('closes a long call at intrinsic value with a sell', () => {
      expect(dueSettlements(held('BTC-20260302-100000-C', 2), at('2026-03-02T08:00:00Z'), spot)).toEqual([
        {
          strategyId: 's',
          symbol: 'BTC-20260302-100000-C',
          side: 'sell',
          quantity: 2,
          price: 1000,
          clientOrderId: 'settle-BTC-20260302-100000-C-s',
        },
      ]);
    });
    it('closes a short put with a buy at 0 when out of the money', () => {
      const [s] = dueSettlements(held('BTC-20260302-100000-P', -1), at('2026-03-02T09:00:00Z'), spot);
      expect(s).toMatchObject({ side: 'buy', quantity: 1, price: 0 });
    });
    it('waits while the spot is unknown', () => {
      expect(
        dueSettlements(held('BTC-20260302-100000-C', 1), at('2026-03-03T00:00:00Z'), () => null),
      ).toEqual([]);
    });
  });

  it('ignores spot and perpetual positions', () => {
    expect(dueSettlements(held('BTC/USDT', 1), at('2030-01-01T00:00:00Z'), spot)).toEqual([]);
  });
});
