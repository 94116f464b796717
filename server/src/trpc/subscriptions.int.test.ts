import { createMacroState, createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/start-test-server.ts';

describe('subscriptions', () => {
  describe('when a client drops its connection and resubscribes with its last event id', () => {
    it('receives exactly the intents it missed, without gap or duplicate', async () => {
      await using server = await startTestServer();
      const first = await server.createClient({ user: 'viewer' });
      const seen: { id: string; intentId: string }[] = [];
      // A fresh stream: resuming after 0-0 reads it from the start, so nothing races the subscription
      const subscription = first.client.onIntent.subscribe(
        { lastEventId: '0-0' },
        { onData: ({ id, data }) => seen.push({ id, intentId: data.intent_id }) },
      );
      const published: string[] = [];
      const publish = async (): Promise<void> => {
        const intent = createStrategyIntent();
        published.push(intent.intent_id);
        await server.bus.publish('strategy.intent', intent);
      };
      await publish();
      await publish();
      await expect.poll(() => seen.length).toBe(2);
      subscription.unsubscribe();
      await first.close();

      await publish();
      await publish();
      await publish();
      const second = await server.createClient({ user: 'viewer' });
      const resumed: { id: string; intentId: string }[] = [];
      second.client.onIntent.subscribe(
        { lastEventId: seen[1]?.id ?? null },
        { onData: ({ id, data }) => resumed.push({ id, intentId: data.intent_id }) },
      );
      await expect.poll(() => resumed.length).toBe(3);
      // A later entry proves nothing else was queued before it
      await publish();
      await expect.poll(() => resumed.length).toBe(4);

      expect(seen.map((e) => e.intentId)).toEqual(published.slice(0, 2));
      expect(resumed.map((e) => e.intentId)).toEqual(published.slice(2));
      expect(new Set([...seen, ...resumed].map((e) => e.id)).size).toBe(6);
    });
  });

  describe('when subscribed without a last event id', () => {
    it('receives only entries published afterwards, as tracked stream entries', async () => {
      await using server = await startTestServer();
      await server.bus.publish('market.macro_state', createMacroState({ regime_score: 0.1 }));
      const seen: { id: string; score: number }[] = [];
      let started = false;
      server.client.onMacroState.subscribe(undefined, {
        onStarted: () => {
          started = true;
        },
        onData: ({ id, data }) => seen.push({ id, score: data.regime_score }),
      });
      await expect.poll(() => started).toBe(true);
      // The tail attaches when the server starts iterating; publish until the first live entry shows up
      await expect
        .poll(async () => {
          await server.bus.publish('market.macro_state', createMacroState({ regime_score: 0.5 }));
          return seen.length;
        })
        .toBeGreaterThan(0);

      expect(seen.every((e) => e.score === 0.5)).toBe(true);
      expect(seen[0]?.id).toMatch(/^\d+-\d+$/);
    });
  });

  describe('when subscribed fromLatest without a last event id', () => {
    it('starts with the newest entry, so a socket lost before anything new resumes without gap', async () => {
      await using server = await startTestServer();
      const publish = async (score: number) =>
        server.bus.publish('market.macro_state', createMacroState({ regime_score: score }));
      await publish(0.1);
      const newest = await publish(0.2);
      const seen: { id: string; score: number }[] = [];
      server.client.onMacroState.subscribe(
        { fromLatest: true },
        { onData: ({ id, data }) => seen.push({ id, score: data.regime_score }) },
      );
      await expect.poll(() => seen).toEqual([{ id: newest, score: 0.2 }]);

      // The client's only id is the seed: the reconnect resumes after it
      server.dropConnections();
      await publish(0.3);
      await publish(0.4);
      await expect.poll(() => seen.map((e) => e.score)).toEqual([0.2, 0.3, 0.4]);
      await publish(0.5);
      await expect.poll(() => seen.map((e) => e.score)).toEqual([0.2, 0.3, 0.4, 0.5]);
      expect(new Set(seen.map((e) => e.id)).size).toBe(4);
    });
  });

  describe('when the last event id is not a stream id', () => {
    it('fails with BAD_REQUEST', async () => {
      await using server = await startTestServer();
      const error = await new Promise<unknown>((resolve) => {
        server.client.onFill.subscribe({ lastEventId: 'yesterday' }, { onError: resolve });
      });
      expect(error).toMatchObject({
        message: 'lastEventId is not a stream entry id: yesterday',
        data: { code: 'BAD_REQUEST' },
      });
    });
  });

  describe('when the server drops the WebSocket under a live subscription', () => {
    it('the client reconnects by itself and resumes after its last event id', async () => {
      await using server = await startTestServer();
      const seen: { id: string; intentId: string }[] = [];
      server.client.onIntent.subscribe(
        { lastEventId: '0-0' },
        { onData: ({ id, data }) => seen.push({ id, intentId: data.intent_id }) },
      );
      const published: string[] = [];
      const publish = async (): Promise<void> => {
        const intent = createStrategyIntent();
        published.push(intent.intent_id);
        await server.bus.publish('strategy.intent', intent);
      };
      await publish();
      await publish();
      await expect.poll(() => seen.length).toBe(2);

      server.dropConnections();
      await publish();
      await publish();
      await publish();
      await expect.poll(() => seen.length).toBe(5);
      await publish();
      await expect.poll(() => seen.length).toBe(6);

      expect(seen.map((e) => e.intentId)).toEqual(published);
    });
  });
});
