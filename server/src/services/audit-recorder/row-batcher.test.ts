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

/** A store that keeps rows in memory and refuses any batch holding `bad`. */
function memoryStore(
  bad: string | null = null,
): AuditStore & { calls: string[][]; rows: Map<string, AuditRow> } {
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
    close: async () => undefined,
    insert: async (batch) => {
      calls.push(batch.map((r) => r.entry_id));
      if (batch.some((r) => r.entry_id === bad)) throw new Error(`bad row ${bad}`);
      let added = 0;
      for (const r of batch) if (!rows.has(r.entry_id) && rows.set(r.entry_id, r)) added += 1;
      return added;
    },
  };
}

describe('RowBatcher', () => {
  describe('when maxBatch rows wait', () => {
    it('writes them in one insert and resolves each', async () => {
      const store = memoryStore();
      const batcher = new RowBatcher(store, { maxBatch: 3, lingerMs: 60_000 }, silentLogger);
      await Promise.all(['1-0', '2-0', '3-0'].map((id) => batcher.add(row(id))));
      expect(store.calls).toEqual([['1-0', '2-0', '3-0']]);
      expect([...store.rows.keys()]).toEqual(['1-0', '2-0', '3-0']);
    });
  });

  describe('when fewer rows wait and flush is called', () => {
    it('writes what waits', async () => {
      const store = memoryStore();
      const batcher = new RowBatcher(store, { maxBatch: 100, lingerMs: 60_000 }, silentLogger);
      const added = batcher.add(row('1-0'));
      await batcher.flush();
      await added;
      expect(store.calls).toEqual([['1-0']]);
    });
  });

  describe('when one row of a batch cannot be written', () => {
    it('stores the others one by one and rejects only that row', async () => {
      const store = memoryStore('2-0');
      const batcher = new RowBatcher(store, { maxBatch: 3, lingerMs: 60_000 }, silentLogger);
      const results = await Promise.allSettled(['1-0', '2-0', '3-0'].map((id) => batcher.add(row(id))));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect([...store.rows.keys()]).toEqual(['1-0', '3-0']);
    });
  });
});
