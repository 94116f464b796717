import type { Account, AccountStore } from '../account-store.ts';
import { acquireAccountStore } from '../open-account-store.ts';
import { scryptParamsOf } from '../password-hash.ts';
import { parseUsersArgs, USERS_USAGE, type UsersCommand } from './users-args.ts';
import { lockHolder } from '../../audit/data-dir-lock.ts';
import { MEMORY_DATA_DIR, pgliteLockPath } from '../../audit/pglite-dir.ts';
import { databaseLocationOf } from '../../audit/shared-database.ts';
import { loadConfig } from '../../config/app-config.ts';
import type { EnvSource } from '../../config/setting.ts';
import { ConflictError, InvalidInputError, InvalidStateError, NotFoundError } from '../../errors/index.ts';
import type { Logger } from '../../lib/logger.ts';

/** What the command reads and writes (the process's, or a test's). */
export interface UsersIo {
  env: EnvSource;
  /** One line of output (stdout) */
  write(line: string): void;
  /** A line for the person at the terminal (stderr) */
  note(line: string): void;
  log: Logger;
  /** The new password of an account (a prompt or stdin) */
  readPassword(username: string, fromStdin: boolean): Promise<string>;
}

/** The accounts table as `list` prints it. */
export function formatAccounts(accounts: readonly Account[]): string[] {
  const rows = [
    ['USERNAME', 'ROLE', 'DISABLED', 'CREATED'],
    ...accounts.map((a) => [
      a.username,
      a.role,
      a.disabled ? 'yes' : 'no',
      a.created_at.replace(/\.\d+Z$/, 'Z'),
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** Refuses an embedded database the CLI cannot open: in memory, or held by a running process. */
async function checkReachable(dataDir: string, embedded: boolean): Promise<void> {
  if (!embedded) return;
  if (dataDir === MEMORY_DATA_DIR)
    throw new InvalidInputError(
      'users: DATA_DIR is memory://, so the accounts live only inside the running server; set DATA_DIR to its folder or DATABASE_URL to its Postgres',
    );
  const lock = pgliteLockPath(dataDir);
  const holder = lock === null ? null : await lockHolder(lock);
  if (holder !== null)
    throw new InvalidStateError(
      `users: the embedded database in ${dataDir} is in use by a running Gamma process (pid ${holder}; lock ${lock}), and only one process may open it. Stop the server (Ctrl-C in its terminal, or kill ${holder}) and run this again, or run Gamma on a Postgres server (DATABASE_URL) so both can use it at once.`,
    );
}

async function run(command: Exclude<UsersCommand, { kind: 'help' }>, store: AccountStore, io: UsersIo) {
  switch (command.kind) {
    case 'list': {
      const accounts = await store.list();
      if (accounts.length === 0) io.note('no accounts yet (the gateway creates admin at its first start)');
      else for (const line of formatAccounts(accounts)) io.write(line);
      return;
    }
    case 'add': {
      // Checked before asking for the password, so nobody types one for nothing
      if ((await store.get(command.username)) !== null)
        throw new ConflictError(`users: an account named "${command.username}" exists already`);
      const password = await io.readPassword(command.username, command.passwordStdin);
      const account = await store.add({ username: command.username, role: command.role, password });
      io.write(`added ${account.username} (${account.role})`);
      return;
    }
    case 'set-role': {
      const account = await store.setRole(command.username, command.role);
      io.write(`${account.username} is now ${account.role}`);
      return;
    }
    case 'set-password': {
      // Checked before asking for the password, so nobody types one for nothing
      if ((await store.get(command.username)) === null)
        throw new NotFoundError(`users: no account named "${command.username}"`);
      const password = await io.readPassword(command.username, command.passwordStdin);
      const account = await store.setPassword(command.username, password);
      io.write(`${account.username} has a new password`);
      io.note(
        `${account.username}'s sessions already signed in go on (this command does not reach Redis) until they end by themselves (SESSION_IDLE_MIN, SESSION_MAX_H); auth.changePassword ends them, and so does disable`,
      );
      return;
    }
    case 'disable': {
      const account = await store.disable(command.username);
      io.write(
        `${account.username} is disabled: it cannot sign in, its sessions end and its API tokens are revoked`,
      );
      return;
    }
    case 'token': {
      const token = await store.createToken(command.username);
      io.note(
        `a new API token for ${command.username}, shown this once (only its hash is kept); send it as "Authorization: Bearer <token>":`,
      );
      io.write(token);
      return;
    }
  }
}

/**
 * `npm run users -- <command>`: manages the accounts in the database of the process settings (DATABASE_URL,
 * else the embedded one in DATA_DIR, which must not be held by a running server).
 */
export async function runUsersCommand(argv: readonly string[], io: UsersIo): Promise<void> {
  const command = parseUsersArgs(argv);
  if (command.kind === 'help') {
    for (const line of USERS_USAGE.split('\n')) io.write(line);
    return;
  }
  const settings = loadConfig(io.env).process;
  const location = databaseLocationOf(settings);
  await checkReachable(settings.dataDir, location.databaseUrl === undefined);
  const store = await acquireAccountStore(location, {
    log: io.log,
    hashParams: scryptParamsOf(settings.passwordHashCost),
  });
  try {
    await run(command, store, io);
  } finally {
    await store.close();
  }
}
