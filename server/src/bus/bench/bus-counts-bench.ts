import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { keyTable } from '../../keys/key-table.ts';
import { silentLogger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { createRedisStreamsBus } from '../redis-streams-bus.ts';

/**
 * `npm run bench:bus-counts [-- --entries 5000 --rounds 4]`: what the handled/failed counters cost a consumer.
 * Each round fills `market.tick` with `entries` entries, then one consumer group (concurrency 1, the default:
 * one XACK per entry) reads them all from 0 with a handler that does nothing, with the counters on (one
 * HINCRBY pipeline per read batch) and off, alternately in one run; prints entries/s of each and the ratio.
 * Runs on TEST_REDIS_URL under its own prefix, deleted afterwards.
 */

const argOf = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ENTRIES = argOf('entries', 5000);
const ROUNDS = argOf('rounds', 4);

const TICK = JSON.stringify({
  symbol: 'BTC/USDT',
  price: 65_000,
  volume: 1,
  bid: null,
  ask: null,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: {},
});

async function fill(redis: Redis, key: string): Promise<void> {
  for (let i = 0; i < ENTRIES; i += 500) {
    const pipeline = redis.pipeline();
    for (let j = i; j < Math.min(ENTRIES, i + 500); j += 1) pipeline.xadd(key, '*', 'data', TICK);
    await pipeline.exec();
  }
}

/** Entries per second of one group handling the whole stream, counters on or off. */
async function round(redis: Redis, counting: boolean, n: number): Promise<number> {
  const prefix = `test-bench-bus-counts-${process.pid}-${n}`;
  const key = keyTable(prefix).stream('market.tick');
  const bus = createRedisStreamsBus({
    url: TEST_REDIS_URL,
    prefix,
    log: silentLogger,
    countThroughput: counting,
  });
  try {
    await fill(redis, key);
    let handled = 0;
    const started = performance.now();
    const subscription = bus.subscribe('market.tick', 'bench', () => void (handled += 1), { startId: '0' });
    while (handled < ENTRIES) await sleep(5);
    // The last ack follows the last handler call: wait until the group has nothing pending
    while (Number((await redis.xpending(key, 'bench'))[0]) > 0) await sleep(5);
    const seconds = (performance.now() - started) / 1000;
    await subscription.close();
    return ENTRIES / seconds;
  } finally {
    await bus.close();
    await deleteKeys(redis, `${prefix}:*`);
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const redis = new Redis(TEST_REDIS_URL);
try {
  await round(redis, true, -1); // warm-up: connections, JIT
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    // Alternate the order, so a drift in the machine's load weighs on both alike
    const first = i % 2 === 0;
    (first ? off : on).push(await round(redis, !first, 2 * i));
    (first ? on : off).push(await round(redis, first, 2 * i + 1));
  }
  const fmt = (v: number) => `${Math.round(v)}`;
  process.stdout.write(
    `bus counters, ${ENTRIES} entries × ${ROUNDS} rounds, one group, concurrency 1\n` +
      `  off: ${off.map(fmt).join(', ')} entries/s (median ${fmt(median(off))})\n` +
      `  on:  ${on.map(fmt).join(', ')} entries/s (median ${fmt(median(on))})\n` +
      `  on / off: ${(median(on) / median(off)).toFixed(3)}\n`,
  );
} finally {
  redis.disconnect();
}
