import {
  APPROVAL_STATUSES,
  FIRST_APPROVAL_STAGE,
  IntentApprovalCommandSchema,
  type ApprovalStatus,
  type IntentApprovalCommand,
} from '@gamma/shared';
import { InvalidInputError } from '../../errors/index.ts';
import type { ClaimInput } from './approval-store.ts';

// What both approval stores check the same way before they touch their records.

/** Whether a value is an approval status. */
export const isApprovalStatus = (value: unknown): value is ApprovalStatus =>
  typeof value === 'string' && (APPROVAL_STATUSES as readonly string[]).includes(value);

/** The epoch ms of a record timestamp; throws when it is not an ISO timestamp. */
export function recordTimeMs(iso: string, field: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms))
    throw new InvalidInputError(`approval record: ${field} is not an ISO timestamp: ${iso}`);
  return ms;
}

/**
 * The command a claim publishes; throws on an invalid one (e.g. a veto without a reason). `first`: the
 * first approve of a four-eyes record, `metadata.stage` `first`.
 */
export const approvalCommand = (
  input: ClaimInput,
  stage: 'first' | 'final' = 'final',
): IntentApprovalCommand =>
  IntentApprovalCommandSchema.parse({
    command_id: input.commandId,
    intent_id: input.intentId,
    command: input.command,
    requested_by: input.requestedBy,
    reason: input.reason,
    timestamp: new Date(input.nowMs).toISOString(),
    metadata: { ...input.metadata, ...(stage === 'first' ? { stage: FIRST_APPROVAL_STAGE } : {}) },
  });
