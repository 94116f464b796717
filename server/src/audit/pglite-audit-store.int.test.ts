import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditStore } from './audit-store.ts';
import { auditRow, describeAuditStoreContract } from './audit-store.contract.ts';
import { openPgliteAuditStore, pgliteClient } from './pglite-audit-store.ts';
import { SqlAuditStore } from './sql-audit-store.ts';

// One in-memory PGlite for the contract (start-up costs seconds); each test gets its own schema.
let db: PGlite;
beforeAll(async () => {
  db = await PGlite.create();
});
afterAll(() => db.close());

const schemaName = (): string => `test_${randomUUID().replaceAll('-', '')}`;

const schemas = new Map<AuditStore, string>();

describeAuditStoreContract('PGlite', {
  open: async () => {
    const schema = schemaName();
    const client = { ...pgliteClient(db), close: async () => undefined };
    const store = new SqlAuditStore(client, { schema, description: 'pglite:test' });
    schemas.set(store, schema);
    await store.migrate();
    return store;
  },
  dispose: async (store) => {
    await db.exec(`DROP SCHEMA IF EXISTS "${schemas.get(store) ?? 'none'}" CASCADE`);
    schemas.delete(store);
  },
});

describe('openPgliteAuditStore', () => {
  describe('when DATA_DIR is memory://', () => {
    it('opens a migrated in-memory store', async () => {
      const store = await openPgliteAuditStore({ dataDir: 'memory://' });
      try {
        expect(store.description).toBe('pglite:memory://');
        expect(await store.insert([auditRow('strategy.intent', '1-0')])).toBe(1);
        expect(await store.byIntent('i-1')).toHaveLength(1);
      } finally {
        await store.close();
      }
    });
  });

  describe('when DATA_DIR holds a store of the version before retention', () => {
    it('opens it, keeps its rows and compacts its old market data', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'gamma-audit-'));
      try {
        // The layout written before the watermark table existed
        const old = await PGlite.create(join(dataDir, 'pglite'));
        await old.exec(PREVIOUS_SCHEMA);
        const tick = (s: number) =>
          auditRow('market.tick', `${Date.parse('2026-03-02T10:00:00Z') + s * 1000}-0`, { intent_id: null });
        for (const row of [auditRow('strategy.intent', '1-0'), tick(0), tick(30)])
          await old.query(
            `INSERT INTO audit_events (stream, entry_id, entry_ms, entry_seq, ts, intent_id, strategy_id, symbol, message)
             VALUES ($1, $2, split_part($2, '-', 1)::bigint, 0, $3, $4, $5, $6, $7::jsonb)`,
            [
              row.stream,
              row.entry_id,
              row.ts,
              row.intent_id,
              row.strategy_id,
              row.symbol,
              JSON.stringify(row.message),
            ],
          );
        await old.close();
        const store = await openPgliteAuditStore({ dataDir });
        try {
          expect(await store.byIntent('i-1')).toEqual([auditRow('strategy.intent', '1-0')]);
          const batch = await store.compaction?.compactBatch({
            stream: 'market.tick',
            bucketMs: 60_000,
            before: '2026-03-02T10:01:00.000Z',
            maxRows: 100,
          });
          expect(batch).toMatchObject({ compacted: 1, kept: 1 });
          expect((await store.range({ stream: 'market.tick', limit: 10 })).map((r) => r.ts)).toEqual([
            tick(30).ts,
          ]);
        } finally {
          await store.close();
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });

  describe('when DATA_DIR is a folder', () => {
    it('keeps the rows in <DATA_DIR>/pglite across a reopen', async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'gamma-audit-'));
      try {
        const first = await openPgliteAuditStore({ dataDir });
        expect(first.description).toBe(`pglite:${join(dataDir, 'pglite')}`);
        await first.insert([auditRow('strategy.intent', '1-0')]);
        await first.close();
        const second = await openPgliteAuditStore({ dataDir });
        try {
          expect(await second.byIntent('i-1')).toEqual([auditRow('strategy.intent', '1-0')]);
          // PGlite's files take one opener at a time: another one is refused with a clear message
          await expect(openPgliteAuditStore({ dataDir })).rejects.toThrow(
            new RegExp(`in use by process ${process.pid} .*another DATA_DIR or a DATABASE_URL`),
          );
        } finally {
          await second.close();
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  });
});

/** The audit schema as the version before retention created it (no watermark table). */
const PREVIOUS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_events (
    stream text NOT NULL, entry_id text NOT NULL, entry_ms bigint NOT NULL, entry_seq bigint NOT NULL,
    ts timestamptz NOT NULL, intent_id text, client_order_id text, strategy_id text, symbol text,
    message jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream, entry_id)
  );
  CREATE INDEX IF NOT EXISTS audit_events_intent_idx ON audit_events (intent_id) WHERE intent_id IS NOT NULL;
  CREATE INDEX IF NOT EXISTS audit_events_client_order_idx ON audit_events (client_order_id) WHERE client_order_id IS NOT NULL;
  CREATE INDEX IF NOT EXISTS audit_events_ts_idx ON audit_events (ts);
  CREATE INDEX IF NOT EXISTS audit_events_stream_ts_idx ON audit_events (stream, ts);
`;
