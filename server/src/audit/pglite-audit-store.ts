import type { AuditStore } from './audit-store.ts';
import { openPgliteDatabase } from './shared-database.ts';
import { SqlAuditStore } from './sql-audit-store.ts';

export { MEMORY_DATA_DIR, pgliteDir } from './pglite-dir.ts';
export { pgliteClient } from './shared-database.ts';

/**
 * Opens an audit store of its own on the embedded Postgres (PGlite) in `<dataDir>/pglite` (created when
 * missing), or in memory for `memory://`, and migrates it; `close()` closes the database. One process at a
 * time may open a data folder (in a server, use `acquireAuditStore`, which shares it with the accounts).
 */
export async function openPgliteAuditStore(options: {
  dataDir: string;
  schema?: string;
}): Promise<AuditStore> {
  const db = await openPgliteDatabase(options.dataDir);
  const store = new SqlAuditStore(db.client, { schema: options.schema, description: db.description });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
