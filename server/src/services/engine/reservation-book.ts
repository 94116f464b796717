import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { recordKey } from '../../bus/keys.ts';
import { applyFill, pruneExpired, type Reservation } from './core/reservations.ts';

/** A check-and-reserve step: reads the live reservations, returns its result and what to reserve. */
export type ExclusiveStep<T> = (reservations: readonly Reservation[]) => {
  result: T;
  reserve: Reservation | null;
};

/**
 * Reservations of approved-but-unfilled intents (SPEC §5.3 item 9), shared by every engine process
 * of a prefix. `checkAndReserve` runs the checks and the reservation as one exclusive step, so two
 * engines cannot both take the last unit of a limit.
 */
export interface ReservationBook {
  checkAndReserve<T>(nowMs: number, step: ExclusiveStep<T>): Promise<T>;
  /** Live reservations (expired ones dropped) */
  list(nowMs: number): Promise<Reservation[]>;
  /** `execution_rejected`: the intent's reservation goes */
  release(intentId: string): Promise<void>;
  /** A fill turns part of a reservation into a position */
  fill(fill: { intentId: string; symbol: string; quantity: number }, nowMs: number): Promise<void>;
}

/** Serialises async steps in one process. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/** Reservations in engine memory (one process; tests). */
export function createMemoryReservationBook(): ReservationBook {
  let book: Reservation[] = [];
  const mutex = new Mutex();
  return {
    checkAndReserve(nowMs, step) {
      return mutex.run(() => {
        book = pruneExpired(book, nowMs);
        const { result, reserve } = step(book);
        if (reserve) book = [...book.filter((r) => r.intentId !== reserve.intentId), reserve];
        return Promise.resolve(result);
      });
    },
    list(nowMs) {
      return mutex.run(() => Promise.resolve((book = pruneExpired(book, nowMs))));
    },
    release(intentId) {
      return mutex.run(() => {
        book = book.filter((r) => r.intentId !== intentId);
        return Promise.resolve();
      });
    },
    fill(f, nowMs) {
      return mutex.run(() => {
        book = applyFill(pruneExpired(book, nowMs), f);
        return Promise.resolve();
      });
    },
  };
}

const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** How long the cross-process lock is held at most (a crashed holder frees it after this). */
const LOCK_TTL_MS = 5_000;
/** How long a step waits for the lock before failing (the entry stays pending and is retried). */
const LOCK_WAIT_MS = 10_000;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reservations in Redis: a hash `<prefix>:engine:reservations` (intent id → JSON), guarded by a lock
 * `<prefix>:engine:reservations:lock` (SET NX PX, released by a compare-and-delete script) around every
 * read-check-write, so engine processes sharing the `engine` group cannot over-reserve a limit.
 */
export function createRedisReservationBook(redis: Redis, prefix: string): ReservationBook {
  const hashKey = recordKey(prefix, 'engine', 'reservations');
  const lockKey = recordKey(prefix, 'engine', 'reservations', 'lock');
  const local = new Mutex();

  const exclusive = <T>(fn: () => Promise<T>): Promise<T> =>
    local.run(async () => {
      const token = randomUUID();
      const deadline = Date.now() + LOCK_WAIT_MS;
      while ((await redis.set(lockKey, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
        if (Date.now() > deadline) throw new Error('reservation lock: timed out waiting for another engine');
        await wait(5 + Math.random() * 10);
      }
      try {
        return await fn();
      } finally {
        await redis.eval(UNLOCK_SCRIPT, 1, lockKey, token);
      }
    });

  const load = async (nowMs: number): Promise<Reservation[]> => {
    const raw = await redis.hgetall(hashKey);
    const all = Object.values(raw).map((json) => JSON.parse(json) as Reservation);
    const live = pruneExpired(all, nowMs);
    const gone = all.filter((r) => !live.includes(r)).map((r) => r.intentId);
    if (gone.length > 0) await redis.hdel(hashKey, ...gone);
    return live;
  };

  const save = async (before: readonly Reservation[], after: readonly Reservation[]) => {
    const keep = new Set(after.map((r) => r.intentId));
    const dropped = before.filter((r) => !keep.has(r.intentId)).map((r) => r.intentId);
    if (dropped.length > 0) await redis.hdel(hashKey, ...dropped);
    if (after.length > 0)
      await redis.hset(hashKey, Object.fromEntries(after.map((r) => [r.intentId, JSON.stringify(r)])));
  };

  return {
    checkAndReserve(nowMs, step) {
      return exclusive(async () => {
        const book = await load(nowMs);
        const { result, reserve } = step(book);
        if (reserve) await redis.hset(hashKey, reserve.intentId, JSON.stringify(reserve));
        return result;
      });
    },
    list(nowMs) {
      return exclusive(() => load(nowMs));
    },
    async release(intentId) {
      await redis.hdel(hashKey, intentId);
    },
    fill(f, nowMs) {
      return exclusive(async () => {
        const before = (await load(nowMs)).filter((r) => r.intentId === f.intentId);
        if (before.length === 0) return;
        await save(before, applyFill(before, f));
      });
    },
  };
}
