import type { Redis } from 'ioredis';
import { publicProcedure } from '../init.ts';

/** How long a PING may take before Redis counts as down. */
const PING_TIMEOUT_MS = 1000;

/** Whether Redis answers a PING in time (a disconnected client queues commands: don't wait for it). */
export async function redisUp(redis: Redis): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([redis.ping().then((reply) => reply === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** `{ status: 'ok', redis: 'up' | 'down', version }` */
export const healthProcedure = publicProcedure.query(async ({ ctx }) => ({
  status: 'ok' as const,
  redis: (await redisUp(ctx.redis)) ? ('up' as const) : ('down' as const),
  version: ctx.version,
}));
