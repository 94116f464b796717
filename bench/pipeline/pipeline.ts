import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { streamKey } from '../../server/src/keys/key-table.ts';
import { PrivateRedis } from '../../server/src/testing/chaos/private-redis.ts';
import { numberFlag, textFlag } from '../lib/args.ts';
import { benchIntent, intentData } from '../lib/intents.ts';
import { fixed, machineLoad, printTable, writeResults } from '../lib/report.ts';
import { streamSpan } from '../lib/stream-ids.ts';
import {
  commandStats,
  describeStats,
  logEveryCommand,
  slowlogByScript,
  type CommandStat,
} from '../lib/command-stats.ts';
import { startVariant, VARIANTS, type Variant } from '../lib/variants.ts';

/**
 * `npm run bench:pipeline [-- --intents 20000 --rounds 1 --variants bare,engine-1,… --port 6401]`: the same
 * intents through the engine (one and two processes, `APPROVAL_MODE=auto`), a bare ioredis loop doing the
 * same parse/validate/2 XADD/XACK, and BullMQ workers (c = 1, 50), interleaved round by round on a
 * redis-server of its own. The rate of each is its order commands over the span of their entry ids.
 */

const argv = process.argv.slice(2);
const INTENTS = numberFlag(argv, 'intents', 20_000);
const ROUNDS = numberFlag(argv, 'rounds', 1);
const PORT = numberFlag(argv, 'port', 6401);
/** A variant that moves no order command for this long is cut off and reported as partial */
const STALL_MS = numberFlag(argv, 'stall-s', 30) * 1000;
const CHOSEN = textFlag(argv, 'variants', VARIANTS.join(',')).split(',') as Variant[];
const CPU_PROF_DIR = textFlag(argv, 'cpu-prof-dir', '');
/** Log every command in Redis' SLOWLOG and print what each script costs (slows Redis a little) */
const SLOWLOG = argv.includes('--slowlog');
const say = (line: string) => process.stdout.write(`pipeline: ${line}\n`);

interface Measured {
  variant: Variant;
  round: number;
  done: number;
  msgPerS: number;
  complete: boolean;
  stopMs: number[];
  /** Redis' work for the variant (`INFO commandstats`), busiest first */
  redisCommands: CommandStat[];
}

/** Waits until `count` order commands are in, or none came for STALL_MS; returns how many came. */
async function awaitOrders(redis: Redis, key: string, count: number): Promise<number> {
  let seen = -1;
  let movedAt = Date.now();
  for (;;) {
    const n = await redis.xlen(key);
    if (n >= count) return n;
    if (n !== seen) [seen, movedAt] = [n, Date.now()];
    else if (Date.now() - movedAt > STALL_MS) return n;
    await sleep(100);
  }
}

async function measure(
  redis: Redis,
  url: string,
  run: { variant: Variant; round: number },
): Promise<Measured> {
  const { variant, round } = run;
  await redis.flushall();
  await redis.config('RESETSTAT');
  if (SLOWLOG) await logEveryCommand(redis);
  const prefix = `bench-${variant}-${round}`;
  const engineNodeArgs = CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF_DIR] : [];
  const running = await startVariant(variant, { redis, url, prefix, engineNodeArgs });
  const nowMs = Date.now();
  const datas = Array.from({ length: INTENTS }, (_, n) => intentData(benchIntent(prefix, n, nowMs)));
  const orders = streamKey(prefix, 'order.command');
  await running.publish(datas);
  const done = await awaitOrders(redis, orders, INTENTS);
  const redisCommands = await commandStats(redis);
  if (SLOWLOG)
    for (const g of (await slowlogByScript(redis)).slice(0, 8))
      say(`  ${g.what}: ${g.calls} calls, ${g.meanUs.toFixed(1)} µs each`);
  const stopMs = await running.stop();
  const span = await streamSpan(redis, orders);
  const ms = span === null ? Infinity : Math.max(1, span.lastMs - span.firstMs);
  const msgPerS = ((done - 1) * 1000) / ms;
  say(
    `round ${round} ${variant}: ${done}/${INTENTS} in ${ms} ms, ${fixed(msgPerS, 0)} msg/s; Redis: ${describeStats(redisCommands, done)}`,
  );
  return { variant, round, done, msgPerS, complete: done >= INTENTS, stopMs, redisCommands };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

async function main(): Promise<void> {
  const server = new PrivateRedis(PORT, null);
  await server.start();
  const redis = new Redis(server.url);
  const runs: Measured[] = [];
  const loadBefore = machineLoad();
  try {
    for (let round = 1; round <= ROUNDS; round += 1)
      for (const variant of CHOSEN) runs.push(await measure(redis, server.url, { variant, round }));
  } finally {
    redis.disconnect();
    await server.stop();
  }
  const rate = (v: Variant) => median(runs.filter((r) => r.variant === v).map((r) => r.msgPerS));
  const bare = rate('bare');
  const rows = [['variant', 'msg/s (median)', '× bare loop', 'complete']];
  for (const v of CHOSEN)
    rows.push([
      v,
      fixed(rate(v), 0),
      fixed(rate(v) / bare, 3),
      runs.filter((r) => r.variant === v).every((r) => r.complete) ? 'yes' : 'NO (stalled)',
    ]);
  const ratios = {
    engineVsBare: rate('engine-1') / bare,
    engineVsBullmqC50: rate('engine-1') / rate('bullmq-c50'),
    twoEnginesVsOne: rate('engine-2') / rate('engine-1'),
  };
  say(`${INTENTS} intents, ${ROUNDS} round(s), load before ${loadBefore}, after ${machineLoad()}`);
  printTable(rows);
  printTable([
    ['ratio', 'measured', 'target'],
    ['engine / bare loop', fixed(ratios.engineVsBare, 3), '>= 0.8'],
    ['engine / BullMQ c=50', fixed(ratios.engineVsBullmqC50, 2), '>= 3'],
    ['two engines / one', fixed(ratios.twoEnginesVsOne, 2), '>= 1.7'],
  ]);
  writeResults('pipeline', {
    intents: INTENTS,
    rounds: ROUNDS,
    load: { before: loadBefore, after: machineLoad() },
    runs,
    ratios,
  });
}

await main();
