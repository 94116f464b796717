import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalIntent, poll, STACK_START_MS, startStack, type Stack } from '../testing/start-stack.ts';

/** The whole system in one process on the real Redis: a trader approves or vetoes an external intent. */
describe('the whole loop, live', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await stack.signIn('alice');
  }, STACK_START_MS);
  afterAll(() => stack.close());

  const decisionsOf = async (intentId: string) =>
    (await stack.read('intent.decision')).filter((d) => d.intent_id === intentId);
  const statusesOf = async (intentId: string) => (await decisionsOf(intentId)).map((d) => d.status);

  describe('when the stack starts with SIM_SENTIMENT_PORT 0', () => {
    it('points the risk service at the port the simulator bound, so the macro state has a sentiment', async () => {
      expect(stack.config.riskService.sentimentUrls).toEqual([
        expect.stringMatching(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/),
      ]);
      await poll(async () => (await stack.read('market.macro_state')).at(-1)?.sentiment_score).toEqual(
        expect.any(Number),
      );
      expect(stack.config.riskService.onchainUrl).toBe(stack.config.riskService.sentimentUrls[0]);
      expect((await stack.read('market.macro_state')).at(-1)).toMatchObject({
        onchain_activity: expect.any(Number),
        onchain_age_s: 0,
        metadata: { onchain_breaker: 'closed', onchain_stale: false },
      });
    });
  });

  describe('when an external producer writes an intent and a trader approves it', () => {
    it('routes it through execution and the paper exchange into filled legs and portfolio Greeks', async () => {
      const intent = externalIntent();
      const id = intent.intent_id;
      await stack.xadd('strategy.intent', intent);
      await poll(() => statusesOf(id)).toEqual(['pending_approval']);
      const pending = await stack.client.approvals.pending.query();
      expect(pending.map((p) => p.intent.intent_id)).toContain(id);

      const reply = await stack.client.approvals.approve.mutate({ intent_id: id });

      expect(reply).toEqual({ intent_id: id, command_id: expect.any(String) });
      await poll(() => statusesOf(id)).toEqual(['pending_approval', 'approved']);
      expect((await decisionsOf(id))[1]).toMatchObject({
        decided_by: 'alice',
        approval_mode: 'manual',
        reason_codes: [],
      });
      await poll(async () =>
        (await stack.read('execution.command')).filter((c) => c.intent_id === id),
      ).toEqual([expect.objectContaining({ action: 'buy_straddle', quantity: 0.1, approved_by: 'alice' })]);
      await poll(async () =>
        (await stack.read('order.command'))
          .filter((o) => o.intent_id === id)
          .map((o) => [o.client_order_id, o.symbol.slice(-2), o.side, o.quantity]),
      ).toEqual([
        [`${id}-0`, '-C', 'buy', 0.1],
        [`${id}-1`, '-P', 'buy', 0.1],
      ]);
      await poll(async () =>
        (await stack.read('order.fill'))
          .filter((f) => f.intent_id === id)
          .map((f) => [f.client_order_id, f.order_id, f.quantity]),
      ).toEqual([
        [`${id}-0`, `paper-${id}-0`, 0.1],
        [`${id}-1`, `paper-${id}-1`, 0.1],
      ]);
      await poll(async () =>
        (await stack.read('position.update'))
          .filter((u) => u.strategy_id === 'external_desk')
          .map((u) => [u.symbol.slice(-2), u.quantity]),
      ).toEqual([
        ['-C', 0.1],
        ['-P', 0.1],
      ]);
      await poll(async () => {
        const risk = (await stack.read('portfolio.risk')).filter((r) => r.underlying === 'BTC/USDT');
        return risk.at(-1)?.total_vega ?? 0;
      }).toBeGreaterThan(0);
      await poll(async () => {
        const recent = await stack.client.intents.recent.query({ limit: 200 });
        return recent.find((r) => r.intent.intent_id === id)?.status;
      }).toBe('filled');
    });
  });

  describe('when a trader vetoes a pending intent with a reason', () => {
    it('records the veto by that trader and sends no command for it', async () => {
      const intent = externalIntent();
      const id = intent.intent_id;
      await stack.xadd('strategy.intent', intent);
      await poll(() => statusesOf(id)).toEqual(['pending_approval']);
      await stack.signIn('bob');

      await stack.client.approvals.veto.mutate({ intent_id: id, reason: 'FOMC in an hour' });

      await poll(() => statusesOf(id)).toEqual(['pending_approval', 'vetoed']);
      expect((await decisionsOf(id))[1]).toMatchObject({
        decided_by: 'bob',
        reason_codes: ['MANUAL_VETO'],
        reason: 'FOMC in an hour',
      });
      // The engine handled the command completely: its group has nothing pending or unread
      await poll(() => stack.groupState('intent.approval', 'engine')).toEqual({ pending: 0, lag: 0 });
      expect((await stack.read('execution.command')).filter((c) => c.intent_id === id)).toEqual([]);
      expect((await stack.read('order.command')).filter((o) => o.intent_id === id)).toEqual([]);
      const recent = await stack.client.intents.recent.query({ limit: 200 });
      expect(recent.find((r) => r.intent.intent_id === id)?.status).toBe('vetoed');
    });
  });
});
