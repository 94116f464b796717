import { describe, expect, it } from 'vitest';
import { hedgeStatus } from '@gamma/shared';
import { hedgeText } from './hedge-status';

describe('hedgeStatus', () => {
  it.each([
    [0, 'well_hedged'],
    [0.019, 'well_hedged'],
    [-0.019, 'well_hedged'],
    [0.02, 'acceptable'],
    [-0.049, 'acceptable'],
    [0.05, 'long_delta'],
    [0.08, 'long_delta'],
    [-0.05, 'short_delta'],
    [-0.12, 'short_delta'],
  ] as const)('Δ %s with threshold 0.05 is %s', (delta, status) => {
    expect(hedgeStatus(delta, 0.05)).toBe(status);
  });
});

describe('hedgeText', () => {
  describe('when delta is long beyond the threshold', () => {
    it('says to sell |Δ| of the perpetual', () => {
      expect(hedgeText(0.08, 0.05, 'BTC/USDT:USDT')).toBe('long_delta: sell 0.0800 of BTC/USDT:USDT');
    });
  });

  describe('when delta is short beyond the threshold', () => {
    it('says to buy |Δ| of the perpetual', () => {
      expect(hedgeText(-0.12, 0.05, 'ETH/USDT:USDT')).toBe('short_delta: buy 0.1200 of ETH/USDT:USDT');
    });
  });

  it('shows well_hedged and acceptable as they are', () => {
    expect(hedgeText(0.01, 0.05, 'BTC/USDT:USDT')).toBe('well_hedged');
    expect(hedgeText(0.03, 0.05, 'BTC/USDT:USDT')).toBe('acceptable');
  });
});
