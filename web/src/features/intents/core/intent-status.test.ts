import { describe, expect, it } from 'vitest';
import { mergeStatus, signalTag, statusAfterFills } from './intent-status';

describe('mergeStatus', () => {
  it('moves forward along pending → approved → executed → filled', () => {
    expect(mergeStatus('pending', 'approved')).toBe('approved');
    expect(mergeStatus('approved', 'executed')).toBe('executed');
    expect(mergeStatus('executed', 'filled')).toBe('filled');
  });

  it('never moves back when events arrive late', () => {
    expect(mergeStatus('approved', 'pending')).toBe('approved');
    expect(mergeStatus('vetoed', 'pending')).toBe('vetoed');
  });

  it('keeps the first terminal status', () => {
    expect(mergeStatus('execution_rejected', 'filled')).toBe('execution_rejected');
  });

  it('takes whichever side is known', () => {
    expect(mergeStatus(undefined, 'pending')).toBe('pending');
    expect(mergeStatus('hold', undefined)).toBe('hold');
  });
});

describe('statusAfterFills', () => {
  describe('when an option structure has one of its two legs filled', () => {
    it('is executed', () => {
      expect(statusAfterFills('buy_straddle', 1)).toBe('executed');
    });
  });

  it('is filled once every leg filled', () => {
    expect(statusAfterFills('buy_straddle', 2)).toBe('filled');
    expect(statusAfterFills('delta_hedge', 1)).toBe('filled');
  });

  it('is executed when the action is unknown here', () => {
    expect(statusAfterFills(undefined, 1)).toBe('executed');
  });
});

describe('signalTag', () => {
  it('tells long from short volatility and holds on anything else', () => {
    expect(signalTag('increase_long_gamma')).toBe('long volatility');
    expect(signalTag('increase_short_gamma')).toBe('short volatility');
    expect(signalTag('hold')).toBe('hold');
    expect(signalTag('delta_hedge')).toBe('hold');
  });
});
