import type { StreamInput, StreamName } from '@gamma/shared';
import { createStrategyIntent } from '@gamma/shared/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedis } from '../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../bus/redis-streams-bus.ts';
import { SERVICE_NAMES } from '../config/service-names.ts';
import { keyTable } from '../keys/key-table.ts';
import { silentLogger } from '../lib/logger.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { publishSeededMarket } from '../testing/seeded-market.ts';
import { spawnServiceChild, type ServiceChild } from '../testing/service-child.ts';
import { testPrefix } from '../testing/test-prefix.ts';

// Every service but the simulator (its own ticks would move the prices between the runs: the test publishes
// one seeded set before the processes start) and the gateway (read-only)
const SERVICES = SERVICE_NAMES.filter((name) => name !== 'market-simulator' && name !== 'gateway').join(',');

const envOf = (prefix: string): Record<string, string> => ({
  REDIS_URL: TEST_REDIS_URL,
  REDIS_CLUSTER_NODES: '',
  STREAM_PREFIX: prefix,
  SERVICES,
  APPROVAL_MODE: 'auto',
  STRATEGIES: 'grid:BTC/USDT,grid:ETH/USDT',
  LEASE_TTL_MS: '1500',
  DATA_DIR: 'memory://',
  DATABASE_URL: '',
  SENTIMENT_API_URLS: '',
  ONCHAIN_URL: '',
  LOG_LEVEL: 'info',
  // The market is published once, before the processes start (slowly, on a loaded machine): it stays current
  RISK_MAX_TICK_AGE_S: '900',
  RISK_MAX_SURFACE_AGE_S: '900',
  EXEC_SURFACE_MAX_AGE_S: '900',
  PAPER_WARMUP_MAX_AGE_S: '900',
});

// One strategy id each, so no duplicate or budget check ties one intent's outcome to another's timing
const INTENTS: Partial<StreamInput<'strategy.intent'>>[] = [
  { strategy_id: 'desk_a', symbol: 'BTC/USDT', action: 'buy_straddle', quantity: 0.1 },
  { strategy_id: 'desk_b', symbol: 'ETH/USDT', action: 'buy_straddle', quantity: 1 },
  { strategy_id: 'desk_c', symbol: 'BTC/USDT', action: 'buy', quantity: 0.05, intent_type: 'legacy_signal' },
];
const FILLS = 5;

const intent = (i: number, over: Partial<StreamInput<'strategy.intent'>>): StreamInput<'strategy.intent'> =>
  createStrategyIntent({ intent_id: `two-processes-${i}`, timestamp: new Date().toISOString(), ...over });

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
const one = testPrefix();
const two = testPrefix();
const buses = new Map<string, RedisStreamsBus>();
const children: ServiceChild[] = [];

const busOf = (prefix: string): RedisStreamsBus => {
  const bus = buses.get(prefix) ?? createRedisStreamsBus({ url: TEST_REDIS_URL, prefix, log: silentLogger });
  buses.set(prefix, bus);
  return bus;
};

/** Every entry of a stream, oldest first. */
const all = async <TName extends StreamName>(prefix: string, name: TName) =>
  (await busOf(prefix).latest(name, 10_000)).reverse();

/** The holders of a service's leases (null when free). */
const holders = (prefix: string, names: string[]) =>
  Promise.all(names.map((n) => redis.get(keyTable(prefix).lease(n))));

/** Fills by client order id, and the ledger's positions. */
async function outcome(prefix: string) {
  const fills = Object.fromEntries(
    (await all(prefix, 'order.fill')).map(({ message: f }) => [
      f.client_order_id,
      { symbol: f.symbol, side: f.side, quantity: f.quantity, price: f.price },
    ]),
  );
  const positions = Object.fromEntries(
    Object.entries(await redis.hgetall(keyTable(prefix).paperPositions())).map(([field, json]) => {
      const p = JSON.parse(json) as { quantity: number; avgPrice: number };
      return [field, { quantity: p.quantity, avgPrice: p.avgPrice }];
    }),
  );
  return { fills, positions };
}

/** The newest portfolio.risk per underlying that counts every position, null until there is one for each. */
async function greeks(prefix: string) {
  const newest = new Map<string, StreamInput<'portfolio.risk'>>();
  for (const { message } of await all(prefix, 'portfolio.risk'))
    if (message.metadata.num_positions === FILLS && message.underlying)
      newest.set(message.underlying, message);
  return ['BTC/USDT', 'ETH/USDT'].map((u) => newest.get(u) ?? null);
}

beforeAll(async () => {
  const startTimeMs = Date.now();
  await Promise.all([one, two].map((p) => publishSeededMarket(busOf(p), redis, startTimeMs)));
  // One process on the first prefix, two on the second, started together (the same market, fresh for both)
  const spawned = await Promise.allSettled([one, two, two].map((p) => spawnServiceChild(envOf(p), children)));
  for (const s of spawned) if (s.status === 'rejected') throw s.reason;
  // The two processes have split the partitions: each holds a strategy instance and a share of the risk
  const runner = ['strategy-runner:grid_btc', 'strategy-runner:grid_eth'];
  const risk = ['risk-service:BTC/USDT', 'risk-service:ETH/USDT', 'risk-service:portfolio'];
  await vi.waitFor(
    async () => {
      expect(new Set(await holders(two, runner)).size).toBe(2);
      expect(new Set(await holders(two, risk)).size).toBe(2);
    },
    { timeout: 20_000, interval: 200 },
  );
}, 90_000);

afterAll(async () => {
  await Promise.allSettled(children.map((c) => c.stop()));
  await Promise.all([...buses.values()].map((b) => b.close()));
  await deleteKeys(redis, `${one}:*`);
  await deleteKeys(redis, `${two}:*`);
  await redis.quit();
}, 60_000);

describe('every service as two processes', () => {
  it('fills the same orders at the same prices, books the same positions and reports the same Greeks as one', async () => {
    for (const prefix of [one, two])
      for (const [i, over] of INTENTS.entries())
        await busOf(prefix).publish('strategy.intent', intent(i, over));

    const poll = { timeout: 30_000, interval: 200 };
    await expect.poll(async () => Object.keys((await outcome(one)).fills).length, poll).toBe(FILLS);
    const single = await outcome(one);
    await expect.poll(() => outcome(two), poll).toEqual(single);
    expect(Object.keys(single.positions)).toHaveLength(FILLS);

    await expect.poll(async () => (await greeks(one)).every((g) => g !== null), poll).toBe(true);
    await expect.poll(async () => (await greeks(two)).every((g) => g !== null), poll).toBe(true);
    const [g1, g2] = await Promise.all([greeks(one), greeks(two)]);
    for (const [i, a] of g1.entries()) {
      const b = g2[i];
      for (const key of ['total_delta', 'total_gamma', 'total_vega', 'total_theta'] as const) {
        const x = a?.[key] ?? Number.NaN;
        // Each run values at its own instant: the time to expiry differs by the runs' few seconds
        expect(b?.[key]).toBeCloseTo(x, Math.max(0, 3 - Math.ceil(Math.log10(Math.abs(x) + 1))));
      }
    }
  }, 60_000);
});
