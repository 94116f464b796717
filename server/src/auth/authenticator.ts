import type { IncomingHttpHeaders } from 'node:http';
import {
  UsernameSchema,
  type AuthUser,
  type ChangePasswordInput,
  type LoginInput,
  type Role,
} from '@gamma/shared';
import type { Account, AccountStore } from '../accounts/account-store.ts';
import type { ProcessConfig } from '../config/process-config.ts';
import { InvalidInputError, TooManyRequestsError, UnauthorizedError } from '../errors/index.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Stores } from '../stores/stores.ts';
import type { SessionRecord } from '../stores/sessions/session-store.ts';
import { credentialOf, newSessionId, sessionIdHash, type Credential } from './credentials.ts';
import {
  LOGIN_WINDOW_MS,
  MAX_LOGIN_FAILURES,
  loginSubjects,
  loginWindowOf,
  retryAfterS,
  shownUsername,
  throttledSubject,
} from './login-throttle.ts';
import { Semaphore } from '../lib/semaphore.ts';
import { isSessionLive, sessionEndMs, sessionTimeoutsOf, type SessionTimeouts } from './session-timeouts.ts';

/**
 * Who a request or socket acts for: `ctx.auth` of the tRPC context. `sessionId` is the session's id hash
 * (what {@link SessionEnded} names; never the cookie value), null for a bearer token.
 */
export interface AuthContext {
  username: string;
  role: Role;
  sessionId: string | null;
}

/** Why a session ended. */
export type SessionEndReason = 'logout' | 'expired' | 'disabled' | 'password_changed';

/**
 * A session that ended in this process. `sessionId` null means every session and token of `username`
 * (the user was disabled): close every socket of that user.
 */
export interface SessionEnded {
  username: string;
  sessionId: string | null;
  reason: SessionEndReason;
}

/** A successful sign-in: who, and the new session id to hand the browser as its cookie. */
export interface SignedIn {
  user: AuthUser;
  /** The cookie value (shown to this client only, never stored or logged) */
  sessionId: string;
  /** The cookie's Max-Age: the session's absolute lifetime, s */
  maxAgeS: number;
}

/** What the authenticator needs. */
export interface AuthenticatorDeps {
  stores: Pick<Stores, 'sessions' | 'loginFailures'>;
  accounts: AccountStore;
  clock: Clock;
  settings: Pick<ProcessConfig, 'sessionIdleMin' | 'sessionMaxH'>;
  log: Logger;
}

/**
 * Sign-in, sessions and bearer tokens of the gateway (issue 10). Every request resolves its account anew,
 * so a disabled user or a changed role counts from the next request on.
 *
 * For the WebSocket side (server/src/http/gateway-server.ts): `resolveAuth(upgrade.headers)` tells who
 * opens a socket (null: refuse it), and `onSessionEnded` says when a socket must close: a logout, a user
 * disabled (sessionId null: all of that user's sockets), or a session found expired. A session also
 * expires without anyone asking: re-check open sockets with `resolveAuth(headers, { refresh: false })`
 * now and then (null: close), which also reports the expiry through `onSessionEnded`.
 */
/** Password checks (scrypt, memory- and CPU-hard) one process runs at once; a flood of sign-ins waits. */
export const MAX_CONCURRENT_PASSWORD_CHECKS = 4;

export class Authenticator {
  private readonly passwordChecks = new Semaphore(MAX_CONCURRENT_PASSWORD_CHECKS);
  private readonly listeners = new Set<(ended: SessionEnded) => void>();
  private readonly timeouts: SessionTimeouts;

  constructor(private readonly deps: AuthenticatorDeps) {
    this.timeouts = sessionTimeoutsOf(deps.settings);
  }

  /** Calls `listener` for every session that ends in this process; returns the unsubscribe. */
  onSessionEnded(listener: (ended: SessionEnded) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Who the headers (a request or a WebSocket upgrade) authenticate: a bearer token, else the session cookie;
   * null when neither is valid. `refresh` (default true: an HTTP request) restarts the session's idle time.
   */
  async resolveAuth(
    headers: IncomingHttpHeaders,
    options: { refresh?: boolean } = {},
  ): Promise<AuthContext | null> {
    return this.resolveCredential(credentialOf(headers), options.refresh ?? true);
  }

  /**
   * Signs in: a new session (any session the request carried ends), or UNAUTHORIZED / TOO_MANY_REQUESTS.
   *
   * The attempt is counted for the username and the address BEFORE the password is checked, in one atomic
   * step that refuses when either already has {@link MAX_LOGIN_FAILURES} (failed or still being checked),
   * so concurrent attempts (a batch, parallel requests, several gateways) check at most that many passwords
   * a minute. A wrong password keeps its count; a right one hands it back, so a success costs nothing and
   * never clears earlier failures. At most {@link MAX_CONCURRENT_PASSWORD_CHECKS} scrypt checks run at once
   * in this process; the others wait their turn.
   */
  async login(
    input: LoginInput,
    request: { remoteAddress: string | null; headers: IncomingHttpHeaders },
  ): Promise<SignedIn> {
    const parsed = UsernameSchema.safeParse(input.username);
    const username = parsed.success ? parsed.data : input.username.trim().toLowerCase();
    const nowMs = this.deps.clock.now();
    // A name that is no username counts as an attempt, but no password is checked
    const account = await this.throttledCheck({
      username,
      password: parsed.success ? input.password : null,
      remoteAddress: request.remoteAddress,
      nowMs,
    });
    if (account === null) {
      // A name that is no username is often a password typed in the wrong field: never logged
      this.deps.log.warn('sign-in refused', {
        username: shownUsername(input.username),
        address: request.remoteAddress,
      });
      throw new UnauthorizedError('wrong username or password');
    }
    await this.endCarriedSession(request.headers);
    return this.createSession(account, nowMs);
  }

  /** Ends the session of `auth` (a bearer token has none); the caller clears the cookie. */
  async logout(auth: AuthContext | null): Promise<void> {
    if (auth?.sessionId == null) return;
    if (await this.deps.stores.sessions.delete(auth.sessionId))
      this.emit({ username: auth.username, sessionId: auth.sessionId, reason: 'logout' });
  }

  /** Ends every session of a user (after disabling the account: its tokens stop working too). */
  async endUserSessions(username: string): Promise<void> {
    const ended = await this.deps.stores.sessions.deleteUser(username);
    this.deps.log.info('sessions ended', { username, sessions: ended.length, reason: 'disabled' });
    this.emit({ username, sessionId: null, reason: 'disabled' });
  }

  /**
   * Changes the signed-in user's own password. The current one must be right: a wrong one is BAD_REQUEST (not
   * FORBIDDEN, which says a role is missing: the console and the role walk read it so) and counts as a
   * failed sign-in of the user and the address (the sign-in throttle applies here too, so a borrowed session cannot guess it). Then every other session of the user ends; the one asking
   * (`auth.sessionId`) stays, and so do API tokens. How many sessions ended.
   */
  async changePassword(
    auth: AuthContext,
    input: ChangePasswordInput,
    request: { remoteAddress: string | null },
  ): Promise<{ endedSessions: number }> {
    const { stores, accounts, clock } = this.deps;
    // Counted and handed back as a sign-in's attempt (see login)
    const account = await this.throttledCheck({
      username: auth.username,
      password: input.currentPassword,
      remoteAddress: request.remoteAddress,
      nowMs: clock.now(),
    });
    if (account === null) {
      this.deps.log.warn('password change refused', {
        username: auth.username,
        address: request.remoteAddress,
      });
      throw new InvalidInputError('currentPassword is wrong: the password is unchanged');
    }
    await this.passwordChecks.run(() => accounts.setPassword(auth.username, input.newPassword));
    const ended = await stores.sessions.deleteUser(auth.username, { except: auth.sessionId ?? undefined });
    this.deps.log.info('password changed', { username: auth.username, sessions_ended: ended.length });
    for (const sessionId of ended)
      this.emit({ username: auth.username, sessionId, reason: 'password_changed' });
    return { endedSessions: ended.length };
  }

  /**
   * A password check under the sign-in throttle: the attempt is counted for the user and the address before
   * the check (TOO_MANY_REQUESTS when either has {@link MAX_LOGIN_FAILURES} already) and handed back when the
   * password is right or the store failed. `password` null: the attempt counts and nothing is checked.
   */
  private async throttledCheck(attempt: {
    username: string;
    password: string | null;
    remoteAddress: string | null;
    nowMs: number;
  }): Promise<Account | null> {
    const { stores, accounts } = this.deps;
    const { username, password, nowMs } = attempt;
    const window = loginWindowOf(nowMs);
    const subjects = loginSubjects(username, attempt.remoteAddress);
    const { reserved, counts } = await stores.loginFailures.reserve(subjects, window, {
      limit: MAX_LOGIN_FAILURES,
      ttlMs: LOGIN_WINDOW_MS * 2,
    });
    if (!reserved) {
      const retry = retryAfterS(nowMs);
      const throttled = throttledSubject(subjects, counts) ?? 'this sign-in';
      throw new TooManyRequestsError(`too many failed sign-ins for ${throttled}: try again in ${retry} s`, {
        retryAfterS: retry,
      });
    }
    let account: Account | null;
    try {
      account =
        password === null
          ? null
          : await this.passwordChecks.run(() => accounts.verifyPassword(username, password));
    } catch (error) {
      // Not a wrong password (the store failed): the attempt does not count
      await stores.loginFailures.release(subjects, window);
      throw error;
    }
    if (account !== null) await stores.loginFailures.release(subjects, window);
    return account;
  }

  private async createSession(account: Account, nowMs: number): Promise<SignedIn> {
    const sessionId = newSessionId();
    const record: SessionRecord = { username: account.username, created_ms: nowMs, last_seen_ms: nowMs };
    await this.deps.stores.sessions.create(sessionIdHash(sessionId), record, {
      ttlMs: sessionEndMs(record, this.timeouts) - nowMs,
      userTtlMs: this.timeouts.maxMs,
    });
    this.deps.log.info('signed in', { username: account.username, role: account.role });
    return {
      user: { username: account.username, role: account.role },
      sessionId,
      maxAgeS: this.timeouts.maxMs / 1000,
    };
  }

  /** Rotation: a sign-in never keeps the session the browser had, whoever it belonged to. */
  private async endCarriedSession(headers: IncomingHttpHeaders): Promise<void> {
    const carried = credentialOf(headers);
    if (carried?.kind !== 'session') return;
    const idHash = sessionIdHash(carried.sessionId);
    const record = await this.deps.stores.sessions.get(idHash);
    if (record !== null && (await this.deps.stores.sessions.delete(idHash)))
      this.emit({ username: record.username, sessionId: idHash, reason: 'logout' });
  }

  private async resolveCredential(credential: Credential, refresh: boolean): Promise<AuthContext | null> {
    if (credential === null) return null;
    if (credential.kind === 'bearer') {
      const account = await this.deps.accounts.verifyToken(credential.token);
      return account === null ? null : { username: account.username, role: account.role, sessionId: null };
    }
    return this.resolveSession(sessionIdHash(credential.sessionId), refresh);
  }

  private async resolveSession(idHash: string, refresh: boolean): Promise<AuthContext | null> {
    const { stores, accounts, clock } = this.deps;
    const record = await stores.sessions.get(idHash);
    if (record === null) return null;
    const nowMs = clock.now();
    if (!isSessionLive(record, nowMs, this.timeouts)) {
      if (await stores.sessions.delete(idHash))
        this.emit({ username: record.username, sessionId: idHash, reason: 'expired' });
      return null;
    }
    const account = await accounts.get(record.username);
    if (account === null || account.disabled) {
      if (await stores.sessions.delete(idHash))
        this.emit({ username: record.username, sessionId: idHash, reason: 'disabled' });
      return null;
    }
    if (refresh) {
      const refreshed: SessionRecord = { ...record, last_seen_ms: nowMs };
      const ttlMs = sessionEndMs(refreshed, this.timeouts) - nowMs;
      // Gone meanwhile (a logout or a disable in another request): not signed in any more
      if (!(await stores.sessions.refresh(idHash, refreshed, ttlMs))) return null;
    }
    return { username: account.username, role: account.role, sessionId: idHash };
  }

  private emit(ended: SessionEnded): void {
    for (const listener of this.listeners) {
      try {
        listener(ended);
      } catch (error) {
        this.deps.log.error('session-ended listener failed', { error: String(error) });
      }
    }
  }
}
