import type { ProcessConfig } from '../config/process-config.ts';
import type { Logger } from '../lib/logger.ts';
import type { AuditStore } from './audit-store.ts';
import { openPgAuditStore } from './pg-audit-store.ts';
import { openPgliteAuditStore, pgliteDir, MEMORY_DATA_DIR } from './pglite-audit-store.ts';

/** Where the audit store lives (SPEC §11): Postgres at `databaseUrl`, else PGlite in `dataDir`. */
export interface AuditStoreLocation {
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** The location from the process settings; a blank `DATABASE_URL` counts as unset. */
export function auditLocationOf(
  settings: Pick<ProcessConfig, 'databaseUrl' | 'dataDir'>,
): AuditStoreLocation {
  const url = settings.databaseUrl?.trim();
  return { databaseUrl: url === undefined || url === '' ? undefined : url, dataDir: settings.dataDir };
}

/** Whether the location is the embedded database (only one process may open it). */
export const isEmbedded = (location: AuditStoreLocation): boolean => location.databaseUrl === undefined;

/** Opens (and migrates) a store of its own at a location. */
export function openAuditStore(location: AuditStoreLocation, log?: Logger): Promise<AuditStore> {
  if (location.databaseUrl !== undefined)
    return openPgAuditStore({ url: location.databaseUrl, ...(log ? { log } : {}) });
  return openPgliteAuditStore({ dataDir: location.dataDir });
}

interface Shared {
  refs: number;
  store: Promise<AuditStore>;
}

/** Stores of this process by location, so the recorder and the gateway share one PGlite instance. */
const shared = new Map<string, Shared>();

const keyOf = (location: AuditStoreLocation): string =>
  location.databaseUrl !== undefined
    ? `pg:${location.databaseUrl}`
    : `pglite:${pgliteDir(location.dataDir) ?? MEMORY_DATA_DIR}`;

/** Whether a shared store at this location is open in this process. */
export const isAuditStoreOpen = (location: AuditStoreLocation): boolean => shared.has(keyOf(location));

/**
 * The process-wide store of a location, opened on first use; each caller gets a handle whose
 * `close()` releases it, and the last release closes the store. A failed open is not cached.
 */
export async function acquireAuditStore(location: AuditStoreLocation, log?: Logger): Promise<AuditStore> {
  const key = keyOf(location);
  let entry = shared.get(key);
  if (!entry) {
    const created: Shared = { refs: 0, store: openAuditStore(location, log) };
    shared.set(key, created);
    created.store.catch(() => {
      if (shared.get(key) === created) shared.delete(key);
    });
    entry = created;
  }
  entry.refs += 1;
  const held = entry;
  let store: AuditStore;
  try {
    store = await held.store;
  } catch (error) {
    held.refs -= 1;
    throw error;
  }
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
    close: async () => {
      if (released) return;
      released = true;
      held.refs -= 1;
      if (held.refs > 0) return;
      if (shared.get(key) === held) shared.delete(key);
      await store.close();
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
