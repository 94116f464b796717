import { Redis } from 'ioredis';
import { keyTable } from '../../../keys/key-table.ts';
import { deleteKeys } from '../../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../../testing/redis-url.ts';
import { RedisReservationStore } from '../redis-reservation-store.ts';
import { BTC_FIGURES, LOOSE, NOW, spotLeg } from '../reservation-store.contract.ts';
import type { ReserveRequest } from '../reservation-store.ts';

/**
 * `npm run bench:reserve [-- --decisions 300]`: the cost of one check of the reserve script with 10 and
 * with 10,000 live reservations (issue 9: a decision reads the aggregate book, never the reservations),
 * beside the old path for comparison: before issue 9 each decision listed every live reservation and the
 * script read every one again (HGETALL + decode), emulated here by `list()` plus that read.
 * Runs on TEST_REDIS_URL (default the local 6379) under its own prefix, deleted afterwards.
 */

const OLD_READ = `local raw = redis.call('HGETALL', KEYS[1]) local q = 0
for i = 1, #raw, 2 do for _, l in ipairs(cjson.decode(raw[i + 1]).legs) do q = q + l.quantity end end
return tostring(q)`;

const arg = process.argv.indexOf('--decisions');
const DECISIONS = arg > 0 ? Number(process.argv[arg + 1]) : 300;

const request = (intentId: string, quantity: number): ReserveRequest => ({
  reservation: { intentId, legs: [spotLeg(quantity)], expiresAtMs: NOW + 3_600_000 },
  strategyId: 'bench',
  protective: false,
  equity: 1e12,
  peak: 1e12,
  limits: { ...LOOSE, maxPositionQty: { BTC: 1e9 } },
  figures: { 'BTC/USDT': BTC_FIGURES },
});

async function timed(times: number, step: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < times; i += 1) await step();
  return ((performance.now() - started) * 1000) / times;
}

async function measure(redis: Redis, live: number): Promise<{ newUs: number; oldUs: number }> {
  const prefix = `test-bench-reserve-${process.pid}-${live}`;
  const store = new RedisReservationStore(redis, prefix);
  try {
    for (let i = 0; i < live; i += 1)
      await store.tryReserve(request(`live-${i}`, 0.001), NOW, { reserve: true });
    const order = request('order', 0.001);
    // warm-up: the script cached by Redis, the client's code compiled
    await timed(50, () => store.tryReserve(order, NOW, { reserve: false }));
    const newUs = await timed(DECISIONS, () => store.tryReserve(order, NOW, { reserve: false }));
    const hash = keyTable(prefix).reservations();
    const oldUs = await timed(DECISIONS, async () => {
      await store.list(NOW);
      await redis.eval(OLD_READ, 1, hash);
    });
    return { newUs, oldUs };
  } finally {
    await deleteKeys(redis, `${prefix}:*`);
  }
}

async function main(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const rows: string[] = [];
    const results: Record<number, { newUs: number; oldUs: number }> = {};
    // 10 again after 10,000: the first pass also warms the process and Redis up; the last pass counts
    for (const live of [10, 10_000, 10]) {
      results[live] = await measure(redis, live);
      if (rows.length === 2 && live === 10) rows.shift();
      const r = results[live];
      rows.push(
        `${String(live).padStart(6)} live reservations: reserve script ${r.newUs.toFixed(0).padStart(6)} µs/decision; old path (list + read all) ${r.oldUs.toFixed(0).padStart(7)} µs/decision; old / new ${(r.oldUs / r.newUs).toFixed(1)}×`,
      );
    }
    for (const row of rows) process.stdout.write(`${row}\n`);
    const a = results[10];
    const b = results[10_000];
    if (a && b)
      process.stdout.write(
        `10,000 vs 10 live reservations: reserve script ${(b.newUs / a.newUs).toFixed(2)}×, old path ${(b.oldUs / a.oldUs).toFixed(1)}× (${DECISIONS} decisions each)\n`,
      );
  } finally {
    redis.disconnect();
  }
}

await main();
