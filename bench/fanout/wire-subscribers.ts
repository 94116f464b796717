import WebSocket from 'ws';
import { startSubscriberSet } from './subscriber-set.ts';
import type { LatencyTally, SubscriberTally } from './tally.ts';

/** A frame of a subscription as the gateway sends it (tRPC's JSON-RPC over WebSocket). */
interface Frame {
  id?: number;
  result?: { type?: string; id?: string };
  error?: { message?: string };
}

/**
 * `count` WebSocket subscribers speaking tRPC's wire protocol directly (one socket each, the session cookie
 * on the upgrade, one `subscription` request, JSON frames read back), half on `onIntent` and half on
 * `onDecision` after `after`. Same sockets, same frames and same server work as the console's tRPC client,
 * without the client library's per-message cost in the one bench process that hosts all 200 subscribers
 * (each console has a browser of its own). Resolves once every subscription has started.
 */
export function startWireSubscribers(options: {
  wsUrl: string;
  cookies: readonly string[];
  count: number;
  after: string;
  latency: LatencyTally;
}): Promise<{ tallies: SubscriberTally[]; close: () => Promise<void> }> {
  return startSubscriberSet(options, ({ cookie, tally, received }) => {
    const ws = new WebSocket(options.wsUrl, { headers: { cookie: cookie ?? '' } });
    const path = tally.stream === 'intent' ? 'onIntent' : 'onDecision';
    const started = new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () =>
        ws.send(
          JSON.stringify({
            id: 1,
            method: 'subscription',
            params: { path, input: { lastEventId: options.after } },
          }),
        ),
      );
      ws.on('message', (raw) => {
        const text = String(raw);
        // The gateway's keep-alive (tRPC: a text PING, answered PONG) is not JSON
        if (text === 'PING') return void ws.send('PONG');
        const frame = JSON.parse(text) as Frame;
        if (frame.error) reject(new Error(`${path}: ${frame.error.message ?? 'error'}`));
        else if (frame.result?.type === 'started') resolve();
        else if (frame.result?.type === 'data' && frame.result.id !== undefined) received(frame.result.id);
      });
    });
    const close = () =>
      new Promise<void>((resolve) =>
        ws.readyState === WebSocket.CLOSED ? resolve() : (ws.once('close', () => resolve()), ws.close()),
      );
    return { started, close };
  });
}
