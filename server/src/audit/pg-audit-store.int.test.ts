import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditStore } from './audit-store.ts';
import { describeAuditStoreContract } from './audit-store.contract.ts';
import { openPgAuditStore, redactUrl } from './pg-audit-store.ts';

/** The Postgres of the integration tests (trust auth in CI): `TEST_DATABASE_URL`, else the local default. */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

// A separate connection drops each test's schema; an absent server fails here with its address.
const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 10_000 });
beforeAll(async () => {
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Postgres for the audit tests is not reachable at ${redactUrl(TEST_DATABASE_URL)}: ${String(error)}`,
    );
  }
});
afterAll(() => admin.end());

const schemas = new Map<AuditStore, string>();

describeAuditStoreContract('node-postgres', {
  open: async () => {
    const schema = `test_${randomUUID().replaceAll('-', '')}`;
    const store = await openPgAuditStore({ url: TEST_DATABASE_URL, schema });
    schemas.set(store, schema);
    return store;
  },
  dispose: async (store) => {
    await store.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schemas.get(store) ?? 'none'}" CASCADE`);
    schemas.delete(store);
  },
});

describe('openPgAuditStore', () => {
  describe('when Postgres cannot be reached', () => {
    it('fails naming the address without the password', async () => {
      const url = 'postgresql://gamma:secret@127.0.0.1:1/none';
      await expect(openPgAuditStore({ url })).rejects.toThrow(
        /cannot use Postgres at postgresql:\/\/gamma:\*\*\*@127\.0\.0\.1:1\/none/,
      );
    });
  });

  describe('when the schema name is not a plain identifier', () => {
    it('refuses it before connecting', async () => {
      await expect(openPgAuditStore({ url: TEST_DATABASE_URL, schema: 'x"; drop' })).rejects.toThrow(
        /schema must be a lower-case identifier/,
      );
    });
  });
});

describe('redactUrl', () => {
  it('hides the password only', () => {
    expect(redactUrl('postgres://u:p@h:5432/db')).toBe('postgres://u:***@h:5432/db');
    expect(redactUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });
});
