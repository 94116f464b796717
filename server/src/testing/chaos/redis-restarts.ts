import { setTimeout as sleep } from 'node:timers/promises';
import type { PrivateRedis } from './private-redis.ts';
import type { Findings } from './verify-run.ts';

/** One Redis restart: when it went down, when it answered again, how soon decisions flowed. */
export interface RedisRestart {
  downAt: number;
  backAt: number;
  /** From starting redis-server to its first PONG (the AOF load) */
  loadMs: number;
  /** From `backAt` to the third intake decision appended after it; null if there were not three */
  resumeMs: number | null;
}

/**
 * Shuts Redis down (SIGTERM: the AOF is flushed), keeps it down `downMs`, starts it on the same AOF and,
 * once it answers, appends {@link DECISIONS_PROVING_RESUME} probe intents on a fresh connection, so
 * intents arrive at once whatever the harness's own client does and even after the last planned one.
 */
export async function restartRedis(
  redis: PrivateRedis,
  downMs: number,
  probe: () => Promise<unknown>,
): Promise<RedisRestart> {
  const downAt = Date.now();
  await redis.stop();
  await sleep(downMs);
  const spawnedAt = Date.now();
  const backAt = await redis.start();
  await probe();
  return { downAt, backAt, loadMs: backAt - spawnedAt, resumeMs: null };
}

/** Statuses the engine's intake publishes (option execution and the paper exchange add `execution_rejected`). */
const INTAKE_STATUSES = new Set(['approved', 'vetoed', 'pending_approval']);
/**
 * Each engine process handles one intent at a time, so at most one intake decision per engine (two in
 * all) can come from a handler that was already running when Redis went down; the third after Redis is
 * back proves that an engine read again.
 */
export const DECISIONS_PROVING_RESUME = 3;

/** Fills in each restart's resume time: from Redis answering to the third intake decision after it. */
export function withResumeTimes(restarts: readonly RedisRestart[], findings: Findings): RedisRestart[] {
  const times = findings.decisionTimes
    .filter((d) => INTAKE_STATUSES.has(d.status))
    .map((d) => d.ms)
    .sort((a, b) => a - b);
  return restarts.map((r) => {
    const after = times.filter((ms) => ms >= r.backAt);
    const proof = after[DECISIONS_PROVING_RESUME - 1];
    return { ...r, resumeMs: proof === undefined ? null : proof - r.backAt };
  });
}
