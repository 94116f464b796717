import type { StrategyIntentEvent, StreamInput } from '@gamma/shared';
import type { Bus } from '../../bus/bus.ts';
import type { OnceMarks } from '../../stores/once/once-marks.ts';
import type { Evaluation, Route } from './core/evaluate.ts';

/** Idempotency keys live as long as intent ids are remembered (SPEC §5.2: 7 days). */
const ONCE_TTL_S = 7 * 24 * 3600;

/**
 * The engine's effects, each at most once across processes and redeliveries: decisions, routes, and any
 * handler body guarded by a key (`intent:<id>`, `command:<id>`, `signal:<entry id>`).
 */
export class EngineEffects {
  constructor(private readonly deps: { bus: Bus; once: OnceMarks }) {}

  /** Runs an effect once per key; a failed effect releases the key so a redelivery can retry it. */
  async once(key: string, effect: () => Promise<unknown>): Promise<void> {
    const { once } = this.deps;
    if (!(await once.claim('engine', key, ONCE_TTL_S))) return;
    try {
      await effect();
    } catch (err) {
      await once.release('engine', key);
      throw err;
    }
  }

  /** Publishes what an evaluation decided: its decision, then the route of an approved trade. */
  async apply(intent: StrategyIntentEvent, evaluation: Evaluation): Promise<void> {
    if (evaluation.kind === 'hold') return;
    await this.publishDecision(evaluation.decision);
    if (evaluation.kind === 'approved') await this.publishRoute(intent.intent_id, evaluation.route);
  }

  /** Publishes a decision once per decision_id. */
  async publishDecision(decision: StreamInput<'intent.decision'>): Promise<void> {
    await this.once(`decision:${decision.decision_id}`, () =>
      this.deps.bus.publish('intent.decision', decision),
    );
  }

  /** Publishes the order or execution command of an intent once. */
  private async publishRoute(intentId: string, route: Route): Promise<void> {
    const { bus } = this.deps;
    await this.once(`routed:${intentId}`, () =>
      route.stream === 'order.command'
        ? bus.publish('order.command', route.message)
        : bus.publish('execution.command', route.message),
    );
  }
}
