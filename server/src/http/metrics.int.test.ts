import { createIntentDecision, createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { streamKey } from '../keys/key-table.ts';
import { FakeClock, iso } from '../lib/clock.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

/** The value of one sample of a Prometheus text, null when absent (labels in the order the registry prints). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',');
  const head = wanted === '' ? `${name} ` : `${name}{${wanted}} `;
  const line = text.split('\n').find((l) => l.startsWith(head));
  return line === undefined ? null : Number(line.slice(head.length));
}

const scrape = async (server: TestServer, headers: Record<string, string>) =>
  fetch(`${server.url}/metrics`, { headers });

/** The scraped text as the default client (signed in as a trader). */
const scrapeText = async (server: TestServer): Promise<string> =>
  (await scrape(server, { cookie: server.cookie() ?? '' })).text();

describe('GET /metrics', () => {
  describe('without a credential', () => {
    it('is refused with 401 and a Bearer challenge', async () => {
      await using server = await startTestServer();
      const response = await scrape(server, {});

      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(await response.text()).not.toContain('gamma_');
    });
  });

  describe('with an invalid bearer token', () => {
    it('is refused with 401', async () => {
      await using server = await startTestServer();
      const response = await scrape(server, { authorization: `Bearer gma_${'x'.repeat(43)}` });

      expect(response.status).toBe(401);
    });
  });

  describe("with a viewer's API token, as Prometheus sends it", () => {
    it('answers the Prometheus text format', async () => {
      await using server = await startTestServer({ users: ['viewer'] });
      const token = await server.accounts.createToken('viewer');
      const response = await scrape(server, { authorization: `Bearer ${token}` });

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toContain('# TYPE gamma_bus_handler_duration_seconds histogram');
      expect(sample(text, 'gamma_websocket_clients')).not.toBeNull();
    });
  });

  describe('when messages flow through a consumer group', () => {
    it('shows the counters, durations and lag moving, agreeing with the Ops page', async () => {
      await using server = await startTestServer();
      const pair = { stream: 'strategy.intent', group: 'metrics-test' };
      let calls = 0;
      const subscription = server.bus.subscribe('strategy.intent', pair.group, () => {
        calls += 1;
      });
      try {
        await expect
          .poll(async () => sample(await scrapeText(server), 'gamma_consumer_pending', pair))
          .toBe(0);
        for (let i = 0; i < 3; i += 1) await server.bus.publish('strategy.intent', createStrategyIntent());
        await server.redis.xadd(streamKey(server.prefix, 'strategy.intent'), '*', 'data', 'not json');
        await expect.poll(() => calls).toBe(3);

        let text = '';
        await expect
          .poll(async () => {
            text = await scrapeText(server);
            return sample(text, 'gamma_bus_dead_lettered_total', pair);
          })
          .toBe(1);
        expect(sample(text, 'gamma_bus_handled_total', pair)).toBe(3);
        expect(sample(text, 'gamma_bus_failed_total', pair)).toBe(1);
        expect(sample(text, 'gamma_bus_handler_duration_seconds_count', pair)).toBe(3);
        expect(sample(text, 'gamma_bus_handler_duration_seconds_bucket', { ...pair, le: '+Inf' })).toBe(3);
        expect(sample(text, 'gamma_consumer_lag', pair)).toBe(0);
        expect(sample(text, 'gamma_stream_length', { stream: 'strategy.intent' })).toBe(4);

        const ops = await server.client.monitoring.streams.query();
        const group = ops
          .find((s) => s.stream === 'strategy.intent')
          ?.groups.find((g) => g.name === pair.group);
        const perMinute = group?.per_minute ?? [];
        expect(perMinute.reduce((sum, m) => sum + m.handled, 0)).toBe(3);
        expect(perMinute.reduce((sum, m) => sum + m.failed, 0)).toBe(1);
      } finally {
        await subscription.close();
      }
    });
  });

  describe('when the engine decides an intent', () => {
    it('counts one decision latency per intent, not its later decisions', async () => {
      await using server = await startTestServer();
      const decisions = async () => sample(await scrapeText(server), 'gamma_engine_decision_seconds_count');
      // The latency tails follow from the gateway's start: a first pair published until one is counted
      const intent = createStrategyIntent();
      await expect
        .poll(async () => {
          await server.bus.publish('strategy.intent', intent);
          await server.bus.publish('intent.decision', createIntentDecision({ intent_id: intent.intent_id }));
          return decisions();
        })
        .toBe(1);

      const next = createStrategyIntent();
      await server.bus.publish('strategy.intent', next);
      await server.bus.publish(
        'intent.decision',
        createIntentDecision({ intent_id: next.intent_id, status: 'pending_approval' }),
      );
      await server.bus.publish(
        'intent.decision',
        createIntentDecision({ intent_id: next.intent_id, status: 'approved' }),
      );
      await expect.poll(decisions).toBe(2);
      // A later entry proves the approval above was not counted
      const last = createStrategyIntent();
      await server.bus.publish('strategy.intent', last);
      await server.bus.publish('intent.decision', createIntentDecision({ intent_id: last.intent_id }));
      await expect.poll(decisions).toBe(3);
    });
  });

  describe('when intents wait for a trader', () => {
    it('shows how many and the age of the oldest', async () => {
      const clock = new FakeClock();
      await using server = await startTestServer({ clock });
      expect(sample(await scrapeText(server), 'gamma_approvals_pending')).toBe(0);
      for (const ageS of [90, 30]) {
        await server.stores.approvals.create({
          intent: createStrategyIntent(),
          checks: [],
          expires_at: iso(clock.now() + 120_000),
          created_at: iso(clock.now() - ageS * 1000),
          approval_mode: 'manual',
          status: 'pending',
        });
      }

      const text = await scrapeText(server);
      expect(sample(text, 'gamma_approvals_pending')).toBe(2);
      expect(sample(text, 'gamma_approvals_oldest_age_seconds')).toBe(90);
    });
  });
});
