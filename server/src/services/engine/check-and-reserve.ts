import type { MacroReading, StrategyIntentEvent } from '@gamma/shared';
import type { ReservationStore } from '../../stores/reservations/reservation-store.ts';
import type { Logger } from '../../lib/logger.ts';
import type { RiskRecords } from './core/catalogue-context.ts';
import type { EngineConfig, Evaluation, EvaluationContext } from './core/evaluate.ts';
import type { MarketView } from './core/market-view.ts';
import type { PortfolioState } from './core/portfolio-state.ts';
import { RESERVATION_TTL_MS } from './core/reservations.ts';
import { reserveRequest } from './core/reserve-request.ts';
import { ConflictError } from '../../errors/index.ts';

/** Evaluate-then-reserve rounds before giving up (the caller's entry stays pending and is retried). */
export const RESERVE_ATTEMPTS = 10;

/** What one check-and-reserve reads and writes. */
export interface CheckAndReserveDeps {
  reservations: ReservationStore;
  config: EngineConfig;
  log: Logger;
  /** The process's state at this instant (read again on every round) */
  state: () => {
    portfolio: PortfolioState;
    market: MarketView;
    macro: MacroReading | null;
    records: RiskRecords;
  };
}

/**
 * Evaluates on the state at this moment with the live reservations and, when approved, reserves the
 * order's legs in one atomic step shared by every engine process (SPEC §5.3 item 9): the pure checks
 * decide and word the verdict; the Lua script re-checks the reservation-dependent limits on the
 * reservations live at that instant and reserves only if they still hold. When it refuses, the checks run
 * again on the reservations it saw, so a veto names the failures the script found.
 * @throws Error when no round settles (the checks pass but the script refuses every time).
 */
export async function checkAndReserve(
  deps: CheckAndReserveDeps,
  input: {
    intent: StrategyIntentEvent;
    nowMs: number;
    evaluate: (ctx: EvaluationContext) => Evaluation;
  },
): Promise<Evaluation> {
  const { intent, nowMs } = input;
  let reservations = await deps.reservations.list(nowMs);
  for (let attempt = 1; attempt <= RESERVE_ATTEMPTS; attempt += 1) {
    const { portfolio, market, macro, records } = deps.state();
    const evaluation = input.evaluate({
      portfolio,
      market,
      macro,
      records,
      reservations,
      config: deps.config,
      nowMs,
    });
    if (evaluation.kind !== 'approved') return evaluation;
    const request = reserveRequest({
      intentId: intent.intent_id,
      legs: evaluation.reserve,
      portfolio,
      market,
      reservations,
      limits: deps.config.limits,
      expiresAtMs: nowMs + RESERVATION_TTL_MS,
      protective: evaluation.protective,
    });
    const result = await deps.reservations.tryReserve(request, reservations, nowMs);
    if (result.ok) return evaluation;
    deps.log.info('reservation refused; evaluating again on the live reservations', {
      intent_id: intent.intent_id,
      failed: result.failed,
      attempt,
    });
    reservations = result.reservations;
  }
  throw new ConflictError(
    `check-and-reserve of ${intent.intent_id}: no stable verdict after ${RESERVE_ATTEMPTS} attempts`,
  );
}
