import type { StrategyIntentEvent } from '@gamma/shared';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ApprovalStore } from '../../stores/approvals/approval-store.ts';
import type { EngineConfig, Evaluation, EvaluationContext } from './core/evaluate.ts';
import type { PortfolioState } from './core/portfolio-state.ts';
import type { EngineEffects } from './engine-effects.ts';

/** What the engine's handlers share; the shell builds it once over its state. */
export interface EngineContext {
  config: EngineConfig;
  clock: Clock;
  log: Logger;
  approvals: ApprovalStore;
  effects: EngineEffects;
  /** The account as this process sees it now */
  portfolio(): PortfolioState;
  /**
   * Resolves once the state tails have reached the newest state entries of an instant at or after `since`
   * (`performance.now()`, default now): a handler passes when it got its entry, so the entries read in one
   * batch share one check
   */
  caughtUp(since?: number): Promise<void>;
  /** Evaluates an intent on the current state and reserves its legs when approved (SPEC §5.3 item 9) */
  checkAndReserve(
    intent: StrategyIntentEvent,
    evaluate: (ctx: EvaluationContext) => Evaluation,
    /** When the entry arrived (`performance.now()`): a book read sent after it serves */
    since?: number,
  ): Promise<Evaluation>;
  /** Starts reading the risk book for entries that arrived at `since` (read once for a batch) */
  prefetchBook(since: number): Promise<unknown>;
}
