import pg from 'pg';
import type { Logger } from '../lib/logger.ts';
import type { AuditStore } from './audit-store.ts';
import { SqlAuditStore } from './sql-audit-store.ts';
import { InfrastructureError } from '../errors/index.ts';

/** A database URL without its password, for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable DATABASE_URL>';
  }
}

/**
 * Opens the audit store on a Postgres server (`DATABASE_URL`) through a node-postgres pool, checks
 * the connection and migrates. Fails with a message naming the (redacted) URL when it cannot connect.
 */
export async function openPgAuditStore(options: {
  url: string;
  schema?: string;
  log?: Logger;
}): Promise<AuditStore> {
  const where = redactUrl(options.url);
  const pool = new pg.Pool({ connectionString: options.url, max: 4, connectionTimeoutMillis: 10_000 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', (error) =>
    options.log?.warn('audit store: idle Postgres connection failed', { error: error.message }),
  );
  const store = new SqlAuditStore(
    {
      query: async (text, params) => {
        const result = await pool.query(text, params === undefined ? [] : [...params]);
        return { rows: result.rows as Record<string, unknown>[] };
      },
      exec: async (text) => {
        await pool.query(text);
      },
      close: () => pool.end(),
    },
    { schema: options.schema, description: `postgres:${where}` },
  );
  try {
    await store.migrate();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new InfrastructureError(
      `audit store: cannot use Postgres at ${where}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return store;
}
