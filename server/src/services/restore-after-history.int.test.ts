import { STREAMS, type StreamInput, type StreamMessage, type StreamName } from '@gamma/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { loadConfig } from '../config/app-config.ts';
import { keyTable } from '../keys/key-table.ts';
import { systemClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { createRedisStores } from '../stores/redis-stores.ts';
import type { Stores } from '../stores/stores.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';
import { initialPortfolio } from './engine/core/portfolio-state.ts';
import { foldPositionUpdates, heldPositionsOf } from './engine/core/positions-snapshot.ts';
import { EngineService } from './engine/engine-service.ts';
import { foldFills } from './risk-service/core/book-snapshot.ts';
import { emptyBook } from './risk-service/core/positions.ts';
import { RiskService } from './risk-service/risk-service.ts';
import type { Service } from './service.ts';
import { createStrategies } from './strategy-runner/core/registry.ts';
import { StrategyRunner } from './strategy-runner/strategy-runner.ts';

/** The figure: every service restores after this many fills. */
const FILLS = 50_000;
/** Entries fed after the first service closed (its snapshot covers the rest). */
const AFTER_SNAPSHOT = 10_000;
const MAX_LEN = 200_000;
const SYMBOLS = ['BTC/USDT', 'ETH/USDT', 'BTC/USDT:USDT', 'BTC-20260327-100000-C'];
const STRATEGIES = ['grid_btc', 'delta_hedger_btc', 'pq_vol_trader_btc'];
const AT = '2026-03-02T09:15:04.120Z';

/** A deterministic pseudo-random sequence (xorshift), so every run feeds the same history. */
function sequence(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) % 1_000_000) / 1_000_000;
  };
}

const fillAt = (i: number, r: () => number): StreamInput<'order.fill'> => ({
  strategy_id: STRATEGIES[i % STRATEGIES.length] ?? 'grid_btc',
  order_id: `paper-o-${i}`,
  symbol: SYMBOLS[i % SYMBOLS.length] ?? 'BTC/USDT',
  side: r() < 0.5 ? 'buy' : 'sell',
  quantity: Math.round(1 + r() * 1000) / 1000,
  price: Math.round(1000 + r() * 99_000) / 10,
  fee: Math.round(r() * 500) / 100,
  intent_id: `i-${i}`,
  client_order_id: `o-${i}`,
  timestamp: AT,
  metadata: {},
});

const positionAt = (i: number, r: () => number): StreamInput<'position.update'> => ({
  strategy_id: STRATEGIES[i % STRATEGIES.length] ?? 'grid_btc',
  symbol: SYMBOLS[(i * 7) % SYMBOLS.length] ?? 'BTC/USDT',
  quantity: Math.round((r() - 0.5) * 10_000) / 1000,
  avg_price: Math.round(r() * 100_000) / 10,
  unrealized_pnl: 0,
  timestamp: AT,
  metadata: { account_quantity: Math.round((r() - 0.5) * 20_000) / 1000 },
});

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
const prefix = testPrefix();
const config = loadConfig({ LOG_LEVEL: 'silent', SENTIMENT_API_URLS: '', SNAPSHOT_INTERVAL_S: '0' });
const fed: { fills: StreamMessage<'order.fill'>[]; positions: StreamMessage<'position.update'>[] } = {
  fills: [],
  positions: [],
};
let bus: RedisStreamsBus;
let stores: Stores;

/** Appends `from..to-1` of both histories with pipelined XADDs (as fast as Redis takes them). */
async function feed(from: number, to: number): Promise<void> {
  const r = sequence(from + 1);
  const keys = keyTable(prefix);
  for (let start = from; start < to; start += 5_000) {
    const batch = redis.pipeline();
    for (let i = start; i < Math.min(to, start + 5_000); i += 1) {
      const fill = STREAMS['order.fill'].parse(fillAt(i, r));
      const position = STREAMS['position.update'].parse(positionAt(i, r));
      fed.fills.push(fill);
      fed.positions.push(position);
      const add = (name: StreamName, data: string) =>
        batch.xadd(keys.stream(name), 'MAXLEN', '~', MAX_LEN, '*', 'data', data);
      add('order.fill', JSON.stringify(fill));
      add('position.update', JSON.stringify(position));
    }
    await batch.exec();
  }
}

/** Starts a service on the shared stores; returns it and how long its start (the restore) took. */
async function started<T extends Service>(make: () => T): Promise<{ service: T; ms: number }> {
  const service = make();
  const t0 = performance.now();
  await service.start();
  return { service, ms: Math.round(performance.now() - t0) };
}

const deps = () => ({ bus, stores, clock: systemClock, config, log: silentLogger });
const newRisk = () => new RiskService(deps(), { config: { timers: false } });
const newEngine = () => new EngineService(deps(), { timers: false });
const newRunner = () =>
  new StrategyRunner({
    bus,
    clock: systemClock,
    log: silentLogger,
    strategies: createStrategies(config.strategyRunner.instances, () => 'unused'),
    snapshots: stores.snapshots,
  });
const instanceStates = (runner: StrategyRunner) => runner.instanceStates();

/** The reference: a fresh fold of every fill / position update ever fed. */
const rebuiltBook = () => foldFills(emptyBook(config.riskService.initialBalance), fed.fills);
const rebuiltPositions = () =>
  heldPositionsOf(foldPositionUpdates(initialPortfolio(config.engine.initialBalanceUsdt), fed.positions));

beforeAll(async () => {
  bus = createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, maxLen: MAX_LEN, log: silentLogger });
  stores = createRedisStores(redis, { prefix, maxLen: MAX_LEN });
  await feed(0, FILLS - AFTER_SNAPSHOT);
}, 60_000);

afterAll(async () => {
  await bus.close();
  await deleteKeys(redis, `${prefix}:*`);
  await redis.quit();
});

describe(`a restart after ${FILLS} fills`, () => {
  it('restores the risk book, the engine positions and the strategy instances from snapshot + tail, equal to a rebuild from the whole history', async () => {
    // First life: no snapshot yet, each service folds the whole stream, then saves a snapshot on close.
    const risk1 = await started(newRisk);
    const engine1 = await started(newEngine);
    const runner1 = await started(newRunner);
    await Promise.all([risk1.service.close(), engine1.service.close(), runner1.service.close()]);
    await feed(FILLS - AFTER_SNAPSHOT, FILLS);

    // Restart: snapshot plus the entries after it.
    const risk2 = await started(newRisk);
    const engine2 = await started(newEngine);
    const runner2 = await started(newRunner);
    expect(risk2.service.currentBook()).toEqual(rebuiltBook());
    expect(heldPositionsOf(engine2.service.stateView().portfolio)).toEqual(rebuiltPositions());
    const restoredInstances = instanceStates(runner2.service);
    await Promise.all([risk2.service.close(), engine2.service.close(), runner2.service.close()]);

    // The same restart without a snapshot: a rebuild from the whole history, for the figures.
    const keys = keyTable(prefix);
    await redis.del(keys.snapshot('risk-service'), keys.snapshot('engine'), keys.snapshot('strategy-runner'));
    const risk3 = await started(newRisk);
    const engine3 = await started(newEngine);
    const runner3 = await started(newRunner);
    expect(risk3.service.currentBook()).toEqual(rebuiltBook());
    expect(heldPositionsOf(engine3.service.stateView().portfolio)).toEqual(rebuiltPositions());
    expect(restoredInstances).toEqual(instanceStates(runner3.service));
    expect(restoredInstances['pq_vol_trader_btc']).toMatchObject({
      legs: [['BTC-20260327-100000-C', expect.any(Number)]],
    });
    await Promise.all([risk3.service.close(), engine3.service.close(), runner3.service.close()]);

    process.stdout.write(
      `restore after ${FILLS} fills (snapshot + ${AFTER_SNAPSHOT} entries) vs rebuild from the whole stream: ` +
        `risk-service ${risk2.ms} ms vs ${risk3.ms} ms, engine ${engine2.ms} ms vs ${engine3.ms} ms, ` +
        `strategy-runner ${runner2.ms} ms vs ${runner3.ms} ms\n`,
    );
  }, 120_000);
});
