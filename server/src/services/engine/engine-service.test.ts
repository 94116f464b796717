import type { StreamInput } from '@gamma/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InMemoryBus } from '../../bus/in-memory-bus.ts';
import { loadConfig } from '../../config/app-config.ts';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { EngineService } from './engine-service.ts';
import { fillOf } from '../../testing/engine-desk.ts';
import { createMemoryStores } from '../../stores/stores.ts';
import { createStrategyIntent, createTestSurface as testSurface } from '@gamma/shared/testing';

const NOW = '2026-03-02T09:15:04.120Z';

const intent = (over: Partial<StreamInput<'strategy.intent'>> = {}): StreamInput<'strategy.intent'> => ({
  ...createStrategyIntent({ intent_id: 'intent-1', timestamp: NOW, metadata: { p_vol: 0.6 } }),
  ...over,
});

const spotIntent = (over: Partial<StreamInput<'strategy.intent'>> = {}) =>
  intent({
    strategy_id: 'grid_btc',
    intent_type: 'legacy_signal',
    action: 'buy',
    quantity: 0.05,
    ...over,
  });

const tick = (symbol: string, price: number): StreamInput<'market.tick'> => ({
  symbol,
  price,
  volume: 0,
  bid: price,
  ask: price,
  timestamp: NOW,
  metadata: {},
});

interface Setup {
  env?: Record<string, string>;
  deliverTwice?: boolean;
}

let engine: EngineService | null = null;
let bus: InMemoryBus | null = null;

afterEach(async () => {
  await engine?.close();
  await bus?.close();
  engine = null;
  bus = null;
});

async function setup(options: Setup = {}) {
  const clock = new FakeClock(Date.parse(NOW));
  const theBus = new InMemoryBus({ clock, deliverTwice: options.deliverTwice ?? false });
  const stores = createMemoryStores(theBus);
  const { approvals } = stores;
  // The test chain's mids imply ~115 % vol against its 60 % IV column: the vol band is widened so option
  // intents pass it (check-price-band.test.ts tests the band on a consistent chain)
  // Intents here repeat within seconds on purpose: the duplicate window is off unless a test sets it
  const config = loadConfig({ RISK_PRICE_BAND_VOL_PTS: '100', RISK_DUPLICATE_WINDOW_S: '0', ...options.env });
  const theEngine = new EngineService(
    { bus: theBus, clock, config, log: silentLogger, stores },
    { timers: false },
  );
  await theEngine.start();
  bus = theBus;
  engine = theEngine;
  const publish = async <T extends Parameters<InMemoryBus['publish']>[0]>(
    name: T,
    message: StreamInput<T>,
  ) => {
    await theBus.publish(name, message);
    await theBus.drain();
  };
  await publish('market.vol_surface', testSurface());
  await publish('market.tick', tick('BTC/USDT', 100_000));
  return { bus: theBus, engine: theEngine, approvals, clock, publish, stores };
}

const decisions = (b: InMemoryBus) => b.published('intent.decision');

/** An approve of an intent by a user, with a command id of its own. */
const claimOf = (intentId: string, by: string) => ({
  intentId,
  command: 'approve' as const,
  requestedBy: by,
  reason: null,
  commandId: `cmd-${intentId}-${by}`,
});

describe('EngineService', () => {
  describe('when an option intent passes the checks under the manual policy', () => {
    it('publishes pending_approval with expires_at and stores the pending record', async () => {
      const { bus, approvals, publish } = await setup();
      await publish('strategy.intent', intent());
      const [decision] = decisions(bus);
      expect(decision).toMatchObject({
        decision_id: 'intent-1:pending_approval',
        status: 'pending_approval',
        decided_by: 'engine',
        approval_mode: 'manual',
        expires_at: '2026-03-02T09:17:04.120Z',
        reason_codes: [],
      });
      expect(decision?.checks.map((c) => c.check)).toEqual([
        'drawdown',
        'trading_state',
        'position_ratio',
        'single_position_share',
        'gross_leverage',
        'max_position_size',
        'delta_limit',
        'gamma_limit',
        'vega_limit',
        'theta_limit',
        'strategy_budget',
        'order_rate',
        'duplicate_intent',
        'order_notional',
        'price_band',
        'market_data_age',
        'daily_loss',
        'loss_streak',
      ]);
      expect((await approvals.listPending()).map((r) => r.intent.intent_id)).toEqual(['intent-1']);
      expect(bus.published('execution.command')).toEqual([]);
    });

    it('attaches the Greeks what-if to the decision and to the pending record', async () => {
      const { bus, approvals, publish } = await setup();
      await publish('strategy.intent', intent());
      const [decision] = decisions(bus);
      const whatIf = decision?.metadata.what_if as
        { underlying: string; before: Record<string, number>; after: Record<string, number> } | undefined;
      expect(whatIf?.underlying).toBe('BTC/USDT');
      expect(whatIf?.before).toEqual({ delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 });
      expect(whatIf?.after.vega).toBeGreaterThan(0);
      expect(whatIf?.after.gamma).toBeGreaterThan(0);
      const [record] = await approvals.listPending();
      expect(record?.intent.metadata.what_if).toEqual(whatIf);
      expect(record?.intent.metadata.p_vol).toBe(0.6);
    });

    it('approves on the trader command, routes an execution command and marks the record done', async () => {
      const { bus, approvals, clock, publish } = await setup();
      await publish('strategy.intent', intent());
      clock.advance(5_000);
      await approvals.claim({
        intentId: 'intent-1',
        command: 'approve',
        requestedBy: 'alice',
        reason: null,
        commandId: 'cmd-1',
        nowMs: clock.now(),
      });
      await bus.drain();
      expect(decisions(bus).map((d) => [d.status, d.decided_by])).toEqual([
        ['pending_approval', 'engine'],
        ['approved', 'alice'],
      ]);
      expect(bus.published('execution.command')).toEqual([
        expect.objectContaining({
          intent_id: 'intent-1',
          action: 'buy_straddle',
          direction: 'buy',
          quantity: 0.1,
          approved_by: 'alice',
          metadata: expect.not.objectContaining({ what_if: expect.anything() }),
        }),
      ]);
      expect(bus.published('execution.command')).toEqual([
        expect.objectContaining({
          metadata: expect.objectContaining({
            p_vol: 0.6,
            intent_type: 'increase_long_gamma',
            reason: 'market_underpricing_volatility',
            confidence: 0.7,
          }),
        }),
      ]);
      expect((await approvals.get('intent-1'))?.status).toBe('done');
    });

    it('vetoes on the trader veto with MANUAL_VETO and the text, and routes nothing', async () => {
      const { bus, approvals, clock, publish } = await setup();
      await publish('strategy.intent', intent());
      await approvals.claim({
        intentId: 'intent-1',
        command: 'veto',
        requestedBy: 'bob',
        reason: 'vol is cheap for a reason',
        commandId: 'cmd-2',
        nowMs: clock.now(),
      });
      await bus.drain();
      expect(decisions(bus)[1]).toMatchObject({
        status: 'vetoed',
        decided_by: 'bob',
        reason_codes: ['MANUAL_VETO'],
        reason: 'vol is cheap for a reason',
      });
      expect(bus.published('execution.command')).toEqual([]);
    });

    it('expires it once the TTL has passed, never before', async () => {
      const { bus, approvals, clock, publish, engine } = await setup();
      await publish('strategy.intent', intent());
      clock.advance(119_999);
      await engine.sweep();
      expect(decisions(bus)).toHaveLength(1);
      clock.advance(1);
      await engine.sweep();
      await engine.sweep();
      expect(decisions(bus)[1]).toMatchObject({
        decision_id: 'intent-1:expired',
        status: 'expired',
        decided_by: 'engine',
        reason_codes: ['APPROVAL_EXPIRED'],
      });
      expect(decisions(bus)).toHaveLength(2);
      const late = await approvals.claim({
        intentId: 'intent-1',
        command: 'approve',
        requestedBy: 'alice',
        reason: null,
        commandId: 'cmd-3',
        nowMs: clock.now(),
      });
      expect(late).toMatchObject({ ok: false, code: 'CONFLICT' });
    });

    it('rejects on recheck when the book changed in the meantime', async () => {
      // One approver: the 200 000 notional is under the four-eyes threshold here
      const { bus, approvals, clock, publish } = await setup({ env: { FOUR_EYES_NOTIONAL_USD: '250000' } });
      await publish('strategy.intent', intent({ quantity: 1 }));
      // equity falls to 15 000 (peak 100 000) before the approval: drawdown 85 %, 1 straddle = 200 000 notional
      await publish('portfolio.risk', {
        total_delta: 0,
        total_gamma: 0,
        total_vega: 0,
        total_theta: 0,
        total_rho: 0,
        position_ratio: null,
        leverage: null,
        underlying: 'BTC/USDT',
        timestamp: NOW,
        metadata: { total_value: 15_000, cash: 15_000, peak_value: 100_000 },
      });
      await approvals.claim({
        intentId: 'intent-1',
        command: 'approve',
        requestedBy: 'alice',
        reason: null,
        commandId: 'cmd-4',
        nowMs: clock.now(),
      });
      await bus.drain();
      const last = decisions(bus).at(-1);
      expect(last).toMatchObject({
        status: 'rejected_on_recheck',
        decided_by: 'risk_service',
        metadata: { requested_by: 'alice' },
      });
      expect(last?.reason_codes).toContain('MAX_DRAWDOWN_EXCEEDED');
      expect(last?.reason_codes).toContain('GROSS_LEVERAGE_EXCEEDED');
      expect(bus.published('execution.command')).toEqual([]);
    });
  });

  describe('when an intent needs four eyes', () => {
    const approve = (approvals: Awaited<ReturnType<typeof setup>>['approvals'], by: string, at: number) =>
      approvals.claim({
        intentId: 'intent-1',
        command: 'approve',
        requestedBy: by,
        reason: null,
        commandId: `cmd-${by}`,
        nowMs: at,
      });

    it('waits for a second, distinct trader and approves with both names', async () => {
      const { bus, approvals, clock, publish } = await setup({ deliverTwice: true });
      await publish('strategy.intent', intent({ action: 'sell_straddle', direction: 'sell' }));
      const rule = { rule: 'action', detail: 'sell_straddle is unbounded short gamma' };
      expect(decisions(bus)[0]).toMatchObject({ status: 'pending_approval', metadata: { four_eyes: rule } });
      expect(await approvals.get('intent-1')).toMatchObject({ status: 'pending', four_eyes: rule });
      clock.advance(5_000);
      expect(await approve(approvals, 'alice', clock.now())).toMatchObject({ ok: true, stage: 'first' });
      await bus.drain();
      expect(decisions(bus)[1]).toMatchObject({
        decision_id: 'intent-1:awaiting_second_approval',
        status: 'awaiting_second_approval',
        decided_by: 'alice',
        approvers: ['alice'],
        expires_at: '2026-03-02T09:17:04.120Z',
        metadata: { four_eyes: { ...rule, first_approved_by: 'alice' } },
      });
      expect((await approvals.get('intent-1'))?.status).toBe('awaiting_second');
      expect(bus.published('execution.command')).toEqual([]);
      expect(await approve(approvals, 'alice', clock.now())).toMatchObject({
        ok: false,
        same_approver: true,
      });
      expect(await approve(approvals, 'bob', clock.now())).toMatchObject({ ok: true, stage: 'final' });
      await bus.drain();
      // Every entry was delivered twice: still one decision per stage and one route
      expect(decisions(bus).map((d) => [d.status, d.decided_by, d.approvers])).toEqual([
        ['pending_approval', 'engine', []],
        ['awaiting_second_approval', 'alice', ['alice']],
        ['approved', 'bob', ['alice', 'bob']],
      ]);
      expect(bus.published('execution.command')).toEqual([
        expect.objectContaining({ intent_id: 'intent-1', action: 'sell_straddle', approved_by: 'bob' }),
      ]);
      expect((await approvals.get('intent-1'))?.status).toBe('done');
    });

    it('needs them above FOUR_EYES_NOTIONAL_USD, by the order_notional figure', async () => {
      const { bus, publish } = await setup({ env: { FOUR_EYES_NOTIONAL_USD: '15000' } });
      await publish('strategy.intent', intent());
      const [pending] = decisions(bus);
      const notional = pending?.checks.find((c) => c.check === 'order_notional')?.value;
      expect(notional).toBe(20_000);
      expect(pending?.metadata.four_eyes).toEqual({
        rule: 'notional',
        detail: 'notional 20,000 USD over 15,000',
      });
    });

    it('records one approver on a one-approver approval, and ends a four-eyes one on a veto after the first', async () => {
      const { bus, approvals, clock, publish } = await setup();
      await publish('strategy.intent', intent());
      await approve(approvals, 'alice', clock.now());
      await publish(
        'strategy.intent',
        intent({ intent_id: 'intent-2', action: 'sell_strangle', direction: 'sell' }),
      );
      await approvals.claim({ ...claimOf('intent-2', 'alice'), nowMs: clock.now() });
      await approvals.claim({
        ...claimOf('intent-2', 'carol'),
        command: 'veto',
        reason: 'not today',
        nowMs: clock.now(),
      });
      await bus.drain();
      expect(decisions(bus).map((d) => [d.intent_id, d.status, d.decided_by, d.approvers])).toEqual([
        ['intent-1', 'pending_approval', 'engine', []],
        ['intent-1', 'approved', 'alice', ['alice']],
        ['intent-2', 'pending_approval', 'engine', []],
        ['intent-2', 'awaiting_second_approval', 'alice', ['alice']],
        ['intent-2', 'vetoed', 'carol', []],
      ]);
      expect(bus.published('execution.command').map((c) => c.intent_id)).toEqual(['intent-1']);
    });

    it('is vetoed by the halt sweep while awaiting its second approver', async () => {
      const { bus, approvals, clock, publish, engine, stores } = await setup();
      await publish('strategy.intent', intent({ action: 'sell_straddle', direction: 'sell' }));
      await approve(approvals, 'alice', clock.now());
      await stores.tradingStates.set({
        scope: 'global',
        key: null,
        state: 'HALTED',
        reason: 'exchange incident',
        changedBy: 'risk',
        at: new Date(clock.now()).toISOString(),
      });
      expect(await engine.vetoHalted()).toBe(1);
      await bus.drain();
      expect(decisions(bus).map((d) => d.status)).toEqual([
        'pending_approval',
        'awaiting_second_approval',
        'vetoed',
      ]);
      expect(decisions(bus).at(-1)?.reason_codes).toEqual(['TRADING_HALTED']);
    });

    it('expires a record awaiting its second approver at the first expires_at', async () => {
      const { bus, approvals, clock, publish, engine } = await setup();
      await publish('strategy.intent', intent({ action: 'sell_straddle', direction: 'sell' }));
      await approve(approvals, 'alice', clock.now());
      await bus.drain();
      clock.advance(119_999);
      await engine.sweep();
      expect(decisions(bus)).toHaveLength(2);
      clock.advance(1);
      await engine.sweep();
      expect(decisions(bus).at(-1)).toMatchObject({
        status: 'expired',
        decided_by: 'engine',
        reason_codes: ['APPROVAL_EXPIRED'],
        reason: 'no second approval within 120 s (four-eyes; alice approved first)',
      });
      expect(await approve(approvals, 'bob', clock.now())).toMatchObject({ ok: false, status: 'expired' });
    });
  });

  describe('when the policy is automatic', () => {
    it('approves by auto and sends a market order with client_order_id <intent_id>-0', async () => {
      const { bus, publish } = await setup({ env: { APPROVAL_MODE: 'auto' } });
      await publish('strategy.intent', spotIntent());
      expect(decisions(bus)).toEqual([
        expect.objectContaining({ status: 'approved', decided_by: 'auto', approval_mode: 'auto' }),
      ]);
      expect(bus.published('order.command')).toEqual([
        expect.objectContaining({
          strategy_id: 'grid_btc',
          symbol: 'BTC/USDT',
          side: 'buy',
          order_type: 'market',
          quantity: 0.05,
          price: null,
          intent_id: 'intent-1',
          client_order_id: 'intent-1-0',
          metadata: expect.objectContaining({ intent_id: 'intent-1', intent_type: 'legacy_signal' }),
        }),
      ]);
    });

    it('auto-approves only the listed actions under AUTO_APPROVE_ACTIONS', async () => {
      const { bus, publish } = await setup({ env: { AUTO_APPROVE_ACTIONS: 'delta_hedge' } });
      await publish('strategy.intent', spotIntent({ intent_id: 'h', action: 'delta_hedge', quantity: 0.01 }));
      await publish('strategy.intent', spotIntent({ intent_id: 'b', quantity: 0.01 }));
      expect(decisions(bus).map((d) => [d.intent_id, d.status])).toEqual([
        ['h', 'approved'],
        ['b', 'pending_approval'],
      ]);
    });

    it('handles a repeated intent once, even when every entry is delivered twice', async () => {
      const { bus, publish } = await setup({ env: { APPROVAL_MODE: 'auto' }, deliverTwice: true });
      await publish('strategy.intent', spotIntent());
      await publish('strategy.intent', spotIntent());
      expect(decisions(bus)).toHaveLength(1);
      expect(bus.published('order.command')).toHaveLength(1);
    });

    it('counts reservations of approved, unfilled intents and releases them on execution_rejected', async () => {
      const { bus, publish } = await setup({ env: { APPROVAL_MODE: 'auto' } });
      // equity 100 000; 0.2 BTC = 20 % each: the second takes the instrument to 40 % > 30 %
      await publish('strategy.intent', spotIntent({ intent_id: 'a', quantity: 0.2 }));
      await publish('strategy.intent', spotIntent({ intent_id: 'b', quantity: 0.2 }));
      expect(decisions(bus).map((d) => [d.intent_id, d.status])).toEqual([
        ['a', 'approved'],
        ['b', 'vetoed'],
      ]);
      await publish('intent.decision', {
        ...decisions(bus)[0],
        decision_id: 'a:execution_rejected',
        status: 'execution_rejected',
        decided_by: 'paper_exchange',
      } as StreamInput<'intent.decision'>);
      await publish('strategy.intent', spotIntent({ intent_id: 'c', quantity: 0.2 }));
      expect(decisions(bus).at(-1)).toMatchObject({ intent_id: 'c', status: 'approved' });
    });
  });

  describe('when the risk book cannot be written for a moment', () => {
    it('applies the fill once Redis answers again instead of skipping it', async () => {
      const { publish, stores } = await setup();
      vi.spyOn(stores.reservations, 'fill').mockRejectedValueOnce(new Error('NOSCRIPT'));
      await publish('order.fill', { ...fillOf('grid_btc', 'BTC/USDT', 0.3), order_id: 'o-retry' });
      await vi.waitFor(async () => {
        const book = await stores.reservations.book(Date.parse(NOW));
        expect(book.entries['BTC/USDT']?.held).toBeCloseTo(0.3, 12);
      });
    });
  });

  describe('when the paper exchange rejects one option leg of a routed command', () => {
    it('keeps the reservation (a sibling leg may still fill); an option_execution rejection releases it', async () => {
      const { bus, publish, stores } = await setup({ env: { APPROVAL_MODE: 'auto' } });
      await publish('strategy.intent', spotIntent({ intent_id: 'a', quantity: 0.2 }));
      const approved = decisions(bus)[0];
      const rejected = (decidedBy: string, orderSymbol: string) =>
        ({
          ...approved,
          decision_id: 'a:execution_rejected',
          status: 'execution_rejected',
          decided_by: decidedBy,
          metadata: { order_symbol: orderSymbol },
        }) as StreamInput<'intent.decision'>;
      await publish('intent.decision', rejected('paper_exchange', 'BTC/USDT:USDT-261225-100000-C'));
      expect(await stores.reservations.list(Date.parse(NOW))).toHaveLength(1);
      await publish('intent.decision', rejected('option_execution', 'BTC/USDT'));
      expect(await stores.reservations.list(Date.parse(NOW))).toHaveLength(0);
    });
  });

  describe('when the shared risk records say stop', () => {
    const risk = (totalValue: number): StreamInput<'portfolio.risk'> => ({
      total_delta: 0,
      total_gamma: 0,
      total_vega: 0,
      total_theta: 0,
      total_rho: 0,
      position_ratio: null,
      leverage: null,
      underlying: 'BTC/USDT',
      timestamp: NOW,
      metadata: { total_value: totalValue, cash: totalValue, peak_value: 100_000 },
    });

    it('vetoes DAILY_LOSS_LIMIT below the day’s first equity, shared through the day-start store', async () => {
      const { bus, publish } = await setup();
      await publish('portfolio.risk', risk(100_000));
      await publish('portfolio.risk', risk(94_000));
      await publish('strategy.intent', spotIntent({ metadata: { reference_price: 100_000 } }));
      expect(decisions(bus)[0]).toMatchObject({
        status: 'vetoed',
        reason_codes: ['DAILY_LOSS_LIMIT'],
        reason: 'daily loss 6.00% > 5.00% of the start-of-day equity',
      });
    });

    it('vetoes LOSS_STREAK_COOLDOWN after RISK_LOSS_STREAK losing closed trades, but lets a close through', async () => {
      const { bus, publish } = await setup({ env: { RISK_LOSS_STREAK: '2', RISK_MIN_POSITION_RATIO: '0' } });
      const position = (quantity: number, realized: number): StreamInput<'position.update'> => ({
        strategy_id: 'grid_btc',
        symbol: 'BTC/USDT',
        quantity,
        avg_price: quantity === 0 ? 0 : 100_000,
        unrealized_pnl: 0,
        timestamp: NOW,
        metadata: { account_quantity: quantity, realized_pnl: realized },
      });
      for (const [i, [quantity, realized]] of (
        [
          [0.1, 0],
          [0, -10],
          [0.1, -10],
          [0, -25],
          [0.1, -25],
        ] as const
      ).entries()) {
        // the exchange's fill before its update: the risk book holds what the fills moved
        await publish('order.fill', {
          ...fillOf('grid_btc', 'BTC/USDT', quantity > 0 ? 0.1 : -0.1),
          order_id: `f-${i}`,
        });
        await publish('position.update', position(quantity, realized));
      }
      await publish('strategy.intent', spotIntent({ intent_id: 'buy' }));
      await publish('strategy.intent', spotIntent({ intent_id: 'close', action: 'close', quantity: null }));
      expect(decisions(bus).map((d) => [d.intent_id, d.status, d.reason_codes])).toEqual([
        ['buy', 'vetoed', ['LOSS_STREAK_COOLDOWN']],
        ['close', 'pending_approval', []],
      ]);
      expect(decisions(bus)[0]?.checks.find((c) => c.check === 'loss_streak')).toMatchObject({
        value: 2,
        limit: 2,
      });
    });
  });

  describe('when the risk checks fail', () => {
    it('vetoes the SPEC §3.3 example by risk_service with the failing code and every check', async () => {
      const { bus, publish } = await setup();
      await publish('market.tick', tick('BTC/USDT', 40_000));
      // the book's held quantity comes from the fill, the strategy's position from the update
      await publish('order.fill', {
        strategy_id: 'grid_btc',
        order_id: 'paper-grid-1',
        symbol: 'BTC/USDT',
        side: 'buy',
        quantity: 0.05,
        price: 40_000,
        fee: 0,
        intent_id: null,
        client_order_id: 'grid-1',
        timestamp: NOW,
        metadata: {},
      });
      await publish('position.update', {
        strategy_id: 'grid_btc',
        symbol: 'BTC/USDT',
        quantity: 0.05,
        avg_price: 40_000,
        unrealized_pnl: 0,
        timestamp: NOW,
        metadata: { account_quantity: 0.05 },
      });
      await publish('portfolio.risk', {
        total_delta: 0.05,
        total_gamma: 0,
        total_vega: 0,
        total_theta: 0,
        total_rho: 0,
        position_ratio: null,
        leverage: null,
        underlying: 'BTC/USDT',
        timestamp: NOW,
        metadata: { total_value: 12_000, cash: 10_000, peak_value: 12_000 },
      });
      await publish('strategy.intent', spotIntent({ intent_id: 'sig-1772442904120-0' }));
      expect(decisions(bus)).toEqual([
        expect.objectContaining({
          decision_id: 'sig-1772442904120-0:vetoed',
          status: 'vetoed',
          decided_by: 'risk_service',
          reason_codes: ['SINGLE_POSITION_SHARE_EXCEEDED'],
          reason: 'single position share 33.33% > 30.00%',
          checks: [
            { check: 'drawdown', passed: true, reason_code: null, value: 0, limit: 0.2 },
            { check: 'trading_state', passed: true, reason_code: null, value: null, limit: null },
            { check: 'position_ratio', passed: true, reason_code: null, value: 0.3333, limit: 0.8 },
            {
              check: 'single_position_share',
              passed: false,
              reason_code: 'SINGLE_POSITION_SHARE_EXCEEDED',
              value: 0.3333,
              limit: 0.3,
            },
            { check: 'gross_leverage', passed: true, reason_code: null, value: 0.3333, limit: 3 },
            { check: 'max_position_size', passed: true, reason_code: null, value: 0.1, limit: 5 },
            { check: 'delta_limit', passed: true, reason_code: null, value: 0.1, limit: 2 },
            { check: 'gamma_limit', passed: true, reason_code: null, value: 0, limit: 0.0004 },
            { check: 'vega_limit', passed: true, reason_code: null, value: 0, limit: 5000 },
            { check: 'theta_limit', passed: true, reason_code: null, value: 0, limit: 2500 },
            // no budget for grid_btc; the in-memory store keeps no rate buckets or duplicate marks
            { check: 'strategy_budget', passed: true, reason_code: null, value: null, limit: null },
            { check: 'order_rate', passed: true, reason_code: null, value: 1, limit: 10 },
            { check: 'duplicate_intent', passed: true, reason_code: null, value: null, limit: 0 },
            { check: 'order_notional', passed: true, reason_code: null, value: 2_000, limit: 250_000 },
            { check: 'price_band', passed: true, reason_code: null, value: null, limit: 0.05 },
            { check: 'market_data_age', passed: true, reason_code: null, value: 0, limit: 10 },
            // the day's first portfolio.risk (12 000) is its start equity: no loss
            { check: 'daily_loss', passed: true, reason_code: null, value: 0, limit: 0.05 },
            { check: 'loss_streak', passed: true, reason_code: null, value: 0, limit: 5 },
          ],
        }),
      ]);
      expect(bus.published('order.command')).toEqual([]);
    });

    it('vetoes NO_REFERENCE_PRICE and STALE_MARKET_DATA without a tick or reference price', async () => {
      const { bus, publish } = await setup();
      await publish('strategy.intent', spotIntent({ symbol: 'ETH/USDT', quantity: 1 }));
      expect(decisions(bus)[0]).toMatchObject({
        status: 'vetoed',
        reason_codes: ['NO_REFERENCE_PRICE', 'STALE_MARKET_DATA'],
      });
    });

    it('prices from metadata.reference_price when there is no tick, and vetoes it as stale market data', async () => {
      const { bus, publish } = await setup();
      await publish(
        'strategy.intent',
        spotIntent({ symbol: 'ETH/USDT', quantity: 1, metadata: { reference_price: 3_000 } }),
      );
      const [decision] = decisions(bus);
      expect(decision).toMatchObject({ status: 'vetoed', reason_codes: ['STALE_MARKET_DATA'] });
      expect(decision?.checks.find((c) => c.check === 'order_notional')?.value).toBe(3_000);
      expect(decision?.reason).toBe('market data age: no tick or surface seen');
    });

    it('vetoes STALE_MARKET_DATA once the latest tick is older than RISK_MAX_TICK_AGE_S', async () => {
      const { bus, clock, publish } = await setup();
      clock.advance(10_001);
      await publish('strategy.intent', spotIntent({ metadata: { reference_price: 100_000 } }));
      expect(decisions(bus)[0]).toMatchObject({
        status: 'vetoed',
        reason_codes: ['STALE_MARKET_DATA'],
        reason: 'market data age 10.001 s > 10 s',
      });
    });
  });

  describe('when intake rejects the intent', () => {
    it('vetoes unknown actions, direction and quantity problems with their codes', async () => {
      const { bus, publish } = await setup();
      await publish('strategy.intent', spotIntent({ intent_id: 'u', action: 'yolo' }));
      await publish('strategy.intent', spotIntent({ intent_id: 'd', direction: null }));
      await publish('strategy.intent', spotIntent({ intent_id: 'm', action: 'sell' }));
      await publish('strategy.intent', spotIntent({ intent_id: 'q', quantity: 0 }));
      await publish('strategy.intent', spotIntent({ intent_id: 'c', action: 'close' }));
      expect(decisions(bus).map((d) => [d.intent_id, d.status, d.reason_codes, d.decided_by])).toEqual([
        ['u', 'vetoed', ['UNKNOWN_ACTION'], 'risk_service'],
        ['d', 'vetoed', ['MISSING_DIRECTION'], 'risk_service'],
        ['m', 'vetoed', ['DIRECTION_MISMATCH'], 'risk_service'],
        ['q', 'vetoed', ['INVALID_QUANTITY'], 'risk_service'],
        ['c', 'vetoed', ['NOTHING_TO_CLOSE'], 'risk_service'],
      ]);
    });

    it('records a hold without a decision or an order', async () => {
      const { bus, publish } = await setup({ env: { APPROVAL_MODE: 'auto' } });
      await publish(
        'strategy.intent',
        intent({ action: 'hold', direction: null, quantity: 0, intent_type: 'hold' }),
      );
      expect(decisions(bus)).toEqual([]);
      expect(bus.published('order.command')).toEqual([]);
    });
  });

  describe('when a legacy signal arrives', () => {
    it('publishes the converted intent sig-<entry id>, which is then processed like any intent', async () => {
      const { bus, publish } = await setup({ env: { APPROVAL_MODE: 'auto' } });
      await publish('strategy.signal', {
        strategy_id: 'grid_btc',
        signal_type: 'buy',
        symbol: 'BTC/USDT',
        confidence: 0.9,
        target_price: 99_500,
        stop_loss: null,
        take_profit: null,
        timestamp: NOW,
        metadata: { reason: 'grid_level_crossed' },
      });
      const [converted] = bus.published('strategy.intent');
      expect(converted).toMatchObject({
        strategy_id: 'grid_btc',
        intent_type: 'legacy_signal',
        action: 'buy',
        direction: 'buy',
        quantity: 0.1,
        reason: 'grid_level_crossed',
        metadata: expect.objectContaining({
          source: 'strategy.signal',
          limit_price: 99_500,
          reference_price: 99_500,
        }),
      });
      expect(converted?.intent_id).toMatch(/^sig-\d+-\d+$/);
      expect(converted?.intent_id).toBe(`sig-${String(converted?.metadata.source_entry_id)}`);
      expect(bus.published('order.command')).toEqual([
        expect.objectContaining({
          order_type: 'limit',
          price: 99_500,
          client_order_id: `${converted?.intent_id}-0`,
        }),
      ]);
    });

    it('ignores hold signals', async () => {
      const { bus, publish } = await setup();
      await publish('strategy.signal', {
        strategy_id: 'grid_btc',
        signal_type: 'hold',
        symbol: 'BTC/USDT',
        confidence: 1,
        target_price: null,
        stop_loss: null,
        take_profit: null,
        timestamp: NOW,
        metadata: {},
      });
      expect(bus.published('strategy.intent')).toEqual([]);
    });
  });

  describe('when a close intent arrives for a held position', () => {
    it('sells at market min(quantity, |position|)', async () => {
      // the min position ratio would veto a close that empties a small book (SPEC §6.1), so it is off here
      const { bus, publish } = await setup({ env: { APPROVAL_MODE: 'auto', RISK_MIN_POSITION_RATIO: '0' } });
      await publish('position.update', {
        strategy_id: 'grid_btc',
        symbol: 'BTC/USDT',
        quantity: 0.03,
        avg_price: 100_000,
        unrealized_pnl: 0,
        timestamp: NOW,
        metadata: { account_quantity: 0.03 },
      });
      await publish('strategy.intent', spotIntent({ action: 'close', direction: null, quantity: 0.1 }));
      expect(bus.published('order.command')).toEqual([
        expect.objectContaining({ side: 'sell', quantity: 0.03, order_type: 'market' }),
      ]);
    });
  });
});
