import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountStore } from './account-store.ts';
import { describeAccountStoreContract } from './account-store.contract.ts';
import { hashPassword } from './password-hash.ts';
import { SqlAccountStore } from './sql-account-store.ts';
import { openPgDatabase, pgliteClient, redactUrl } from '../audit/shared-database.ts';
import type { SqlClient } from '../audit/sql-client.ts';
import { ConflictError } from '../errors/index.ts';

/** The Postgres of the integration tests (trust auth in CI): `TEST_DATABASE_URL`, else the local default. */
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

const schemaName = (): string => `test_${randomUUID().replaceAll('-', '')}`;

// One in-memory PGlite and one Postgres pool for every test (start-up costs seconds); each test gets a schema.
let lite: PGlite;
let postgres: SqlClient;
const admin = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 10_000 });
beforeAll(async () => {
  lite = await PGlite.create();
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Postgres for the account tests is not reachable at ${redactUrl(TEST_DATABASE_URL)}: ${String(error)}`,
    );
  }
  postgres = openPgDatabase(TEST_DATABASE_URL).client;
});
afterAll(async () => {
  await lite.close();
  await postgres.close();
  await admin.end();
});

const schemas = new Map<AccountStore, string>();

/** Contract hooks for stores on a shared client, each in a schema of its own, dropped afterwards. */
const onClient = (client: () => SqlClient, drop: (sql: string) => Promise<unknown>) => ({
  open: async () => {
    const schema = schemaName();
    const store = new SqlAccountStore({ ...client(), close: async () => undefined }, { schema });
    schemas.set(store, schema);
    await store.migrate();
    return store;
  },
  dispose: async (store: AccountStore) => {
    await drop(`DROP SCHEMA IF EXISTS "${schemas.get(store) ?? 'none'}" CASCADE`);
    schemas.delete(store);
  },
});

describeAccountStoreContract(
  'PGlite',
  onClient(
    () => pgliteClient(lite),
    (sql) => lite.exec(sql),
  ),
);
describeAccountStoreContract(
  'node-postgres',
  onClient(
    () => postgres,
    (sql) => admin.query(sql),
  ),
);

describe('SqlAccountStore', () => {
  describe('when migrated twice', () => {
    it('keeps its accounts', async () => {
      const schema = schemaName();
      try {
        const store = new SqlAccountStore(pgliteClient(lite), { schema });
        await store.migrate();
        await store.add({ username: 'alice', role: 'viewer', password: 'pw' });
        await store.migrate();
        expect(await store.count()).toBe(1);
      } finally {
        await lite.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    });
  });

  describe('when a password hash has older parameters', () => {
    it("still verifies it, and re-hashes it with today's at that sign-in", async () => {
      const schema = schemaName();
      try {
        const store = new SqlAccountStore(pgliteClient(lite), { schema });
        await store.migrate();
        await lite.query(
          `INSERT INTO "${schema}".accounts (username, role, password_hash) VALUES ('old', 'viewer', $1)`,
          [await hashPassword('old-password', { ln: 10, r: 8, p: 1 })],
        );
        const hashOf = async () =>
          (await lite.query<{ h: string }>(`SELECT password_hash AS h FROM "${schema}".accounts`)).rows[0]?.h;
        expect(await hashOf()).toMatch(/^\$scrypt\$ln=10,/);
        expect(await store.verifyPassword('old', 'old-password')).toMatchObject({ username: 'old' });
        expect(await hashOf()).toMatch(/^\$scrypt\$ln=16,r=8,p=1\$/);
        expect(await store.verifyPassword('old', 'old-password')).toMatchObject({ username: 'old' });
      } finally {
        await lite.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    });
  });

  describe('when an admin is demoted in a transaction not yet committed and the other admin is disabled', () => {
    it('makes the disable wait for it, then refuses it: no enabled admin would be left (Postgres)', async () => {
      const schema = schemaName();
      const tx = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await tx.connect();
      try {
        const store = new SqlAccountStore({ ...postgres, close: async () => undefined }, { schema });
        await store.migrate();
        await store.add({ username: 'alice', role: 'admin', password: 'pw' });
        await store.add({ username: 'bob', role: 'admin', password: 'pw' });
        const inTx = new SqlAccountStore(
          {
            query: async (text, params) => ({ rows: (await tx.query(text, params as unknown[])).rows }),
            exec: async (text) => void (await tx.query(text)),
            close: async () => undefined,
          },
          { schema },
        );
        await tx.query('BEGIN');
        await inTx.setRole('alice', 'viewer');

        const disabling = store.disable('bob');
        await tx.query('COMMIT');

        await expect(disabling).rejects.toThrow(ConflictError);
        expect(await store.get('bob')).toMatchObject({ role: 'admin', disabled: false });
      } finally {
        await tx.end();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    });
  });

  describe('when the schema name is not a plain identifier', () => {
    it('is refused', () => {
      expect(() => new SqlAccountStore(pgliteClient(lite), { schema: 'x"; drop' })).toThrow(
        /schema must be a lower-case identifier/,
      );
    });
  });

  describe('what it stores', () => {
    it('is an scrypt hash of the password and a SHA-256 of each token, never either', async () => {
      const schema = schemaName();
      try {
        const store = new SqlAccountStore(pgliteClient(lite), { schema });
        await store.migrate();
        await store.add({ username: 'alice', role: 'viewer', password: 'hunter2-hunter2' });
        const token = await store.createToken('alice');
        const rows = await lite.query<Record<string, unknown>>(
          `SELECT a.password_hash, t.token_hash FROM "${schema}".accounts a JOIN "${schema}".api_tokens t USING (username)`,
        );
        const [row] = rows.rows;
        expect(row?.password_hash).toMatch(/^\$scrypt\$ln=16,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
        expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
        expect(JSON.stringify(rows.rows)).not.toContain('hunter2');
        expect(JSON.stringify(rows.rows)).not.toContain(token.slice(4));
      } finally {
        await lite.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    });
  });
});
