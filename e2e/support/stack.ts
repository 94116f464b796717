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

/**
 * The stack's Postgres (audit store and accounts, shared by its two processes): a database of the run's own,
 * `gamma_<prefix>` on the server of `E2E_DATABASE_URL` (default: the integration tests' local Postgres),
 * created by the stack server at start and dropped at its end.
 */
export function stackDatabase(): { adminUrl: string; name: string; url: string } {
  const adminUrl =
    process.env.E2E_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgresql://postgres@127.0.0.1:5432/test';
  const name = `gamma_${stack.prefix.replaceAll(/[^a-z0-9]/g, '_')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { adminUrl, name, url: url.toString() };
}
