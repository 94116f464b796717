import { describe, expect, it } from 'vitest';
import type { ReserveRequest, StoredReservation } from '../../bus/reservation-store.ts';
import { createMemoryReservationBook } from './reservation-book.ts';

const reservation = (intentId: string, quantity = 1): StoredReservation => ({
  intentId,
  expiresAtMs: 60_000,
  legs: [{ symbol: 'BTC/USDT', side: 'buy', quantity, mark: 100, spot: 100, optionType: null }],
});

const request = (r: StoredReservation): ReserveRequest => ({
  reservation: r,
  equity: 1_000,
  limits: {
    maxSinglePositionPct: 1,
    maxGrossLeverage: 1,
    maxPositionRatio: 1,
    minPositionRatio: 0,
    maxQty: {},
  },
  book: {},
});

describe('createMemoryReservationBook', () => {
  describe('when the reservations changed since the engine read them', () => {
    it('refuses and hands back the live ones, then reserves on the fresh view', async () => {
      const book = createMemoryReservationBook();
      const seen = await book.list(0);
      expect(await book.tryReserve(request(reservation('a')), seen, 0)).toEqual({ ok: true });
      expect(await book.tryReserve(request(reservation('b')), seen, 0)).toEqual({
        ok: false,
        failed: [],
        reservations: [reservation('a')],
      });
      expect(await book.tryReserve(request(reservation('b')), [reservation('a')], 0)).toEqual({ ok: true });
      expect((await book.list(0)).map((r) => r.intentId)).toEqual(['a', 'b']);
    });
  });

  it('drops reservations at expiry and on release', async () => {
    const book = createMemoryReservationBook();
    await book.tryReserve(request(reservation('a')), [], 0);
    await book.tryReserve(request(reservation('b')), [reservation('a')], 0);
    await book.release('a');
    expect((await book.list(59_999)).map((r) => r.intentId)).toEqual(['b']);
    expect(await book.list(60_000)).toEqual([]);
  });

  it('applies a fill once per fill key and keeps the rest reserved another 60 s', async () => {
    const book = createMemoryReservationBook();
    await book.tryReserve(request(reservation('a', 1)), [], 0);
    const fill = { fillKey: '5-0', intentId: 'a', symbol: 'BTC/USDT', quantity: 0.25 };
    await book.fill(fill, 30_000);
    await book.fill(fill, 30_000);
    expect(await book.list(30_000)).toEqual([{ ...reservation('a', 0.75), expiresAtMs: 90_000 }]);
    await book.fill({ ...fill, fillKey: '6-0', quantity: 0.75 }, 31_000);
    expect(await book.list(31_000)).toEqual([]);
  });
});
