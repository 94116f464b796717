import { Redis } from 'ioredis';
import type { LatencyTally } from './tally.ts';
import { SubscriberTally } from './tally.ts';

/** One bare reader: its own connection and a blocking XREAD loop, as each tail had before shared readers. */
async function readLoop(
  redis: Redis,
  at: { key: string; after: string; signal: AbortSignal },
  tallies: { subscriber: SubscriberTally; latency: LatencyTally },
): Promise<void> {
  let after = at.after;
  while (!at.signal.aborted) {
    let reply: [string, [string, string[]][]][] | null;
    try {
      reply = (await redis.xread('COUNT', 1000, 'BLOCK', 500, 'STREAMS', at.key, after)) as typeof reply;
    } catch {
      return; // Disconnected at the end of the phase
    }
    const now = Date.now();
    for (const [id, fields] of reply?.[0]?.[1] ?? []) {
      // Parse like a client would, so the baseline does the same per-delivery work as a WebSocket client
      JSON.parse(fields[1] ?? 'null');
      tallies.subscriber.add(id);
      tallies.latency.add(id, now);
      after = id;
    }
  }
}

/**
 * The baseline: `count` plain ioredis readers, each with its own connection, half on the intent stream and half on
 * the decision stream, reading after `after` until `signal` aborts. Returns each reader's tally.
 */
export function startBareReaders(options: {
  url: string;
  prefix: string;
  count: number;
  after: string;
  signal: AbortSignal;
  latency: LatencyTally;
}): { tallies: SubscriberTally[]; ready: Promise<void>; done: Promise<void> } {
  const tallies: SubscriberTally[] = [];
  const connections: Redis[] = [];
  const loops: Promise<void>[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const stream = i % 2 === 0 ? 'intent' : 'decision';
    const key = `${options.prefix}:${stream === 'intent' ? 'strategy.intent' : 'intent.decision'}`;
    const redis = new Redis(options.url, { maxRetriesPerRequest: null, connectionName: `bench-bare-${i}` });
    const subscriber = new SubscriberTally(stream);
    tallies.push(subscriber);
    connections.push(redis);
    loops.push(
      readLoop(
        redis,
        { key, after: options.after, signal: options.signal },
        { subscriber, latency: options.latency },
      ),
    );
  }
  options.signal.addEventListener('abort', () => connections.forEach((c) => c.disconnect()), { once: true });
  const ready = Promise.all(connections.map((c) => c.ping())).then(() => undefined);
  return { tallies, ready, done: Promise.all(loops).then(() => undefined) };
}
