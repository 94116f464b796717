import type { Redis } from 'ioredis';
import { recordKey } from '../../bus/keys.ts';

/** Marks an intent as executed once: `SET <prefix>:exec:<intent_id> 1 NX EX ttl` (SPEC §7). */
export interface ExecutedIntents {
  /** True the first time; false when the intent was already executed. */
  claim(intentId: string): Promise<boolean>;
  /** Forgets the mark (the publish failed and the redelivery must retry). */
  release(intentId: string): Promise<void>;
}

const TTL_S = 7 * 24 * 3600;

/** Executed-intent marks in Redis. */
export function createRedisExecutedIntents(redis: Redis, prefix: string): ExecutedIntents {
  const key = (intentId: string) => recordKey(prefix, 'exec', intentId);
  return {
    async claim(intentId) {
      return (await redis.set(key(intentId), '1', 'EX', TTL_S, 'NX')) === 'OK';
    },
    async release(intentId) {
      await redis.del(key(intentId));
    },
  };
}

/** Executed-intent marks in memory (tests). */
export function createMemoryExecutedIntents(): ExecutedIntents {
  const seen = new Set<string>();
  return {
    claim(intentId) {
      if (seen.has(intentId)) return Promise.resolve(false);
      seen.add(intentId);
      return Promise.resolve(true);
    },
    release(intentId) {
      seen.delete(intentId);
      return Promise.resolve();
    },
  };
}
