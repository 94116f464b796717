/**
 * The status of a pending-approval record (SPEC §5.3 items 4–8) and its one transition rule, shared by the
 * engine's approval machine and the in-memory approval store (the Redis store's Lua scripts apply the same
 * rule atomically): exactly one of a trader's claim and the expiry wins a pending record.
 */
export const APPROVAL_STATUSES = ['pending', 'claimed', 'expired', 'done'] as const;
/** One of {@link APPROVAL_STATUSES}. */
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** What happens to a record: a trader claims it, its time runs out, or the engine finishes the command. */
export type ApprovalEvent = 'claim' | 'expire' | 'complete';

/** The one status each event applies in, and where it leads. */
export const APPROVAL_TRANSITIONS: Readonly<
  Record<ApprovalEvent, { from: ApprovalStatus; to: ApprovalStatus }>
> = {
  claim: { from: 'pending', to: 'claimed' },
  expire: { from: 'pending', to: 'expired' },
  complete: { from: 'claimed', to: 'done' },
};

/**
 * The status `event` moves a record to at `nowMs`, or null when it does not apply: a claim only before
 * `expires_at`, an expiry only at or after it, completion only of a claimed record.
 */
export function nextApprovalStatus(
  record: { status: ApprovalStatus; expires_at: string },
  event: ApprovalEvent,
  nowMs: number,
): ApprovalStatus | null {
  const { from, to } = APPROVAL_TRANSITIONS[event];
  if (record.status !== from) return null;
  const expired = nowMs >= Date.parse(record.expires_at);
  if (event === 'claim' && expired) return null;
  if (event === 'expire' && !expired) return null;
  return to;
}
