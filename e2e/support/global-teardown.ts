import { Redis } from 'ioredis';
import { stack } from './stack.ts';

/** Deletes every key of the run's stream prefix, so runs leave nothing behind. */
export default async function globalTeardown(): Promise<void> {
  const redis = new Redis(stack.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${stack.prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
