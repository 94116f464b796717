import type { Role } from '@gamma/shared';
import type { Account, AccountStore } from '../accounts/account-store.ts';
import { ConflictError, NotFoundError } from '../errors/index.ts';
import { TEST_USERS } from './test-users.ts';

interface Entry {
  account: Account;
  password: string;
  tokens: Set<string>;
}

/**
 * Accounts in memory, for unit tests of the auth layer (plain passwords: a test double, never a real
 * store); `at` gives the timestamps.
 */
export function createMemoryAccountStore(options: { at?: () => string } = {}): AccountStore {
  const at = options.at ?? (() => '2026-03-02T09:15:04.120Z');
  const entries = new Map<string, Entry>();
  const copy = (entry: Entry): Account => ({ ...entry.account });
  const entryOf = (username: string): Entry => {
    const entry = entries.get(username);
    if (entry === undefined) throw new NotFoundError(`no account ${username}`);
    return entry;
  };
  const put = (input: { username: string; role: Role; password: string }): Account => {
    const existing = entries.get(input.username);
    const account: Account = {
      username: input.username,
      role: input.role,
      disabled: false,
      created_at: existing?.account.created_at ?? at(),
      updated_at: at(),
    };
    entries.set(input.username, { account, password: input.password, tokens: existing?.tokens ?? new Set() });
    return { ...account };
  };
  let tokenCount = 0;
  return {
    count: () => Promise.resolve(entries.size),
    get: (username) => Promise.resolve(entries.has(username) ? copy(entryOf(username)) : null),
    list: () =>
      Promise.resolve([...entries.values()].map(copy).sort((a, b) => a.username.localeCompare(b.username))),
    add: (input) =>
      entries.has(input.username)
        ? Promise.reject(new ConflictError(`account ${input.username} exists`))
        : Promise.resolve(put(input)),
    upsert: (input) => Promise.resolve(put(input)),
    setRole: async (username, role) => {
      const entry = entryOf(username);
      entry.account = { ...entry.account, role, updated_at: at() };
      return Promise.resolve(copy(entry));
    },
    disable: async (username) => {
      const entry = entryOf(username);
      entry.account = { ...entry.account, disabled: true, updated_at: at() };
      return Promise.resolve(copy(entry));
    },
    verifyPassword: (username, password) => {
      const entry = entries.get(username);
      const ok = entry !== undefined && !entry.account.disabled && entry.password === password;
      return Promise.resolve(ok ? copy(entry) : null);
    },
    createToken: (username) => {
      const entry = entryOf(username);
      tokenCount += 1;
      const token = `token-${username}-${tokenCount}`;
      entry.tokens.add(token);
      return Promise.resolve(token);
    },
    verifyToken: (token) => {
      const entry = [...entries.values()].find((e) => e.tokens.has(token) && !e.account.disabled);
      return Promise.resolve(entry === undefined ? null : copy(entry));
    },
    close: () => Promise.resolve(),
  };
}

/** A memory account store holding {@link TEST_USERS}. */
export async function createTestAccounts(): Promise<AccountStore> {
  const accounts = createMemoryAccountStore();
  for (const [username, user] of Object.entries(TEST_USERS))
    await accounts.upsert({ username, role: user.role, password: user.password });
  return accounts;
}
