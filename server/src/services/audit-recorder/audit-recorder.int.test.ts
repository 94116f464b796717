import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { StreamInput, StreamName } from '@gamma/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { explainFromAudit } from '../../audit/audit-explain.ts';
import { auditRow } from '../../audit/audit-store.contract.ts';
import type { AuditStore } from '../../audit/audit-store.ts';
import { pgliteClient } from '../../audit/pglite-audit-store.ts';
import { SqlAuditStore } from '../../audit/sql-audit-store.ts';
import { createRedis } from '../../bus/redis.ts';
import { createRedisStreamsBus, type RedisStreamsBus } from '../../bus/redis-streams-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { FakeClock, systemClock } from '../../lib/clock.ts';
import { silentLogger, type Logger } from '../../lib/logger.ts';
import { deleteKeys } from '../../testing/delete-keys.ts';
import { TEST_REDIS_URL } from '../../testing/redis-url.ts';
import { testPrefix } from '../../testing/test-prefix.ts';
import { AUDIT_RECORDER_GROUP, AuditRecorder } from './audit-recorder.ts';
import { createRedisStores } from '../../stores/redis-stores.ts';

const redis = createRedis(TEST_REDIS_URL, { log: silentLogger });
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
});
afterAll(async () => {
  await db.close();
  await redis.quit();
});

const T0 = Date.parse('2026-03-02T09:15:04.120Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();

/** An intent's chain as the services publish it, plus a tick (no intent) and another intent's decision. */
function publishChain(bus: RedisStreamsBus, intentId: string): Promise<Array<[StreamName, string]>> {
  const base = { strategy_id: 'grid_btc', symbol: 'BTC/USDT', metadata: {} };
  const steps: Array<() => Promise<[StreamName, string]>> = [
    async () => [
      'market.tick',
      await bus.publish('market.tick', { symbol: 'BTC/USDT', price: 100_000, timestamp: at(0) }),
    ],
    async () => [
      'strategy.intent',
      await bus.publish('strategy.intent', {
        ...base,
        intent_id: intentId,
        intent_type: 'grid_rebalance',
        action: 'buy',
        direction: 'buy',
        quantity: 0.1,
        timestamp: at(1),
      }),
    ],
    async () => [
      'intent.decision',
      await bus.publish('intent.decision', decision(intentId, 'approved', at(2))),
    ],
    async () => [
      'intent.decision',
      await bus.publish('intent.decision', decision('someone-else', 'vetoed', at(2))),
    ],
    async () => [
      'order.command',
      await bus.publish('order.command', {
        ...base,
        side: 'buy',
        quantity: 0.1,
        intent_id: intentId,
        client_order_id: `${intentId}-0`,
        timestamp: at(3),
      } satisfies StreamInput<'order.command'>),
    ],
    async () => [
      'order.fill',
      await bus.publish('order.fill', {
        ...base,
        order_id: `paper-${intentId}-0`,
        side: 'buy',
        quantity: 0.1,
        price: 100_010,
        intent_id: intentId,
        client_order_id: `${intentId}-0`,
        timestamp: at(4),
      }),
    ],
    async () => [
      'position.update',
      await bus.publish('position.update', {
        ...base,
        quantity: 0.1,
        avg_price: 100_010,
        timestamp: at(4),
        metadata: { intent_id: intentId, client_order_id: `${intentId}-0` },
      }),
    ],
  ];
  return steps.reduce<Promise<Array<[StreamName, string]>>>(
    async (acc, step) => [...(await acc), await step()],
    Promise.resolve([]),
  );
}

const decision = (
  intentId: string,
  status: 'approved' | 'vetoed',
  timestamp: string,
): StreamInput<'intent.decision'> => ({
  decision_id: `${intentId}:${status}`,
  intent_id: intentId,
  strategy_id: 'grid_btc',
  symbol: 'BTC/USDT',
  action: 'buy',
  status,
  decided_by: 'risk_service',
  approval_mode: 'auto',
  timestamp,
  metadata: {},
});

/** The store seen through a recorder that dies after writing: each insert writes, then the connection "fails". */
function writingThenFailing(
  store: AuditStore,
  failing: { on: boolean },
): AuditStore & { attempts: string[] } {
  const attempts: string[] = [];
  return {
    attempts,
    description: store.description,
    migrate: () => store.migrate(),
    byIntent: (id) => store.byIntent(id),
    byEntry: (stream, id) => store.byEntry(stream, id),
    range: (q) => store.range(q),
    byEntryTime: (q) => store.byEntryTime(q),
    close: () => store.close(),
    insert: async (rows) => {
      attempts.push(...rows.map((r) => `${r.stream}@${r.entry_id}`));
      const inserted = await store.insert(rows);
      if (failing.on) throw Object.assign(new Error('connection lost after the write'), { code: '08006' });
      return inserted;
    },
  };
}

describe('AuditRecorder on Redis and PGlite', () => {
  let prefix: string;
  let schema: string;
  let bus: RedisStreamsBus;
  let store: AuditStore;
  let recorder: AuditRecorder | null = null;

  beforeEach(async () => {
    prefix = testPrefix();
    schema = `test_${randomUUID().replaceAll('-', '')}`;
    store = new SqlAuditStore(
      { ...pgliteClient(db), close: async () => undefined },
      { schema, description: 'test' },
    );
    await store.migrate();
    // Reclaim at once and often, so an entry whose handler failed is redelivered within the test
    bus = createRedisStreamsBus({
      url: TEST_REDIS_URL,
      prefix,
      blockMs: 50,
      claimIdleMs: 0,
      claimIntervalMs: 50,
      log: silentLogger,
    });
  });
  afterEach(async () => {
    await recorder?.close();
    recorder = null;
    await bus.close();
    await deleteKeys(redis, `${prefix}:*`);
    await db.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  const pendingOf = async (streams: Iterable<StreamName>): Promise<number> => {
    let total = 0;
    for (const stream of streams) {
      const [count] = (await redis.xpending(`${prefix}:${stream}`, AUDIT_RECORDER_GROUP)) as [number];
      total += count;
    }
    return total;
  };

  describe('when entries were published before it started and are delivered again after a failed ack', () => {
    it('records every entry exactly once, acks them all, and byIntent gives the chain in order', async () => {
      const published = await publishChain(bus, 'intent-audit-1');
      const keys = published.map(([stream, id]) => `${stream}@${id}`);
      const config = loadConfig({ STREAM_PREFIX: prefix, LOG_LEVEL: 'silent' });
      const deps = {
        bus,
        clock: systemClock,
        config,
        log: silentLogger,
        stores: createRedisStores(redis, { prefix, maxLen: 1000 }),
      };
      // First recorder: every write lands but reports a lost connection, so nothing is acked
      const first = writingThenFailing(store, { on: true });
      recorder = new AuditRecorder(deps, { store: first, batch: { retryMinMs: 5, retryMaxMs: 20 } });
      await recorder.start();
      // Every entry is read (pending, unacked) while the first batch is retried against the failing store; which
      // streams made that batch depends on timing, so the test waits for the reads and one write, not for a stream
      const streams = new Set(published.map(([s]) => s));
      await expect.poll(() => pendingOf(streams)).toBe(keys.length);
      await expect.poll(() => first.attempts.length).toBeGreaterThan(0);
      await recorder.close();
      expect(await pendingOf(streams)).toBe(keys.length);
      // Second recorder of the same group: reclaims the pending entries, which are written again
      const second = writingThenFailing(store, { on: false });
      recorder = new AuditRecorder(deps, { store: second });
      await recorder.start();
      await expect.poll(() => pendingOf(streams)).toBe(0);
      expect([...second.attempts].sort()).toEqual([...keys].sort());
      const rows = await store.range({ limit: 100 });
      expect(rows.map((r) => `${r.stream}@${r.entry_id}`).sort()).toEqual([...keys].sort());

      const chain = await store.byIntent('intent-audit-1');
      expect(chain.map((r) => r.stream)).toEqual([
        'strategy.intent',
        'intent.decision',
        'order.command',
        'order.fill',
        'position.update',
      ]);
      expect(chain[3]).toMatchObject({ client_order_id: 'intent-audit-1-0', ts: at(4), symbol: 'BTC/USDT' });
      const nodes = await explainFromAudit(store, 'intent-audit-1');
      expect(nodes?.map((n) => n.entry_id)).toEqual(chain.map((r) => r.entry_id));
    });
  });

  describe('when it restarts', () => {
    it('writes only what is new (its group resumes, nothing twice)', async () => {
      const config = loadConfig({ STREAM_PREFIX: prefix, LOG_LEVEL: 'silent' });
      const deps = {
        bus,
        clock: systemClock,
        config,
        log: silentLogger,
        stores: createRedisStores(redis, { prefix, maxLen: 1000 }),
      };
      await publishChain(bus, 'intent-audit-2');
      recorder = new AuditRecorder(deps, { store });
      await recorder.start();
      await expect.poll(async () => (await store.range({ limit: 100 })).length).toBe(7);
      await recorder.close();
      await publishChain(bus, 'intent-audit-3');
      recorder = new AuditRecorder(deps, { store });
      await recorder.start();
      await expect.poll(async () => (await store.range({ limit: 100 })).length).toBe(14);
      expect(await store.byIntent('intent-audit-2')).toHaveLength(5);
      expect(await store.byIntent('intent-audit-3')).toHaveLength(5);
    });
  });

  describe('when raw market data is older than AUDIT_MARKET_RAW_H', () => {
    it('compacts it in the background, logging the progress, while it goes on recording', async () => {
      const config = loadConfig({
        STREAM_PREFIX: prefix,
        LOG_LEVEL: 'silent',
        AUDIT_MARKET_RAW_H: '1',
        AUDIT_COMPACT_INTERVAL_S: '0.05',
      });
      const lines: Array<{ msg: string; fields: Record<string, unknown> }> = [];
      const capture = (): Logger => {
        const log = (msg: string, fields: Record<string, unknown> = {}) => lines.push({ msg, fields });
        return { debug: log, info: log, warn: log, error: log, child: () => capture() };
      };
      // Four BTC ticks a minute for ten minutes, two hours before the clock's now
      const ticks = Array.from({ length: 40 }, (_, k) =>
        auditRow('market.tick', `${T0 + k * 15_000}-0`, { intent_id: null, symbol: 'BTC/USDT' }),
      );
      await store.insert(ticks);
      const clock = new FakeClock(T0 + 2 * 3_600_000);
      const deps = {
        bus,
        clock,
        config,
        log: capture(),
        stores: createRedisStores(redis, { prefix, maxLen: 1000 }),
      };
      recorder = new AuditRecorder(deps, { store });
      await recorder.start();
      await expect
        .poll(async () => (await store.range({ stream: 'market.tick', limit: 100 })).length)
        .toBe(10);
      // The rows go before the pass logs its progress, so the line is polled too
      await expect
        .poll(() => lines.find((l) => l.msg === 'audit compaction: stream compacted')?.fields)
        .toMatchObject({
          stream: 'market.tick',
          rows_compacted: 30,
          rows_kept: 10,
          from: new Date(T0 - (T0 % 60_000)).toISOString(),
        });
      await publishChain(bus, 'intent-audit-4');
      await expect.poll(async () => (await store.byIntent('intent-audit-4')).length).toBe(5);
    });
  });
});
