import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { DeskMetrics } from '../metrics/desk-metrics.ts';
import { createContextFactory, type GatewayParts } from '../trpc/context.ts';
import { appRouter } from '../trpc/routers/app-router.ts';
import { refuseUnparsable } from './refusals.ts';
import { coalesceSends } from './coalesce-sends.ts';
import { sharedMessageEncoder } from './frame-encoder.ts';
import { handleMetrics, METRICS_PATH } from './metrics-route.ts';
import { guardRequest } from './request-guard.ts';
import { handlePqSpreadRest, PQ_SPREAD_PATH } from './rest-alias.ts';
import { SocketSessions } from './socket-sessions.ts';
import { serveStatic } from './static-files.ts';
import { decideUpgrades } from './upgrade.ts';

/** Largest HTTP request body read, bytes (tRPC inputs are ids, reasons and filters); larger: 413. */
export const MAX_BODY_BYTES = 64 * 1024;
/** Largest WebSocket message read, bytes; larger: the socket is closed (1009). */
export const MAX_WS_MESSAGE_BYTES = 64 * 1024;

/** The gateway's HTTP + WebSocket server, not yet listening. */
export interface GatewayServer {
  server: Server;
  /** Ends every open WebSocket; clients reconnect and resume their subscriptions from their last event id */
  dropConnections(): void;
  /** Ends every WebSocket, stops accepting, closes the server */
  close(): Promise<void>;
}

const pathOf = (req: IncomingMessage): string => (req.url ?? '/').split('?')[0] ?? '/';

/**
 * One node:http server for everything (SPEC §10.1): `/trpc` (HTTP, batched), WebSocket subscriptions
 * on the same port, `/healthz`, `/metrics`, the REST alias, and the built console with SPA fallback.
 */
export function createGatewayServer(parts: GatewayParts, options: { distDir: string }): GatewayServer {
  const createContext = createContextFactory(parts);
  const trpcHandler = createTrpcHttpHandler(parts, createContext);

  // Sockets are counted from the server below; the metrics start with the server and close with it
  let openSockets = (): number => 0;
  const metrics = new DeskMetrics({ ...parts, webSocketClients: () => openSockets() });
  metrics.start();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = pathOf(req);
    if (path === '/trpc' || path.startsWith('/trpc/')) return trpcHandler(req, res);
    if (path === '/healthz') return serveHealthz(res, parts);
    if (path === METRICS_PATH)
      return handleMetrics(req, res, { authenticator: parts.authenticator, metrics });
    if (path.startsWith(PQ_SPREAD_PATH)) return handlePqSpreadRest(req, res, parts);
    return serveStatic(req, res, options.distDir);
  };

  const { allowedOrigins, wsSessionCheckS } = parts.config.process;
  const guard = { allowedOrigins, log: parts.log };
  const server = createServer((req, res) => {
    if (!guardRequest(req, res, guard)) return;
    handle(req, res).catch((error: unknown) => {
      parts.log.error('http handler failed', { url: req.url, error: String(error) });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('internal error');
    });
  });
  server.on('clientError', refuseUnparsable);

  // WebSocket on the same port; each upgrade is decided before a WebSocket exists
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  openSockets = () => wss.clients.size;
  wss.on('connection', (ws, req) => coalesceSends(ws, req.socket));
  const checkIntervalMs = wsSessionCheckS * 1000;
  const sessions = new SocketSessions({
    authenticator: parts.authenticator,
    log: parts.log,
    checkIntervalMs,
  });
  decideUpgrades(server, wss, { ...guard, sessions });
  const wsHandler = applyWSSHandler({
    wss,
    router: appRouter,
    createContext,
    experimental_encoder: sharedMessageEncoder(),
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        parts.log.error('tRPC ws error', { path, error: String(error.cause ?? error) });
    },
  });

  return {
    server,
    dropConnections: () => {
      for (const client of wss.clients) client.terminate();
    },
    close: async () => {
      await closeGateway(server, { wss, wsHandler, sessions });
      await metrics.close();
    },
  };
}

/** tRPC over HTTP at `/trpc/`, logging internal errors. */
function createTrpcHttpHandler(parts: GatewayParts, createContext: ReturnType<typeof createContextFactory>) {
  return createHTTPHandler({
    router: appRouter,
    createContext,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        parts.log.error('tRPC error', { path, error: String(error.cause ?? error) });
    },
  });
}

/** `GET /healthz`: the process is up; whether Redis answers; the version. */
async function serveHealthz(res: ServerResponse, parts: GatewayParts): Promise<void> {
  const redis = (await parts.stores.ping()) ? 'up' : 'down';
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: 'ok', redis, version: parts.version }));
}

async function closeGateway(
  server: Server,
  {
    wss,
    wsHandler,
    sessions,
  }: { wss: WebSocketServer; wsHandler: ReturnType<typeof applyWSSHandler>; sessions: SocketSessions },
): Promise<void> {
  sessions.close();
  // Tell clients to reconnect (to another instance or after restart), then end every socket
  wsHandler.broadcastReconnectNotification();
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) =>
    server.close((error) =>
      error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(error) : resolve(),
    ),
  );
}
