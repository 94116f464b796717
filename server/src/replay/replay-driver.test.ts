import { FIRST_APPROVAL_STAGE, isFirstApproval, type IntentApprovalCommand } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { asClaimed } from './replay-driver.ts';

const recorded = (metadata: Record<string, unknown>): IntentApprovalCommand => ({
  command_id: 'c-1',
  intent_id: 'it-1',
  command: 'approve',
  requested_by: 'alice',
  reason: null,
  timestamp: '2026-12-05T20:00:00.000Z',
  metadata,
});

describe('asClaimed', () => {
  describe('when the replay claims a recorded approve as a four-eyes first approval', () => {
    it('hands the engine a first-stage command, though the recording had none', () => {
      const command = asClaimed(recorded({ source: 'console' }), 'first');
      expect(isFirstApproval(command)).toBe(true);
      expect(command.metadata).toEqual({ source: 'console', stage: FIRST_APPROVAL_STAGE });
    });
  });

  describe('when the replay claims a recorded first approval as the deciding one', () => {
    it('hands the engine a command without the first stage', () => {
      const command = asClaimed(recorded({ stage: FIRST_APPROVAL_STAGE, source: 'console' }), 'final');
      expect(isFirstApproval(command)).toBe(false);
      expect(command.metadata).toEqual({ source: 'console' });
    });
  });
});
