import WebSocket from 'ws';
import type { LatencyTally } from './tally.ts';
import { SubscriberTally } from './tally.ts';

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
export async function startWireSubscribers(options: {
  wsUrl: string;
  cookies: readonly string[];
  count: number;
  after: string;
  latency: LatencyTally;
}): Promise<{ tallies: SubscriberTally[]; close: () => Promise<void> }> {
  const sockets: WebSocket[] = [];
  const tallies: SubscriberTally[] = [];
  const started: Promise<void>[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const cookie = options.cookies[i % options.cookies.length] ?? '';
    const ws = new WebSocket(options.wsUrl, { headers: { cookie } });
    const tally = new SubscriberTally(i % 2 === 0 ? 'intent' : 'decision');
    const path = tally.stream === 'intent' ? 'onIntent' : 'onDecision';
    started.push(
      new Promise<void>((resolve, reject) => {
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
          else if (frame.result?.type === 'data' && frame.result.id !== undefined) {
            tally.add(frame.result.id);
            options.latency.add(frame.result.id, Date.now());
          }
        });
      }),
    );
    sockets.push(ws);
    tallies.push(tally);
  }
  await Promise.all(started);
  const close = async () => {
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) =>
            ws.readyState === WebSocket.CLOSED ? resolve() : (ws.once('close', () => resolve()), ws.close()),
          ),
      ),
    );
  };
  return { tallies, close };
}
