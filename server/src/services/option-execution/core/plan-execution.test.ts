import type { ExecutionCommandEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { createTestSurface as testSurface } from '@gamma/shared/testing';
import { planExecution, type ExecutionContext } from './plan-execution.ts';

const NOW = Date.parse('2026-03-02T09:15:04.120Z');

const command = (over: Partial<ExecutionCommandEvent> = {}): ExecutionCommandEvent => ({
  intent_id: 'intent-1',
  strategy_id: 'pq_vol_trader_btc',
  symbol: 'BTC/USDT',
  action: 'buy_straddle',
  direction: 'buy',
  quantity: 0.1,
  approved_by: 'alice',
  timestamp: '2026-03-02T09:15:04.120Z',
  metadata: { intent_type: 'increase_long_gamma' },
  ...over,
});

const ctx = (over: Partial<ExecutionContext> = {}): ExecutionContext => ({
  surface: testSurface(),
  spot: null,
  nowMs: NOW,
  config: { maxSurfaceAgeS: 60, minExpiryHours: 24, strangleDelta: 0.25, priceBufferPct: 0.01 },
  ...over,
});

describe('planExecution', () => {
  describe('when a straddle can be built', () => {
    it('plans the call (leg 0) and the put (leg 1) at the ATM strike with buffered limits, §3.4 metadata and the mid as mark', () => {
      const plan = planExecution(command(), ctx());
      if (!plan.ok) throw new Error(plan.decision.reason ?? 'rejected');
      expect(plan.orders).toEqual([
        expect.objectContaining({
          symbol: 'BTC-20260306-100000-C',
          side: 'buy',
          order_type: 'limit',
          quantity: 0.1,
          price: expect.closeTo(4_800 * 1.01 * 1.01, 6),
          intent_id: 'intent-1',
          client_order_id: 'intent-1-0',
          metadata: expect.objectContaining({
            intent_id: 'intent-1',
            intent_type: 'increase_long_gamma',
            leg: 0,
            option_type: 'call',
            strike: 100_000,
            expiry: '2026-03-06',
            strategy: 'straddle',
            forward: 100_000,
            iv: 0.6,
            mark: expect.closeTo(4_800, 6),
          }),
        }),
        expect.objectContaining({
          symbol: 'BTC-20260306-100000-P',
          client_order_id: 'intent-1-1',
          price: expect.closeTo(4_800 * 1.01 * 1.01, 6),
          metadata: expect.objectContaining({ leg: 1, option_type: 'put', strategy: 'straddle' }),
        }),
      ]);
    });

    it('sells at bid × (1 − buffer)', () => {
      const plan = planExecution(command({ action: 'sell_straddle', direction: 'sell' }), ctx());
      expect(plan.ok && plan.orders.map((o) => [o.side, o.price])).toEqual([
        ['sell', expect.closeTo(4_800 * 0.99 * 0.99, 6)],
        ['sell', expect.closeTo(4_800 * 0.99 * 0.99, 6)],
      ]);
    });

    it('takes metadata.quantity when the command quantity is 0', () => {
      const plan = planExecution(command({ quantity: 0, metadata: { quantity: 0.3 } }), ctx());
      expect(plan.ok && plan.orders.map((o) => o.quantity)).toEqual([0.3, 0.3]);
    });
  });

  describe('when a strangle is planned', () => {
    it('takes the call and put whose chain deltas are nearest ±0.25', () => {
      const plan = planExecution(command({ action: 'buy_strangle' }), ctx());
      expect(plan.ok && plan.orders.map((o) => o.symbol)).toEqual([
        'BTC-20260306-105000-C',
        'BTC-20260306-95000-P',
      ]);
      expect(plan.ok && plan.orders[0]?.metadata?.strategy).toBe('strangle');
    });
  });

  describe('when the command cannot be executed', () => {
    const rejected = (c: ExecutionCommandEvent, x: ExecutionContext) => {
      const plan = planExecution(c, x);
      if (plan.ok) throw new Error('expected a rejection');
      return plan.decision;
    };

    it('rejects with one execution_rejected decision by option_execution and no orders', () => {
      expect(rejected(command(), ctx({ surface: null }))).toMatchObject({
        decision_id: 'intent-1:execution_rejected',
        status: 'execution_rejected',
        decided_by: 'option_execution',
        reason_codes: ['NO_SURFACE'],
        approval_mode: 'manual',
      });
    });

    it('rejects SURFACE_STALE, NO_LIVE_EXPIRY, NO_QUOTE and INVALID_QUANTITY', () => {
      expect(rejected(command(), ctx({ nowMs: NOW + 61_000 })).reason_codes).toEqual(['SURFACE_STALE']);
      const tomorrow = testSurface({
        surface_data: testSurface().surface_data.map((r) => ({ ...r, expiry: '2026-03-03' })),
      });
      expect(rejected(command(), ctx({ surface: tomorrow })).reason_codes).toEqual(['NO_LIVE_EXPIRY']);
      const noBid = testSurface({
        surface_data: testSurface().surface_data.map((r) => (r.strike === 100_000 ? { ...r, bid: 0 } : r)),
      });
      expect(rejected(command(), ctx({ surface: noBid })).reason_codes).toEqual(['NO_QUOTE']);
      expect(rejected(command({ quantity: 0 }), ctx()).reason_codes).toEqual(['INVALID_QUANTITY']);
    });

    it('rejects NO_OTM_STRIKE when no put lies below the forward', () => {
      const high = testSurface({ forwards: { '2026-03-06': 89_000 } });
      expect(rejected(command({ action: 'sell_strangle' }), ctx({ surface: high })).reason_codes).toEqual([
        'NO_OTM_STRIKE',
      ]);
    });
  });
});
