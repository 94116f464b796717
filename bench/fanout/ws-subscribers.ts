import { createTestClient } from '../../server/src/testing/start-test-server.ts';
import { startSubscriberSet } from './subscriber-set.ts';
import type { LatencyTally, SubscriberTally } from './tally.ts';

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
export function startWsSubscribers(options: {
  urls: { url: string; wsUrl: string };
  cookies: readonly string[];
  count: number;
  after: string;
  latency: LatencyTally;
}): Promise<{ tallies: SubscriberTally[]; close: () => Promise<void> }> {
  return startSubscriberSet(options, ({ cookie, tally, received }) => {
    const client = createTestClient(options.urls, { cookie });
    const started = new Promise<void>((resolve, reject) => {
      const handlers = {
        onStarted: () => resolve(),
        onError: reject,
        onData: ({ id }: { id: string }) => received(id),
      };
      const input = { lastEventId: options.after };
      if (tally.stream === 'intent') client.client.onIntent.subscribe(input, handlers);
      else client.client.onDecision.subscribe(input, handlers);
    });
    return { started, close: () => client.close() };
  });
}
