import { createIntentDecision, createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { readerConnectionName } from '../bus/stream-reader.ts';
import { createTestClient, startTestServer, type TestClient } from '../testing/start-test-server.ts';
import type { TestUserName } from '../testing/test-users.ts';

const SUBSCRIBERS = 200;
const USERS: TestUserName[] = ['viewer', 'trader', 'alice', 'risk'];

/** The names of the connections `CLIENT LIST` shows, one per connection. */
async function connectionNames(server: { redis: { client(command: 'LIST'): Promise<unknown> } }) {
  const list = String(await server.redis.client('LIST'));
  return list.split('\n').map((line) => / name=(\S*)/.exec(line)?.[1] ?? '');
}

describe('Redis connections of the gateway', () => {
  describe('when 200 signed-in WebSocket clients subscribe to onIntent and onDecision', () => {
    it('reads each stream over one connection shared by every subscriber', async () => {
      await using server = await startTestServer({ users: USERS });
      // Each user signs in once; its clients share the session, like tabs of one browser
      const cookies: string[] = [];
      for (const user of USERS) {
        const signedIn = await server.createClient({ user });
        cookies.push(signedIn.cookie() ?? '');
      }
      const clients: TestClient[] = Array.from({ length: SUBSCRIBERS }, (_, i) =>
        createTestClient(server, { cookie: cookies[i % cookies.length] ?? null }),
      );
      const intents = clients.map(() => new Set<string>());
      const decisions = clients.map(() => new Set<string>());
      clients.forEach((c, i) => {
        c.client.onIntent.subscribe(
          { lastEventId: '0-0' },
          { onData: ({ data }) => intents[i]?.add(data.intent_id) },
        );
        c.client.onDecision.subscribe(
          { lastEventId: '0-0' },
          { onData: ({ data }) => decisions[i]?.add(data.intent_id) },
        );
      });
      try {
        const intent = createStrategyIntent();
        await server.bus.publish('strategy.intent', intent);
        await server.bus.publish('intent.decision', createIntentDecision({ intent_id: intent.intent_id }));
        const everyoneHas = (seen: Set<string>[]) => seen.every((ids) => ids.has(intent.intent_id));
        await expect
          .poll(() => everyoneHas(intents) && everyoneHas(decisions), { timeout: 30_000 })
          .toBe(true);

        const names = await connectionNames(server);
        const count = (name: string) => names.filter((n) => n === name).length;
        expect(count(readerConnectionName(server.prefix, 'strategy.intent'))).toBe(1);
        expect(count(readerConnectionName(server.prefix, 'intent.decision'))).toBe(1);
        // Every other stream the read model follows also holds exactly one
        const readers = names.filter((n) => n.startsWith(`tail:${server.prefix}:`));
        expect(readers.length).toBe(new Set(readers).size);
      } finally {
        await Promise.all(clients.map((c) => c.close()));
      }
    });
  });
});
