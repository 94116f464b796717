import type { StreamInput } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { ServiceHeartbeats } from '../app/service-heartbeats.ts';
import { BUS_COUNTS_TTL_S, epochMinute } from '../bus/bus-counts.ts';
import { createRedisStreamsBus, type RedisStreamsBusOptions } from '../bus/redis-streams-bus.ts';
import { keyTable } from '../keys/key-table.ts';
import { FakeClock, iso } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { HEARTBEAT_INTERVAL_MS } from '../stores/heartbeats/heartbeat-store.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';
import { testPrefix } from '../testing/test-prefix.ts';

const MAX_DELIVERIES = 3;

// Short block, idle and reclaim times keep redelivery quick; nothing waits on them by a fixed sleep.
const fastBus = (clock: FakeClock, extra: Partial<RedisStreamsBusOptions> = {}) =>
  createRedisStreamsBus({
    url: TEST_REDIS_URL,
    prefix: testPrefix(),
    blockMs: 100,
    claimIdleMs: 200,
    claimIntervalMs: 100,
    maxDeliveries: MAX_DELIVERIES,
    log: silentLogger,
    clock,
    ...extra,
  });

const tick = (price: number): StreamInput<'market.tick'> => ({
  symbol: 'BTC/USDT',
  price,
  volume: 1,
  bid: null,
  ask: null,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: {},
});

const groupOf = async (server: TestServer, group: string) => {
  const streams = await server.client.monitoring.streams.query();
  return streams.find((s) => s.stream === 'market.tick')?.groups.find((g) => g.name === group);
};

describe('monitoring.streams: the bus counters', () => {
  it('counts what a real consumer group handled and what failed, per minute, in Redis', async () => {
    const clock = new FakeClock();
    const bus = fastBus(clock);
    await using server = await startTestServer({ bus, clock, user: 'viewer' });
    const subscription = bus.subscribe('market.tick', 'ops-test', (m) => {
      if (m.price === 13) throw new Error('unlucky price');
    });
    await expect.poll(async () => (await groupOf(server, 'ops-test'))?.name).toBe('ops-test');

    for (const price of [1, 2, 13, 3]) await bus.publish('market.tick', tick(price));
    await bus.redis.xadd(keyTable(bus.prefix).stream('market.tick'), '*', 'data', '{"price":"high"}');

    // Three handled; the throwing entry fails on each of its deliveries, then is dead-lettered; the bad one is
    // dead-lettered at once
    const expected = { handled: 3, failed: MAX_DELIVERIES + 2 };
    await expect
      .poll(async () => (await groupOf(server, 'ops-test'))?.per_minute.at(-1), { timeout: 20_000 })
      .toEqual({ minute: iso(epochMinute(clock.now()) * 60_000), ...expected });
    const key = keyTable(bus.prefix).busCounts(epochMinute(clock.now()));
    expect(await server.redis.ttl(key)).toBeGreaterThan(BUS_COUNTS_TTL_S - 60);
    expect(await server.redis.hgetall(key)).toEqual({
      'market.tick|ops-test|handled': '3',
      'market.tick|ops-test|failed': String(MAX_DELIVERIES + 2),
    });

    clock.advance(60_000);
    expect(await groupOf(server, 'ops-test')).toMatchObject({
      handled_last_min: 3,
      failed_last_min: MAX_DELIVERIES + 2,
    });
    await subscription.close();
  });

  it('adds the counts of every consumer of a group, and writes none for a bus told not to count', async () => {
    const clock = new FakeClock();
    const bus = fastBus(clock);
    const other = fastBus(clock, { prefix: bus.prefix });
    const quiet = fastBus(clock, { prefix: bus.prefix, countThroughput: false });
    await using server = await startTestServer({ bus, clock, user: 'viewer' });
    const seen: number[] = [];
    const subscriptions = [bus, other].map((b) =>
      b.subscribe('market.tick', 'shared-group', (m) => void seen.push(m.price)),
    );
    subscriptions.push(quiet.subscribe('market.tick', 'quiet-group', () => undefined));
    await expect.poll(async () => (await groupOf(server, 'quiet-group'))?.consumers).toBe(1);

    for (let price = 1; price <= 20; price += 1) await bus.publish('market.tick', tick(price));

    await expect
      .poll(async () => (await groupOf(server, 'shared-group'))?.per_minute.at(-1)?.handled)
      .toBe(20);
    await expect.poll(async () => (await groupOf(server, 'quiet-group'))?.pending).toBe(0);
    expect((await groupOf(server, 'quiet-group'))?.lag).toBe(0);
    expect((await groupOf(server, 'quiet-group'))?.per_minute.at(-1)?.handled).toBe(0);
    await Promise.all(subscriptions.map((s) => s.close()));
    await Promise.all([other.close(), quiet.close()]);
  });
});

describe('monitoring.services: the heartbeats', () => {
  it('shows each service up with its last activity, stale after three missed beats, down once stopped', async () => {
    const clock = new FakeClock();
    await using server = await startTestServer({ clock, user: 'viewer' });
    // A long interval: only the beats the test asks for are written
    const heartbeats = new ServiceHeartbeats({
      stores: server.stores,
      clock,
      log: silentLogger,
      host: 'desk-1',
      pid: 4242,
      intervalMs: 3_600_000,
    });
    const engineBus = heartbeats.track('engine', server.bus);
    heartbeats.track('market-simulator', server.bus);
    const subscription = engineBus.subscribe('market.tick', 'engine', () => undefined);
    await heartbeats.started('engine');
    await heartbeats.started('market-simulator');
    const engine = async () =>
      (await server.client.monitoring.services.query()).services.find((s) => s.service === 'engine');

    expect(await engine()).toMatchObject({
      instance: 'engine@desk-1:4242',
      status: 'up',
      started_at: iso(clock.now()),
      last_activity: null,
    });
    clock.advance(1000);
    const handledAt = iso(clock.now());
    await server.bus.publish('market.tick', tick(1));
    await heartbeats.beat();
    await expect
      .poll(async () => {
        await heartbeats.beat();
        return (await engine())?.last_activity;
      })
      .toBe(handledAt);

    const all = await server.client.monitoring.services.query();
    expect(all.interval_ms).toBe(HEARTBEAT_INTERVAL_MS);
    expect(all.services.find((s) => s.service === 'market-simulator')?.status).toBe('up');
    expect(all.services.find((s) => s.service === 'kill-switch')).toMatchObject({
      instance: null,
      status: 'down',
    });

    clock.advance(3 * HEARTBEAT_INTERVAL_MS + 1);
    expect((await engine())?.status).toBe('stale');

    await subscription.close();
    await heartbeats.close();
    expect(await engine()).toMatchObject({ status: 'down', stopped_at: iso(clock.now()) });
  });
});
