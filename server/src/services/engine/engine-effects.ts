import type { StreamInput, StrategyIntentEvent } from '@gamma/shared';
import { INTENT_MEMORY_TTL_S, type OnceMarks } from '../../stores/once/once-marks.ts';
import type { Evaluation, Route } from './core/evaluate.ts';

/**
 * The stage that decided an intent, which keys its decision's done-mark: intake (pending, approved or
 * vetoed), the first approve of a four-eyes intent (awaiting its second approver), a trader's command
 * (approved, vetoed or rejected on recheck), or the expiry. Exactly one
 * decision per stage, whichever status a redone evaluation would reach; the approval store lets only one
 * of command and expiry win, so each status is published at most once per intent (SPEC §3.3).
 */
export type DecisionStage = 'intake' | 'first_approval' | 'approval' | 'expired';

/** The outcome kept in a decision's done-mark: the route that follows it, if any. */
function routeOf(outcome: string | null): Route | null {
  if (outcome === null) return null;
  try {
    const parsed = JSON.parse(outcome) as { route?: Route | null } | null;
    return typeof parsed === 'object' && parsed !== null ? (parsed.route ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * The engine's effects, each exactly once across processes, redeliveries and kills, in two atomic steps:
 * the decision is appended to `intent.decision` together with its done-mark, which records the route to
 * publish; then the route is appended with its own done-mark. A redelivery finds the decision's mark and
 * redoes only the missing route, without evaluating again (nothing is reserved twice).
 */
export class EngineEffects {
  constructor(private readonly deps: { once: OnceMarks }) {}

  /** The intent a legacy signal became, appended once per signal entry. */
  async publishSignalIntent(entryId: string, intent: StreamInput<'strategy.intent'>): Promise<void> {
    await this.deps.once.append({
      stream: 'strategy.intent',
      scope: 'engine',
      key: `signal:${entryId}`,
      messages: [intent],
      ttlS: INTENT_MEMORY_TTL_S,
    });
  }

  /**
   * When the stage has decided the intent already, redoes its route (a no-op if it was published) and
   * returns true; false when the stage has not decided it.
   */
  async resume(intentId: string, stage: DecisionStage): Promise<boolean> {
    const [outcome] = await this.deps.once.appended('intent.decision', 'decision', [`${intentId}:${stage}`]);
    if (outcome === null || outcome === undefined) return false;
    const route = routeOf(outcome);
    if (route) await this.route(intentId, route);
    return true;
  }

  /** Publishes what an evaluation decided: its decision, then the route of an approved trade. */
  async apply(stage: DecisionStage, intent: StrategyIntentEvent, evaluation: Evaluation): Promise<void> {
    if (evaluation.kind === 'hold') return;
    const route = evaluation.kind === 'approved' ? evaluation.route : null;
    const recorded = await this.decide(stage, evaluation.decision, route);
    if (recorded) await this.route(intent.intent_id, recorded);
  }

  /**
   * Appends a stage's decision with the route to follow it, unless the stage decided before; returns the
   * route recorded by whichever call decided.
   */
  async decide(
    stage: DecisionStage,
    decision: StreamInput<'intent.decision'>,
    route: Route | null,
  ): Promise<Route | null> {
    const done = await this.deps.once.append({
      stream: 'intent.decision',
      scope: 'decision',
      key: `${decision.intent_id}:${stage}`,
      messages: [decision],
      outcome: JSON.stringify({ route }),
      ttlS: INTENT_MEMORY_TTL_S,
    });
    return routeOf(done.outcome);
  }

  /** Appends the order or execution command of an intent once. */
  private async route(intentId: string, route: Route): Promise<void> {
    const { once } = this.deps;
    const mark = { scope: 'engine', key: `routed:${intentId}`, ttlS: INTENT_MEMORY_TTL_S } as const;
    if (route.stream === 'order.command')
      await once.append({ ...mark, stream: 'order.command', messages: [route.message] });
    else await once.append({ ...mark, stream: 'execution.command', messages: [route.message] });
  }
}
