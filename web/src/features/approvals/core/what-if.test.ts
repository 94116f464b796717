import { describe, expect, it } from 'vitest';
import { whatIfOf, whatIfText } from './what-if';

const metadata = {
  p_vol: 0.6,
  what_if: {
    underlying: 'BTC/USDT',
    before: { delta: -0.2, gamma: 0, vega: 0, theta: 0, rho: 0 },
    after: { delta: -0.19634, gamma: 0.0000121, vega: 12.3456, theta: -90.1, rho: 0.5 },
    unpriced: [],
  },
};

describe('whatIfOf', () => {
  it('reads the what-if of an intent metadata', () => {
    expect(whatIfOf(metadata)).toEqual({
      underlying: 'BTC/USDT',
      before: { delta: -0.2, vega: 0 },
      after: { delta: -0.19634, vega: 12.3456 },
    });
  });

  describe('when the metadata has no what-if or a malformed one', () => {
    it('is null', () => {
      expect(whatIfOf({})).toBeNull();
      expect(whatIfOf(null)).toBeNull();
      expect(whatIfOf({ what_if: { underlying: 'BTC/USDT', before: { delta: 1 }, after: {} } })).toBeNull();
      expect(
        whatIfOf({
          what_if: { underlying: 'BTC/USDT', before: { delta: 0, vega: 0 }, after: { delta: 'x', vega: 1 } },
        }),
      ).toBeNull();
    });
  });
});

describe('whatIfText', () => {
  it('shows Δ (4 dp) and vega (2 dp), signed, before → after', () => {
    const w = whatIfOf(metadata);
    expect(w && whatIfText(w)).toEqual({
      underlying: 'BTC/USDT',
      delta: '-0.2000 → -0.1963',
      vega: '0.00 → +12.35',
    });
  });

  it('shows a short straddle as losing vega', () => {
    expect(
      whatIfText({
        underlying: 'ETH/USDT',
        before: { delta: 0.5, vega: 3 },
        after: { delta: 0.5, vega: -4.5 },
      }),
    ).toEqual({ underlying: 'ETH/USDT', delta: '+0.5000 → +0.5000', vega: '+3.00 → -4.50' });
  });
});
