import type { StreamInput } from '@gamma/shared';
import { hostname } from 'node:os';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.ts';
import { deleteKeys } from '../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../testing/redis-url.ts';
import { testPrefix } from '../testing/test-prefix.ts';
import { CONTRACT_MAX_DELIVERIES, describeBusContract } from './bus.contract.ts';
import { streamKey } from '../keys/key-table.ts';
import { createRedis } from './redis.ts';
import { createRedisStreamsBus, type RedisStreamsBusOptions } from './redis-streams-bus.ts';

const admin = createRedis(TEST_REDIS_URL, { log: silentLogger });
afterAll(() => admin.quit());

// Short block, idle and reclaim times keep redelivery quick; nothing waits on them by a fixed sleep.
const fast = (prefix: string, extra: Partial<RedisStreamsBusOptions> = {}) =>
  createRedisStreamsBus({
    url: TEST_REDIS_URL,
    prefix,
    blockMs: 100,
    claimIdleMs: 200,
    claimIntervalMs: 100,
    maxDeliveries: CONTRACT_MAX_DELIVERIES,
    log: silentLogger,
    ...extra,
  });

const xaddRaw = async (key: string, fields: Record<string, string>): Promise<string> => {
  const id = await admin.xadd(key, '*', ...Object.entries(fields).flat());
  if (id === null) throw new Error('XADD returned no id');
  return id;
};

describeBusContract('RedisStreamsBus', async () => {
  const prefix = testPrefix();
  const bus = fast(prefix);
  return {
    bus,
    // Through the bus' own connection, so the entry lands after a group the test just subscribed.
    appendRaw: async (name, fields) =>
      (await bus.redis.xadd(streamKey(prefix, name), '*', ...Object.entries(fields).flat())) ?? '',
    dispose: async () => {
      await bus.close();
      await deleteKeys(admin, `${prefix}:*`);
    },
  };
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

describe('RedisStreamsBus', () => {
  let prefix: string;
  let bus: ReturnType<typeof fast>;
  let key: string;

  beforeEach(() => {
    prefix = testPrefix();
    bus = fast(prefix);
    key = streamKey(prefix, 'market.tick');
  });
  afterEach(async () => {
    await bus.close();
    await deleteKeys(admin, `${prefix}:*`);
  });

  const deadLetters = async () =>
    (await admin.xrange(streamKey(prefix, 'dlq'), '-', '+')).map(([, fields]) => JSON.parse(fields[1] ?? ''));

  describe('when publishing', () => {
    it('writes one field, data, holding the JSON message under <prefix>:<name>', async () => {
      const id = await bus.publish('market.tick', tick(5));
      const entries = await admin.xrange(key, '-', '+');
      expect(entries).toHaveLength(1);
      const [entryId, fields] = entries[0] ?? [];
      expect(entryId).toBe(id);
      expect(fields?.[0]).toBe('data');
      expect(fields).toHaveLength(2);
      expect(JSON.parse(fields?.[1] ?? '')).toEqual({ ...tick(5) });
    });
  });

  describe('when raw XADDs are malformed', () => {
    it('dead-letters each with its reason in <prefix>:dlq while later good entries are handled', async () => {
      const handled: number[] = [];
      bus.subscribe('market.tick', 'engine', (m) => void handled.push(m.price));
      await expect.poll(() => bus.streamInfo('market.tick').then((info) => info.groups.length)).toBe(1);
      const ids = [
        await xaddRaw(key, { data: 'not json' }),
        await xaddRaw(key, { payload: '{}' }),
        await xaddRaw(key, { data: '{"symbol":"","price":1}' }),
      ];
      await bus.publish('market.tick', tick(9));
      await expect.poll(() => handled).toEqual([9]);
      await expect.poll(deadLetters).toHaveLength(3);
      const letters = await deadLetters();
      expect(letters.map((l) => [l.source_entry_id, l.reason])).toEqual([
        [ids[0], 'INVALID_JSON'],
        [ids[1], 'MISSING_DATA_FIELD'],
        [ids[2], 'SCHEMA_MISMATCH'],
      ]);
      expect(letters.every((l) => l.source_stream === 'market.tick' && l.group === 'engine')).toBe(true);
      expect(letters[2]?.error).toMatch(/^symbol: /);
      await expect.poll(() => admin.xpending(key, 'engine')).toEqual([0, null, null, null]);
    });
  });

  describe('when the stream is deleted under a running subscriber', () => {
    it('re-creates the group at 0 and handles what is published next', async () => {
      const handled: number[] = [];
      bus.subscribe('market.tick', 'engine', (m) => void handled.push(m.price));
      await bus.publish('market.tick', tick(1));
      await expect.poll(() => handled).toEqual([1]);
      await admin.del(key);
      await bus.publish('market.tick', tick(2));
      await expect.poll(() => handled).toEqual([1, 2]);
    });
  });

  describe('when the group is destroyed under a running subscriber', () => {
    it('re-creates it at 0 and keeps handling', async () => {
      const handled: number[] = [];
      bus.subscribe('market.tick', 'engine', (m) => void handled.push(m.price));
      await bus.publish('market.tick', tick(1));
      await expect.poll(() => handled).toEqual([1]);
      await admin.xgroup('DESTROY', key, 'engine');
      await bus.publish('market.tick', tick(2));
      // Re-created at 0: entry 1 comes again (redelivery is normal; handlers are idempotent).
      await expect.poll(() => handled.includes(2)).toBe(true);
    });
  });

  describe('when a consumer died holding a pending entry', () => {
    it('reclaims the entry once it is idle and handles it', async () => {
      await admin.xgroup('CREATE', key, 'engine', '$', 'MKSTREAM');
      const id = await bus.publish('market.tick', tick(3));
      await admin.xreadgroup('GROUP', 'engine', 'dead-consumer', 'COUNT', 10, 'STREAMS', key, '>');
      expect(await admin.xpending(key, 'engine')).toEqual([1, id, id, [['dead-consumer', '1']]]);
      const handled: string[] = [];
      bus.subscribe('market.tick', 'engine', (_m, entry) => void handled.push(entry.id));
      await expect.poll(() => handled).toEqual([id]);
      await expect.poll(() => admin.xpending(key, 'engine')).toEqual([0, null, null, null]);
    });
  });

  describe('when a stream grows past maxLen', () => {
    it('trims it to about maxLen', async () => {
      const small = fast(prefix, { maxLen: 100 });
      for (let batch = 0; batch < 10; batch += 1) {
        await Promise.all(
          Array.from({ length: 100 }, (_, i) => small.publish('market.tick', tick(batch * 100 + i + 1))),
        );
      }
      await small.close();
      const length = await admin.xlen(key);
      expect(length).toBeGreaterThanOrEqual(100);
      expect(length).toBeLessThan(300);
    });
  });

  describe('when a subscription closes during a handler', () => {
    it('waits for the handler and acks its entry', async () => {
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let started = false;
      const sub = bus.subscribe('market.tick', 'engine', async () => {
        started = true;
        await gate;
      });
      await bus.publish('market.tick', tick(1));
      await expect.poll(() => started).toBe(true);
      const closed = sub.close();
      release();
      await closed;
      expect(await admin.xpending(key, 'engine')).toEqual([0, null, null, null]);
    });
  });

  describe('when subscribing', () => {
    it('names consumers <group>-<host>-<pid>, distinct per subscription, and reports them in streamInfo', async () => {
      bus.subscribe('market.tick', 'engine', () => undefined);
      bus.subscribe('market.tick', 'engine', () => undefined);
      await bus.publish('market.tick', tick(1));
      const base = `engine-${hostname()}-${process.pid}`;
      await expect
        .poll(async () =>
          ((await admin.call('XINFO', 'CONSUMERS', key, 'engine')) as unknown[][]).map((c) => c[1]).sort(),
        )
        .toEqual([base, `${base}-2`]);
      const info = await bus.streamInfo('market.tick');
      expect(info.length).toBe(1);
      expect(info.groups).toMatchObject([{ name: 'engine', consumers: 2 }]);
      expect(await bus.streamInfo('portfolio.risk')).toEqual({ length: 0, groups: [] });
    });
  });

  describe('when a subscription allows concurrent handling', () => {
    it('hands a whole read to the handler at once and acks every entry', async () => {
      // Published before the group reads, so one XREADGROUP returns all five
      const group = 'audit-recorder';
      await bus.redis.xgroup('CREATE', key, group, '0', 'MKSTREAM');
      for (let i = 1; i <= 5; i++) await bus.publish('market.tick', tick(i));
      let release = () => undefined as void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let inFlight = 0;
      let peak = 0;
      bus.subscribe(
        'market.tick',
        group,
        async () => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          if (inFlight === 5) release();
          await gate; // In order, the first handler would wait here forever
          inFlight -= 1;
        },
        { concurrency: 10 },
      );
      await expect.poll(() => peak).toBe(5);
      await expect.poll(async () => ((await admin.xpending(key, group)) as unknown[])[0]).toBe(0);
    });
  });

  describe('when a subscription allows concurrent handling across reads', () => {
    it('keeps reading while a handler runs, and handles an entry reclaimed meanwhile only once', async () => {
      // One entry per read: the second and third can only be handled if reading goes on past the first
      const reader = fast(testPrefix(), { readCount: 1 });
      const readerKey = streamKey(reader.prefix, 'market.tick');
      try {
        let release = () => undefined as void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const calls: number[] = [];
        await reader.redis.xgroup('CREATE', readerKey, 'engine', '0', 'MKSTREAM');
        for (let i = 1; i <= 3; i++) await reader.publish('market.tick', tick(i));
        reader.subscribe(
          'market.tick',
          'engine',
          async (m) => {
            calls.push(m.price);
            if (m.price === 1) await gate;
          },
          { concurrency: 3 },
        );
        await expect.poll(() => [...calls].sort()).toEqual([1, 2, 3]);
        // The first entry idles past claimIdleMs: the reclaim round claims it, and joins its handling
        const deliveries = async () => {
          const pending = (await admin.xpending(readerKey, 'engine', '-', '+', 10)) as [
            string,
            string,
            number,
            number,
          ][];
          return pending[0]?.[3] ?? 0;
        };
        await expect.poll(deliveries).toBeGreaterThan(1);
        expect(calls.filter((p) => p === 1)).toHaveLength(1);
        release();
        await expect.poll(async () => ((await admin.xpending(readerKey, 'engine')) as unknown[])[0]).toBe(0);
        expect(calls.filter((p) => p === 1)).toHaveLength(1);
      } finally {
        await reader.close();
        await deleteKeys(admin, `${reader.prefix}:*`);
      }
    });
  });

  describe('when its blocking connection is killed', () => {
    it('reconnects and keeps handling', async () => {
      const handled: number[] = [];
      bus.subscribe('market.tick', 'engine', (m) => void handled.push(m.price));
      await bus.publish('market.tick', tick(1));
      await expect.poll(() => handled).toEqual([1]);
      const consumer = `engine-${hostname()}-${process.pid}`;
      const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'normal')).split('\n');
      const line = clients.find(
        (client) => client.includes(` name=${consumer} `) && client.includes('cmd=xreadgroup'),
      );
      const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
      expect(id).toBeDefined();
      await admin.call('CLIENT', 'KILL', 'ID', id ?? '');
      await bus.publish('market.tick', tick(2));
      await expect.poll(() => handled).toEqual([1, 2]);
    });
  });
});

describe('RedisStreamsBus after a reconnection', () => {
  it('handles the entries Redis delivered to the consumer while the connection dropped, without waiting for idleness', async () => {
    const prefix = testPrefix();
    const key = streamKey(prefix, 'market.tick');
    // Idle reclaim is out of reach here: only the reconnection can bring the entry back.
    const bus = fast(prefix, { claimIdleMs: 600_000, consumerName: 'lost-reply' });
    try {
      const handled: number[] = [];
      bus.subscribe('market.tick', 'engine', (m) => void handled.push(m.price));
      await bus.publish('market.tick', tick(1));
      await expect.poll(() => handled).toEqual([1]);
      // A read answered under the consumer's name whose reply never reached it (the connection dropped)
      await admin
        .multi()
        .xadd(key, '*', 'data', JSON.stringify(tick(2)))
        .xreadgroup('GROUP', 'engine', 'lost-reply', 'COUNT', 10, 'STREAMS', key, '>')
        .exec();
      const clients = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'normal')).split('\n');
      const line = clients.find(
        (client) => client.includes(' name=lost-reply ') && client.includes('cmd=xreadgroup'),
      );
      const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
      expect(id).toBeDefined();
      await admin.call('CLIENT', 'KILL', 'ID', id ?? '');
      await expect.poll(() => handled, { timeout: 10_000 }).toEqual([1, 2]);
      await expect.poll(() => admin.xpending(key, 'engine')).toEqual([0, null, null, null]);
    } finally {
      await bus.close();
      await deleteKeys(admin, `${prefix}:*`);
    }
  });
});

describe('RedisStreamsBus on an unreachable Redis', () => {
  it('fails queued commands once giveUpWhen is aborted, before the bus is closed', async () => {
    const giveUp = new AbortController();
    const bus = fast('test-unreachable', { url: 'redis://127.0.0.1:1/0', giveUpWhen: giveUp.signal });
    const publish = bus.publish('market.tick', tick(1));
    publish.catch(() => undefined);
    giveUp.abort();
    await expect(publish).rejects.toThrow('Connection is closed');
    await bus.close();
  });

  it('does not crash, and close() ends subscriptions, tails and queued publishes', async () => {
    const bus = fast('test-unreachable', { url: 'redis://127.0.0.1:1/0' });
    bus.subscribe('market.tick', 'engine', () => undefined);
    const stop = new AbortController();
    const tail = bus.tail('market.tick', { signal: stop.signal })[Symbol.asyncIterator]();
    const next = tail.next();
    const publish = bus.publish('market.tick', tick(1));
    await bus.close();
    await expect(publish).rejects.toThrow();
    await expect(next).resolves.toEqual({ done: true, value: undefined });
  });
});
