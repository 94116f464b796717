import { randomUUID } from 'node:crypto';
import { ApproveIntentInputSchema, VetoIntentInputSchema } from '@gamma/shared';
import type { ApprovalRecord, ClaimResult } from '../../stores/approvals/approval-store.ts';
import { ConflictError, NotFoundError } from '../../errors/index.ts';
import type { Context } from '../context.ts';
import { publicProcedure, router, traderProcedure } from '../init.ts';

/** Why a claim conflicted, in words: who decided it, or that it expired. */
function conflictMessage(intentId: string, record: ApprovalRecord | null, nowMs: number): string {
  if (record === null) return `intent ${intentId} is no longer pending`;
  if (
    record.status === 'expired' ||
    (record.status === 'pending' && nowMs >= Date.parse(record.expires_at))
  ) {
    return `intent ${intentId} is expired (approval expired at ${record.expires_at})`;
  }
  const by = record.claimed_by === undefined ? '' : ` by ${record.claimed_by}`;
  const verb =
    record.command === 'veto' ? 'vetoed' : record.command === 'approve' ? 'approved' : record.status;
  return `intent ${intentId} is already ${verb}${by} (status ${record.status})`;
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
    });
    return { intent_id: input.intent_id, command_id: result.command_id };
  }
  if (result.code === 'NOT_FOUND') {
    throw new NotFoundError(`no pending approval for intent ${input.intent_id}`);
  }
  const record = await ctx.stores.approvals.get(input.intent_id);
  throw new ConflictError(conflictMessage(input.intent_id, record, nowMs));
}

/** Pending approvals and the trader's approve / veto (SPEC §5.3 items 4–7). */
export const approvalsRouter = router({
  /** Pending approvals, oldest expiry first */
  pending: publicProcedure.query(async ({ ctx }) =>
    (await ctx.stores.approvals.listPending()).map((r) => ({
      intent: r.intent,
      checks: r.checks,
      expires_at: r.expires_at,
      created_at: r.created_at,
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
