import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalIntent, poll, STACK_START_MS, startStack, type Stack } from '../testing/start-stack.ts';

const PERP = 'BTC/USDT:USDT';

/** A DeltaHedger intent on the BTC perpetual, as the hedger writes it. */
const hedge = (direction: 'buy' | 'sell', quantity: number) =>
  externalIntent({
    strategy_id: 'delta_hedger_btc',
    symbol: PERP,
    intent_type: 'delta_hedge',
    action: 'delta_hedge',
    direction,
    quantity,
    confidence: 1,
    reason: 'maintain_delta_neutral',
    metadata: { strategy_type: 'delta_hedger', underlying: 'BTC/USDT' },
  });

/**
 * The hedge lane through Redis (issue 9 item 4): under a global HALTED set by a person, in manual approval,
 * a DeltaHedger intent that brings |Δ| down is approved automatically and fills; one that raises it is refused.
 */
describe('the hedge lane under HALTED, live', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ RISK_MIN_POSITION_RATIO: '0' });
    // no strategy runs: the only intents are the test's (the hedger would hedge the test's delta itself)
    await stack.stopService('strategy-runner');
    await stack.signIn('alice');
  }, STACK_START_MS);
  afterAll(() => stack.close());

  const decisionsOf = async (intentId: string) =>
    (await stack.read('intent.decision')).filter((d) => d.intent_id === intentId);
  const filledOf = async (intentId: string) =>
    (await stack.read('order.fill'))
      .filter((f) => f.intent_id === intentId)
      .reduce((q, f) => q + f.quantity, 0);

  it('approves and fills a reducing hedge, and refuses an increasing one', async () => {
    const buy = externalIntent({
      action: 'buy',
      direction: 'buy',
      quantity: 0.3,
      intent_type: 'legacy_signal',
    });
    await stack.xadd('strategy.intent', buy);
    await poll(async () => (await decisionsOf(buy.intent_id)).map((d) => d.status)).toEqual([
      'pending_approval',
    ]);
    await stack.client.approvals.approve.mutate({ intent_id: buy.intent_id });
    await poll(() => filledOf(buy.intent_id)).toBeCloseTo(0.3, 9);
    // the engine's book holds the bought 0.3 BTC (Δ +0.3) once the position update has reached it
    await poll(async () => (await stack.read('position.update')).some((u) => u.symbol === 'BTC/USDT')).toBe(
      true,
    );

    // A risk manager halts the desk
    await stack.signIn('risk');
    await stack.client.risk.setTradingState.mutate({
      scope: 'global',
      state: 'HALTED',
      reason: 'exchange incident',
    });
    await poll(async () => (await stack.read('risk.trading_state')).map((e) => e.state)).toEqual(['HALTED']);

    const reducing = hedge('sell', 0.2);
    await stack.xadd('strategy.intent', reducing);
    await poll(async () => (await decisionsOf(reducing.intent_id)).map((d) => d.status)).toEqual([
      'approved',
    ]);
    expect((await decisionsOf(reducing.intent_id))[0]).toMatchObject({
      decided_by: 'auto',
      approval_mode: 'auto',
      metadata: {
        protective: true,
        hedge: { rule: 'reduces_delta', delta_before: 0.3, delta_after: 0.1 },
        approval_policy: { mode: 'manual', rule: 'hedge_lane' },
      },
    });
    expect((await decisionsOf(reducing.intent_id))[0]?.checks).toContainEqual(
      expect.objectContaining({ check: 'trading_state', passed: true }),
    );
    await poll(() => filledOf(reducing.intent_id)).toBeCloseTo(0.2, 9);

    const increasing = hedge('buy', 0.1);
    await stack.xadd('strategy.intent', increasing);
    await poll(async () => (await decisionsOf(increasing.intent_id)).map((d) => d.status)).toEqual([
      'vetoed',
    ]);
    expect((await decisionsOf(increasing.intent_id))[0]).toMatchObject({
      reason_codes: ['TRADING_HALTED'],
      metadata: { protective: false, hedge: { rule: 'increases_delta' } },
    });
    expect(await filledOf(increasing.intent_id)).toBe(0);
  });
});
