import { isFirstApproval, type IntentApprovalCommand } from '@gamma/shared';
import { commandOutcome } from './core/approval-machine.ts';
import { buildDecision } from './core/decision.ts';
import { evaluateApproval } from './core/evaluate.ts';
import type { EngineContext } from './engine-context.ts';
import type { DecisionStage } from './engine-effects.ts';

/** A trader's claimed approve or veto (SPEC §5.3 items 6–7). */
export class ApprovalHandler {
  constructor(private readonly ctx: EngineContext) {}

  /**
   * Acts on a command whose claim the approval record holds: a veto is published, an approval checked
   * again and routed when it still passes; then the record is done. The first approve of a four-eyes
   * record is its own stage (`first_approval`): its `awaiting_second_approval` is published and the record
   * stays open for the second approver. A command handled before (a redelivery after a kill) is not
   * evaluated again: its missing route and completion are redone.
   */
  async handle(command: IntentApprovalCommand): Promise<void> {
    const { ctx } = this;
    const intentId = command.intent_id;
    const stage: DecisionStage = isFirstApproval(command) ? 'first_approval' : 'approval';
    if (await ctx.effects.resume(intentId, stage)) {
      if (stage === 'approval') await ctx.approvals.markDone(intentId);
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
    if (outcome.kind === 'first_approval') {
      await ctx.effects.decide('first_approval', buildDecision(intent, outcome.decision), null);
      return;
    }
    if (outcome.kind === 'veto') {
      await ctx.effects.decide('approval', buildDecision(intent, outcome.decision), null);
    } else {
      await ctx.caughtUp();
      const { approvers } = outcome;
      const evaluation = await ctx.checkAndReserve(intent, (c) =>
        evaluateApproval(intent, c, { requestedBy: command.requested_by, approvers }),
      );
      await ctx.effects.apply('approval', intent, evaluation);
    }
    await ctx.approvals.markDone(intentId);
  }
}
