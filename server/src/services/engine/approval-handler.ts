import type { IntentApprovalCommand } from '@gamma/shared';
import { commandOutcome } from './core/approval-machine.ts';
import { buildDecision } from './core/decision.ts';
import { evaluateApproval } from './core/evaluate.ts';
import type { EngineContext } from './engine-context.ts';

/** A trader's claimed approve or veto (SPEC §5.3 items 6–7). */
export class ApprovalHandler {
  constructor(private readonly ctx: EngineContext) {}

  /**
   * Acts on a command whose claim the approval record holds: a veto is published, an approval checked
   * again and routed when it still passes; then the record is done. A command handled before (a
   * redelivery after a kill) is not evaluated again: its missing route and completion are redone.
   */
  async handle(command: IntentApprovalCommand): Promise<void> {
    const { ctx } = this;
    const intentId = command.intent_id;
    if (await ctx.effects.resume(intentId, 'approval')) {
      await ctx.approvals.markDone(intentId);
      return;
    }
    const record = await ctx.approvals.get(intentId);
    const outcome = commandOutcome(record, command, ctx.clock.now());
    if (outcome.kind === 'ignore') {
      ctx.log.warn('approval command without a matching claim ignored', {
        intent_id: intentId,
        command_id: command.command_id,
        status: record?.status ?? null,
        claimed_command_id: record?.command_id ?? null,
      });
      return;
    }
    const { intent } = outcome;
    if (outcome.kind === 'veto') {
      await ctx.effects.decide('approval', buildDecision(intent, outcome.decision), null);
    } else {
      await ctx.caughtUp();
      const evaluation = await ctx.checkAndReserve(intent, (c) =>
        evaluateApproval(intent, c, command.requested_by),
      );
      await ctx.effects.apply('approval', intent, evaluation);
    }
    await ctx.approvals.markDone(intentId);
  }
}
