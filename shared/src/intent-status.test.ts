import { describe, expect, it } from 'vitest';
import { causalRank, furtherStatus, isCausalStream, legsOf } from './intent-status.ts';

describe('furtherStatus', () => {
  it('moves along pending → approved → executed → filled and never back', () => {
    expect(furtherStatus('received', 'pending')).toBe('pending');
    expect(furtherStatus('pending', 'approved')).toBe('approved');
    expect(furtherStatus('approved', 'executed')).toBe('executed');
    expect(furtherStatus('executed', 'filled')).toBe('filled');
    expect(furtherStatus('executed', 'approved')).toBe('executed');
  });

  it('keeps the first of two final statuses', () => {
    expect(furtherStatus('filled', 'execution_rejected')).toBe('filled');
    expect(furtherStatus('vetoed', 'expired')).toBe('vetoed');
    expect(furtherStatus('executed', 'execution_rejected')).toBe('execution_rejected');
  });
});

describe('causalRank', () => {
  it('orders the chain streams cause before effect', () => {
    const chain = [
      'order.fill',
      'strategy.intent',
      'position.update',
      'intent.decision',
      'strategy.signal',
    ] as const;
    expect([...chain].sort((a, b) => causalRank(a) - causalRank(b))).toEqual([
      'strategy.signal',
      'strategy.intent',
      'intent.decision',
      'order.fill',
      'position.update',
    ]);
  });

  it('puts streams outside the chain after it', () => {
    expect(isCausalStream('intent.approval')).toBe(false);
    expect(isCausalStream('execution.command')).toBe(true);
    expect(causalRank('market.tick')).toBeGreaterThan(causalRank('position.update'));
  });
});

describe('legsOf', () => {
  it('counts two legs for an option structure and one otherwise', () => {
    expect(legsOf('sell_strangle')).toBe(2);
    expect(legsOf('delta_hedge')).toBe(1);
  });
});
