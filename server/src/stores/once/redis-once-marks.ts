import type { Redis } from 'ioredis';
import { keyTable } from '../../keys/key-table.ts';
import { CLAIMED, wholeSeconds, type OnceMarks } from './once-marks.ts';

/** Effect-once marks in Redis: `SET <prefix>:<scope>:<key> claimed NX EX ttl`, then the outcome in place. */
export function createRedisOnceMarks(redis: Redis, prefix: string): OnceMarks {
  const keys = keyTable(prefix);
  return {
    async claim(scope, key, ttlS) {
      return (await redis.set(keys.once(scope, key), CLAIMED, 'EX', wholeSeconds(ttlS), 'NX')) === 'OK';
    },
    async release(scope, key) {
      await redis.del(keys.once(scope, key));
    },
    async settle(scope, key, { outcome, ttlS }) {
      await redis.set(keys.once(scope, key), outcome, 'EX', wholeSeconds(ttlS));
    },
    async outcome(scope, key) {
      const value = await redis.get(keys.once(scope, key));
      return value === null || value === CLAIMED ? null : value;
    },
  };
}
