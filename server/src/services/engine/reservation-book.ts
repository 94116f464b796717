import type { Redis } from 'ioredis';
import { parseOptionSymbol } from '@gamma/shared';
import {
  ReservationStore,
  type ReserveRequest,
  type ReserveResult,
  type StoredReservation,
} from '../../bus/reservation-store.ts';
import { applyFill, pruneExpired, RESERVATION_TTL_MS } from './core/reservations.ts';

/** A fill as the reservations see it. */
export interface ReservationFill {
  /** Applied once per key: the fill's stream entry id (the same in every engine process) */
  fillKey: string;
  intentId: string;
  symbol: string;
  quantity: number;
}

/**
 * Reservations of approved-but-unfilled intents (SPEC §5.3 item 9). `tryReserve` is the atomic step:
 * it reserves only if the limits still hold on the live reservations, else it returns them so the
 * engine can evaluate again on what is really reserved.
 */
export interface ReservationBook {
  /** Live reservations (expired ones dropped) */
  list(nowMs: number): Promise<StoredReservation[]>;
  /** Reserves atomically, or returns the live reservations it checked against. `seen` = the engine's snapshot. */
  tryReserve(
    request: ReserveRequest,
    seen: readonly StoredReservation[],
    nowMs: number,
  ): Promise<ReserveResult>;
  /** `execution_rejected`: the intent's reservation goes */
  release(intentId: string): Promise<void>;
  /** A fill turns part of a reservation into a position (once per fill key); the rest lives another TTL */
  fill(fill: ReservationFill, nowMs: number): Promise<void>;
}

/** A fill marker outlives any reservation it could still shrink. */
const FILL_MARKER_TTL_S = 24 * 3600;

/** The option type of a symbol, null for spot and perpetuals. */
export const optionTypeOf = (symbol: string): 'call' | 'put' | null =>
  parseOptionSymbol(symbol)?.optionType ?? null;

/**
 * Reservations in engine memory (one process; unit tests). `tryReserve` is optimistic: it reserves only
 * when the live reservations are still those the engine evaluated against, else it hands back the new ones.
 */
export function createMemoryReservationBook(): ReservationBook {
  let book: StoredReservation[] = [];
  const fills = new Set<string>();
  const live = (nowMs: number) => (book = pruneExpired(book, nowMs));
  return {
    list: (nowMs) => Promise.resolve(live(nowMs)),
    tryReserve(request, seen, nowMs) {
      const id = request.reservation.intentId;
      const others = live(nowMs).filter((r) => r.intentId !== id);
      const unchanged = JSON.stringify(others) === JSON.stringify(seen.filter((r) => r.intentId !== id));
      if (!unchanged) return Promise.resolve({ ok: false, failed: [], reservations: others });
      book = [...others, request.reservation];
      return Promise.resolve({ ok: true });
    },
    release(intentId) {
      book = book.filter((r) => r.intentId !== intentId);
      return Promise.resolve();
    },
    fill(f, nowMs) {
      if (fills.has(f.fillKey)) return Promise.resolve();
      fills.add(f.fillKey);
      const before = live(nowMs);
      const mine = before.filter((r) => r.intentId === f.intentId);
      const left = applyFill(mine, f);
      // applyFill keeps each leg's other fields; a fill keeps the rest reserved for another TTL
      const refreshed = (left as StoredReservation[]).map((r) => ({
        ...r,
        expiresAtMs: nowMs + RESERVATION_TTL_MS,
      }));
      const changed = JSON.stringify(left) !== JSON.stringify(mine);
      if (changed) book = [...before.filter((r) => r.intentId !== f.intentId), ...refreshed];
      return Promise.resolve();
    },
  };
}

/** Reservations in Redis, shared by every engine of the prefix; check-and-reserve is one Lua script. */
export function createRedisReservationBook(redis: Redis, prefix: string): ReservationBook {
  const store = new ReservationStore(redis, prefix);
  return {
    list: (nowMs) => store.list(nowMs),
    tryReserve: (request, _seen, nowMs) => store.reserve(request, nowMs),
    async release(intentId) {
      await store.release(intentId);
    },
    async fill(f, nowMs) {
      await store.fill(
        { ...f, optionType: optionTypeOf(f.symbol) },
        { nowMs, ttlMs: RESERVATION_TTL_MS, markerTtlS: FILL_MARKER_TTL_S },
      );
    },
  };
}
