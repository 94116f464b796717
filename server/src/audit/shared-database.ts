import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { ProcessConfig } from '../config/process-config.ts';
import type { Logger } from '../lib/logger.ts';
import { lockDataDir, type DirLock } from './data-dir-lock.ts';
import type { SqlClient } from './sql-client.ts';
import { InfrastructureError } from '../errors/index.ts';
import { MEMORY_DATA_DIR, pgliteDir } from './pglite-dir.ts';

/** Where the database of the audit store and the accounts lives (SPEC §11): Postgres at `databaseUrl`, else PGlite in `dataDir`. */
export interface DatabaseLocation {
  databaseUrl?: string | undefined;
  dataDir: string;
}

/** The location from the process settings; a blank `DATABASE_URL` counts as unset. */
export function databaseLocationOf(
  settings: Pick<ProcessConfig, 'databaseUrl' | 'dataDir'>,
): DatabaseLocation {
  const url = settings.databaseUrl?.trim();
  return { databaseUrl: url === undefined || url === '' ? undefined : url, dataDir: settings.dataDir };
}

/** An open database: a client whose `close()` closes it (and frees the data folder), and where it is. */
export interface OpenDatabase {
  client: SqlClient;
  description: string;
}

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

/** A PGlite instance as a {@link SqlClient}; `close()` closes the instance. */
export const pgliteClient = (db: PGlite): SqlClient => ({
  query: (text, params) => db.query<Record<string, unknown>>(text, params === undefined ? [] : [...params]),
  exec: async (text) => {
    await db.exec(text);
  },
  close: () => db.close(),
});

/**
 * Opens the embedded Postgres (PGlite) in `<dataDir>/pglite` (created when missing) under the data folder's
 * lock, or in memory for `memory://`. One process at a time may open a data folder.
 */
export async function openPgliteDatabase(dataDir: string): Promise<OpenDatabase> {
  const dir = pgliteDir(dataDir);
  const where = dir ?? MEMORY_DATA_DIR;
  let lock: DirLock | null = null;
  if (dir !== null) {
    await mkdir(dir, { recursive: true });
    lock = await lockDataDir(
      `${dir}.lock`,
      `the database (audit store, accounts): embedded Postgres in ${dir}`,
    );
  }
  let db: PGlite;
  try {
    db = dir === null ? await PGlite.create() : await PGlite.create(dir);
  } catch (error) {
    await lock?.release();
    throw new InfrastructureError(`embedded Postgres (PGlite) failed to open ${where}: ${String(error)}`, {
      cause: error,
    });
  }
  const client = pgliteClient(db);
  return {
    client: {
      ...client,
      close: async () => {
        await client.close();
        await lock?.release();
      },
    },
    description: `pglite:${where}`,
  };
}

/**
 * A node-postgres pool on `url` as a {@link SqlClient}. It connects lazily: the first statement fails with the
 * driver's error when the server cannot be reached.
 */
export function openPgDatabase(url: string, log?: Logger): OpenDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', (error) =>
    log?.warn('database: idle Postgres connection failed', { error: error.message }),
  );
  return {
    client: {
      query: async (text, params) => {
        const result = await pool.query(text, params === undefined ? [] : [...params]);
        return { rows: result.rows as Record<string, unknown>[] };
      },
      exec: async (text) => {
        await pool.query(text);
      },
      close: () => pool.end(),
    },
    description: `postgres:${redactUrl(url)}`,
  };
}

/** Opens a database of its own at a location (checking a Postgres server answers). */
export async function openDatabase(location: DatabaseLocation, log?: Logger): Promise<OpenDatabase> {
  if (location.databaseUrl === undefined) return openPgliteDatabase(location.dataDir);
  const db = openPgDatabase(location.databaseUrl, log);
  try {
    await db.client.query('SELECT 1');
  } catch (error) {
    await db.client.close().catch(() => undefined);
    throw new InfrastructureError(
      `cannot use Postgres at ${redactUrl(location.databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return db;
}

/** A process-wide database held by one user: its client stays open until every handle is released. */
export interface DatabaseHandle {
  /** Statements on the shared database; its `close()` does nothing (use `release()`) */
  client: SqlClient;
  description: string;
  /**
   * What `init` makes of this database, made once per process and database (e.g. the migrated audit store) and
   * shared by every handle; a failed `init` is not kept.
   */
  part<T>(name: string, init: (client: SqlClient) => Promise<T>): Promise<T>;
  /** Lets go of the database; the last release closes it. Idempotent. */
  release(): Promise<void>;
}

interface Entry {
  refs: number;
  db: Promise<OpenDatabase>;
  parts: Map<string, Promise<unknown>>;
}

/** Databases of this process by location: PGlite takes one instance per data folder and process. */
const open = new Map<string, Entry>();

/** The key of a location: the Postgres URL, or the PGlite folder. */
export const databaseKey = (location: DatabaseLocation): string =>
  location.databaseUrl !== undefined
    ? `pg:${location.databaseUrl}`
    : `pglite:${pgliteDir(location.dataDir) ?? MEMORY_DATA_DIR}`;

/**
 * The process-wide database of a location, opened on first use and shared by the audit store and the accounts;
 * each caller gets a {@link DatabaseHandle}, and the last `release()` closes the database. A failed open is not
 * cached.
 */
export async function acquireDatabase(location: DatabaseLocation, log?: Logger): Promise<DatabaseHandle> {
  const key = databaseKey(location);
  let entry = open.get(key);
  if (!entry) {
    const created: Entry = { refs: 0, db: openDatabase(location, log), parts: new Map() };
    open.set(key, created);
    created.db.catch(() => {
      if (open.get(key) === created) open.delete(key);
    });
    entry = created;
  }
  entry.refs += 1;
  const held = entry;
  let db: OpenDatabase;
  try {
    db = await held.db;
  } catch (error) {
    held.refs -= 1;
    throw error;
  }
  const client: SqlClient = { ...db.client, close: () => Promise.resolve() };
  let released = false;
  return {
    client,
    description: db.description,
    part: <T>(name: string, init: (c: SqlClient) => Promise<T>): Promise<T> => {
      const known = held.parts.get(name);
      if (known !== undefined) return known as Promise<T>;
      const made = init(client);
      held.parts.set(name, made);
      made.catch(() => {
        if (held.parts.get(name) === made) held.parts.delete(name);
      });
      return made;
    },
    release: async () => {
      if (released) return;
      released = true;
      held.refs -= 1;
      if (held.refs > 0) return;
      if (open.get(key) === held) open.delete(key);
      await db.client.close();
    },
  };
}
