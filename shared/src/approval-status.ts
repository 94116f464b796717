import { z } from 'zod';

/**
 * The status of a pending-approval record (SPEC §5.3 items 4–8) and its transition rule, shared by the
 * engine's approval machine and the in-memory approval store (the Redis store's Lua scripts apply the same
 * rule atomically): exactly one of a trader's claim and the expiry wins an open record. A four-eyes record
 * (issue 10 item 5) passes through `awaiting_second` after its first approve: still open, same `expires_at`.
 */
export const APPROVAL_STATUSES = ['pending', 'awaiting_second', 'claimed', 'expired', 'done'] as const;
/** One of {@link APPROVAL_STATUSES}. */
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** Statuses in which a trader may still act and the expiry still applies (both listed by `approvals.pending`). */
export const OPEN_APPROVAL_STATUSES = [
  'pending',
  'awaiting_second',
] as const satisfies readonly ApprovalStatus[];

/** Whether a record is still open: pending, or awaiting the second approver of a four-eyes intent. */
export const isOpenApproval = (status: ApprovalStatus): boolean =>
  (OPEN_APPROVAL_STATUSES as readonly ApprovalStatus[]).includes(status);

/**
 * What happens to a record: the first approve of a four-eyes record, a claim (a one-approver approve, the
 * second approve, or a veto), its time runs out, or the engine finishes the claimed command.
 */
export type ApprovalEvent = 'first_approval' | 'claim' | 'expire' | 'complete';

/** The statuses each event applies in, and where it leads. */
export const APPROVAL_TRANSITIONS: Readonly<
  Record<ApprovalEvent, { from: readonly ApprovalStatus[]; to: ApprovalStatus }>
> = {
  first_approval: { from: ['pending'], to: 'awaiting_second' },
  claim: { from: OPEN_APPROVAL_STATUSES, to: 'claimed' },
  expire: { from: OPEN_APPROVAL_STATUSES, to: 'expired' },
  complete: { from: ['claimed'], to: 'done' },
};

/**
 * The status `event` moves a record to at `nowMs`, or null when it does not apply: a first approval and a
 * claim only before `expires_at`, an expiry only at or after it, completion only of a claimed record.
 */
export function nextApprovalStatus(
  record: { status: ApprovalStatus; expires_at: string },
  event: ApprovalEvent,
  nowMs: number,
): ApprovalStatus | null {
  const { from, to } = APPROVAL_TRANSITIONS[event];
  if (!from.includes(record.status)) return null;
  const expired = nowMs >= Date.parse(record.expires_at);
  if ((event === 'claim' || event === 'first_approval') && expired) return null;
  if (event === 'expire' && !expired) return null;
  return to;
}

/**
 * Why an intent needs two distinct traders (issue 10 item 5): its notional is over
 * `FOUR_EYES_NOTIONAL_USD`, or its action is in `FOUR_EYES_ACTIONS`; `detail` says it in words, e.g.
 * `notional 145,000 USD over 100,000` or `sell_straddle is unbounded short gamma`.
 */
export const FourEyesRuleSchema = z.object({
  rule: z.enum(['notional', 'action']),
  detail: z.string(),
});
export type FourEyesRule = z.infer<typeof FourEyesRuleSchema>;

/** `metadata.stage` of the approve command a four-eyes record's first approver claims. */
export const FIRST_APPROVAL_STAGE = 'first';

/** Whether an approval command is the first approve of a four-eyes record (not the claim that decides it). */
export const isFirstApproval = (command: {
  command: 'approve' | 'veto';
  metadata: Readonly<Record<string, unknown>>;
}): boolean => command.command === 'approve' && command.metadata.stage === FIRST_APPROVAL_STAGE;

/** What a claim reads of a record. */
export interface ClaimableRecord {
  status: ApprovalStatus;
  expires_at: string;
  /** Present and non-null: the intent needs two distinct approvers */
  four_eyes?: FourEyesRule | null | undefined;
  first_approved_by?: string | undefined;
  command?: 'approve' | 'veto' | undefined;
  claimed_by?: string | undefined;
}

/** What a trader's command does to a record. */
export type ClaimStep =
  /** The same command by the same user as the claim in force: answered with its command id, nothing written */
  | { kind: 'repeated' }
  /** The first approve of a four-eyes record: → `awaiting_second`, the approver kept */
  | { kind: 'first_approval' }
  /** → `claimed` (a one-approver approve, the second approve, or a veto by anyone) */
  | { kind: 'claim' }
  /**
   * Refused, nothing written: not open (`status`), past `expires_at` (`expired`), or the first approver of a
   * four-eyes record approving again (`same_approver`)
   */
  | { kind: 'conflict'; status: ApprovalStatus; same_approver: boolean };

/**
 * The claim rule (SPEC §5.3 item 5 with issue 10's four-eyes), which the in-memory store applies and
 * `approval-claim.lua` mirrors: a repeat of the claim in force is idempotent; an open record before its
 * expiry is claimed, except that a four-eyes record's first approve only moves it to `awaiting_second`
 * and its second approve must come from another user. A veto by anyone ends it.
 */
export function claimStep(
  record: ClaimableRecord,
  request: { command: 'approve' | 'veto'; user: string },
  nowMs: number,
): ClaimStep {
  const decided = record.status === 'claimed' || record.status === 'done';
  if (decided && record.command === request.command && record.claimed_by === request.user)
    return { kind: 'repeated' };
  const conflict = (status: ApprovalStatus, sameApprover = false): ClaimStep => ({
    kind: 'conflict',
    status,
    same_approver: sameApprover,
  });
  if (!isOpenApproval(record.status)) return conflict(record.status);
  // A record past its expiry (not yet swept) conflicts as expired
  if (nextApprovalStatus(record, 'claim', nowMs) === null) return conflict('expired');
  if (request.command === 'approve' && record.four_eyes != null) {
    if (nextApprovalStatus(record, 'first_approval', nowMs) !== null) return { kind: 'first_approval' };
    if (record.first_approved_by === request.user) return conflict(record.status, true);
  }
  return { kind: 'claim' };
}
