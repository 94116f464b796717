import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { Logger } from '../lib/logger.ts';
import { handshakeProblem } from './handshake.ts';
import { foreignOriginOf } from './origins.ts';
import { refuseOnSocket } from './refusals.ts';
import type { SocketSessions } from './socket-sessions.ts';

/**
 * Decides every WebSocket upgrade of `server` before a WebSocket exists (`wss` is `noServer`): a malformed
 * handshake gets a plain HTTP 400, one from a page of
 * a foreign origin gets a plain HTTP 403, one without a valid session cookie or bearer token a 401, on the raw
 * connection, which is then closed, so no frame is ever sent. The others are handed to `wss` (any path: the
 * console uses `ws(s)://<host>/trpc`) and watched by `sessions` until they close.
 */
export function decideUpgrades(
  server: Server,
  wss: WebSocketServer,
  options: { allowedOrigins: readonly string[]; sessions: SocketSessions; log: Logger },
): void {
  const { allowedOrigins, sessions, log } = options;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const host = req.headers.host;
    const malformed = handshakeProblem(req.method, req.headers);
    if (malformed !== null) {
      refuseOnSocket(socket, { status: 400, message: malformed, host });
      return;
    }
    const foreign = foreignOriginOf(req.headers, allowedOrigins);
    if (foreign !== null) {
      log.warn('WebSocket from a foreign origin refused', { url: req.url, origin: foreign });
      const message = `origin ${foreign} is not allowed (ALLOWED_ORIGINS)`;
      refuseOnSocket(socket, { status: 403, message, host });
      return;
    }
    sessions.admit(req.headers).then(
      (auth) => {
        if (auth === null) {
          const message = 'not signed in: a WebSocket needs a session cookie or a bearer token';
          refuseOnSocket(socket, { status: 401, message, host });
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
          sessions.watch(ws, auth, req.headers);
          wss.emit('connection', ws, req);
        });
      },
      (error: unknown) => {
        log.error('WebSocket sign-in check failed', { error: String(error) });
        refuseOnSocket(socket, { status: 503, message: 'cannot check the sign-in now', host });
      },
    );
  });
}
