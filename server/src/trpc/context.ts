import { ServerResponse, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AccountStore } from '../accounts/account-store.ts';
import type { AuditStore } from '../audit/audit-store.ts';
import type { AuthContext, Authenticator } from '../auth/authenticator.ts';
import type { Bus } from '../bus/bus.ts';
import type { AppConfig } from '../config/app-config.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { ReadModel } from '../read-model/read-model.ts';
import type { Stores } from '../stores/stores.ts';

/** What every request shares: the gateway's long-lived parts. */
export interface GatewayParts {
  bus: Bus;
  /** Approvals (claims), health ping and stream statistics; never a Redis client */
  stores: Stores;
  config: AppConfig;
  clock: Clock;
  log: Logger;
  readModel: ReadModel;
  /** The audit store (SPEC §12), when this process has one; explain falls back to the read model */
  audit?: AuditStore | null;
  /** The server package version, for `health` */
  version: string;
  /** User accounts (sign-in, bearer tokens, the admin's `users.*`) */
  accounts: AccountStore;
  /** Sign-in, sessions and bearer tokens */
  authenticator: Authenticator;
}

/** The tRPC context of one HTTP request, or of one WebSocket connection. */
export interface RequestContext extends GatewayParts {
  /**
   * Who is signed in (bearer token, else session cookie), null for no one: set by the role middleware
   * (trpc/init.ts) for every procedure that needs a user; null in `health` and `auth.login`, which never
   * look credentials up (so `health` answers even when Redis does not).
   */
  auth: AuthContext | null;
  /**
   * Looks the request's credentials up. HTTP: once per request (every call of a batch shares it), which
   * refreshes the session's idle time. WebSocket: anew at every call, without refreshing.
   */
  readAuth(): Promise<AuthContext | null>;
  /** The request's headers (WebSocket: the upgrade request's) */
  headers: IncomingHttpHeaders;
  /** The peer's address, as the socket sees it (proxies' forwarding headers are not trusted) */
  remoteAddress: string | null;
  /** The HTTP response, to set cookies and `Retry-After`; null on a WebSocket */
  res: ServerResponse | null;
  /** How many calls the HTTP request carries (`/trpc/a,b?batch=1`: 2); 1 on a WebSocket */
  batchSize: number;
}

/**
 * The context of a procedure that acts for a signed-in user (every procedure but `health` and
 * `auth.login`): `user` is the username, the identity on approvals, vetoes, trading-state changes and
 * audit rows.
 */
export interface Context extends RequestContext {
  auth: AuthContext;
  user: string;
}

/**
 * The context factory both adapters use: `req` is the HTTP request or the WebSocket upgrade request, `res`
 * the HTTP response or the WebSocket.
 */
export const createContextFactory =
  (parts: GatewayParts) =>
  ({
    req,
    res,
    info,
  }: {
    req: IncomingMessage;
    res: unknown;
    info?: { calls: readonly unknown[] };
  }): Promise<RequestContext> => {
    const http = res instanceof ServerResponse ? res : null;
    let once: Promise<AuthContext | null> | null = null;
    const readAuth = (): Promise<AuthContext | null> =>
      http === null
        ? parts.authenticator.resolveAuth(req.headers, { refresh: false })
        : (once ??= parts.authenticator.resolveAuth(req.headers, { refresh: true }));
    return Promise.resolve({
      ...parts,
      auth: null,
      readAuth,
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress ?? null,
      res: http,
      batchSize: http === null ? 1 : Math.max(1, info?.calls.length ?? 1),
    });
  };
