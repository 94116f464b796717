import type { StrategyIntentEvent, StreamInput } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config.ts';
import { ConflictError } from '../../errors/index.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createMemoryReservationStore } from '../../stores/reservations/memory-reservation-store.ts';
import type {
  ReservationStore,
  ReserveResult,
  StoredReservation,
} from '../../stores/reservations/reservation-store.ts';
import { checkAndReserve, RESERVE_ATTEMPTS } from './check-and-reserve.ts';
import type { Evaluation, EvaluationContext } from './core/evaluate.ts';
import { initialPortfolio } from './core/portfolio-state.ts';
import { engineConfigFrom } from './engine-service.ts';

const intent = { intent_id: 'i-1' } as StrategyIntentEvent;
const decision = {} as StreamInput<'intent.decision'>;
const LEG = { symbol: 'BTC/USDT', side: 'buy' as const, quantity: 1, mark: 100, spot: 100 };
const other: StoredReservation = {
  intentId: 'other',
  expiresAtMs: 60_000,
  legs: [{ ...LEG, optionType: null }],
};

/** Approves while it sees no reservation, vetoes otherwise. */
const evaluate = (ctx: EvaluationContext): Evaluation =>
  ctx.reservations.length === 0
    ? { kind: 'approved', decision, route: {} as never, reserve: [LEG], protective: false }
    : { kind: 'vetoed', decision };

const run = (reservations: ReservationStore) =>
  checkAndReserve(
    {
      reservations,
      config: engineConfigFrom(loadConfig({}).engine),
      log: silentLogger,
      state: () => ({
        portfolio: initialPortfolio(1_000),
        market: { mids: {}, tickAtMs: {}, surfaces: {} },
        macro: null,
        records: { dayStartEquity: null, lossStreaks: {} },
      }),
    },
    { intent, nowMs: 0, evaluate },
  );

describe('checkAndReserve', () => {
  it('reserves the approved legs for 60 s', async () => {
    const book = createMemoryReservationStore();
    expect((await run(book)).kind).toBe('approved');
    expect(await book.list(0)).toEqual([
      { intentId: 'i-1', expiresAtMs: 60_000, legs: [{ ...LEG, optionType: null }] },
    ]);
  });

  describe('when the reservation is refused', () => {
    it('evaluates again on the reservations the refusal returned and keeps that verdict', async () => {
      const seen: StoredReservation[][] = [];
      const book: ReservationStore = {
        ...createMemoryReservationStore(),
        tryReserve: (_request, s): Promise<ReserveResult> => {
          seen.push([...s]);
          return Promise.resolve({ ok: false, failed: ['max_position_size'], reservations: [other] });
        },
      };
      expect((await run(book)).kind).toBe('vetoed');
      expect(seen).toEqual([[]]);
    });

    it('gives up with an error when the checks pass but the script refuses every round', async () => {
      let rounds = 0;
      const book: ReservationStore = {
        ...createMemoryReservationStore(),
        tryReserve: () => {
          rounds += 1;
          return Promise.resolve({ ok: false, failed: ['gross_leverage'], reservations: [] });
        },
      };
      const outcome = run(book);
      await expect(outcome).rejects.toThrow(/i-1: no stable verdict after 10 attempts/);
      await expect(outcome).rejects.toThrow(ConflictError);
      expect(rounds).toBe(RESERVE_ATTEMPTS);
    });
  });
});
