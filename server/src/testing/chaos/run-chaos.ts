import { Redis } from 'ioredis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRedis } from '../../bus/redis.ts';
import { silentLogger } from '../../lib/logger.ts';
import { readChaosOptions, type ChaosOptions } from './chaos-options.ts';
import { planChaos, type ChaosEvent } from './chaos-plan.ts';
import { printReport, RESUME_LIMIT_MS, type ChaosOutcome } from './chaos-report.ts';
import { CHAOS_PREFIX, ChaosStack } from './chaos-stack.ts';
import { diagnose } from './diagnose.ts';
import { feedIntents, publishIntent } from './intent-feed.ts';
import { planIntent, type PlannedIntent } from './intent-mix.ts';
import { PrivateRedis } from './private-redis.ts';
import { quiesce } from './quiesce.ts';
import {
  DECISIONS_PROVING_RESUME as PROBES,
  restartRedis,
  withResumeTimes,
  type RedisRestart,
} from './redis-restarts.ts';
import { seededRng } from './seeded-rng.ts';

/** No progress for this long after the last disturbance ends the wait for quiescence. */
const STALL_MS = 45_000;

const begun = Date.now();
const say = (line: string) =>
  process.stdout.write(`chaos +${((Date.now() - begun) / 1000).toFixed(1)}s: ${line}\n`);

/** What a run works with. */
interface Run {
  options: ChaosOptions;
  redis: PrivateRedis;
  client: Redis;
  stack: ChaosStack;
}

/**
 * Runs the disturbances at their planned times; kills of different processes may overlap. A Redis
 * restart first waits until every killed process runs again, and no kill falls in the
 * {@link RESUME_LIMIT_MS} after Redis is back, so the resume time measures the reconnection, not a
 * process start.
 */
async function disturb(
  run: Run,
  events: readonly ChaosEvent[],
  probe: () => Promise<unknown>,
): Promise<RedisRestart[]> {
  const startedAt = Date.now();
  let running: Promise<void>[] = [];
  const restarts: RedisRestart[] = [];
  let quietUntil = 0;
  for (const event of events) {
    const due = Math.max(startedAt + event.atMs, quietUntil);
    if (due > Date.now()) await sleep(due - Date.now());
    const at = `+${(event.atMs / 1000).toFixed(1)} s`;
    if (event.kind === 'kill') {
      say(`kill -9 ${event.target} (planned at ${at})`);
      running.push(run.stack.kill(event.target));
      continue;
    }
    await Promise.all(running);
    running = [];
    say(`Redis restart (planned at ${at}), down ${event.downMs} ms`);
    const restart = await restartRedis(run.redis, event.downMs, probe);
    restarts.push(restart);
    quietUntil = restart.backAt + RESUME_LIMIT_MS;
    say('Redis answers again');
  }
  await Promise.all(running);
  return restarts;
}

/** Publishes the intents while the disturbances run, then waits for quiescence and checks the streams. */
async function scenario(
  run: Run,
): Promise<Omit<ChaosOutcome, 'stops' | 'durationMs'> & { details: string[] }> {
  const { options, client, stack } = run;
  const rng = seededRng(options.seed);
  const planned = new Map<string, PlannedIntent>();
  const next = (n: number) => {
    const p = planIntent(rng, String(options.seed), n);
    planned.set(p.intent.intent_id, p);
    return p.intent;
  };
  const windowMs = (options.intents * 1000) / options.rate;
  const events = planChaos(rng, { windowMs, kills: options.kills, redisRestarts: options.redisRestarts });
  let probes = 0;
  const probe = async () => {
    const fresh = new Redis(run.redis.url);
    for (let i = 0; i < PROBES; i += 1)
      await publishIntent(fresh, CHAOS_PREFIX, next(options.intents + probes++));
    fresh.disconnect();
  };
  const [, restarts] = await Promise.all([
    feedIntents({ redis: client, prefix: CHAOS_PREFIX, count: options.intents, rate: options.rate, next }),
    disturb(run, events, probe),
  ]);
  say(`published ${planned.size} intents; waiting for quiescence`);
  const quiet = await quiesce(client, planned, STALL_MS);
  return {
    options,
    findings: quiet.findings,
    settled: quiet.settled,
    quiesceMs: quiet.waitedMs,
    restarts: withResumeTimes(restarts, quiet.findings),
    kills: stack.events.filter((e) => e.what === 'killed').length,
    unexpectedExits: stack.events
      .filter((e) => e.what === 'exited')
      .map((e) => `${e.process} ${e.detail ?? ''}`),
    startTimes: stack.events.flatMap((e) =>
      e.what === 'running' ? [{ process: e.process, ms: e.ms ?? 0 }] : [],
    ),
    details: await diagnose(client, quiet.findings, stack.events),
  };
}

async function main(options: ChaosOptions): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'gamma-chaos-'));
  say(
    `seed ${options.seed} (--seed or CHAOS_SEED repeats it), Redis 127.0.0.1:${options.port}, files in ${dir}`,
  );
  const redis = new PrivateRedis(options.port, dir);
  await redis.start();
  const client = createRedis(redis.url, { log: silentLogger });
  const stack = new ChaosStack(redis.url, dir);
  const cleanup = () => {
    stack.killAll();
    redis.killNow();
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    await stack.start(client);
    say('running: market-simulator, engine-1, engine-2, option-execution, paper-exchange, risk-service');
    const { details, ...outcome } = await scenario({ options, redis, client, stack });
    say('stop test: Redis shut down, then SIGTERM to every process');
    await redis.stop();
    const stops = await stack.terminateAll();
    const pass = printReport({ ...outcome, stops, durationMs: Date.now() - begun }, details);
    if (pass && !options.keep) rmSync(dir, { recursive: true, force: true });
    else say(`logs and AOF kept in ${dir}`);
    return pass;
  } finally {
    client.disconnect();
    cleanup();
    await stack.closeLogs();
  }
}

main(readChaosOptions(process.argv.slice(2), process.env)).then(
  (pass) => process.exit(pass ? 0 : 1),
  (error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`chaos: run failed: ${text}\n`);
    process.exit(2);
  },
);
