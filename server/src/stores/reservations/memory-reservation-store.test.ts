import { describe, expect, it } from 'vitest';
import { createMemoryReservationStore } from './memory-reservation-store.ts';
import { describeReservationStoreContract, request, spotLeg } from './reservation-store.contract.ts';
import type { StoredReservation } from './reservation-store.ts';

describeReservationStoreContract('createMemoryReservationStore', () => {
  const store = createMemoryReservationStore();
  return Promise.resolve({ store, twin: store, dispose: () => Promise.resolve() });
});

const reservation = (intentId: string): StoredReservation => request(intentId, [spotLeg(1)]).reservation;

describe('createMemoryReservationStore', () => {
  describe('when the reservations changed since the engine read them', () => {
    it('refuses and hands back the live ones, then reserves on the fresh view', async () => {
      const store = createMemoryReservationStore();
      const now = reservation('a').expiresAtMs - 60_000;
      const seen = await store.list(now);
      expect(await store.tryReserve(request('a', [spotLeg(1)]), seen, now)).toEqual({ ok: true });
      expect(await store.tryReserve(request('b', [spotLeg(1)]), seen, now)).toEqual({
        ok: false,
        failed: [],
        reservations: [reservation('a')],
      });
      expect(await store.tryReserve(request('b', [spotLeg(1)]), [reservation('a')], now)).toEqual({
        ok: true,
      });
      expect((await store.list(now)).map((r) => r.intentId)).toEqual(['a', 'b']);
    });
  });
});
