import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalIntent, poll, STACK_START_MS, startStack, type Stack } from '../testing/start-stack.ts';

const decisionsOf = async (stack: Stack, intentId: string) =>
  (await stack.read('intent.decision')).filter((d) => d.intent_id === intentId);
const statusOf = async (stack: Stack, intentId: string) =>
  (await stack.client.intents.recent.query({ limit: 200 })).find((r) => r.intent.intent_id === intentId)
    ?.status;

/** The approval policy of SPEC §5.3, live: expiry of manual approvals and automatic approval. */
describe('approval policy, live', () => {
  describe('when nobody decides within APPROVAL_TTL_S', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ APPROVAL_TTL_S: '1' });
    }, STACK_START_MS);
    afterAll(() => stack.close());

    it('expires the intent and a later approval conflicts', async () => {
      const intent = externalIntent();
      const id = intent.intent_id;
      await stack.xadd('strategy.intent', intent);

      await poll(async () => (await decisionsOf(stack, id)).map((d) => d.status)).toEqual([
        'pending_approval',
        'expired',
      ]);
      expect((await decisionsOf(stack, id))[1]).toMatchObject({
        decided_by: 'engine',
        reason_codes: ['APPROVAL_EXPIRED'],
      });
      await expect(stack.client.approvals.approve.mutate({ intent_id: id })).rejects.toMatchObject({
        data: { code: 'CONFLICT' },
        message: expect.stringContaining('expired'),
      });
      expect((await stack.client.approvals.pending.query()).map((p) => p.intent.intent_id)).not.toContain(id);
      await poll(() => statusOf(stack, id)).toBe('expired');
      expect((await stack.read('intent.approval')).filter((c) => c.intent_id === id)).toEqual([]);
      expect((await stack.read('execution.command')).filter((c) => c.intent_id === id)).toEqual([]);
    });
  });

  describe('when APPROVAL_MODE is auto', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ APPROVAL_MODE: 'auto' });
    }, STACK_START_MS);
    afterAll(() => stack.close());

    it('approves as auto and fills without a trader', async () => {
      const intent = externalIntent();
      const id = intent.intent_id;
      await stack.xadd('strategy.intent', intent);

      await poll(async () => (await decisionsOf(stack, id)).map((d) => [d.status, d.decided_by])).toEqual([
        ['approved', 'auto'],
      ]);
      expect((await decisionsOf(stack, id))[0]).toMatchObject({ approval_mode: 'auto', expires_at: null });
      expect((await stack.read('execution.command')).filter((c) => c.intent_id === id)).toEqual([
        expect.objectContaining({ approved_by: 'auto' }),
      ]);
      await poll(async () =>
        (await stack.read('order.fill'))
          .filter((f) => f.intent_id === id)
          .map((f) => f.client_order_id)
          .sort(),
      ).toEqual([`${id}-0`, `${id}-1`]);
      await poll(() => statusOf(stack, id)).toBe('filled');
      expect((await stack.client.approvals.pending.query()).map((p) => p.intent.intent_id)).not.toContain(id);
      expect((await stack.read('intent.approval')).filter((c) => c.intent_id === id)).toEqual([]);
    });
  });
});
