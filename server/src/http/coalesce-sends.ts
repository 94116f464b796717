import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/**
 * Coalesces what one WebSocket sends within one turn of the event loop into one write: the first send corks
 * the socket and the socket is uncorked once the turn's callbacks and promise jobs have run (`nextTick` after
 * them). A shared stream reader hands a batch of entries to every subscription at once, so a socket gets
 * several frames in one turn; uncorked, each frame is a `writev` system call of its own (the fan-out bench's
 * profile: a quarter of the gateway's time).
 */
export function coalesceSends(ws: WebSocket, socket: Socket): void {
  const send = ws.send.bind(ws);
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
  };
  ws.send = ((...args: Parameters<WebSocket['send']>) => {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    send(...args);
  }) as WebSocket['send'];
}
