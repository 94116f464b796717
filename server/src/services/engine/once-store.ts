import type { Redis } from 'ioredis';
import { recordKey } from '../../bus/keys.ts';

/** Idempotency keys: `claim` succeeds once per key until released or expired (SPEC §2). */
export interface OnceStore {
  /** True the first time a key is claimed; false while it is held. */
  claim(key: string, ttlS: number): Promise<boolean>;
  /** Forgets a key (the effect it guarded failed and must be retried). */
  release(key: string): Promise<void>;
}

/** Idempotency keys in Redis (`SET <prefix>:<scope>:<key> 1 NX EX ttl`). */
export function createRedisOnceStore(redis: Redis, prefix: string, scope: string): OnceStore {
  const keyOf = (key: string) => recordKey(prefix, scope, key);
  return {
    async claim(key, ttlS) {
      return (await redis.set(keyOf(key), '1', 'EX', Math.max(1, Math.round(ttlS)), 'NX')) === 'OK';
    },
    async release(key) {
      await redis.del(keyOf(key));
    },
  };
}

/** Idempotency keys in memory (tests; one process). TTLs are not enforced. */
export function createMemoryOnceStore(): OnceStore & { keys(): string[] } {
  const held = new Set<string>();
  return {
    claim(key) {
      if (held.has(key)) return Promise.resolve(false);
      held.add(key);
      return Promise.resolve(true);
    },
    release(key) {
      held.delete(key);
      return Promise.resolve();
    },
    keys: () => [...held],
  };
}
