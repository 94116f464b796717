import type { StrategyIntentEvent, StrategySignalEvent } from '@gamma/shared';
import { openApproval } from './core/approval-machine.ts';
import { convertSignal } from './core/convert-signal.ts';
import { evaluateIntent } from './core/evaluate.ts';
import { strategyPosition } from './core/portfolio-state.ts';
import type { EngineContext } from './engine-context.ts';

/** Intake (SPEC §5.2–5.3): legacy signals become intents; each new intent is checked and decided. */
export class IntakeHandler {
  constructor(
    private readonly ctx: EngineContext,
    private readonly options: { legacySignalDefaultQty: number },
  ) {}

  /** A legacy signal becomes an intent on `strategy.intent` (SPEC §5.2); `hold` is ignored. */
  async handleSignal(signal: StrategySignalEvent, entry: { id: string }): Promise<void> {
    const intent = convertSignal(signal, entry.id, {
      defaultQuantity: this.options.legacySignalDefaultQty,
      strategyPosition: strategyPosition(this.ctx.portfolio(), signal.strategy_id, signal.symbol),
    });
    if (intent === null) return;
    await this.ctx.effects.publishSignalIntent(entry.id, intent);
  }

  /**
   * A new intent: checked, then vetoed, approved or left pending (opening its approval record). An intent
   * decided before (a repeated intent_id, or a redelivery after a kill) is not evaluated again: only the
   * route its decision recorded is published, if it was not. `entry` the intent's entry on `strategy.intent`.
   */
  async handleIntent(intent: StrategyIntentEvent, entry?: { id: string }): Promise<void> {
    const { ctx } = this;
    // The entry was read before this call: state published before the intent is in Redis by now. The
    // three reads go out together (shared by the intents of one batch)
    const readBy = performance.now();
    const [resumed] = await Promise.all([
      ctx.effects.resume(intent.intent_id, 'intake'),
      ctx.caughtUp(readBy),
      ctx.prefetchBook(readBy),
    ]);
    if (resumed) return;
    const evaluation = await ctx.checkAndReserve(intent, (c) => evaluateIntent(intent, c), readBy);
    if (evaluation.kind === 'hold') {
      ctx.log.info('hold intent recorded', { intent_id: intent.intent_id, strategy_id: intent.strategy_id });
      return;
    }
    // The record is what approvals.pending returns: the console reads `what_if` from its intent; creating
    // it again after a kill is a no-op
    if (evaluation.kind === 'pending')
      await ctx.approvals.create(
        openApproval(intent, evaluation, { nowMs: ctx.clock.now(), entryId: entry?.id }),
      );
    await ctx.effects.apply('intake', intent, evaluation);
  }
}
