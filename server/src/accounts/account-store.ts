import type { Role } from '@gamma/shared';

/** A user account (never its password or token hashes). */
export interface Account {
  username: string;
  role: Role;
  /** A disabled account cannot sign in, and its sessions and tokens stop working */
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

/**
 * Accounts in the audit store's Postgres (PGlite by default, `DATABASE_URL` otherwise). Passwords are kept as
 * scrypt hashes and API tokens as hashes; neither is ever returned or logged.
 */
export interface AccountStore {
  /** How many accounts exist (disabled included): 0 on a first start */
  count(): Promise<number>;
  get(username: string): Promise<Account | null>;
  /** Every account, by username */
  list(): Promise<Account[]>;
  /** Creates an account; ConflictError when the username exists */
  add(input: { username: string; role: Role; password: string }): Promise<Account>;
  /** Creates or updates (role, password, enabled again): what `GAMMA_USERS` does at start */
  upsert(input: { username: string; role: Role; password: string }): Promise<Account>;
  /** NotFoundError when there is no such account */
  setRole(username: string, role: Role): Promise<Account>;
  /** NotFoundError when there is no such account */
  disable(username: string): Promise<Account>;
  /**
   * Replaces the password (a disabled account's too; it stays disabled). Sessions and API tokens are left
   * alone: ending sessions is the caller's. NotFoundError when there is no such account.
   */
  setPassword(username: string, password: string): Promise<Account>;
  /** The enabled account whose password this is, else null (unknown, disabled or wrong password alike) */
  verifyPassword(username: string, password: string): Promise<Account | null>;
  /** A new API token for an enabled account: the plain token, shown once; only its hash is stored */
  createToken(username: string): Promise<string>;
  /** The enabled account a token belongs to, else null */
  verifyToken(token: string): Promise<Account | null>;
  close(): Promise<void>;
}
