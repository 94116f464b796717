import type { ProcessConfig } from '../config/process-config.ts';
import type { Logger } from '../lib/logger.ts';
import type { AuditStore } from './audit-store.ts';
import { openPgAuditStore } from './pg-audit-store.ts';
import { openPgliteAuditStore } from './pglite-audit-store.ts';
import {
  acquireDatabase,
  databaseKey,
  databaseLocationOf,
  type DatabaseHandle,
  type DatabaseLocation,
} from './shared-database.ts';
import { SqlAuditStore } from './sql-audit-store.ts';
import { InfrastructureError } from '../errors/index.ts';

/** Where the audit store lives (SPEC §11): Postgres at `databaseUrl`, else PGlite in `dataDir`. */
export type AuditStoreLocation = DatabaseLocation;

/** The location from the process settings; a blank `DATABASE_URL` counts as unset. */
export const auditLocationOf = databaseLocationOf;

/** Whether the location is the embedded database (only one process may open it). */
export const isEmbedded = (location: AuditStoreLocation): boolean => location.databaseUrl === undefined;

/** Opens (and migrates) a store of its own at a location. */
export function openAuditStore(location: AuditStoreLocation, log?: Logger): Promise<AuditStore> {
  if (location.databaseUrl !== undefined)
    return openPgAuditStore({ url: location.databaseUrl, ...(log ? { log } : {}) });
  return openPgliteAuditStore({ dataDir: location.dataDir });
}

/** Audit store handles held in this process, by database: the recorder, the gateway, replay. */
const auditHandles = new Map<string, number>();

/** Whether a shared audit store at this location is open in this process. */
export const isAuditStoreOpen = (location: AuditStoreLocation): boolean =>
  (auditHandles.get(databaseKey(location)) ?? 0) > 0;

/** The migrated audit store of a shared database, made once per database (its own `close()` is a no-op). */
const sharedAuditStore = (db: DatabaseHandle): Promise<AuditStore> =>
  db.part('audit-store', async (client) => {
    const store = new SqlAuditStore(client, { description: db.description });
    try {
      await store.migrate();
    } catch (error) {
      throw new InfrastructureError(
        `audit store: cannot use ${db.description}: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    return store;
  });

/**
 * The process-wide store of a location, on the database it shares with the accounts (see `acquireDatabase`),
 * migrated on first use; each caller gets a handle whose `close()` releases it, and the last release of the
 * database closes it. A failed open is not cached.
 */
export async function acquireAuditStore(location: AuditStoreLocation, log?: Logger): Promise<AuditStore> {
  const db = await acquireDatabase(location, log);
  let store: AuditStore;
  try {
    store = await sharedAuditStore(db);
  } catch (error) {
    await db.release();
    throw error;
  }
  const key = databaseKey(location);
  auditHandles.set(key, (auditHandles.get(key) ?? 0) + 1);
  let released = false;
  return {
    description: store.description,
    migrate: () => store.migrate(),
    insert: (rows) => store.insert(rows),
    byIntent: (intentId) => store.byIntent(intentId),
    byEntry: (stream, entryId) => store.byEntry(stream, entryId),
    range: (query) => store.range(query),
    byEntryTime: (query) => store.byEntryTime(query),
    ...(store.compaction === undefined ? {} : { compaction: store.compaction }),
    ...(store.history === undefined ? {} : { history: store.history }),
    close: async () => {
      if (released) return;
      released = true;
      const left = (auditHandles.get(key) ?? 1) - 1;
      if (left > 0) auditHandles.set(key, left);
      else auditHandles.delete(key);
      await db.release();
    },
  };
}

/**
 * The store the gateway reads (explain, `audit.events`): Postgres when `DATABASE_URL` is set; the
 * embedded store only when this process already has it open (the recorder runs here), since PGlite
 * allows one process per data folder; else null (explain then uses the read model).
 */
export async function attachGatewayAuditStore(
  settings: Pick<ProcessConfig, 'databaseUrl' | 'dataDir'>,
  log: Logger,
): Promise<AuditStore | null> {
  const location = auditLocationOf(settings);
  if (isEmbedded(location) && !isAuditStoreOpen(location)) {
    log.info('no audit store in this process; explain uses the read model', { data_dir: location.dataDir });
    return null;
  }
  try {
    return await acquireAuditStore(location, log);
  } catch (error) {
    log.error('audit store unavailable; explain uses the read model', { error: String(error) });
    return null;
  }
}
