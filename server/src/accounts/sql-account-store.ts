import { RoleSchema, type Role } from '@gamma/shared';
import type { Account, AccountStore } from './account-store.ts';
import { checkPassword, lookupName, parseRole, parseUsername } from './account-input.ts';
import { KEEPS_AN_ADMIN, lastAdminGuard, refuseUnchanged } from './last-admin-guard.ts';
import { apiTokenHash, isApiTokenShaped, newApiToken } from './api-token.ts';
import * as passwords from './password-hash.ts';
import type { SqlClient } from '../audit/sql-client.ts';
import {
  ConfigError,
  ConflictError,
  InvalidStateError,
  InvariantError,
  NotFoundError,
} from '../errors/index.ts';

const IDENT_RE = /^[a-z_][a-z0-9_]{0,62}$/;
const ACCOUNT_COLUMNS = 'username, role, disabled, created_at, updated_at';

/** Where the account tables live: a schema (created when missing) or the connection's default. */
export interface SqlAccountStoreOptions {
  /** A plain lower-case identifier; default: none (the `search_path`, i.e. `public`) */
  schema?: string | undefined;
  /** The scrypt parameters of new hashes (`PASSWORD_HASH_COST` sets ln); default `SCRYPT_PARAMS` */
  hashParams?: passwords.ScryptParams | undefined;
}

const iso = (value: unknown): string =>
  value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

function accountOf(raw: Record<string, unknown>): Account {
  const role = RoleSchema.safeParse(raw.role);
  if (!role.success) throw new InvariantError(`accounts: "${String(raw.username)}" has an unknown role`);
  return {
    username: String(raw.username),
    role: role.data,
    disabled: raw.disabled === true,
    created_at: iso(raw.created_at),
    updated_at: iso(raw.updated_at),
  };
}

export { checkPassword, parseRole, parseUsername } from './account-input.ts';

/**
 * The accounts over any {@link SqlClient} (PGlite or node-postgres): tables `accounts` (scrypt password
 * hashes) and `api_tokens` (SHA-256 of each token), created by `migrate()` like the audit tables, with
 * `IF NOT EXISTS` so every start may run it.
 */
export class SqlAccountStore implements AccountStore {
  private readonly accounts: string;
  private readonly tokens: string;
  private readonly schema: string | undefined;
  private readonly hashParams: passwords.ScryptParams;

  constructor(
    private readonly client: SqlClient,
    options: SqlAccountStoreOptions = {},
  ) {
    if (options.schema !== undefined && !IDENT_RE.test(options.schema))
      throw new ConfigError(`accounts: schema must be a lower-case identifier, got "${options.schema}"`);
    this.schema = options.schema;
    this.hashParams = options.hashParams ?? passwords.SCRYPT_PARAMS;
    const qualify = (name: string): string =>
      options.schema === undefined ? name : `"${options.schema}".${name}`;
    this.accounts = qualify('accounts');
    this.tokens = qualify('api_tokens');
  }

  async migrate(): Promise<void> {
    // Made now, so the first sign-in of an unknown user does not take twice as long as a wrong password
    void passwords.dummyPasswordHash(this.hashParams);
    const prefix = this.schema === undefined ? '' : `${this.schema}_`;
    await this.client.exec(`
      ${this.schema === undefined ? '' : `CREATE SCHEMA IF NOT EXISTS "${this.schema}";`}
      CREATE TABLE IF NOT EXISTS ${this.accounts} (
        username text PRIMARY KEY,
        role text NOT NULL,
        password_hash text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS ${this.tokens} (
        token_hash text PRIMARY KEY,
        username text NOT NULL REFERENCES ${this.accounts} (username) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX IF NOT EXISTS ${prefix}api_tokens_username_idx ON ${this.tokens} (username);
    `);
  }

  async count(): Promise<number> {
    const result = await this.client.query(`SELECT count(*)::int AS n FROM ${this.accounts}`);
    return Number(result.rows[0]?.n ?? 0);
  }

  async get(username: string): Promise<Account | null> {
    const name = lookupName(username);
    if (name === null) return null;
    const result = await this.client.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM ${this.accounts} WHERE username = $1`,
      [name],
    );
    const [raw] = result.rows;
    return raw === undefined ? null : accountOf(raw);
  }

  async list(): Promise<Account[]> {
    const result = await this.client.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM ${this.accounts} ORDER BY username`,
    );
    return result.rows.map(accountOf);
  }

  async add(input: { username: string; role: Role; password: string }): Promise<Account> {
    const username = parseUsername(input.username);
    const role = parseRole(input.role);
    const hash = await passwords.hashPassword(checkPassword(input.password), this.hashParams);
    const result = await this.client.query(
      `INSERT INTO ${this.accounts} (username, role, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (username) DO NOTHING
       RETURNING ${ACCOUNT_COLUMNS}`,
      [username, role, hash],
    );
    const [raw] = result.rows;
    if (raw === undefined) throw new ConflictError(`an account named "${username}" exists already`);
    return accountOf(raw);
  }

  async upsert(input: { username: string; role: Role; password: string }): Promise<Account> {
    const username = parseUsername(input.username);
    const role = parseRole(input.role);
    const password = checkPassword(input.password);
    const current = await this.hashOf(username);
    // Unchanged (the usual restart with the same GAMMA_USERS): nothing is written
    if (
      current !== null &&
      current.account.role === role &&
      !current.account.disabled &&
      !passwords.needsRehash(current.hash, this.hashParams) &&
      (await passwords.verifyPassword(password, current.hash))
    )
      return current.account;
    const hash = await passwords.hashPassword(password, this.hashParams);
    const result = await this.client.query(
      `INSERT INTO ${this.accounts} (username, role, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (username) DO UPDATE
         SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash, disabled = false, updated_at = now()
       RETURNING ${ACCOUNT_COLUMNS}`,
      [username, role, hash],
    );
    const [raw] = result.rows;
    if (raw === undefined) throw new InvariantError(`accounts: upsert of "${username}" returned no row`);
    return accountOf(raw);
  }

  /** NotFoundError; ConflictError when no enabled admin would be left (see last-admin-guard.ts) */
  async setRole(username: string, role: Role): Promise<Account> {
    const name = parseUsername(username);
    const result = await this.client.query(
      `WITH ${lastAdminGuard(this.accounts)}
       UPDATE ${this.accounts} SET role = $2, updated_at = now()
       WHERE username = $1 AND ($2 = 'admin' OR ${KEEPS_AN_ADMIN})
       RETURNING ${ACCOUNT_COLUMNS}`,
      [name, parseRole(role)],
    );
    const [raw] = result.rows;
    if (raw === undefined) return refuseUnchanged(this, name, 'demoting');
    return accountOf(raw);
  }

  /** Disables an account and drops its tokens; NotFoundError / ConflictError as {@link setRole}. */
  async disable(username: string): Promise<Account> {
    const name = parseUsername(username);
    // Its tokens go with it, so enabling the account again (upsert) does not revive them
    const result = await this.client.query(
      `WITH ${lastAdminGuard(this.accounts)}, updated AS (UPDATE ${this.accounts}
         SET disabled = true, updated_at = now() WHERE username = $1 AND ${KEEPS_AN_ADMIN}
         RETURNING ${ACCOUNT_COLUMNS}),
       dropped AS (DELETE FROM ${this.tokens} WHERE username IN (SELECT username FROM updated))
       SELECT * FROM updated`,
      [name],
    );
    const [raw] = result.rows;
    if (raw === undefined) return refuseUnchanged(this, name, 'disabling');
    return accountOf(raw);
  }

  async setPassword(username: string, password: string): Promise<Account> {
    const name = parseUsername(username);
    const hash = await passwords.hashPassword(checkPassword(password), this.hashParams);
    const result = await this.client.query(
      `UPDATE ${this.accounts} SET password_hash = $2, updated_at = now() WHERE username = $1
       RETURNING ${ACCOUNT_COLUMNS}`,
      [name, hash],
    );
    const [raw] = result.rows;
    if (raw === undefined) throw new NotFoundError(`no account named "${name}"`);
    return accountOf(raw);
  }

  async verifyPassword(username: string, password: string): Promise<Account | null> {
    const name = lookupName(username);
    const current = name === null ? null : await this.hashOf(name);
    if (current === null || current.account.disabled) {
      // As long as a wrong password, so the time does not tell which usernames exist
      await passwords.verifyPassword(password, await passwords.dummyPasswordHash(this.hashParams));
      return null;
    }
    if (!(await passwords.verifyPassword(password, current.hash))) return null;
    if (passwords.needsRehash(current.hash, this.hashParams))
      await this.client.query(`UPDATE ${this.accounts} SET password_hash = $2 WHERE username = $1`, [
        current.account.username,
        await passwords.hashPassword(password, this.hashParams),
      ]);
    return current.account;
  }

  async createToken(username: string): Promise<string> {
    const name = parseUsername(username);
    const account = await this.get(name);
    if (account === null) throw new NotFoundError(`no account named "${name}"`);
    if (account.disabled) throw new InvalidStateError(`the account "${name}" is disabled`);
    const token = newApiToken();
    await this.client.query(`INSERT INTO ${this.tokens} (token_hash, username) VALUES ($1, $2)`, [
      apiTokenHash(token),
      name,
    ]);
    return token;
  }

  async verifyToken(token: string): Promise<Account | null> {
    if (!isApiTokenShaped(token)) return null;
    const result = await this.client.query(
      `SELECT ${ACCOUNT_COLUMNS.split(', ')
        .map((c) => `a.${c}`)
        .join(', ')}
       FROM ${this.tokens} t JOIN ${this.accounts} a ON a.username = t.username
       WHERE t.token_hash = $1 AND NOT a.disabled`,
      [apiTokenHash(token)],
    );
    const [raw] = result.rows;
    return raw === undefined ? null : accountOf(raw);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** An account with its password hash, or null. */
  private async hashOf(username: string): Promise<{ account: Account; hash: string } | null> {
    const result = await this.client.query(
      `SELECT ${ACCOUNT_COLUMNS}, password_hash FROM ${this.accounts} WHERE username = $1`,
      [username],
    );
    const [raw] = result.rows;
    return raw === undefined ? null : { account: accountOf(raw), hash: String(raw.password_hash) };
  }
}
