import { expiryOutcome } from './core/approval-machine.ts';
import { buildDecision } from './core/decision.ts';
import type { EngineContext } from './engine-context.ts';

/** The expiry of pending approvals (SPEC §5.3 item 8). */
export class ExpiryHandler {
  constructor(private readonly ctx: EngineContext) {}

  /**
   * Expires every pending approval past its `expires_at` and publishes its `expired` decision. Expiring
   * and publishing are two atomic steps: an expired record stays due until its decision is published, so
   * a sweep after a kill between the two publishes it (once: the decision's done-mark).
   */
  async sweep(): Promise<void> {
    const { approvals, clock, config, effects } = this.ctx;
    const now = clock.now();
    for (const intentId of await approvals.dueForExpiry(now)) {
      // The store's expire is atomic: a claim and an expiry never both win a record
      if (!(await approvals.expire(intentId, now))) continue;
      const record = await approvals.get(intentId);
      const outcome = record && expiryOutcome(record, now, config.approvalTtlS);
      if (outcome) await effects.decide('expired', buildDecision(outcome.intent, outcome.decision), null);
      await approvals.expiryPublished(intentId);
    }
  }
}
