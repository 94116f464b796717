import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AccountStore } from './accounts/account-store.ts';
import { openGatewayAccounts } from './accounts/open-gateway-accounts.ts';
import type { AuditStore } from './audit/audit-store.ts';
import { attachGatewayAuditStore } from './audit/open-audit-store.ts';
import type { Bus } from './bus/bus.ts';
import type { AppConfig } from './config/app-config.ts';
import { createGatewayServer } from './http/gateway-server.ts';
import { serverVersion } from './http/version.ts';
import type { Clock } from './lib/clock.ts';
import type { Logger } from './lib/logger.ts';
import { ReadModel } from './read-model/read-model.ts';
import { Authenticator } from './auth/authenticator.ts';
import { InfrastructureError } from './errors/index.ts';
import type { Stores } from './stores/stores.ts';
import { checkRoleTable, PROCEDURE_ROLES, type LeastRole } from './trpc/procedure-roles.ts';
import { appRouter, procedurePathsOf } from './trpc/routers/app-router.ts';

/** The built console, `web/dist` of the repository, unless `WEB_DIST_DIR` says otherwise. */
const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** A running gateway. */
export interface Gateway {
  /** The port it listens on (the real one when `PORT` is 0) */
  port: number;
  /** Sign-in and sessions: `onSessionEnded`, `resolveAuth` */
  authenticator: Authenticator;
  /** The accounts it signs users in with */
  accounts: AccountStore;
  /** Ends every open WebSocket (clients reconnect and resume); for tests and operators */
  dropConnections(): void;
  /** Stops the server and the read model's tails; the bus and Redis stay open (the caller owns them) */
  close(): Promise<void>;
}

/** Listens on `host:port`; rejects with the server's error (e.g. the port is taken). */
const listen = (server: Server, host: string, port: number): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

/**
 * Starts the tRPC gateway on `HOST:PORT` of the process settings (0 = any free port): warms the read model up from the
 * streams, then serves HTTP `/trpc`, WebSocket subscriptions, `/healthz`, the REST alias and the console.
 */
export async function startGateway(deps: {
  bus: Bus;
  stores: Stores;
  config: AppConfig;
  clock: Clock;
  log: Logger;
  /** The audit store to read; default: see `attachGatewayAuditStore` (null = none) */
  audit?: AuditStore | null;
  /**
   * The accounts; default: `openGatewayAccounts` on the database the audit store uses (applies
   * `GAMMA_USERS`, creates the first admin), closed with the gateway
   */
  accounts?: AccountStore;
  /** The role table the start check compares with the router (tests of that check only) */
  roleTable?: Readonly<Record<string, LeastRole>>;
}): Promise<Gateway> {
  const { bus, stores, config, clock } = deps;
  const { host, port: wantedPort } = config.process;
  const log = deps.log.child({ service: 'gateway' });
  // A procedure without a role (or a role without a procedure) stops the gateway before anything opens
  checkRoleTable(procedurePathsOf(appRouter), deps.roleTable ?? PROCEDURE_ROLES);
  const ownsAccounts = deps.accounts === undefined;
  const accounts = deps.accounts ?? (await openGatewayAccounts(config.process, log));
  const authenticator = new Authenticator({ stores, accounts, clock, settings: config.process, log });
  const readModel = new ReadModel({ bus, log });
  try {
    await readModel.start();
  } catch (error) {
    if (ownsAccounts) await accounts.close();
    throw error;
  }
  // A trading-state change whose process died before its event reached the stream is published now
  await stores.tradingStates
    .publishPending()
    .catch((error: unknown) => log.error('trading-state outbox not published', { error: String(error) }));
  const ownsAudit = deps.audit === undefined;
  const audit = deps.audit ?? (ownsAudit ? await attachGatewayAuditStore(config.process, log) : null);
  const version = serverVersion();
  const parts = { bus, stores, config, clock, log, readModel, audit, accounts, authenticator, version };
  const gateway = createGatewayServer(parts, { distDir: config.process.webDistDir ?? DEFAULT_DIST_DIR });
  try {
    await listen(gateway.server, host, wantedPort);
  } catch (error) {
    await readModel.close();
    if (ownsAudit) await audit?.close();
    if (ownsAccounts) await accounts.close();
    throw new InfrastructureError(`gateway cannot listen on ${host}:${wantedPort}: ${String(error)}`, {
      cause: error,
    });
  }
  const address = gateway.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : wantedPort;
  log.info('gateway listening', { url: `http://${host}:${port}` });
  return {
    port,
    authenticator,
    accounts,
    dropConnections: () => gateway.dropConnections(),
    close: async () => {
      await gateway.close();
      await readModel.close();
      if (ownsAudit) await audit?.close();
      if (ownsAccounts) await accounts.close();
    },
  };
}
