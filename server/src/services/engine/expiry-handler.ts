import { expiryOutcome } from './core/approval-machine.ts';
import { buildDecision } from './core/decision.ts';
import type { EngineContext } from './engine-context.ts';

/** The expiry of pending approvals (SPEC §5.3 item 8). */
export class ExpiryHandler {
  constructor(private readonly ctx: EngineContext) {}

  /** Expires every pending approval past its `expires_at` and publishes its `expired` decision. */
  async sweep(): Promise<void> {
    const { approvals, clock, config, effects } = this.ctx;
    const now = clock.now();
    for (const intentId of await approvals.dueForExpiry(now)) {
      // The store's expire is atomic: only the process (and only the sweep) that wins it decides
      if (!(await approvals.expire(intentId, now))) continue;
      const record = await approvals.get(intentId);
      const outcome = record && expiryOutcome(record, now, config.approvalTtlS);
      if (outcome) await effects.publishDecision(buildDecision(outcome.intent, outcome.decision));
    }
  }
}
