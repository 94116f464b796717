import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { AuditStore } from '../../audit/audit-store.ts';
import { acquireAuditStore } from '../../audit/open-audit-store.ts';
import { historyRows } from '../../testing/history-rows.ts';
import { startTestServer } from '../../testing/start-test-server.ts';

// The in-memory embedded store, held as the recorder would hold it in the gateway's process
let store: AuditStore;
beforeAll(async () => {
  store = await acquireAuditStore({ dataDir: 'memory://' });
});
afterAll(() => store.close());

const codeOf = (error: unknown) => (error as TRPCClientError<never>).data;

describe('history.search', () => {
  describe('when the gateway shares the process with the embedded audit store', () => {
    it('pages intents of a strategy and status, newest first, through the client', async () => {
      const idPrefix = `r-${randomUUID().slice(0, 8)}`;
      const startMs = Date.parse('2031-01-01T00:00:00.000Z');
      await store.insert(historyRows({ idPrefix, intents: 40, startMs, stepMs: 1000 }));
      await using server = await startTestServer({ env: { DATA_DIR: 'memory://' } });
      const input = {
        strategy: 'pq_vol_trader_btc',
        status: 'approved',
        from: '2031-01-01T00:00:00Z',
        limit: 2,
      };
      const first = await server.client.history.search.query(input);
      // Intents 0, 12, 24, 36 are pq_vol_trader_btc and approved (i % 3 = 0, i % 4 = 0)
      expect(first.rows.map((r) => r.intent_id)).toEqual([`${idPrefix}-36`, `${idPrefix}-24`]);
      expect(first.total).toBe(4);
      const second = await server.client.history.search.query({ ...input, cursor: first.next_cursor });
      expect(second).toMatchObject({ next_cursor: null, total: null });
      expect(second.rows.map((r) => r.intent_id)).toEqual([`${idPrefix}-12`, `${idPrefix}-0`]);
    });

    it('refuses a limit above 10,000, a long filter and a foreign cursor with BAD_REQUEST', async () => {
      await using server = await startTestServer({ env: { DATA_DIR: 'memory://' } });
      for (const input of [{ limit: 10_001 }, { strategy: 'x'.repeat(65) }, { cursor: 'abc' }]) {
        const error = await server.client.history.search.query(input).catch((e: unknown) => e);
        expect(codeOf(error)).toMatchObject({ code: 'BAD_REQUEST' });
      }
    });
  });

  describe('when the gateway has no audit store', () => {
    it('answers PRECONDITION_FAILED naming what to set', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'gamma-no-audit-'));
      onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
      await using server = await startTestServer({ env: { DATA_DIR: dataDir } });
      const error = await server.client.history.search.query({}).catch((e: unknown) => e);
      expect(codeOf(error)).toMatchObject({ code: 'PRECONDITION_FAILED' });
      expect((error as Error).message).toMatch(/DATABASE_URL/);
    });
  });
});
