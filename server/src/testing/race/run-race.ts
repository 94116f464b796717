import { createStrategyIntent } from '@gamma/shared/testing';
import { LOOSE_LIMITS_ENV } from '../loose-limits.ts';
import type { StrategyIntentEvent } from '@gamma/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { keyTable, streamKey } from '../../keys/key-table.ts';
import { publishIntent } from '../chaos/intent-feed.ts';
import { PrivateRedis } from '../chaos/private-redis.ts';
import { groupBacklog } from '../chaos/stream-reader.ts';
import { ServiceProcess, type ProcessEvent } from '../chaos/service-process.ts';
import { capacityCriteria } from './race-scenarios.ts';
import { raceFindings, type RaceFindings } from './race-findings.ts';
import { readRaceOptions, type RaceOptions } from './race-options.ts';

/**
 * The race test of issue 9 ("Atomic across engines"): N engine processes on one Redis, every intent
 * published at once in auto approval, BTC spot buys of 0.01 racing for `RISK_MAX_POSITION_QTY` and ETH
 * straddles racing for `RISK_MAX_ABS_VEGA_USD`, fills flowing through option execution and the paper
 * exchange. It fails (exit 1) on any breach: a cumulative BTC position beyond the capacity in fill order,
 * held + reserved beyond it in a sample of the risk book, or an approval whose recorded vega or size
 * exceeded its limit. `npm run test:race -- --engines 8 --intents 10000 --btc-capacity 1 --eth-vega 60`.
 */

const PREFIX = 'race';
const STALL_MS = 30_000;
const begun = Date.now();
const say = (line: string) =>
  process.stdout.write(`race +${((Date.now() - begun) / 1000).toFixed(1)}s: ${line}\n`);

/** The BTC position capacity: the book scenario's race; out of the way of the rate and budget ones. */
const btcCapacityOf = (o: RaceOptions): number => (o.scenario === 'book' ? o.btcCapacity : 1_000_000);

/** The capacity a `rate` or `budget` scenario races for; the book's stay out of the way. */
function scenarioEnv(o: RaceOptions): NodeJS.ProcessEnv {
  if (o.scenario === 'rate') return { RISK_MAX_ORDERS_PER_S_PER_STRATEGY: String(o.rate) };
  if (o.scenario === 'budget') return { STRATEGY_RACE_0_MAX_NOTIONAL_USD: String(o.budgetUsd) };
  return {};
}

function env(redisUrl: string, services: string, o: RaceOptions): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RACE_')));
  return {
    ...inherited,
    REDIS_URL: redisUrl,
    STREAM_PREFIX: PREFIX,
    SERVICES: services,
    LOG_LEVEL: 'info',
    APPROVAL_MODE: 'auto',
    // Every intent comes at once from one strategy per coin: the rate buckets and the duplicate window
    // (their own race: app/capacity-race.int.test.ts) stay out of the way of the book's capacities
    ...LOOSE_LIMITS_ENV,
    PAPER_INITIAL_BALANCE_USDT: '10000000',
    RISK_MAX_POSITION_QTY: `BTC:${btcCapacityOf(o)},ETH:100000`,
    RISK_MAX_ABS_VEGA_USD: `BTC:1000000000,ETH:${o.ethVegaUsd}`,
    RISK_MAX_TICK_AGE_S: '600',
    RISK_MAX_SURFACE_AGE_S: '600',
    EXEC_PRICE_BUFFER_PCT: '0.25',
    SIM_WARMUP_MIN: '2',
    SIM_DAILY_HISTORY_DAYS: '0',
    SIM_SENTIMENT_PORT: '0',
    SENTIMENT_API_URLS: '',
    ONCHAIN_URL: '',
    DATA_DIR: 'memory://',
    DATABASE_URL: '',
    ...scenarioEnv(o),
  };
}

/** The n-th intent: an ETH straddle of 1 (share `optionShare`), else a 0.01 BTC spot buy. */
function intentOf(n: number, o: RaceOptions): StrategyIntentEvent {
  // The rate and budget scenarios: every intent a BTC buy of one strategy, race_0
  const option = o.scenario === 'book' && (n * 7919) % 1000 < o.optionShare * 1000;
  const base = {
    intent_id: `race-${begun}-${n}`,
    strategy_id: o.scenario === 'book' ? `race_${n % 4}` : 'race_0',
    direction: 'buy' as const,
    reason: 'race_test',
    timestamp: new Date().toISOString(),
    metadata: {},
  };
  return option
    ? createStrategyIntent({
        ...base,
        symbol: 'ETH/USDT',
        action: 'buy_straddle',
        intent_type: 'increase_long_gamma',
        quantity: 1,
      })
    : createStrategyIntent({
        ...base,
        symbol: 'BTC/USDT',
        action: 'buy',
        intent_type: 's1_rebalance',
        quantity: 0.01,
      });
}

/** The largest BTC held + reserved in the risk book, sampled until `stop` resolves. */
async function sampleBook(redis: Redis, stop: Promise<void>): Promise<number> {
  let max = 0;
  let done = false;
  void stop.then(() => (done = true));
  while (!done) {
    const json = await redis.hget(keyTable(PREFIX).riskBook(), 'BTC/USDT');
    if (json !== null) {
      const e = JSON.parse(json) as { held: number; reserved: number };
      max = Math.max(max, e.held + e.reserved);
    }
    await sleep(100);
  }
  return max;
}

/** Waits until every intent is decided and the work groups are drained, or nothing moved for STALL_MS. */
async function settle(redis: Redis, intents: number): Promise<boolean> {
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    const decided = await redis.xlen(streamKey(PREFIX, 'intent.decision'));
    let backlog = 0;
    for (const [stream, group] of [
      ['strategy.intent', 'engine'],
      ['execution.command', 'option-execution'],
      ['order.command', 'paper-exchange'],
    ] as const) {
      const b = await groupBacklog(redis, streamKey(PREFIX, stream), group);
      backlog += b === null ? 0 : b.pending + b.lag;
    }
    if (decided >= intents && backlog === 0) return true;
    if (decided + backlog !== last) {
      last = decided + backlog;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > STALL_MS) return false;
    await sleep(500);
  }
}

function report(
  o: RaceOptions,
  f: RaceFindings,
  run: { maxBookBtc: number; settled: boolean; capacity: [string, boolean][] },
): boolean {
  const { maxBookBtc, settled } = run;
  const tol = (limit: number) => limit * (1 + 1e-9);
  const criteria: [string, boolean][] = [
    ...run.capacity,
    [`every intent decided (${f.decisions} / ${o.intents})`, settled && f.decisions === o.intents],
    [
      `BTC held in fill order ≤ capacity (${f.maxBtcHeld.toFixed(4)} ≤ ${btcCapacityOf(o)})`,
      f.maxBtcHeld <= tol(btcCapacityOf(o)),
    ],
    [
      `BTC held + reserved in the book ≤ capacity (${maxBookBtc.toFixed(4)})`,
      maxBookBtc <= tol(btcCapacityOf(o)),
    ],
    [
      `ETH vega recorded by approvals ≤ limit (${f.maxEthVegaChecked.toFixed(2)} ≤ ${o.ethVegaUsd})`,
      f.maxEthVegaChecked <= tol(o.ethVegaUsd),
    ],
    [`no approval recorded beyond its limit (${f.recordedBreaches.length})`, f.recordedBreaches.length === 0],
  ];
  say(
    `intents ${o.intents}, engines ${o.engines}: approved ${f.approved}, vetoed ${f.vetoed}, execution_rejected ${f.executionRejected}`,
  );
  say(
    `filled: ${f.btcFills} BTC buys (max position ${f.maxBtcHeld.toFixed(4)} vs ${btcCapacityOf(o)}), ${f.optionFills} option legs`,
  );
  say(
    `max ETH vega checked ${f.maxEthVegaChecked.toFixed(2)} vs ${o.ethVegaUsd} USD/vol pt; max BTC held+reserved sampled ${maxBookBtc.toFixed(4)}`,
  );
  say(
    `decisions/s: ${(f.decisions / Math.max(0.001, f.spanMs / 1000)).toFixed(1)} (${(f.spanMs / 1000).toFixed(1)} s from the first intent to the last decision)`,
  );
  for (const b of f.recordedBreaches.slice(0, 10)) say(`BREACH ${b}`);
  for (const [what, ok] of criteria) say(`${ok ? 'PASS' : 'FAIL'} ${what}`);
  return criteria.every(([, ok]) => ok);
}

async function main(o: RaceOptions): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'gamma-race-'));
  const redis = new PrivateRedis(o.port, dir);
  const events: ProcessEvent[] = [];
  const record = (e: ProcessEvent) => events.push(e);
  const topology: [string, string][] = [
    ['market-simulator', 'market-simulator'],
    ['paper-exchange', 'paper-exchange'],
    ['option-execution', 'option-execution'],
    ...Array.from({ length: o.engines }, (_, i): [string, string] => [`engine-${i + 1}`, 'engine']),
  ];
  const processes = topology.map(
    ([name, services]) => new ServiceProcess({ name, env: env(redis.url, services, o), record, logDir: dir }),
  );
  let passed = false;
  try {
    await redis.start();
    const client = new Redis(redis.url);
    say(`redis-server on ${o.port}; starting ${processes.length} processes`);
    const [simulator, ...rest] = processes;
    await simulator?.start();
    while ((await client.xlen(streamKey(PREFIX, 'market.vol_surface'))) < 2) await sleep(100);
    await Promise.all(rest.map((p) => p.start()));
    while ((await groupBacklog(client, streamKey(PREFIX, 'strategy.intent'), 'engine')) === null)
      await sleep(50);
    say(`publishing ${o.intents} intents at once`);
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const sampled = sampleBook(client, stopped);
    await Promise.all(
      Array.from({ length: o.intents }, (_, n) => publishIntent(client, PREFIX, intentOf(n, o))),
    );
    const settled = await settle(client, o.intents);
    stop();
    const maxBook = await sampled;
    const capacity = await capacityCriteria({ redis: client, prefix: PREFIX, say }, o);
    passed = report(o, await raceFindings(client, PREFIX), { maxBookBtc: maxBook, settled, capacity });
    client.disconnect();
  } finally {
    await Promise.all(processes.map((p) => p.terminate()));
    for (const p of processes) p.killNow();
    await Promise.all(processes.map((p) => p.closeLog()));
    await redis.stop();
    if (passed) rmSync(dir, { recursive: true, force: true });
    else say(`logs kept in ${dir}`);
  }
  return passed;
}

main(readRaceOptions(process.argv.slice(2)))
  .then((ok) => process.exit(ok ? 0 : 1))
  .catch((error: unknown) => {
    say(`failed: ${String(error)}`);
    process.exit(1);
  });
