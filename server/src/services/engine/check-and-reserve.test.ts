import type { RiskCheckVerdict, StrategyIntentEvent, StreamInput } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/app-config.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createMemoryReservationStore } from '../../stores/reservations/memory-reservation-store.ts';
import { request as requestFor, spotLeg } from '../../stores/reservations/reservation-store.contract.ts';
import type { ReservationStore, ReserveResult } from '../../stores/reservations/reservation-store.ts';
import { checkAndReserve, sharedBookReads } from './check-and-reserve.ts';
import type { Evaluation, EvaluationContext } from './core/evaluate.ts';
import { initialPortfolio } from './core/portfolio-state.ts';
import { engineConfigFrom } from './engine-service.ts';

const intent = { intent_id: 'i-1' } as StrategyIntentEvent;
const decision = {} as StreamInput<'intent.decision'>;
const request = requestFor('i-1', [spotLeg(0.5)]);
const verdict = (passed: boolean): RiskCheckVerdict => ({
  check: 'max_position_size',
  value: 0.5,
  limit: 1,
  passed,
  reason_code: passed ? null : 'MAX_POSITION_SIZE_EXCEEDED',
});

/** Approves on the pure pass when `pure` says so, and on the atomic verdicts when they all passed. */
const evaluateWith =
  (pure: boolean, seen: (readonly RiskCheckVerdict[] | null)[]) =>
  (ctx: EvaluationContext): Evaluation => {
    seen.push(ctx.atomic);
    const passed = ctx.atomic === null ? pure : ctx.atomic.every((c) => c.passed);
    return passed
      ? { kind: 'approved', decision, route: {} as never, request }
      : { kind: 'vetoed', decision, request };
  };

const run = (reservations: ReservationStore, evaluate: (ctx: EvaluationContext) => Evaluation) =>
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
    { intent, nowMs: request.reservation.expiresAtMs - 60_000, evaluate },
  );

/** A store whose reserve step answers `answers` in turn, recording the calls. */
const scripted = (answers: ReserveResult[], calls: boolean[]): ReservationStore =>
  Object.assign(createMemoryReservationStore(), {
    tryReserve: (_r: unknown, _now: number, options: { reserve: boolean }) => {
      calls.push(options.reserve);
      return Promise.resolve(answers.shift() ?? { reserved: false, checks: [] });
    },
  });

describe('checkAndReserve', () => {
  it('reserves the approved legs and evaluates again on the verdicts the atomic step returned', async () => {
    const book = createMemoryReservationStore();
    const seen: (readonly RiskCheckVerdict[] | null)[] = [];
    expect((await run(book, evaluateWith(true, seen))).kind).toBe('approved');
    expect(seen[0]).toBeNull();
    expect(seen[1]?.find((c) => c.check === 'max_position_size')).toMatchObject({ value: 0.5, limit: 1 });
    expect((await book.list(0)).map((r) => r.intentId)).toEqual(['i-1']);
  });

  it('vetoes with the figures the script checked when it refuses', async () => {
    const calls: boolean[] = [];
    const seen: (readonly RiskCheckVerdict[] | null)[] = [];
    const store = scripted([{ reserved: false, checks: [verdict(false)] }], calls);
    expect((await run(store, evaluateWith(true, seen))).kind).toBe('vetoed');
    expect(calls).toEqual([true]);
    expect(seen[1]).toEqual([verdict(false)]);
  });

  it('asks the script to reserve when it passes what the pure pass refused', async () => {
    const calls: boolean[] = [];
    const store = scripted(
      [
        { reserved: false, checks: [verdict(true)] },
        { reserved: true, checks: [verdict(true)] },
      ],
      calls,
    );
    expect((await run(store, evaluateWith(false, []))).kind).toBe('approved');
    expect(calls).toEqual([false, true]);
  });
});

describe('sharedBookReads', () => {
  /** A memory store that counts its book reads. */
  const counted = () => {
    const store = createMemoryReservationStore();
    let reads = 0;
    const book: ReservationStore['book'] = (nowMs) => {
      reads += 1;
      return store.book(nowMs);
    };
    return { store: { ...store, book }, reads: () => reads };
  };

  describe('when the intents of one batch ask while a read is on its way', () => {
    it('reads the book once for all of them', async () => {
      const { store, reads } = counted();
      const readBook = sharedBookReads(store);
      const since = performance.now();
      await Promise.all([readBook(0, since), readBook(0, since), readBook(0)]);
      expect(reads()).toBe(1);
    });
  });

  describe('when the read is done', () => {
    it('serves entries that arrived before it was sent, and reads again for a later one or without since', async () => {
      const { store, reads } = counted();
      const readBook = sharedBookReads(store);
      const since = performance.now();
      await readBook(0, since);
      await readBook(0, since);
      expect(reads()).toBe(1);
      await readBook(0, performance.now());
      await readBook(0);
      expect(reads()).toBe(3);
    });
  });
});
