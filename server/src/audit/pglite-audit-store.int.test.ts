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
