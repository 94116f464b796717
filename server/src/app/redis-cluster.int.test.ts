import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRedisCluster } from '../testing/redis-cluster.ts';
import { externalIntent, poll, STACK_START_MS, startStack, type Stack } from '../testing/start-stack.ts';

/** The ports of the three masters (loopback only); nothing else of the suite uses them. */
const PORTS = [7101, 7102, 7103];

/**
 * The whole loop on a 3-master Redis Cluster (`REDIS_CLUSTER_NODES`): every service, the gateway and the
 * bus on ioredis' Cluster client; streams, consumer groups, scripts and transactions on their slots.
 */
describe('the whole loop on a Redis Cluster', () => {
  const cluster = new LocalRedisCluster(PORTS);
  let stack: Stack | undefined;
  beforeAll(async () => {
    await cluster.start();
    stack = await startStack({ REDIS_CLUSTER_NODES: cluster.seeds });
    await stack.signIn('alice');
  }, STACK_START_MS);
  afterAll(async () => {
    try {
      await stack?.close();
    } finally {
      await cluster.stop();
    }
  }, STACK_START_MS);

  const running = (): Stack => {
    if (stack === undefined) throw new Error('the stack did not start');
    return stack;
  };

  it('runs on the cluster client', () => {
    expect(running().redis.isCluster).toBe(true);
  });

  it('takes an intent through a trader approval, option legs and fills to portfolio Greeks', async () => {
    const s = running();
    const intent = externalIntent();
    const id = intent.intent_id;
    const statuses = async () =>
      (await s.read('intent.decision')).filter((d) => d.intent_id === id).map((d) => d.status);
    await s.xadd('strategy.intent', intent);
    await poll(statuses).toEqual(['pending_approval']);

    await s.client.approvals.approve.mutate({ intent_id: id });

    await poll(statuses).toEqual(['pending_approval', 'approved']);
    await poll(async () =>
      (await s.read('order.command'))
        .filter((o) => o.intent_id === id)
        .map((o) => [o.client_order_id, o.symbol.slice(-2), o.side]),
    ).toEqual([
      [`${id}-0`, '-C', 'buy'],
      [`${id}-1`, '-P', 'buy'],
    ]);
    await poll(async () =>
      (await s.read('order.fill')).filter((f) => f.intent_id === id).map((f) => f.client_order_id),
    ).toEqual([`${id}-0`, `${id}-1`]);
    await poll(async () => {
      const risk = (await s.read('portfolio.risk')).filter((r) => r.underlying === 'BTC/USDT');
      return risk.at(-1)?.total_vega ?? 0;
    }).toBeGreaterThan(0);
    const decided = (await s.read('intent.decision')).find(
      (d) => d.intent_id === id && d.status === 'approved',
    );
    expect(decided).toMatchObject({ decided_by: 'alice', approval_mode: 'manual' });
  });

  it('dead-letters an undecodable entry (append, then ack: two slots) and shows it on the Ops page', async () => {
    const s = running();
    const id = await s.xadd('strategy.intent', ['data', 'not json']);

    await poll(async () =>
      (await s.read('dlq'))
        .filter((d) => d.source_entry_id === id && d.group === 'engine')
        .map((d) => d.reason),
    ).toEqual(['INVALID_JSON']);
    await poll(() => s.groupState('strategy.intent', 'engine')).toEqual({ pending: 0, lag: 0 });
    const page = await s.client.monitoring.deadLetters.query({ limit: 10 });
    expect(page.letters.map((letter) => letter.source_entry_id)).toContain(id);
    // The bus counts of several minutes (one key each, spread over the slots) and every stream's groups
    await poll(async () => {
      const streams = await s.client.monitoring.streams.query();
      const engine = streams
        .find((info) => info.stream === 'strategy.intent')
        ?.groups.find((g) => g.name === 'engine');
      return engine?.per_minute.reduce((sum, minute) => sum + minute.handled, 0) ?? 0;
    }).toBeGreaterThan(0);
  });

  it('spreads the desk over every master', async () => {
    const counts = await cluster.keysPerNode(running().prefix);
    expect([...counts.values()].filter((count) => count > 0)).toHaveLength(PORTS.length);
  });
});
