import { describe, expect, it } from 'vitest';
import { decisionNotice, tabTitle } from './decision-notice';

const base = {
  intent_id: 'i-1',
  strategy_id: 'pq_vol_trader',
  symbol: 'BTC/USDT',
  action: 'buy_straddle',
  quantity: 0.1,
  reason: null,
  approvers: [] as string[],
};
const me = { me: 'alice', wasPending: true, approvedByMe: false };

describe('decisionNotice', () => {
  it('tells who approved or vetoed an intent that was pending on screen, unless it was me', () => {
    expect(
      decisionNotice({ ...base, status: 'approved', decided_by: 'bob', approvers: ['bob'] }, me),
    ).toEqual({
      kind: 'info',
      text: 'Approved by bob: buy_straddle 0.1 BTC/USDT (pq_vol_trader)',
    });
    expect(
      decisionNotice({ ...base, status: 'vetoed', decided_by: 'bob', reason: 'too close to CPI' }, me)?.text,
    ).toBe('Vetoed by bob: buy_straddle 0.1 BTC/USDT (pq_vol_trader) (too close to CPI)');
    expect(
      decisionNotice({ ...base, status: 'approved', decided_by: 'alice', approvers: ['alice'] }, me),
    ).toBeNull();
    expect(decisionNotice({ ...base, status: 'vetoed', decided_by: 'alice' }, me)).toBeNull();
  });

  it('names both approvers of a four-eyes approval and the first approver of an awaiting one', () => {
    expect(
      decisionNotice({ ...base, status: 'approved', decided_by: 'carol', approvers: ['bob', 'carol'] }, me)
        ?.text,
    ).toMatch(/^Approved by bob and carol:/);
    expect(
      decisionNotice(
        { ...base, status: 'awaiting_second_approval', decided_by: 'bob', approvers: ['bob'] },
        me,
      )?.text,
    ).toMatch(/^bob approved first; a second trader must approve:/);
  });

  it('says nothing of intents that were never pending on screen (auto approval, before sign-in)', () => {
    const notPending = { ...me, wasPending: false };
    expect(
      decisionNotice({ ...base, status: 'approved', decided_by: 'auto', approvers: [] }, notPending),
    ).toBeNull();
    expect(decisionNotice({ ...base, status: 'expired', decided_by: 'risk-engine' }, notPending)).toBeNull();
  });

  it('warns when a pending intent expires, and when my approval was refused later', () => {
    expect(decisionNotice({ ...base, status: 'expired', decided_by: 'risk-engine' }, me)).toEqual({
      kind: 'error',
      text: 'Approval expired, nobody decided in time: buy_straddle 0.1 BTC/USDT (pq_vol_trader)',
    });
    const refused = {
      ...base,
      status: 'execution_rejected' as const,
      decided_by: 'exec',
      reason: 'LIMIT_NOT_MARKETABLE',
    };
    expect(decisionNotice(refused, { ...me, approvedByMe: true })?.text).toBe(
      'Execution rejected after your approval: buy_straddle 0.1 BTC/USDT (pq_vol_trader) (LIMIT_NOT_MARKETABLE)',
    );
    expect(decisionNotice(refused, me)).toBeNull();
  });
});

describe('tabTitle', () => {
  it('puts the pending count first', () => {
    expect(tabTitle(0)).toBe('Gamma console');
    expect(tabTitle(1)).toBe('(1) approval pending · Gamma console');
    expect(tabTitle(3)).toBe('(3) approvals pending · Gamma console');
  });
});
