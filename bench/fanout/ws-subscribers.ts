import { createTestClient, type TestClient } from '../../server/src/testing/start-test-server.ts';
import type { LatencyTally } from './tally.ts';
import { SubscriberTally } from './tally.ts';

/** The bench's accounts: viewers, as a console on a wall screen would sign in. Passwords are bench-only. */
export const BENCH_USERS = ['fan1', 'fan2', 'fan3', 'fan4'].map((name) => ({
  name,
  password: `${name}-bench-pass`,
}));
/** {@link BENCH_USERS} as a `GAMMA_USERS` value. */
export const BENCH_GAMMA_USERS = BENCH_USERS.map((u) => `${u.name}:viewer:${u.password}`).join(',');

/** Signs each bench user in once (`auth.login`); returns their session cookies. */
export async function signIn(urls: { url: string; wsUrl: string }): Promise<string[]> {
  const cookies: string[] = [];
  for (const user of BENCH_USERS) {
    const client = createTestClient(urls);
    await client.signIn({ username: user.name, password: user.password });
    const cookie = client.cookie();
    if (cookie === null) throw new Error(`bench user ${user.name} did not get a session`);
    cookies.push(cookie);
    await client.close();
  }
  return cookies;
}

/**
 * `count` real tRPC WebSocket clients, each with one of `cookies` (users' sessions shared like browser tabs),
 * half subscribed to `onIntent` and half to `onDecision` after `after`, so each must get every entry of its
 * stream published from then on, once. Resolves once every subscription has started.
 */
export async function startWsSubscribers(options: {
  urls: { url: string; wsUrl: string };
  cookies: readonly string[];
  count: number;
  after: string;
  latency: LatencyTally;
}): Promise<{ tallies: SubscriberTally[]; close: () => Promise<void> }> {
  const clients: TestClient[] = [];
  const tallies: SubscriberTally[] = [];
  const started: Promise<void>[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const client = createTestClient(options.urls, {
      cookie: options.cookies[i % options.cookies.length] ?? null,
    });
    const tally = new SubscriberTally(i % 2 === 0 ? 'intent' : 'decision');
    const onData = ({ id }: { id: string }) => {
      tally.add(id);
      options.latency.add(id, Date.now());
    };
    started.push(
      new Promise<void>((resolve, reject) => {
        const handlers = { onStarted: () => resolve(), onError: reject, onData };
        const input = { lastEventId: options.after };
        if (tally.stream === 'intent') client.client.onIntent.subscribe(input, handlers);
        else client.client.onDecision.subscribe(input, handlers);
      }),
    );
    clients.push(client);
    tallies.push(tally);
  }
  await Promise.all(started);
  return { tallies, close: async () => void (await Promise.all(clients.map((c) => c.close()))) };
}
