import type { Logger } from '../lib/logger.ts';
import type { AuditStore } from './audit-store.ts';
import { openPgDatabase, redactUrl } from './shared-database.ts';
import { SqlAuditStore } from './sql-audit-store.ts';
import { InfrastructureError } from '../errors/index.ts';

export { redactUrl } from './shared-database.ts';

/**
 * Opens the audit store on a Postgres server (`DATABASE_URL`) through a node-postgres pool of its own, checks
 * the connection and migrates. Fails with a message naming the (redacted) URL when it cannot connect.
 */
export async function openPgAuditStore(options: {
  url: string;
  schema?: string;
  log?: Logger;
}): Promise<AuditStore> {
  const db = openPgDatabase(options.url, options.log);
  const store = new SqlAuditStore(db.client, { schema: options.schema, description: db.description });
  try {
    await store.migrate();
  } catch (error) {
    await db.client.close().catch(() => undefined);
    throw new InfrastructureError(
      `audit store: cannot use Postgres at ${redactUrl(options.url)}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return store;
}
