import { randomUUID } from 'node:crypto';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ApprovalStore } from '../../stores/approvals/approval-store.ts';
import type { TradingStateStore } from '../../stores/trading-state/trading-state-store.ts';
import { HALT_VETO_BY, haltedScopeOf, haltVeto, leftToRecheck } from './core/halt-veto.ts';

/** What the halt sweep reads and writes. */
export interface HaltHandlerDeps {
  approvals: ApprovalStore;
  tradingStates: TradingStateStore;
  clock: Clock;
  log: Logger;
}

/**
 * Vetoes every pending approval under a HALTED scope (issue 9 item 3), by claiming a veto that carries
 * `TRADING_HALTED` (see `core/halt-veto.ts`); the approval handler then publishes the decision. Run on the
 * engine's sweep timer, so a halt reaches pending approvals within a sweep period, after a restart too,
 * and an intent left pending just as the halt came in is caught by the next round.
 */
export class HaltHandler {
  constructor(private readonly deps: HaltHandlerDeps) {}

  /** One round; returns how many vetoes this call claimed (a record another engine claimed first is not counted). */
  async sweep(): Promise<number> {
    const { approvals, tradingStates, clock, log } = this.deps;
    const states = await tradingStates.list();
    if (!states.some((s) => s.state === 'HALTED')) return 0;
    let vetoed = 0;
    for (const record of await approvals.listPending()) {
      const nowMs = clock.now();
      // A record past its expiry is the expiry sweep's; a claim would conflict anyway
      if (nowMs >= Date.parse(record.expires_at)) continue;
      const halted = haltedScopeOf(states, record.intent);
      if (halted === null || leftToRecheck(record.intent)) continue;
      const veto = haltVeto(halted);
      const claim = await approvals.claim({
        intentId: record.intent.intent_id,
        command: 'veto',
        requestedBy: HALT_VETO_BY,
        reason: veto.reason,
        commandId: randomUUID(),
        nowMs,
        metadata: { ...veto.metadata },
      });
      if (!claim.ok || claim.repeated) continue;
      vetoed += 1;
      log.info('pending approval vetoed: trading halted', {
        intent_id: record.intent.intent_id,
        scope: halted.scope,
        key: halted.key,
      });
    }
    return vetoed;
  }
}
