import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { Logger } from '../lib/logger.ts';
import { foreignOriginOf } from './origins.ts';
import { refuseOnSocket } from './refusals.ts';

/**
 * Decides every WebSocket upgrade of `server` before a WebSocket exists (`wss` is `noServer`): one from a page of
 * a foreign origin gets a plain HTTP 403 on the raw connection, which is then closed, so no frame is ever sent;
 * the others are handed to `wss` (any path: the console uses `ws(s)://<host>/trpc`).
 */
export function decideUpgrades(
  server: Server,
  wss: WebSocketServer,
  options: { allowedOrigins: readonly string[]; log: Logger },
): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const foreign = foreignOriginOf(req.headers, options.allowedOrigins);
    if (foreign !== null) {
      options.log.warn('WebSocket from a foreign origin refused', { url: req.url, origin: foreign });
      const message = `origin ${foreign} is not allowed (ALLOWED_ORIGINS)`;
      refuseOnSocket(socket, { status: 403, message, host: req.headers.host });
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
}
