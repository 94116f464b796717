import { randomUUID } from 'node:crypto';

/** The stack under test: one gateway with every service, on its own port and stream prefix. */
export const stack = {
  port: Number(process.env.E2E_PORT ?? 4310),
  prefix: process.env.E2E_STREAM_PREFIX ?? 'e2e',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
};

/** Fixes the prefix once in the runner process, so the workers (which inherit the environment) agree. */
export function pinStackEnvironment(): void {
  process.env.E2E_STREAM_PREFIX ??= `e2e-${randomUUID().slice(0, 8)}`;
  stack.prefix = process.env.E2E_STREAM_PREFIX;
}
