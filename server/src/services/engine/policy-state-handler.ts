import type { MacroReading } from '@gamma/shared';
import { errorText } from '../../bus/codec.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { TradingStateStore } from '../../stores/trading-state/trading-state-store.ts';
import { policyLevel, type ApprovalPolicyConfig } from './core/policy.ts';
import { APPROVAL_POLICY_CHANGER, policyStateChange } from './core/policy-trading-state.ts';

/** What the policy's trading-state handler reads and writes. */
export interface PolicyStateDeps {
  tradingStates: TradingStateStore;
  policy: ApprovalPolicyConfig;
  clock: Clock;
  log: Logger;
}

/**
 * Under `APPROVAL_MODE=policy`, sets the global REDUCING when the level turns extreme and lifts it when it
 * leaves extreme (issue 9 item 5). It acts on a change of level (and once at start), not on every macro
 * state, so a person who resumes trading while the market is extreme is not overruled until the level
 * leaves extreme and comes back. Every engine process runs it on the same macro states; the store's
 * compare-and-set (`when`, decided on the record it replaces) lets exactly one write each change, so the
 * event is published once.
 */
export class PolicyStateHandler {
  /** Whether the level was extreme when this process last acted; null before it did (or after a failure) */
  private wasExtreme: boolean | null = null;

  constructor(private readonly deps: PolicyStateDeps) {}

  /** Acts on the level the macro state gives now, if it changed since this process last acted. */
  async onMacro(macro: MacroReading | null): Promise<void> {
    const { policy, clock, log, tradingStates } = this.deps;
    if (policy.mode !== 'policy') return;
    const reading = policyLevel(policy, macro, clock.now());
    const extreme = reading.level === 'extreme';
    if (this.wasExtreme === extreme) return;
    this.wasExtreme = extreme;
    const change = policyStateChange(reading, macro);
    try {
      const result = await tradingStates.set(
        {
          scope: 'global',
          key: null,
          state: change.state,
          reason: change.reason,
          changedBy: APPROVAL_POLICY_CHANGER,
          at: new Date(clock.now()).toISOString(),
        },
        { when: change.when },
      );
      if (result.changed) log.info('approval policy moved the global trading state', { ...result.event });
    } catch (error) {
      // Acted on nothing: the next macro state tries again
      this.wasExtreme = null;
      log.error('approval policy could not set the trading state', { error: errorText(error) });
    }
  }
}
