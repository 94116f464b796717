import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { streamKey } from '../../server/src/keys/key-table.ts';
import { PrivateRedis } from '../../server/src/testing/chaos/private-redis.ts';
import { numberFlag, textFlag } from '../lib/args.ts';
import { benchIntent, intentData } from '../lib/intents.ts';
import { fixed, machineLoad, printTable, writeResults } from '../lib/report.ts';
import { entryMs } from '../lib/stream-ids.ts';
import { quantile, watchStream, type Seen } from '../lib/stream-watch.ts';
import { startVariant, type Variant } from '../lib/variants.ts';

/**
 * `npm run bench:latency [-- --rate 1000 --seconds 10 --variants bare,engine-1 --port 6401]`: intents at a
 * steady rate (open loop: sent on schedule, never waiting for an answer), for the engine and beside it
 * the bare loop; per intent, the time from its XADD to its decision and to its order command, as the
 * bench's readers saw them (µs) and as the entry ids tell (Redis' clock, 1 ms resolution).
 */

const argv = process.argv.slice(2);
const RATE = numberFlag(argv, 'rate', 1_000);
const SECONDS = numberFlag(argv, 'seconds', 10);
const PORT = numberFlag(argv, 'port', 6401);
const SETTLE_MS = numberFlag(argv, 'settle-s', 15) * 1000;
const CHOSEN = textFlag(argv, 'variants', 'bare,engine-1').split(',') as Variant[];
const say = (line: string) => process.stdout.write(`latency: ${line}\n`);

interface Sent {
  atMs: number;
  entryMs: number;
}

/** Sends `count` intents at RATE/s on schedule; resolves with when each was sent, once all are answered. */
async function openLoop(redis: Redis, prefix: string, count: number): Promise<Map<string, Sent>> {
  const key = streamKey(prefix, 'strategy.intent');
  const sent = new Map<string, Sent>();
  const pending: Promise<unknown>[] = [];
  const start = performance.now();
  let n = 0;
  while (n < count) {
    const due = Math.min(count, Math.floor(((performance.now() - start) * RATE) / 1000) + 1);
    for (; n < due; n += 1) {
      const intent = benchIntent(prefix, n, Date.now());
      const atMs = performance.now();
      const record = { atMs, entryMs: NaN };
      sent.set(intent.intent_id, record);
      pending.push(
        redis
          .xadd(key, '*', 'data', intentData(intent))
          .then((id) => (record.entryMs = entryMs(id ?? '0-0'))),
      );
    }
    await sleep(1);
  }
  await Promise.all(pending);
  return sent;
}

interface Latencies {
  answered: number;
  observed: { p50: number; p99: number; p999: number };
  byEntryIds: { p50: number; p99: number; p999: number };
}

function latencies(sent: Map<string, Sent>, seen: Map<string, Seen>): Latencies {
  const observed: number[] = [];
  const byIds: number[] = [];
  for (const [id, s] of sent) {
    const out = seen.get(id);
    if (out === undefined) continue;
    observed.push(out.atMs - s.atMs);
    byIds.push(out.entryMs - s.entryMs);
  }
  observed.sort((a, b) => a - b);
  byIds.sort((a, b) => a - b);
  const qs = (xs: number[]) => ({
    p50: quantile(xs, 0.5),
    p99: quantile(xs, 0.99),
    p999: quantile(xs, 0.999),
  });
  return { answered: observed.length, observed: qs(observed), byEntryIds: qs(byIds) };
}

async function measure(redis: Redis, url: string, variant: Variant) {
  await redis.flushall();
  const prefix = `latency-${variant}`;
  const running = await startVariant(variant, { redis, url, prefix, engineNodeArgs: [] });
  const decisions = watchStream(redis.duplicate(), streamKey(prefix, 'intent.decision'));
  const orders = watchStream(redis.duplicate(), streamKey(prefix, 'order.command'));
  await sleep(200);
  const count = Math.round(RATE * SECONDS);
  const sent = await openLoop(redis, prefix, count);
  const settleBy = Date.now() + SETTLE_MS;
  while (orders.seen.size < count && Date.now() < settleBy) await sleep(50);
  decisions.stop();
  orders.stop();
  await running.stop();
  const result = {
    variant,
    sent: count,
    decision: latencies(sent, decisions.seen),
    order: latencies(sent, orders.seen),
  };
  say(
    `${variant}: ${result.order.answered}/${count} order commands within ${SETTLE_MS / 1000} s of the last send`,
  );
  return result;
}

async function main(): Promise<void> {
  const server = new PrivateRedis(PORT, null);
  await server.start();
  const redis = new Redis(server.url);
  const loadBefore = machineLoad();
  const results = [];
  try {
    for (const variant of CHOSEN) results.push(await measure(redis, server.url, variant));
  } finally {
    redis.disconnect();
    await server.stop();
  }
  say(`${RATE} intents/s for ${SECONDS} s; load before ${loadBefore}, after ${machineLoad()}`);
  const ms = (x: number) => fixed(x, 2);
  const rows = [['variant', 'to', 'answered', 'p50 ms', 'p99 ms', 'p99.9 ms', 'ids: p50', 'p99', 'p99.9']];
  for (const r of results)
    for (const [to, l] of [
      ['decision', r.decision],
      ['order command', r.order],
    ] as const)
      rows.push([
        r.variant,
        to,
        `${l.answered}/${r.sent}`,
        ms(l.observed.p50),
        ms(l.observed.p99),
        ms(l.observed.p999),
        ms(l.byEntryIds.p50),
        ms(l.byEntryIds.p99),
        ms(l.byEntryIds.p999),
      ]);
  printTable(rows);
  say('targets (engine): p50 <= 0.5 ms, p99 <= 3 ms');
  writeResults('latency', {
    rate: RATE,
    seconds: SECONDS,
    load: { before: loadBefore, after: machineLoad() },
    results,
  });
}

await main();
