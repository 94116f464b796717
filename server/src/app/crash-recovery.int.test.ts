import { streamKey } from '../keys/key-table.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalIntent, poll, STACK_START_MS, startStack, type Stack } from '../testing/start-stack.ts';

/** Services stop mid-stream and come back as new instances of the same consumer groups. */
describe('restarts mid-stream, live', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Entries a dead consumer holds are reclaimed after 0.5 s of idleness (default 30 s). The legs' limit
    // prices sit 50 % beyond the quote (default 1 %): the simulated options move more than 1 % while a
    // service is down, and a leg rejected as not marketable would never fill (the flake of these tests)
    // Limit prices 50 % beyond the quote are outside the default price band: it is widened with them
    stack = await startStack({
      BUS_CLAIM_IDLE_MS: '500',
      EXEC_PRICE_BUFFER_PCT: '0.5',
      RISK_PRICE_BAND_PCT: '1',
      RISK_PRICE_BAND_VOL_PTS: '1000',
    });
    await stack.signIn('carol');
  }, STACK_START_MS);
  afterAll(() => stack.close());

  const drained = { pending: 0, lag: 0 };
  const decisionsOf = async (intentId: string) =>
    (await stack.read('intent.decision')).filter((d) => d.intent_id === intentId);
  const ordersOf = async (intentId: string) =>
    (await stack.read('order.command')).filter((o) => o.intent_id === intentId);
  const fillsOf = async (intentId: string) =>
    (await stack.read('order.fill')).filter((f) => f.intent_id === intentId);

  describe('when the engine and the paper exchange are down while an intent is repeated and approved', () => {
    it('handles the backlog after restart with one decision per status and one fill per order', async () => {
      const intent = externalIntent();
      const id = intent.intent_id;
      await stack.stopService('paper-exchange');
      await stack.xadd('strategy.intent', intent);
      await stack.xadd('strategy.intent', intent);
      await poll(async () => (await decisionsOf(id)).map((d) => d.status)).toEqual(['pending_approval']);

      await stack.stopService('engine');
      await stack.xadd('strategy.intent', intent);
      const approval = await stack.client.approvals.approve.mutate({ intent_id: id });
      expect(approval.intent_id).toBe(id);
      expect(await stack.groupState('intent.approval', 'engine')).toMatchObject({ lag: 1 });
      expect((await decisionsOf(id)).map((d) => d.status)).toEqual(['pending_approval']);

      await stack.startService('engine');

      await poll(async () => (await decisionsOf(id)).map((d) => [d.status, d.decided_by])).toEqual([
        ['pending_approval', 'engine'],
        ['approved', 'carol'],
      ]);
      await poll(async () => (await ordersOf(id)).map((o) => o.client_order_id)).toEqual([
        `${id}-0`,
        `${id}-1`,
      ]);
      expect(await stack.groupState('order.command', 'paper-exchange')).toMatchObject({ lag: 2 });
      expect(await fillsOf(id)).toEqual([]);

      await stack.startService('paper-exchange');

      await poll(async () => (await fillsOf(id)).map((f) => f.client_order_id).sort()).toEqual([
        `${id}-0`,
        `${id}-1`,
      ]);
      await poll(() => stack.groupState('strategy.intent', 'engine')).toEqual(drained);
      await poll(() => stack.groupState('intent.approval', 'engine')).toEqual(drained);
      expect((await decisionsOf(id)).map((d) => d.status)).toEqual(['pending_approval', 'approved']);
      expect((await stack.read('execution.command')).filter((c) => c.intent_id === id)).toHaveLength(1);
    });
  });

  describe('when an order command is delivered again after its fill', () => {
    it('acks the repeat without a second fill', async () => {
      const intent = externalIntent();
      const id = intent.intent_id;
      await stack.xadd('strategy.intent', intent);
      await poll(async () => (await decisionsOf(id)).map((d) => d.status)).toEqual(['pending_approval']);
      await stack.client.approvals.approve.mutate({ intent_id: id });
      await poll(async () => (await fillsOf(id)).length).toBe(2);
      const [first] = (await stack.entries('order.command')).filter((e) => e.message.intent_id === id);
      if (first === undefined) throw new Error('no order command for the intent');

      await stack.stopService('paper-exchange');
      await stack.xadd('order.command', first.message);
      await stack.xadd('order.command', first.message);
      await stack.startService('paper-exchange');

      await poll(() => stack.groupState('order.command', 'paper-exchange')).toEqual(drained);
      const perOrder = new Map<string, number>();
      for (const fill of await fillsOf(id))
        perOrder.set(fill.client_order_id ?? '', (perOrder.get(fill.client_order_id ?? '') ?? 0) + 1);
      expect(Object.fromEntries(perOrder)).toEqual({ [`${id}-0`]: 1, [`${id}-1`]: 1 });
    });
  });

  describe('when the paper exchange dies holding delivered, unacked order commands', () => {
    it('a new instance of the group reclaims them and fills each once', async () => {
      const intent = externalIntent();
      const id = intent.intent_id;
      await stack.xadd('strategy.intent', intent);
      await poll(async () => (await decisionsOf(id)).map((d) => d.status)).toEqual(['pending_approval']);
      await stack.stopService('paper-exchange');
      await stack.client.approvals.approve.mutate({ intent_id: id });
      await poll(async () => (await ordersOf(id)).length).toBe(2);
      // The crashed process: read its batch in the group, then died before handling and acking it
      const key = streamKey(stack.prefix, 'order.command');
      await stack.redis.xreadgroup(
        'GROUP',
        'paper-exchange',
        'paper-exchange-crashed',
        'COUNT',
        100,
        'STREAMS',
        key,
        '>',
      );
      expect(await stack.groupState('order.command', 'paper-exchange')).toEqual({ pending: 2, lag: 0 });
      const idleMs = async () =>
        (
          (await stack.redis.xpending(key, 'paper-exchange', '-', '+', 100)) as [string, string, number][]
        ).map(([, , idle]) => idle);
      await poll(async () => Math.min(...(await idleMs()))).toBeGreaterThan(500);

      await stack.startService('paper-exchange');

      await poll(async () => (await fillsOf(id)).map((f) => f.client_order_id).sort()).toEqual([
        `${id}-0`,
        `${id}-1`,
      ]);
      await poll(() => stack.groupState('order.command', 'paper-exchange')).toEqual(drained);
      expect(await fillsOf(id)).toHaveLength(2);
    });
  });
});
