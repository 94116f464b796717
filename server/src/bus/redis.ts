import { Redis } from 'ioredis';
import { createLogger, type Logger } from '../lib/logger.ts';
import { errorText } from './codec.ts';

/** Options of a Redis connection. */
export interface CreateRedisOptions {
  /** Where connection errors are reported; default a `warn` logger on stderr */
  log?: Logger;
  /** Names the connection in logs and `CLIENT LIST` */
  connectionName?: string;
}

/**
 * Reports connection errors without crashing: an `error` listener is always attached (ioredis
 * would otherwise throw an unhandled `error` event), and a repeated error is logged once until the
 * connection is ready again, so an unreachable Redis does not flood the log while ioredis retries.
 */
export function logConnectionErrors(redis: Redis, log: Logger): void {
  let lastError: string | null = null;
  redis.on('error', (error: unknown) => {
    const text = errorText(error);
    if (text === lastError) return;
    lastError = text;
    log.warn('redis connection error; retrying', { error: text });
  });
  redis.on('ready', () => {
    if (lastError !== null) log.info('redis connection ready again');
    lastError = null;
  });
}

/**
 * A Redis connection (ioredis) that retries forever: `maxRetriesPerRequest: null` keeps commands,
 * blocking reads included, queued while Redis is away instead of failing them after a few retries.
 */
export function createRedis(url: string, options: CreateRedisOptions = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    ...(options.connectionName ? { connectionName: options.connectionName } : {}),
  });
  logConnectionErrors(redis, options.log ?? createLogger('warn', { component: 'redis' }));
  return redis;
}
