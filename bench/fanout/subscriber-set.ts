import type { LatencyTally } from './tally.ts';
import { SubscriberTally } from './tally.ts';

/** What a client gets to open one subscriber: its session and its tally, whose stream it follows. */
export interface SubscriberSeat {
  cookie: string | null;
  tally: SubscriberTally;
  /** Counts a delivery of entry `id`, received now */
  received(id: string): void;
}

/** One subscriber as a client opened it. */
export interface OpenSubscriber {
  /** Resolves once its subscription has started, rejects if it fails */
  started: Promise<void>;
  close(): Promise<void>;
}

/**
 * `count` subscribers opened by `open`, each with one of `cookies` (users' sessions shared like browser tabs),
 * half on the intent stream and half on the decision stream; every delivery goes to its tally and to
 * `latency`. Resolves once every subscription has started.
 */
export async function startSubscriberSet(
  options: { cookies: readonly string[]; count: number; latency: LatencyTally },
  open: (seat: SubscriberSeat) => OpenSubscriber,
): Promise<{ tallies: SubscriberTally[]; close: () => Promise<void> }> {
  const tallies: SubscriberTally[] = [];
  const opened: OpenSubscriber[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const tally = new SubscriberTally(i % 2 === 0 ? 'intent' : 'decision');
    const received = (id: string) => {
      tally.add(id);
      options.latency.add(id, Date.now());
    };
    opened.push(open({ cookie: options.cookies[i % options.cookies.length] ?? null, tally, received }));
    tallies.push(tally);
  }
  await Promise.all(opened.map((s) => s.started));
  return { tallies, close: async () => void (await Promise.all(opened.map((s) => s.close()))) };
}
