import { describe, expect, it } from 'vitest';
import type { AuditRow, AuditStore } from '../../audit/audit-store.ts';
import { silentLogger } from '../../lib/logger.ts';
import { RowBatcher } from './row-batcher.ts';

const row = (entryId: string): AuditRow => ({
  stream: 'market.tick',
  entry_id: entryId,
  ts: '2026-03-02T09:15:04.120Z',
  intent_id: null,
  client_order_id: null,
  strategy_id: null,
  symbol: 'BTC/USDT',
  message: {},
});

/** A store that keeps rows in memory, refuses any batch holding `bad`, and is unreachable for its first `failures` calls. */
function memoryStore(
  bad: string | null = null,
  failures = 0,
): AuditStore & { calls: string[][]; rows: Map<string, AuditRow> } {
  let outages = failures;
  const calls: string[][] = [];
  const rows = new Map<string, AuditRow>();
  const none = () => Promise.reject(new Error('not used'));
  return {
    calls,
    rows,
    description: 'memory',
    migrate: async () => undefined,
    byIntent: none,
    byEntry: none,
    range: none,
    byEntryTime: none,
    close: async () => undefined,
    insert: async (batch) => {
      calls.push(batch.map((r) => r.entry_id));
      if (batch.some((r) => r.entry_id === bad))
        throw Object.assign(new Error(`bad row ${bad}`), { code: '22P05' });
      if (outages > 0) {
        outages -= 1;
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      }
      let added = 0;
      for (const r of batch) if (!rows.has(r.entry_id) && rows.set(r.entry_id, r)) added += 1;
      return added;
    },
  };
}

const OPTIONS = { maxBatch: 3, lingerMs: 60_000, retryMinMs: 1, retryMaxMs: 1 };

describe('RowBatcher', () => {
  describe('when maxBatch rows wait', () => {
    it('writes them in one insert and resolves each', async () => {
      const store = memoryStore();
      const batcher = new RowBatcher(store, OPTIONS, silentLogger);
      await Promise.all(['1-0', '2-0', '3-0'].map((id) => batcher.add(row(id))));
      expect(store.calls).toEqual([['1-0', '2-0', '3-0']]);
      expect([...store.rows.keys()]).toEqual(['1-0', '2-0', '3-0']);
    });
  });

  describe('when fewer rows wait and flush is called', () => {
    it('writes what waits', async () => {
      const store = memoryStore();
      const batcher = new RowBatcher(store, { ...OPTIONS, maxBatch: 100 }, silentLogger);
      const added = batcher.add(row('1-0'));
      await batcher.flush();
      await added;
      expect(store.calls).toEqual([['1-0']]);
    });
  });

  describe('when one row of a batch cannot be written', () => {
    it('stores the others one by one and rejects only that row', async () => {
      const store = memoryStore('2-0');
      const batcher = new RowBatcher(store, OPTIONS, silentLogger);
      const results = await Promise.allSettled(['1-0', '2-0', '3-0'].map((id) => batcher.add(row(id))));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect([...store.rows.keys()]).toEqual(['1-0', '3-0']);
    });
  });

  describe('when the store is unreachable for a while', () => {
    it('retries the batch until it is written, rejecting nothing', async () => {
      const store = memoryStore(null, 2);
      const batcher = new RowBatcher(store, OPTIONS, silentLogger);
      await Promise.all(['1-0', '2-0', '3-0'].map((id) => batcher.add(row(id))));
      expect(store.calls).toHaveLength(3);
      expect([...store.rows.keys()]).toEqual(['1-0', '2-0', '3-0']);
    });
  });

  describe('when it is closed while the store is unreachable', () => {
    it('stops retrying and rejects the waiting rows (their entries stay pending)', async () => {
      const store = memoryStore(null, Number.POSITIVE_INFINITY);
      const batcher = new RowBatcher(
        store,
        { ...OPTIONS, retryMinMs: 60_000, retryMaxMs: 60_000 },
        silentLogger,
      );
      const added = Promise.allSettled(['1-0', '2-0', '3-0'].map((id) => batcher.add(row(id))));
      await expect.poll(() => store.calls.length).toBe(1);
      await batcher.close();
      expect((await added).map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(store.rows.size).toBe(0);
    });
  });
});
