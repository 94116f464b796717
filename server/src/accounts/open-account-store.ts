import type { Logger } from '../lib/logger.ts';
import type { AccountStore } from './account-store.ts';
import type { ScryptParams } from './password-hash.ts';
import { SqlAccountStore } from './sql-account-store.ts';
import { acquireDatabase, type DatabaseLocation } from '../audit/shared-database.ts';
import { InfrastructureError } from '../errors/index.ts';

/**
 * The accounts of a location on the process-wide database they share with the audit store (one PGlite
 * instance per data folder and process), migrated once per process; `close()` releases this handle, and the
 * last release of the database closes it.
 */
export async function acquireAccountStore(
  location: DatabaseLocation,
  options: { log?: Logger | undefined; hashParams?: ScryptParams | undefined } = {},
): Promise<AccountStore> {
  const { log, hashParams } = options;
  const db = await acquireDatabase(location, log);
  let store: SqlAccountStore;
  try {
    store = await db.part('account-store', async (client) => {
      const made = new SqlAccountStore(client, { hashParams });
      try {
        await made.migrate();
      } catch (error) {
        throw new InfrastructureError(
          `accounts: cannot use ${db.description}: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      return made;
    });
  } catch (error) {
    await db.release();
    throw error;
  }
  return {
    count: () => store.count(),
    get: (username) => store.get(username),
    list: () => store.list(),
    add: (input) => store.add(input),
    upsert: (input) => store.upsert(input),
    setRole: (username, role) => store.setRole(username, role),
    disable: (username) => store.disable(username),
    setPassword: (username, password) => store.setPassword(username, password),
    verifyPassword: (username, password) => store.verifyPassword(username, password),
    createToken: (username) => store.createToken(username),
    verifyToken: (token) => store.verifyToken(token),
    close: () => db.release(),
  };
}
