import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalIntent, poll, STACK_START_MS, startStack, type Stack } from '../testing/start-stack.ts';
import { createTestClient, type TestClient } from '../testing/start-test-server.ts';

const decisionsOf = async (stack: Stack, intentId: string) =>
  (await stack.read('intent.decision')).filter((d) => d.intent_id === intentId);

/**
 * Four-eyes through the gateway (issue 10 item 5): two traders signed in on two clients, the whole stack
 * behind them. The straddle (0.1 BTC a leg, about 2 × 0.1 × spot) is above FOUR_EYES_NOTIONAL_USD=1000.
 */
describe('four-eyes approval through the gateway, two signed-in traders', () => {
  let stack: Stack;
  let bob: TestClient;
  beforeAll(async () => {
    stack = await startStack({ FOUR_EYES_NOTIONAL_USD: '1000' });
    await stack.signIn('alice');
    bob = createTestClient({ url: stack.url, wsUrl: `${stack.url.replace(/^http/, 'ws')}/trpc` });
    await bob.signIn('bob');
  }, STACK_START_MS);
  afterAll(async () => {
    await bob.close();
    await stack.close();
  });

  const pendingItem = async (intentId: string) =>
    (await stack.client.approvals.pending.query()).find((p) => p.intent.intent_id === intentId);

  it('waits for the second trader, refuses the first one twice, approves with both names', async () => {
    const intent = externalIntent();
    const id = intent.intent_id;
    await stack.xadd('strategy.intent', intent);
    await poll(async () => (await pendingItem(id))?.status).toBe('pending');
    const opened = await pendingItem(id);
    expect(opened?.four_eyes).toEqual({
      rule: 'notional',
      detail: expect.stringMatching(/^notional [\d,]+ USD over 1,000$/),
      first_approved_by: null,
    });

    await stack.client.approvals.approve.mutate({ intent_id: id });
    await poll(async () => (await pendingItem(id))?.status).toBe('awaiting_second');
    expect((await pendingItem(id))?.four_eyes?.first_approved_by).toBe('alice');
    expect((await pendingItem(id))?.expires_at).toBe(opened?.expires_at);
    await expect(stack.client.approvals.approve.mutate({ intent_id: id })).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
      message: expect.stringMatching(
        /^four-eyes: notional [\d,]+ USD over 1,000; alice approved first, a second trader must approve/,
      ),
    });

    await bob.client.approvals.approve.mutate({ intent_id: id });
    await poll(async () => (await decisionsOf(stack, id)).map((d) => [d.status, d.decided_by])).toEqual([
      ['pending_approval', 'engine'],
      ['awaiting_second_approval', 'alice'],
      ['approved', 'bob'],
    ]);
    expect((await decisionsOf(stack, id)).at(-1)?.approvers).toEqual(['alice', 'bob']);
    expect(await pendingItem(id)).toBeUndefined();
    // The explain chain shows both traders' decisions, and the hops both approvals
    await poll(async () => {
      const { nodes } = await bob.client.intents.explain.query({ intent_id: id });
      return nodes
        .filter((n) => n.stream === 'intent.decision')
        .map((n) => {
          const m = n.message as { status: string; decided_by: string; approvers: string[] };
          return [m.status, m.decided_by, m.approvers];
        });
    }).toEqual([
      ['pending_approval', 'engine', []],
      ['awaiting_second_approval', 'alice', ['alice']],
      ['approved', 'bob', ['alice', 'bob']],
    ]);
    const { hops } = await bob.client.intents.explain.query({ intent_id: id });
    expect(hops.map((h) => `${h.from} → ${h.to}`)).toEqual(
      expect.arrayContaining([
        'decision:pending_approval → first approval',
        'first approval → decision:awaiting_second_approval',
        'decision:awaiting_second_approval → approval',
        'approval → decision:approved',
      ]),
    );
    expect((await stack.read('execution.command')).filter((c) => c.intent_id === id)).toEqual([
      expect.objectContaining({ approved_by: 'bob' }),
    ]);
  });

  it('ends on a veto by the second trader after the first approval', async () => {
    const intent = externalIntent();
    const id = intent.intent_id;
    await stack.xadd('strategy.intent', intent);
    await poll(async () => (await pendingItem(id))?.status).toBe('pending');
    await stack.client.approvals.approve.mutate({ intent_id: id });
    await poll(async () => (await pendingItem(id))?.status).toBe('awaiting_second');
    await bob.client.approvals.veto.mutate({ intent_id: id, reason: 'too big into the print' });
    await poll(async () => (await decisionsOf(stack, id)).map((d) => [d.status, d.decided_by])).toEqual([
      ['pending_approval', 'engine'],
      ['awaiting_second_approval', 'alice'],
      ['vetoed', 'bob'],
    ]);
    await expect(stack.client.approvals.approve.mutate({ intent_id: id })).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
      message: expect.stringContaining('vetoed by bob'),
    });
    expect((await stack.read('execution.command')).filter((c) => c.intent_id === id)).toEqual([]);
  });
});

describe('four-eyes approval through the gateway, no second trader in time', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Long enough for alice to approve on a loaded machine, short enough to wait for
    stack = await startStack({ FOUR_EYES_NOTIONAL_USD: '1000', APPROVAL_TTL_S: '6' });
    await stack.signIn('alice');
  }, STACK_START_MS);
  afterAll(() => stack.close());

  it('expires at the first expires_at while awaiting the second trader', async () => {
    const intent = externalIntent();
    const id = intent.intent_id;
    await stack.xadd('strategy.intent', intent);
    await poll(async () => (await decisionsOf(stack, id)).map((d) => d.status)).toEqual(['pending_approval']);
    await stack.client.approvals.approve.mutate({ intent_id: id });
    await poll(async () => (await decisionsOf(stack, id)).map((d) => [d.status, d.decided_by])).toEqual([
      ['pending_approval', 'engine'],
      ['awaiting_second_approval', 'alice'],
      ['expired', 'engine'],
    ]);
    const [pending, awaiting, expired] = await decisionsOf(stack, id);
    expect(awaiting?.expires_at).toBe(pending?.expires_at);
    expect(Date.parse(expired?.timestamp ?? '')).toBeGreaterThanOrEqual(
      Date.parse(pending?.expires_at ?? ''),
    );
    await stack.signIn('bob');
    await expect(stack.client.approvals.approve.mutate({ intent_id: id })).rejects.toMatchObject({
      data: { code: 'CONFLICT' },
      message: expect.stringContaining('expired'),
    });
    expect((await stack.read('execution.command')).filter((c) => c.intent_id === id)).toEqual([]);
  });
});
