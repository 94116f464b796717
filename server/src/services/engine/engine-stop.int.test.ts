import { afterEach, describe, expect, it } from 'vitest';
import { createRedis } from '../../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../../bus/redis-streams-bus.ts';
import { encodeMessage } from '../../bus/codec.ts';
import { loadConfig } from '../../config/app-config.ts';
import { streamKey } from '../../keys/key-table.ts';
import { systemClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createRedisStores } from '../../stores/redis-stores.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { EngineService } from './engine-service.ts';

const INTENTS = 3_000;
const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
const prefix = testPrefix();
const config = loadConfig({
  APPROVAL_MODE: 'auto',
  RISK_DUPLICATE_WINDOW_S: '0',
  RISK_MAX_ORDERS_PER_S: '1000000',
  RISK_MAX_ORDERS_PER_S_PER_STRATEGY: '1000000',
  RISK_MAX_POSITION_QTY: 'BTC:1000000',
  RISK_MAX_POSITION_RATIO: '100',
  RISK_MIN_POSITION_RATIO: '0',
  RISK_MAX_SINGLE_POSITION_PCT: '100',
  RISK_MAX_GROSS_LEVERAGE: '100',
  PAPER_INITIAL_BALANCE_USDT: '1000000000',
});
const buses: RedisStreamsBus[] = [];

/** An engine on its own bus of the test's prefix; reclaims entries idle for 50 ms. */
async function startEngine(name: string): Promise<EngineService> {
  const bus = createRedisStreamsBus({
    url: TEST_REDIS_URL,
    prefix,
    log: silentLogger,
    consumerName: name,
    claimIdleMs: 50,
    claimIntervalMs: 100,
  });
  buses.push(bus);
  const stores = createRedisStores(redis, { prefix, maxLen: 100_000 });
  const engine = new EngineService({ bus, stores, config, clock: systemClock, log: silentLogger }, {});
  await engine.start();
  return engine;
}

const now = () => new Date().toISOString();

async function publishIntents(): Promise<void> {
  const tick = { symbol: 'BTC/USDT', price: 100_000, volume: 0, bid: 100_000, ask: 100_000, metadata: {} };
  await redis.xadd(
    streamKey(prefix, 'market.tick'),
    '*',
    'data',
    encodeMessage('market.tick', { ...tick, timestamp: now() }),
  );
  const pipeline = redis.pipeline();
  for (let n = 0; n < INTENTS; n += 1) {
    const intent = {
      intent_id: `stop-${n}`,
      strategy_id: `s_${n % 4}`,
      symbol: 'BTC/USDT',
      intent_type: 's1_rebalance',
      action: 'buy',
      direction: 'buy' as const,
      quantity: 0.001,
      confidence: 0.7,
      reason: 'stop test',
      timestamp: now(),
      metadata: {},
    };
    pipeline.xadd(
      streamKey(prefix, 'strategy.intent'),
      '*',
      'data',
      encodeMessage('strategy.intent', intent),
    );
  }
  await pipeline.exec();
}

/** Intent id → its decisions' statuses. */
async function decisions(): Promise<Map<string, string[]>> {
  const byIntent = new Map<string, string[]>();
  for (const [, fields] of await redis.xrange(streamKey(prefix, 'intent.decision'), '-', '+')) {
    const d = JSON.parse(fields[1] ?? '{}') as { intent_id: string; status: string };
    byIntent.set(d.intent_id, [...(byIntent.get(d.intent_id) ?? []), d.status]);
  }
  return byIntent;
}

afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
  await deleteKeys(redis, `${prefix}:*`);
});

describe('EngineService.close', () => {
  describe('when a backlog of intents is waiting', () => {
    it('resolves with entries still undecided, and a new engine decides every one exactly once', async () => {
      const first = await startEngine('engine-a');
      await publishIntents();
      await expect.poll(async () => (await decisions()).size, { timeout: 20_000 }).toBeGreaterThan(0);

      await first.close();
      const atStop = (await decisions()).size;
      expect(atStop).toBeLessThan(INTENTS);

      await startEngine('engine-b');
      await expect.poll(async () => (await decisions()).size, { timeout: 60_000 }).toBe(INTENTS);
      const statuses = [...(await decisions()).values()];
      expect(statuses.filter((s) => s.length !== 1)).toEqual([]);
      const approved = statuses.filter((s) => s[0] === 'approved').length;
      expect(await redis.xlen(streamKey(prefix, 'order.command'))).toBe(approved);
    }, 90_000);
  });
});
