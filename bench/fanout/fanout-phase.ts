import { fork } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { LatencyTally, SubscriberTally } from './tally.ts';

/** How long the subscribers may take after the last publish to receive everything. */
export const DRAIN_TIMEOUT_MS = 15_000;

/** What one phase measured. */
export interface PhaseResult {
  path: 'bare' | 'gateway';
  round: number;
  subscribers: number;
  published: number;
  /** Events a second the feed reached */
  rate: number;
  deliveries: number;
  p50_ms: number | null;
  p99_ms: number | null;
  p999_ms: number | null;
  /** Entries a subscriber of their stream never received (within the drain time) */
  missing: number;
  /** Deliveries not newer than the one before (repeats) */
  repeats: number;
  /** Subscribers with any missing or repeated entry */
  subscribers_with_gaps: number;
  /** From the last publish until every subscriber had everything (or the drain timeout) */
  drain_ms: number;
  /** Redis connections the path held for its subscribers while the feed ran */
  redis_connections: number;
}

/** The newest id over both bench streams, `0-0` when they are empty: subscribers start after it. */
export async function newestOfBoth(redis: Redis, prefix: string): Promise<string> {
  const ids = await Promise.all(
    ['strategy.intent', 'intent.decision'].map(
      async (name) => (await redis.xrevrange(`${prefix}:${name}`, '+', '-', 'COUNT', 1))[0]?.[0],
    ),
  );
  const known = ids.filter((id): id is string => id !== undefined);
  const ms = (id: string) => Number(id.split('-')[0]);
  return known.sort((a, b) => ms(b) - ms(a) || Number(b.split('-')[1]) - Number(a.split('-')[1]))[0] ?? '0-0';
}

/** Runs the publisher process: `rate` events a second for `seconds`; resolves with what it published. */
export function publish(options: { url: string; prefix: string; rate: number; seconds: number }) {
  const child = fork(
    join(import.meta.dirname, 'publisher-process.ts'),
    [options.url, options.prefix, String(options.rate), String(options.seconds)],
    { execArgv: ['--import', 'tsx'] },
  );
  return new Promise<{ published: number; seconds: number }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { published: number; seconds: number }));
    child.once('exit', (code) => code !== 0 && reject(new Error(`publisher exited with ${code}`)));
  });
}

/** Waits until every subscriber holds every entry of its stream, or the drain timeout; returns the wait, ms. */
export async function drain(
  tallies: readonly SubscriberTally[],
  expected: { intent: number; decision: number },
) {
  const startedAt = Date.now();
  const complete = () => tallies.every((t) => t.received - t.repeats >= expected[t.stream]);
  while (!complete() && Date.now() - startedAt < DRAIN_TIMEOUT_MS) await sleep(20);
  return Date.now() - startedAt;
}

/** Folds the tallies of a phase into its result. */
export function summarize(
  base: Pick<PhaseResult, 'path' | 'round' | 'redis_connections' | 'drain_ms'> & {
    published: number;
    seconds: number;
  },
  tallies: readonly SubscriberTally[],
  latency: LatencyTally,
): PhaseResult {
  const expected = { intent: Math.ceil(base.published / 2), decision: Math.floor(base.published / 2) };
  let missing = 0;
  let repeats = 0;
  let withGaps = 0;
  for (const t of tallies) {
    const lost = Math.max(0, expected[t.stream] - (t.received - t.repeats));
    missing += lost;
    repeats += t.repeats;
    if (lost > 0 || t.repeats > 0) withGaps += 1;
  }
  return {
    path: base.path,
    round: base.round,
    subscribers: tallies.length,
    published: base.published,
    rate: Math.round(base.published / base.seconds),
    deliveries: latency.count,
    p50_ms: latency.quantile(0.5),
    p99_ms: latency.quantile(0.99),
    p999_ms: latency.quantile(0.999),
    missing,
    repeats,
    subscribers_with_gaps: withGaps,
    drain_ms: base.drain_ms,
    redis_connections: base.redis_connections,
  };
}

/** How many connections `CLIENT LIST` shows whose name starts with `prefix`. */
export async function connectionsNamed(redis: Redis, prefix: string): Promise<number> {
  const list = String(await redis.client('LIST'));
  return list.split('\n').filter((line) => line.includes(` name=${prefix}`)).length;
}
