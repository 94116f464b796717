import type { IncomingHttpHeaders } from 'node:http';
import type { AuditStore } from '../audit/audit-store.ts';
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
}

/** The tRPC context of one request (HTTP) or one connection (WebSocket). */
export interface Context extends GatewayParts {
  /** The trader: the `x-gamma-user` header, else `DEFAULT_TRADER_ID` (SPEC §5.5) */
  user: string;
}

/** The user id of a request: a non-blank `x-gamma-user` header, else the default trader. */
export function userOf(headers: IncomingHttpHeaders, defaultUser: string): string {
  const raw = headers['x-gamma-user'];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value !== undefined && value !== '' ? value : defaultUser;
}

/** The context factory both adapters use (`req` is the HTTP request or the WebSocket upgrade request). */
export const createContextFactory =
  (parts: GatewayParts) =>
  ({ req }: { req: { headers: IncomingHttpHeaders } }): Context => ({
    ...parts,
    user: userOf(req.headers, parts.config.process.defaultTraderId),
  });
