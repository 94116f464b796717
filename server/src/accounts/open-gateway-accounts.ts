import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ProcessConfig } from '../config/process-config.ts';
import type { Logger } from '../lib/logger.ts';
import type { AccountStore } from './account-store.ts';
import { acquireAccountStore } from './open-account-store.ts';
import { scryptParamsOf } from './password-hash.ts';
import { databaseLocationOf } from '../audit/shared-database.ts';
import { MEMORY_DATA_DIR } from '../audit/pglite-dir.ts';
import { ConflictError } from '../errors/index.ts';

/** The account a first start creates when there is none. */
export const INITIAL_ADMIN = 'admin';
/** The file in `DATA_DIR` holding the first admin's password (mode 600). */
export const INITIAL_ADMIN_PASSWORD_FILE = 'initial-admin-password';

/** Where `openGatewayAccounts` prints the first admin's password; default: stdout. */
export interface GatewayAccountsOptions {
  print?: (text: string) => void;
}

/** Where the first admin's password is written for a `DATA_DIR` (null for `memory://`). */
export const initialAdminPasswordPath = (dataDir: string): string | null =>
  dataDir === MEMORY_DATA_DIR ? null : resolve(join(dataDir, INITIAL_ADMIN_PASSWORD_FILE));

/** The block printed once at the first start. */
export function initialAdminBanner(password: string, file: string | null): string {
  const rule = '='.repeat(72);
  return [
    '',
    rule,
    'Gamma: no account existed, so one was created. Sign in with:',
    `  username  ${INITIAL_ADMIN}`,
    `  password  ${password}`,
    ...(file === null
      ? [
          '  (this password is shown only here: it is in no file)',
          'Change it with auth.changePassword and add accounts with users.add, from a script (the users',
          `command cannot reach ${MEMORY_DATA_DIR}).`,
        ]
      : [
          `  (also in ${file}, readable by its owner only: delete it once you have changed or noted it)`,
          `Change it with \`npm run users -- set-password ${INITIAL_ADMIN}\` (with Gamma stopped, on the embedded`,
          'database) or from a script with auth.changePassword.',
          'Add your own accounts with `npm run users -- add <name> --role <role>`; `npm run users` needs the',
          'desk stopped when it runs on the embedded database (DATA_DIR without DATABASE_URL).',
        ]),
    rule,
    '',
    '',
  ].join('\n');
}

async function createInitialAdmin(
  accounts: AccountStore,
  settings: ProcessConfig,
  deps: { log: Logger; print: (text: string) => void },
): Promise<void> {
  const password = randomBytes(18).toString('base64url');
  try {
    await accounts.add({ username: INITIAL_ADMIN, role: 'admin', password });
  } catch (error) {
    // Another gateway on the same Postgres created it first
    if (error instanceof ConflictError) return;
    throw error;
  }
  let file = initialAdminPasswordPath(settings.dataDir);
  if (file !== null) {
    try {
      // A new file (an old one, or a link in its place, is removed first), so it is never readable by others
      await rm(file, { force: true });
      await writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // The terminal still shows the password, so the desk starts
      deps.log.error('initial admin password file not written', { file, error: String(error) });
      file = null;
    }
  }
  deps.print(initialAdminBanner(password, file));
  deps.log.info('initial admin account created', { username: INITIAL_ADMIN, ...(file ? { file } : {}) });
}

/**
 * The gateway's accounts: opens them on the database the audit store uses (the same PGlite instance when both
 * run in this process), migrates, creates or updates every `GAMMA_USERS` account, and when no account exists
 * creates `admin` with a random password, printed once and written to `DATA_DIR/initial-admin-password`
 * (mode 600; not for `memory://`). The caller closes the store.
 */
export async function openGatewayAccounts(
  settings: ProcessConfig,
  log: Logger,
  options: GatewayAccountsOptions = {},
): Promise<AccountStore> {
  const accounts = await acquireAccountStore(databaseLocationOf(settings), {
    log,
    hashParams: scryptParamsOf(settings.passwordHashCost),
  });
  try {
    for (const user of settings.gammaUsers) {
      await accounts.upsert(user);
      log.info('account from GAMMA_USERS', { username: user.username, role: user.role });
    }
    if ((await accounts.count()) === 0)
      await createInitialAdmin(accounts, settings, {
        log,
        print: options.print ?? ((text) => process.stdout.write(text)),
      });
  } catch (error) {
    await accounts.close();
    throw error;
  }
  return accounts;
}
