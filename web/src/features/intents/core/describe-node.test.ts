import { describe, expect, it } from 'vitest';
import { describeNode } from './describe-node';

describe('describeNode', () => {
  it('shows fill and position prices to the cent', () => {
    const fill = { side: 'buy', quantity: 0.1, symbol: 'BTC-20261211-98000-C', price: 4315.144423534035 };
    expect(describeNode('order.fill', fill)).toBe('fill buy 0.1 BTC-20261211-98000-C @ 4315.14');
    const position = { symbol: 'BTC-20261211-98000-C', quantity: 0.1, avg_price: 4212.668145634082 };
    expect(describeNode('position.update', position)).toBe('position BTC-20261211-98000-C 0.1 avg 4212.67');
  });

  it('names who decided, with the reason codes', () => {
    const vetoed = {
      status: 'vetoed',
      decided_by: 'engine',
      reason_codes: ['MAX_DRAWDOWN_EXCEEDED'],
      reason: null,
    };
    expect(describeNode('intent.decision', vetoed)).toMatch(/^vetoed by engine \(.+\)$/);
  });

  describe('when two traders approved (four-eyes)', () => {
    it('names both approvers', () => {
      const approved = {
        status: 'approved',
        decided_by: 'bob',
        approvers: ['alice', 'bob'],
        reason_codes: [],
      };
      expect(describeNode('intent.decision', approved)).toBe('approved by alice and bob');
    });

    it('says who approved first while a second trader is awaited', () => {
      const first = {
        status: 'awaiting_second_approval',
        decided_by: 'alice',
        approvers: ['alice'],
        reason:
          'four-eyes: sell_straddle is unbounded short gamma; alice approved first, a second trader must approve',
      };
      expect(describeNode('intent.decision', first)).toBe('approved by alice, awaiting a second trader');
    });
  });
});
