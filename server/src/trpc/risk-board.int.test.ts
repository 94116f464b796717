import type { RiskAlertEvent, StreamInput } from '@gamma/shared';
import { createPortfolioRisk } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { FakeClock, iso } from '../lib/clock.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

const KEY = 'global|delta|BTC/USDT';

const alert = (overrides: Partial<StreamInput<'risk.alert'>> = {}): StreamInput<'risk.alert'> => ({
  strategy_id: 'global',
  alert_type: 'delta',
  severity: 'warning',
  message: 'BTC/USDT |delta| 0.2000 > 0.1000',
  current_value: 0.2,
  threshold_value: 0.1,
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: { underlying: 'BTC/USDT', reason_code: null, state: 'raised', repeat: false },
  ...overrides,
});
const cleared = (): StreamInput<'risk.alert'> =>
  alert({
    severity: 'info',
    message: 'delta BTC/USDT back within limits',
    current_value: 0.01,
    timestamp: '2026-03-02T09:16:04.120Z',
    metadata: { underlying: 'BTC/USDT', reason_code: null, state: 'cleared' },
  });

/** The board's row of the BTC delta alert once the read model has `raiseId` as its raise in `status`. */
async function rowOnceRaised(server: TestServer, raiseId: string, status: 'active' | 'cleared' = 'active') {
  await expect
    .poll(async () => (await server.client.risk.alertBoard.query()).find((r) => r.key === KEY))
    .toMatchObject({ raise_id: raiseId, status });
  return (await server.client.risk.alertBoard.query()).find((r) => r.key === KEY);
}

describe('the risk board procedures', () => {
  it('serves the Greeks history per underlying from portfolio.risk, oldest first, cut to the limit', async () => {
    await using server = await startTestServer({ user: 'viewer' });
    for (const [s, delta] of [
      [0, 0.1],
      [10, 0.2],
      [20, 0.3],
    ] as const) {
      const timestamp = new Date(Date.UTC(2026, 2, 2, 9, 0, s)).toISOString();
      await server.bus.publish('portfolio.risk', createPortfolioRisk({ timestamp, total_delta: delta }));
      await server.bus.publish(
        'portfolio.risk',
        createPortfolioRisk({ timestamp, underlying: 'ETH/USDT', total_vega: -delta }),
      );
    }

    await expect
      .poll(async () => (await server.client.risk.greeksHistory.query()).series.map((s) => s.points.length))
      .toEqual([3, 3]);
    const btc = await server.client.risk.greeksHistory.query({ underlying: 'BTC/USDT', limit: 2 });
    expect(btc).toEqual({
      spacing_s: 5,
      series: [
        {
          underlying: 'BTC/USDT',
          points: [
            { at: '2026-03-02T09:00:10.000Z', delta: 0.2, gamma: 0, vega: 0, theta: 0 },
            { at: '2026-03-02T09:00:20.000Z', delta: 0.3, gamma: 0, vega: 0, theta: 0 },
          ],
        },
      ],
    });
    await expect(server.client.risk.greeksHistory.query({ limit: 721 })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
  });

  it('shows an alert raised, repeated and cleared; a trader acknowledges it once, a new raise needs another', async () => {
    const clock = new FakeClock();
    await using server = await startTestServer({ clock, user: 'alice' });

    const raiseId = await server.bus.publish('risk.alert', alert());
    await server.bus.publish(
      'risk.alert',
      alert({ timestamp: '2026-03-02T09:15:34.120Z', metadata: { underlying: 'BTC/USDT', repeat: true } }),
    );
    await expect.poll(async () => (await rowOnceRaised(server, raiseId))?.repeats).toBe(1);
    expect(await rowOnceRaised(server, raiseId)).toMatchObject({
      first_raised_at: '2026-03-02T09:15:04.120Z',
      last_seen_at: '2026-03-02T09:15:34.120Z',
      ack: null,
    });

    const acked = await server.client.risk.acknowledgeAlert.mutate({ key: KEY, raise_id: raiseId });
    const ack = { by: 'alice', at: iso(clock.now()) };
    expect(acked).toMatchObject({ key: KEY, raise_id: raiseId, ack });
    await server.signIn('bob');
    await expect(server.client.risk.acknowledgeAlert.mutate({ key: KEY })).rejects.toMatchObject({
      message: `alert ${KEY} was already acknowledged by alice at ${ack.at}`,
      data: { code: 'CONFLICT' },
    });

    await server.bus.publish('risk.alert', cleared());
    expect(await rowOnceRaised(server, raiseId, 'cleared')).toMatchObject({
      cleared_at: '2026-03-02T09:16:04.120Z',
      ack,
    });

    const again = await server.bus.publish('risk.alert', alert({ timestamp: '2026-03-02T09:20:00.000Z' }));
    expect(await rowOnceRaised(server, again)).toMatchObject({ repeats: 0, ack: null });
    await expect(
      server.client.risk.acknowledgeAlert.mutate({ key: KEY, raise_id: raiseId }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT' }, message: expect.stringMatching(/raised again/) });
    expect(await server.client.risk.acknowledgeAlert.mutate({ key: KEY })).toMatchObject({
      raise_id: again,
      ack: { by: 'bob' },
    });
  });

  it('streams alerts to a viewer (onAlert), refuses its acknowledgement FORBIDDEN, an unknown alert NOT_FOUND', async () => {
    await using server = await startTestServer({ user: 'viewer' });
    const seen: RiskAlertEvent[] = [];
    const sub = server.client.onAlert.subscribe({}, { onData: ({ data }) => seen.push(data) });
    // The tail attaches asynchronously: publish until the subscription has seen one
    await expect
      .poll(async () => {
        await server.bus.publish('risk.alert', cleared());
        return seen.length;
      })
      .toBeGreaterThan(0);
    sub.unsubscribe();
    expect(seen[0]).toMatchObject({ alert_type: 'delta', severity: 'info' });
    const raiseId = await server.bus.publish('risk.alert', alert());
    await rowOnceRaised(server, raiseId);

    await expect(server.client.risk.acknowledgeAlert.mutate({ key: KEY })).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    await server.signIn('trader');
    await expect(
      server.client.risk.acknowledgeAlert.mutate({ key: 'global|leverage|' }),
    ).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    expect((await server.client.risk.alertBoard.query())[0]?.ack).toBeNull();
  });

  it('records an acknowledgement once among concurrent traders (the store)', async () => {
    await using server = await startTestServer({ user: 'viewer' });
    const raise = { key: KEY, raiseId: '1772442904120-0' };
    const outcomes = await Promise.all(
      ['alice', 'bob', 'carol'].map((by) => server.stores.alertAcks.acknowledge(raise, { by, at: by })),
    );
    const winners = outcomes.filter((o) => o === null);
    expect(winners).toHaveLength(1);
    const stored = (await server.stores.alertAcks.acks([raise])).get(KEY);
    expect(outcomes.filter((o) => o !== null)).toEqual([stored, stored]);
    expect(await server.redis.hkeys(`${server.prefix}:alert_acks`)).toEqual([`1772442904120-0|${KEY}`]);
  });
});
