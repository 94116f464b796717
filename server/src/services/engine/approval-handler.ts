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
   * again and routed when it still passes; then the record is done. Each command_id is handled once.
   */
  async handle(command: IntentApprovalCommand): Promise<void> {
    const { ctx } = this;
    await ctx.effects.once(`command:${command.command_id}`, async () => {
      const record = await ctx.approvals.get(command.intent_id);
      const outcome = commandOutcome(record, command, ctx.clock.now());
      if (outcome.kind === 'ignore') {
        ctx.log.warn('approval command without a matching claim ignored', {
          intent_id: command.intent_id,
          command_id: command.command_id,
          status: record?.status ?? null,
          claimed_command_id: record?.command_id ?? null,
        });
        return;
      }
      const { intent } = outcome;
      if (outcome.kind === 'veto') {
        await ctx.effects.publishDecision(buildDecision(intent, outcome.decision));
      } else {
        await ctx.caughtUp();
        const evaluation = await ctx.checkAndReserve(intent, (c) =>
          evaluateApproval(intent, c, command.requested_by),
        );
        await ctx.effects.apply(intent, evaluation);
      }
      await ctx.approvals.markDone(intent.intent_id);
    });
  }
}
