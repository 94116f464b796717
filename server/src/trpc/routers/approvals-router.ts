import { randomUUID } from 'node:crypto';
import { ApproveIntentInputSchema, isOpenApproval, VetoIntentInputSchema } from '@gamma/shared';
import type { ApprovalRecord, ClaimResult } from '../../stores/approvals/approval-store.ts';
import { ConflictError, NotFoundError } from '../../errors/index.ts';
import { compareIds } from '../../read-model/core/stream-id.ts';
import type { Context } from '../context.ts';
import { publicProcedure, router, traderProcedure } from '../init.ts';

/** The four-eyes rule of a record in words, e.g. `four-eyes: sell_straddle is unbounded short gamma`. */
const fourEyesOf = (record: ApprovalRecord): string =>
  record.four_eyes == null ? 'four-eyes' : `four-eyes: ${record.four_eyes.detail}`;

/** Why a claim conflicted, in words: who decided it, that it expired, or that a second trader must approve. */
function conflictMessage(
  intentId: string,
  record: ApprovalRecord | null,
  { nowMs, sameApprover }: { nowMs: number; sameApprover: boolean },
): string {
  if (record === null) return `intent ${intentId} is no longer pending`;
  if (
    record.status === 'expired' ||
    (isOpenApproval(record.status) && nowMs >= Date.parse(record.expires_at))
  ) {
    return `intent ${intentId} is expired (approval expired at ${record.expires_at})`;
  }
  if (sameApprover) {
    const first = record.first_approved_by ?? 'another trader';
    return `${fourEyesOf(record)}; ${first} approved first, a second trader must approve (intent ${intentId})`;
  }
  const by = record.claimed_by === undefined ? '' : ` by ${record.claimed_by}`;
  const verb =
    record.command === 'veto' ? 'vetoed' : record.command === 'approve' ? 'approved' : record.status;
  const approvers =
    record.command === 'approve' && record.first_approved_by !== undefined
      ? ` (${fourEyesOf(record)}; approved by ${record.first_approved_by} and ${record.claimed_by ?? 'a second trader'})`
      : '';
  return `intent ${intentId} is already ${verb}${by} (status ${record.status})${approvers}`;
}

/** Claims the pending record for the user; the store's refusals become NOT_FOUND / CONFLICT errors. */
async function claim(
  ctx: Context,
  input: { intent_id: string; command: 'approve' | 'veto'; reason: string | null },
): Promise<{ intent_id: string; command_id: string }> {
  const nowMs = ctx.clock.now();
  const result: ClaimResult = await ctx.stores.approvals.claim({
    intentId: input.intent_id,
    command: input.command,
    requestedBy: ctx.user,
    reason: input.reason,
    commandId: randomUUID(),
    nowMs,
  });
  if (result.ok) {
    ctx.log.info('approval command', {
      intent_id: input.intent_id,
      command: input.command,
      user: ctx.user,
      command_id: result.command_id,
      repeated: result.repeated,
      stage: result.stage,
    });
    return { intent_id: input.intent_id, command_id: result.command_id };
  }
  if (result.code === 'NOT_FOUND') {
    throw new NotFoundError(`no pending approval for intent ${input.intent_id}`);
  }
  const record = await ctx.stores.approvals.get(input.intent_id);
  throw new ConflictError(
    conflictMessage(input.intent_id, record, { nowMs, sameApprover: result.same_approver === true }),
  );
}

/**
 * Oldest expiry first; ties (the engine decides a batch of intents in one millisecond) in the order the intents
 * arrived on `strategy.intent`, where both records carry their entry id.
 */
const byExpiry = (a: ApprovalRecord, b: ApprovalRecord): number =>
  Date.parse(a.expires_at) - Date.parse(b.expires_at) ||
  (a.entry_id === undefined || b.entry_id === undefined ? 0 : compareIds(a.entry_id, b.entry_id));

/** Pending approvals and the trader's approve / veto (SPEC §5.3 items 4–7). */
export const approvalsRouter = router({
  /**
   * Open approvals, oldest expiry first: `status` `pending`, or `awaiting_second` once the first trader
   * approved a four-eyes intent; `four_eyes` the rule and its first approver (null: one approver needed);
   * `entry_id` the intent's entry id on `strategy.intent` (null in records opened without one): the console
   * orders ties of `expires_at` by it
   */
  pending: publicProcedure.query(async ({ ctx }) =>
    (await ctx.stores.approvals.listPending()).sort(byExpiry).map((r) => ({
      intent: r.intent,
      checks: r.checks,
      expires_at: r.expires_at,
      created_at: r.created_at,
      entry_id: r.entry_id ?? null,
      status: r.status === 'awaiting_second' ? ('awaiting_second' as const) : ('pending' as const),
      four_eyes:
        r.four_eyes == null
          ? null
          : {
              rule: r.four_eyes.rule,
              detail: r.four_eyes.detail,
              first_approved_by: r.first_approved_by ?? null,
            },
    })),
  ),
  /** Approve; repeating the same approve as the same user returns the original command_id */
  approve: traderProcedure
    .input(ApproveIntentInputSchema)
    .mutation(({ ctx, input }) =>
      claim(ctx, { intent_id: input.intent_id, command: 'approve', reason: null }),
    ),
  /** Veto with a non-blank reason */
  veto: traderProcedure
    .input(VetoIntentInputSchema)
    .mutation(({ ctx, input }) =>
      claim(ctx, { intent_id: input.intent_id, command: 'veto', reason: input.reason }),
    ),
});
