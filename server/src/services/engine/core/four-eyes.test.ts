import { describe, expect, it } from 'vitest';
import { fourEyesRuleOf } from './four-eyes.ts';

const config = { notionalUsd: 100_000, actions: ['sell_straddle', 'sell_strangle', 'close'] };

describe('fourEyesRuleOf', () => {
  it('needs two traders above FOUR_EYES_NOTIONAL_USD, not at it', () => {
    expect(fourEyesRuleOf({ action: 'buy', notionalUsd: 145_000.4 }, config)).toEqual({
      rule: 'notional',
      detail: 'notional 145,000 USD over 100,000',
    });
    expect(fourEyesRuleOf({ action: 'buy', notionalUsd: 100_000 }, config)).toBeNull();
    expect(fourEyesRuleOf({ action: 'buy', notionalUsd: 0.1 + 0.2 + 99_999.7 }, config)).toBeNull();
    expect(fourEyesRuleOf({ action: 'buy', notionalUsd: null }, config)).toBeNull();
  });

  it('needs two traders for a listed action at any size, the action named first', () => {
    expect(fourEyesRuleOf({ action: 'sell_straddle', notionalUsd: 500_000 }, config)).toEqual({
      rule: 'action',
      detail: 'sell_straddle is unbounded short gamma',
    });
    expect(fourEyesRuleOf({ action: 'sell_strangle', notionalUsd: 1 }, config)?.detail).toBe(
      'sell_strangle is unbounded short gamma',
    );
    expect(fourEyesRuleOf({ action: 'close', notionalUsd: null }, config)?.detail).toBe(
      'close is listed in FOUR_EYES_ACTIONS',
    );
  });

  it('needs one trader for an action the list does not name (an empty list: none)', () => {
    expect(
      fourEyesRuleOf({ action: 'sell_straddle', notionalUsd: 1 }, { ...config, actions: [] }),
    ).toBeNull();
    expect(fourEyesRuleOf({ action: 'buy_straddle', notionalUsd: 20_000 }, config)).toBeNull();
  });
});
