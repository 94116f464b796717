import type { IntentApprovalCommand } from '@gamma/shared';
import { createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { commandOutcome, expiryOutcome, openApproval, type ApprovalView } from './approval-machine.ts';

const EXPIRES_MS = Date.parse('2026-03-02T09:20:00.000Z');
const BEFORE = EXPIRES_MS - 1;
const AFTER = EXPIRES_MS + 1;
const WHAT_IF = { underlying: 'BTC/USDT', before: {}, after: {}, unpriced: [] };

const record = (overrides: Partial<ApprovalView> = {}): ApprovalView => ({
  intent: createStrategyIntent({ intent_id: 'i-1', metadata: { what_if: WHAT_IF, source: 'test' } }),
  status: 'claimed',
  expires_at: new Date(EXPIRES_MS).toISOString(),
  approval_mode: 'manual',
  command_id: 'c-1',
  ...overrides,
});

const command = (overrides: Partial<IntentApprovalCommand> = {}): IntentApprovalCommand => ({
  command_id: 'c-1',
  intent_id: 'i-1',
  command: 'approve',
  requested_by: 'trader-1',
  reason: null,
  timestamp: new Date(BEFORE).toISOString(),
  metadata: {},
  ...overrides,
});

describe('openApproval', () => {
  it('opens a pending manual record with the checks, expiry and what-if of the evaluation', () => {
    const intent = createStrategyIntent({ intent_id: 'i-9' });
    const checks = [{ check: 'drawdown', passed: true, value: 0.01, limit: 0.2 }];
    const opened = openApproval(
      intent,
      {
        kind: 'pending',
        decision: {} as never,
        outcome: { checks } as never,
        expiresAtMs: EXPIRES_MS,
        whatIf: WHAT_IF as never,
        fourEyes: null,
      },
      { nowMs: BEFORE },
    );
    expect(opened).toEqual({
      intent: { ...intent, metadata: { ...intent.metadata, what_if: WHAT_IF } },
      checks,
      expires_at: '2026-03-02T09:20:00.000Z',
      created_at: '2026-03-02T09:19:59.999Z',
      approval_mode: 'manual',
      status: 'pending',
    });
  });

  it("keeps the intent's entry id on strategy.intent, which orders the intents of one batch", () => {
    const pending = {
      kind: 'pending',
      decision: {} as never,
      outcome: { checks: [] } as never,
      expiresAtMs: EXPIRES_MS,
      whatIf: null,
      fourEyes: null,
    } as const;
    expect(
      openApproval(createStrategyIntent(), pending, { nowMs: BEFORE, entryId: '1772442000000-3' }),
    ).toMatchObject({
      entry_id: '1772442000000-3',
    });
  });
});

describe('commandOutcome', () => {
  describe('when the record holds the claim of this command', () => {
    it('approves the intent without the what-if the engine stored for the console', () => {
      const outcome = commandOutcome(record(), command(), AFTER);
      expect(outcome).toEqual({ kind: 'approve', intent: expect.anything(), approvers: ['trader-1'] });
      expect(outcome.kind === 'approve' && outcome.intent.metadata).toEqual({ source: 'test' });
    });

    it('vetoes with MANUAL_VETO, the trader and the reason, at the given time', () => {
      const outcome = commandOutcome(record(), command({ command: 'veto', reason: 'too big' }), AFTER);
      expect(outcome).toMatchObject({
        kind: 'veto',
        intent: { intent_id: 'i-1', metadata: { source: 'test' } },
        decision: {
          status: 'vetoed',
          decidedBy: 'trader-1',
          approvalMode: 'manual',
          nowMs: AFTER,
          reasonCodes: ['MANUAL_VETO'],
          reason: 'too big',
        },
      });
    });
  });

  describe('when there is nothing to act on', () => {
    it.each([
      ['no record', null],
      ['a claim by another command', record({ command_id: 'c-2' })],
      ['a record still pending', record({ status: 'pending' })],
      ['a record already done', record({ status: 'done' })],
      ['an expired record', record({ status: 'expired' })],
    ])('ignores the command for %s', (_case, r) => {
      expect(commandOutcome(r, command(), AFTER)).toEqual({ kind: 'ignore' });
    });
  });
});

describe('four-eyes', () => {
  const rule = { rule: 'action' as const, detail: 'sell_straddle is unbounded short gamma' };
  const first = command({ command_id: 'c-first', requested_by: 'alice', metadata: { stage: 'first' } });
  const awaiting = (overrides: Partial<ApprovalView> = {}) =>
    record({
      status: 'awaiting_second',
      four_eyes: rule,
      first_approved_by: 'alice',
      first_command_id: 'c-first',
      command_id: undefined,
      ...overrides,
    });

  it('opens the record with the rule of the evaluation', () => {
    const opened = openApproval(
      createStrategyIntent({ intent_id: 'i-9', action: 'sell_straddle' }),
      {
        kind: 'pending',
        decision: {} as never,
        outcome: { checks: [] } as never,
        expiresAtMs: EXPIRES_MS,
        whatIf: null,
        fourEyes: rule,
      },
      { nowMs: BEFORE },
    );
    expect(opened).toMatchObject({ status: 'pending', four_eyes: rule });
  });

  it('publishes awaiting_second_approval for the first approve, by the first approver, same expiry', () => {
    const outcome = commandOutcome(awaiting(), first, BEFORE);
    expect(outcome).toMatchObject({
      kind: 'first_approval',
      intent: { intent_id: 'i-1', metadata: { source: 'test' } },
      decision: {
        status: 'awaiting_second_approval',
        decidedBy: 'alice',
        approvers: ['alice'],
        expiresAt: '2026-03-02T09:20:00.000Z',
        reason:
          'four-eyes: sell_straddle is unbounded short gamma; alice approved first, a second trader must approve',
        metadata: { four_eyes: { ...rule, first_approved_by: 'alice' } },
      },
    });
  });

  it('still publishes it when the second approve, a veto or the expiry came first', () => {
    for (const status of ['claimed', 'done', 'expired'] as const)
      expect(commandOutcome(awaiting({ status }), first, AFTER).kind).toBe('first_approval');
  });

  it('ignores a first-stage command the record does not hold, or on a one-approver record', () => {
    expect(commandOutcome(awaiting({ first_command_id: 'c-other' }), first, BEFORE)).toEqual({
      kind: 'ignore',
    });
    expect(commandOutcome(record({ status: 'pending' }), first, BEFORE)).toEqual({ kind: 'ignore' });
  });

  it('approves the second approve with both approvers, first one first', () => {
    const claimed = awaiting({ status: 'claimed', command_id: 'c-2' });
    const outcome = commandOutcome(claimed, command({ command_id: 'c-2', requested_by: 'bob' }), AFTER);
    expect(outcome).toMatchObject({ kind: 'approve', approvers: ['alice', 'bob'] });
  });

  it('expires a record awaiting its second approver, naming the first', () => {
    expect(expiryOutcome(awaiting({ status: 'expired' }), AFTER, 300)?.decision.reason).toBe(
      'no second approval within 300 s (four-eyes; alice approved first)',
    );
  });
});

describe('expiryOutcome', () => {
  describe('when the record is expired', () => {
    it('decides expired by the engine with APPROVAL_EXPIRED and the TTL in the reason', () => {
      const r = record({ status: 'expired' });
      expect(expiryOutcome(r, AFTER, 300)).toEqual({
        intent: r.intent,
        decision: {
          status: 'expired',
          decidedBy: 'engine',
          approvalMode: 'manual',
          nowMs: AFTER,
          reasonCodes: ['APPROVAL_EXPIRED'],
          reason: 'no decision within 300 s',
        },
      });
    });
  });

  describe('when the record is in any other state', () => {
    it.each(['pending', 'claimed', 'done'] as const)('decides nothing for a %s record', (status) => {
      expect(expiryOutcome(record({ status }), AFTER, 300)).toBeNull();
    });
  });
});
