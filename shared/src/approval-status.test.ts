import { describe, expect, it } from 'vitest';
import {
  claimStep,
  nextApprovalStatus,
  type ApprovalStatus,
  type ClaimableRecord,
} from './approval-status.ts';

const EXPIRES_MS = Date.parse('2026-03-02T09:20:00.000Z');
const BEFORE = EXPIRES_MS - 1;
const AFTER = EXPIRES_MS + 1;

describe('nextApprovalStatus', () => {
  const at = (status: ApprovalStatus) => ({ status, expires_at: new Date(EXPIRES_MS).toISOString() });

  describe('when a pending record is claimed', () => {
    it('becomes claimed before its expiry and stays pending from the expiry on', () => {
      expect(nextApprovalStatus(at('pending'), 'claim', BEFORE)).toBe('claimed');
      expect(nextApprovalStatus(at('pending'), 'claim', EXPIRES_MS)).toBeNull();
    });
  });

  describe('when a pending record is expired', () => {
    it('becomes expired at its expiry and not a millisecond before', () => {
      expect(nextApprovalStatus(at('pending'), 'expire', EXPIRES_MS)).toBe('expired');
      expect(nextApprovalStatus(at('pending'), 'expire', BEFORE)).toBeNull();
    });
  });

  describe('when the engine completes a command', () => {
    it('moves a claimed record to done, whatever the time', () => {
      expect(nextApprovalStatus(at('claimed'), 'complete', AFTER)).toBe('done');
    });
  });

  describe('when a four-eyes record awaits its second approver', () => {
    it('takes the first approval only while pending, and the claim and expiry as a pending record', () => {
      expect(nextApprovalStatus(at('pending'), 'first_approval', BEFORE)).toBe('awaiting_second');
      expect(nextApprovalStatus(at('pending'), 'first_approval', EXPIRES_MS)).toBeNull();
      expect(nextApprovalStatus(at('awaiting_second'), 'first_approval', BEFORE)).toBeNull();
      expect(nextApprovalStatus(at('awaiting_second'), 'claim', BEFORE)).toBe('claimed');
      expect(nextApprovalStatus(at('awaiting_second'), 'claim', EXPIRES_MS)).toBeNull();
      expect(nextApprovalStatus(at('awaiting_second'), 'expire', EXPIRES_MS)).toBe('expired');
      expect(nextApprovalStatus(at('awaiting_second'), 'expire', BEFORE)).toBeNull();
    });
  });

  describe('when the event does not start from the record state', () => {
    it.each([
      ['awaiting_second', 'complete'],
      ['claimed', 'first_approval'],
      ['claimed', 'claim'],
      ['expired', 'claim'],
      ['done', 'claim'],
      ['claimed', 'expire'],
      ['done', 'expire'],
      ['pending', 'complete'],
      ['expired', 'complete'],
      ['done', 'complete'],
    ] as const)('a %s record ignores %s', (status, event) => {
      expect(nextApprovalStatus(at(status), event, AFTER)).toBeNull();
      expect(nextApprovalStatus(at(status), event, BEFORE)).toBeNull();
    });
  });
});

describe('claimStep', () => {
  const rule = { rule: 'action' as const, detail: 'sell_straddle is unbounded short gamma' };
  const rec = (over: Partial<ClaimableRecord> = {}): ClaimableRecord => ({
    status: 'pending',
    expires_at: new Date(EXPIRES_MS).toISOString(),
    four_eyes: null,
    ...over,
  });
  const approve = (user: string) => ({ command: 'approve' as const, user });
  const veto = (user: string) => ({ command: 'veto' as const, user });

  it('claims a one-approver record with either command, before its expiry', () => {
    expect(claimStep(rec(), approve('alice'), BEFORE)).toEqual({ kind: 'claim' });
    expect(claimStep(rec(), veto('alice'), BEFORE)).toEqual({ kind: 'claim' });
    expect(claimStep(rec(), approve('alice'), EXPIRES_MS)).toEqual({
      kind: 'conflict',
      status: 'expired',
      same_approver: false,
    });
  });

  it('moves a four-eyes record to awaiting_second on the first approve, and claims it on another user’s', () => {
    expect(claimStep(rec({ four_eyes: rule }), approve('alice'), BEFORE)).toEqual({ kind: 'first_approval' });
    const awaiting = rec({ four_eyes: rule, status: 'awaiting_second', first_approved_by: 'alice' });
    expect(claimStep(awaiting, approve('bob'), BEFORE)).toEqual({ kind: 'claim' });
    expect(claimStep(awaiting, approve('alice'), BEFORE)).toEqual({
      kind: 'conflict',
      status: 'awaiting_second',
      same_approver: true,
    });
    expect(claimStep(awaiting, approve('bob'), EXPIRES_MS)).toMatchObject({ status: 'expired' });
  });

  it('lets anyone veto a four-eyes record, before or after the first approve', () => {
    expect(claimStep(rec({ four_eyes: rule }), veto('alice'), BEFORE)).toEqual({ kind: 'claim' });
    const awaiting = rec({ four_eyes: rule, status: 'awaiting_second', first_approved_by: 'alice' });
    expect(claimStep(awaiting, veto('alice'), BEFORE)).toEqual({ kind: 'claim' });
    expect(claimStep(awaiting, veto('carol'), BEFORE)).toEqual({ kind: 'claim' });
  });

  it('answers a repeat of the claim in force as repeated, and conflicts for anything else decided', () => {
    const claimed = rec({ status: 'claimed', command: 'approve', claimed_by: 'bob', four_eyes: rule });
    expect(claimStep(claimed, approve('bob'), AFTER)).toEqual({ kind: 'repeated' });
    expect(claimStep({ ...claimed, status: 'done' }, approve('bob'), AFTER)).toEqual({ kind: 'repeated' });
    expect(claimStep(claimed, approve('alice'), BEFORE)).toMatchObject({
      kind: 'conflict',
      status: 'claimed',
    });
    expect(claimStep(claimed, veto('bob'), BEFORE)).toMatchObject({ kind: 'conflict', status: 'claimed' });
    expect(claimStep(rec({ status: 'expired' }), approve('bob'), BEFORE)).toMatchObject({
      kind: 'conflict',
      status: 'expired',
    });
  });
});
