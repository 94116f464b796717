import { describe, expect, it } from 'vitest';
import { nextApprovalStatus, type ApprovalStatus } from './approval-status.ts';

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

  describe('when the event does not start from the record state', () => {
    it.each([
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
