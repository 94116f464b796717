import type { IntentDecisionEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { applyDecision, EMPTY_APPROVALS_STATE, MAX_RESOLVED, useApprovalsStore } from './approvals-store';

describe('applyDecision', () => {
  describe('when the decision is pending_approval', () => {
    it('counts it without resolving the intent', () => {
      const next = applyDecision(EMPTY_APPROVALS_STATE, { intent_id: 'i1', status: 'pending_approval' });
      expect(next.resolved).toEqual({});
      expect(next.decisionCount).toBe(1);
    });
  });

  describe('when the first of two traders approved (awaiting_second_approval)', () => {
    it('counts it and leaves the intent open', () => {
      let state = applyDecision(EMPTY_APPROVALS_STATE, { intent_id: 'i1', status: 'pending_approval' });
      state = applyDecision(state, { intent_id: 'i1', status: 'awaiting_second_approval' });
      expect(state.resolved).toEqual({});
      expect(state.decisionCount).toBe(2);
    });
  });

  describe('when the intent is approved, vetoed or expired', () => {
    it('records its status', () => {
      let state = applyDecision(EMPTY_APPROVALS_STATE, { intent_id: 'i1', status: 'approved' });
      state = applyDecision(state, { intent_id: 'i2', status: 'vetoed' });
      state = applyDecision(state, { intent_id: 'i3', status: 'expired' });
      expect(state.resolved).toEqual({ i1: 'approved', i2: 'vetoed', i3: 'expired' });
      expect(state.decisionCount).toBe(3);
    });
  });

  describe('when a later decision of the same intent arrives', () => {
    it('replaces the status without duplicating the intent', () => {
      let state = applyDecision(EMPTY_APPROVALS_STATE, { intent_id: 'i1', status: 'approved' });
      state = applyDecision(state, { intent_id: 'i1', status: 'execution_rejected' });
      expect(state.resolved).toEqual({ i1: 'execution_rejected' });
      expect(state.order).toEqual(['i1']);
    });
  });

  describe('when more intents resolve than the cap', () => {
    it('forgets the oldest', () => {
      let state = EMPTY_APPROVALS_STATE;
      for (let i = 0; i <= MAX_RESOLVED; i += 1)
        state = applyDecision(state, { intent_id: `i${i}`, status: 'vetoed' });
      expect(Object.keys(state.resolved)).toHaveLength(MAX_RESOLVED);
      expect(state.resolved.i0).toBeUndefined();
      expect(state.resolved[`i${MAX_RESOLVED}`]).toBe('vetoed');
    });
  });
});

describe('useApprovalsStore', () => {
  const decision = (status: 'vetoed' | 'approved'): IntentDecisionEvent => ({
    decision_id: 'x:vetoed',
    intent_id: 'x',
    strategy_id: 'grid_btc',
    symbol: 'BTC/USDT',
    action: 'buy',
    direction: 'buy',
    quantity: 0.05,
    status,
    reason_codes: status === 'vetoed' ? ['MANUAL_VETO'] : [],
    reason: 'too big',
    checks: [],
    decided_by: 'trader',
    approvers: [],
    approval_mode: 'manual',
    expires_at: null,
    timestamp: '2026-03-02T09:15:04.180Z',
    metadata: {},
  });

  it('applies decisions through receiveDecision', () => {
    useApprovalsStore.getState().receiveDecision(decision('vetoed'), '1000-0');
    expect(useApprovalsStore.getState().resolved.x).toBe('vetoed');
  });

  describe('when a resumed subscription delivers an entry it already applied', () => {
    it('applies it once', () => {
      const { receiveDecision } = useApprovalsStore.getState();
      const before = useApprovalsStore.getState().decisionCount;
      receiveDecision({ ...decision('approved'), intent_id: 'y' }, '2000-0');
      receiveDecision({ ...decision('approved'), intent_id: 'y' }, '2000-0');
      // An older entry replayed after a newer one must not roll the status back either
      receiveDecision({ ...decision('vetoed'), intent_id: 'y' }, '1500-0');
      expect(useApprovalsStore.getState().decisionCount).toBe(before + 1);
      expect(useApprovalsStore.getState().resolved.y).toBe('approved');
    });
  });
});
