import { setTimeout as sleep } from 'node:timers/promises';
import { errorText } from '../bus/codec.ts';
import { InfrastructureError } from '../errors/index.ts';
import type { Logger } from './logger.ts';

/** Where a retry loop reports and when it stops. */
export interface RetryOptions {
  log: Logger;
  /** Names the operation in the log line */
  what: string;
  /** Stops the retries: the pending call rejects at once */
  signal: AbortSignal;
  /** First delay, ms (doubles up to `maxDelayMs`) */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Runs `attempt` until it resolves, waiting between failures with a doubling backoff, so a restore waits
 * out Redis loading its AOF instead of giving up. Rejects only when `signal` aborts (the service closes).
 */
export async function retryUntilDone<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { log, what, signal } = options;
  let delayMs = options.firstDelayMs ?? 100;
  for (;;) {
    if (signal.aborted) throw new InfrastructureError(`${what} stopped: closing`);
    try {
      return await attempt();
    } catch (error) {
      if (signal.aborted) throw new InfrastructureError(`${what} stopped: closing`);
      log.warn(`${what} failed; retrying`, { error: errorText(error), retry_in_ms: delayMs });
      await sleep(delayMs, undefined, { signal }).catch(() => undefined);
      delayMs = Math.min(options.maxDelayMs ?? 5_000, delayMs * 2);
    }
  }
}
