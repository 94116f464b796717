import type { MacroReading, StrategyIntentEvent } from '@gamma/shared';
import type {
  ReservationStore,
  ReserveRequest,
  RiskBookView,
} from '../../stores/reservations/reservation-store.ts';
import type { Logger } from '../../lib/logger.ts';
import type { RiskRecords } from './core/catalogue-context.ts';
import type { EngineConfig, Evaluation, EvaluationContext } from './core/evaluate.ts';
import type { MarketView } from './core/market-view.ts';
import type { PortfolioState } from './core/portfolio-state.ts';
import { InvariantError } from '../../errors/index.ts';

/** What one check-and-reserve reads and writes. */
export interface CheckAndReserveDeps {
  reservations: ReservationStore;
  /** The risk book of the pure pass (default `reservations.book`; the engine shares one read per batch) */
  readBook?: (nowMs: number) => Promise<RiskBookView>;
  config: EngineConfig;
  log: Logger;
  /** The process's state at this instant */
  state: () => {
    portfolio: PortfolioState;
    market: MarketView;
    macro: MacroReading | null;
    records: RiskRecords;
  };
}

const requestOf = (e: Evaluation): ReserveRequest | null => (e.kind === 'hold' ? null : (e.request ?? null));

/**
 * Evaluates an intent and checks every shared capacity in one atomic step shared by every engine process
 * (SPEC §5.3 item 9, issue 9): a pure pass on the aggregate risk book read now (intake, valuation, the
 * request), then the reserve script checks the request on the book as it is at that instant and, for an
 * approval, reserves only if every check holds. The evaluation is then redone on the script's verdicts,
 * so the decision records what the atomic step checked (the passes share what precedes that merge). When the script passes what the pure pass
 * refused (the book moved in between), it is asked once more to reserve.
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
  const book = await (deps.readBook ?? ((ms: number) => deps.reservations.book(ms)))(nowMs);
  // Every pass reads this one state, so each computes only the merge of the script's verdicts anew
  const memo = new Map();
  const ctx: EvaluationContext = { ...deps.state(), book, config: deps.config, nowMs, atomic: null, memo };
  const first = input.evaluate(ctx);
  const request = requestOf(first);
  if (request === null) return first;
  let result = await deps.reservations.tryReserve(request, nowMs, { reserve: first.kind === 'approved' });
  let final = input.evaluate({ ...ctx, atomic: result.checks });
  if (final.kind === 'approved' && !result.reserved) {
    deps.log.info('the reserve step passes what the pure checks refused; reserving', {
      intent_id: intent.intent_id,
    });
    result = await deps.reservations.tryReserve(request, nowMs, { reserve: true });
    final = input.evaluate({ ...ctx, atomic: result.checks });
  }
  if (result.reserved && final.kind !== 'approved') {
    await deps.reservations.release(intent.intent_id);
    throw new InvariantError(`check-and-reserve of ${intent.intent_id}: reserved but decided ${final.kind}`);
  }
  return final;
}

/**
 * The risk book for the pure pass of check-and-reserve, shared: a read still on its way serves every call,
 * and with `since` (a `performance.now()` reading: when the caller got its entry) so does a finished read
 * sent at or after that instant. The reserve script checks each decision on the book as it is at that
 * instant anyway, so the book of the pure pass only decides what the script is asked (reserve or check
 * only), never what is decided; a read sent after the entry arrived is as fresh as reading it there.
 */
export function sharedBookReads(
  store: ReservationStore,
): (nowMs: number, since?: number) => Promise<RiskBookView> {
  let last: { sentAt: number; read: Promise<RiskBookView>; done: boolean } | null = null;
  return (nowMs, since) => {
    if (last !== null && (!last.done || (since !== undefined && last.sentAt >= since))) return last.read;
    const entry = { sentAt: performance.now(), read: store.book(nowMs), done: false };
    last = entry;
    entry.read.then(
      () => (entry.done = true),
      () => {
        if (last === entry) last = null;
      },
    );
    return entry.read;
  };
}
