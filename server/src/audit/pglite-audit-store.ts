import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { AuditStore } from './audit-store.ts';
import { lockDataDir, type DirLock } from './data-dir-lock.ts';
import { SqlAuditStore } from './sql-audit-store.ts';
import type { SqlClient } from './sql-client.ts';
import { InfrastructureError } from '../errors/index.ts';

/** `DATA_DIR` value that keeps the embedded database in memory (tests, throw-away runs). */
export const MEMORY_DATA_DIR = 'memory://';

/** Where PGlite keeps its files for a `DATA_DIR`: `<DATA_DIR>/pglite`, or null for memory. */
export const pgliteDir = (dataDir: string): string | null =>
  dataDir === MEMORY_DATA_DIR ? null : resolve(join(dataDir, 'pglite'));

/** A PGlite instance as the audit store's {@link SqlClient}; `close()` closes the instance. */
export const pgliteClient = (db: PGlite): SqlClient => ({
  query: (text, params) => db.query<Record<string, unknown>>(text, params === undefined ? [] : [...params]),
  exec: async (text) => {
    await db.exec(text);
  },
  close: () => db.close(),
});

/**
 * Opens the embedded Postgres (PGlite) audit store in `<dataDir>/pglite` (created when missing), or in
 * memory for `memory://`, and migrates it. One process at a time may open a data folder.
 */
export async function openPgliteAuditStore(options: {
  dataDir: string;
  schema?: string;
}): Promise<AuditStore> {
  const dir = pgliteDir(options.dataDir);
  const where = dir ?? MEMORY_DATA_DIR;
  let lock: DirLock | null = null;
  if (dir !== null) {
    await mkdir(dir, { recursive: true });
    lock = await lockDataDir(`${dir}.lock`, `audit store: embedded Postgres in ${dir}`);
  }
  let db: PGlite;
  try {
    db = dir === null ? await PGlite.create() : await PGlite.create(dir);
  } catch (error) {
    await lock?.release();
    throw new InfrastructureError(
      `audit store: embedded Postgres (PGlite) failed to open ${where}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  const client = pgliteClient(db);
  const store = new SqlAuditStore(
    {
      ...client,
      close: async () => {
        await client.close();
        await lock?.release();
      },
    },
    { schema: options.schema, description: `pglite:${where}` },
  );
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
