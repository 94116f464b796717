import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { STREAM_NAMES } from '@gamma/shared';
import type { Redis } from 'ioredis';
import { createRedis } from '../../server/src/bus/redis.ts';
import { silentLogger } from '../../server/src/lib/logger.ts';
import { CHAOS_PREFIX, ChaosStack } from '../../server/src/testing/chaos/chaos-stack.ts';
import { feedIntents } from '../../server/src/testing/chaos/intent-feed.ts';
import { planIntent } from '../../server/src/testing/chaos/intent-mix.ts';
import { PrivateRedis } from '../../server/src/testing/chaos/private-redis.ts';
import { seededRng } from '../../server/src/testing/chaos/seeded-rng.ts';
import { BenchChild } from '../lib/child.ts';
import { readSoakOptions } from './soak-options.ts';
import { flatness, type Sample } from './soak-series.ts';
import { printSoak, writeSoak } from './soak-report.ts';

/**
 * `npm run bench:soak`: the whole trading path (simulator, two engines, option execution, paper exchange,
 * risk service, each its own process, auto approval) on a private Redis at a steady intent rate for
 * `--minutes`; every `--sample-s` it reads each process's RSS, every stream's length and Redis's memory.
 * The benches' bare loop (bench/lib/bare-loop.ts) consumes the same intents beside it as the reference.
 * Reports each series' change from the first to the last minute after warm-up and its slope; the target
 * is RSS flat within ±10 %.
 */
const options = readSoakOptions(process.argv.slice(2));
const say = (line: string) => process.stdout.write(`soak: ${line}\n`);
const dir = mkdtempSync(join(tmpdir(), 'gamma-soak-'));
const redis = new PrivateRedis(options.port, dir);
const stack = new ChaosStack(redis.url, dir);
let bare: BenchChild | null = null;

const rssMb = async (pid: number | undefined): Promise<number | null> => {
  if (pid === undefined) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
};

/** Every stream's length and Redis' used_memory (bytes), in one round trip. */
async function redisSample(client: Redis): Promise<{ lengths: Record<string, number>; memory: number }> {
  const batch = client.pipeline();
  for (const name of STREAM_NAMES) batch.xlen(`${CHAOS_PREFIX}:${name}`);
  batch.info('memory');
  const replies = (await batch.exec()) ?? [];
  const value = (i: number): unknown => {
    const [error, reply] = replies[i] ?? [new Error('no reply'), null];
    if (error) throw error;
    return reply;
  };
  const lengths = Object.fromEntries(STREAM_NAMES.map((name, i) => [name, Number(value(i))]));
  const memory = /used_memory:(\d+)/.exec(String(value(STREAM_NAMES.length)))?.[1];
  return { lengths, memory: Number(memory ?? 0) };
}

/** How the run's intents were decided, by status (read back from `intent.decision`). */
async function decisionCounts(client: Redis): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let after = '-';
  for (;;) {
    const page = await client.xrange(`${CHAOS_PREFIX}:intent.decision`, after, '+', 'COUNT', 1000);
    for (const [id, fields] of page) {
      after = `(${id}`;
      const status = (JSON.parse(fields[1] ?? '{}') as { status?: string }).status ?? 'unknown';
      counts[status] = (counts[status] ?? 0) + 1;
    }
    if (page.length < 1000) return counts;
  }
}

try {
  await redis.start();
  const client = createRedis(redis.url, { log: silentLogger });
  say(`private redis on ${options.port}; starting the stack (logs in ${dir})`);
  await stack.start(client);
  // The benches' bare loop in a group of its own on the same intents, writing to a capped stream of its own
  const out = `${CHAOS_PREFIX}:soak.bare`;
  bare = await BenchChild.start({
    script: 'bench/lib/worker-main.ts',
    args: ['--mode', 'bare', '--url', redis.url, '--prefix', CHAOS_PREFIX, '--out', out],
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    readyLine: 'consumer ready',
  });
  const rng = seededRng(options.seed);
  const runId = `soak${options.seed}`;
  const count = Math.round(options.rate * options.minutes * 60);
  say(`feeding ${count} intents at ${options.rate}/s for ${options.minutes} min (seed ${options.seed})`);
  const startedAt = Date.now();
  const feeding = feedIntents({
    redis: client,
    prefix: CHAOS_PREFIX,
    count,
    rate: options.rate,
    next: (n) => planIntent(rng, runId, n).intent,
  });
  let fed = false;
  void feeding.then(() => {
    fed = true;
  });
  const samples: Sample[] = [];
  while (!fed) {
    const rss: Record<string, number> = {};
    for (const { name, pid } of [...stack.pids(), { name: 'bare-consumer', pid: bare.pid }]) {
      const mb = await rssMb(pid);
      if (mb !== null) rss[name] = mb;
    }
    const { lengths, memory } = await redisSample(client);
    const sample: Sample = {
      t_s: (Date.now() - startedAt) / 1000,
      rss_mb: rss,
      stream_len: lengths,
      redis_mb: memory / 1024 / 1024,
    };
    samples.push(sample);
    say(
      `t=${sample.t_s.toFixed(0)}s engine-1 ${rss['engine-1']?.toFixed(0)} MB, decisions ${lengths['intent.decision']}`,
    );
    await Promise.race([sleep(options.sampleS * 1000), feeding]);
  }
  await feeding;
  const report = { ...flatness(samples, options), decisions: await decisionCounts(client) };
  printSoak(report, options);
  const file = writeSoak(report, options, samples);
  say(`wrote ${file}`);
  client.disconnect();
} finally {
  await bare?.stop();
  await stack.terminateAll().catch(() => stack.killAll());
  await stack.closeLogs();
  await redis.stop().catch(() => redis.killNow());
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
}
