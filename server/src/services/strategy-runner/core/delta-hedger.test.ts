import {
  createIntentDecision,
  createMarketTick,
  createOrderFill,
  createPortfolioRisk,
  createPositionUpdate,
} from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { DeltaHedgerConfigSchema } from '../config.ts';
import type { DeltaHedgerConfig } from '../config.ts';
import { ceilToLot, DeltaHedger, floorToLot, hedgeQuantity } from './delta-hedger.ts';
import type { StrategyOutput } from './strategy.ts';

const T0 = Date.parse('2026-03-02T09:15:04.120Z');
const at = (s: number): number => T0 + s * 1000;

function makeHedger(overrides: Partial<DeltaHedgerConfig> = {}): DeltaHedger {
  let n = 0;
  return new DeltaHedger('delta_hedger_btc', DeltaHedgerConfigSchema.parse(overrides), () => `hedge-${++n}`);
}

function intentOf(outputs: StrategyOutput[]) {
  expect(outputs).toHaveLength(1);
  const out = outputs[0];
  if (!out || out.stream !== 'strategy.intent') throw new Error('expected one intent');
  return out.message;
}

const risk = (delta: number, underlying: string | null = 'BTC/USDT') =>
  createPortfolioRisk({ total_delta: delta, underlying });

describe('DeltaHedger', () => {
  describe('when Δ = +0.08 (threshold 0.05)', () => {
    it('sells 0.055 BTC/USDT:USDT, leaving half the threshold, with the hedge metadata', () => {
      const hedger = makeHedger();
      hedger.handleTick(createMarketTick({ symbol: 'BTC/USDT:USDT', price: 100_030 }));
      const intent = intentOf(hedger.handlePortfolioRisk(risk(0.08), T0));
      expect(intent).toMatchObject({
        intent_id: 'hedge-1',
        strategy_id: 'delta_hedger_btc',
        symbol: 'BTC/USDT:USDT',
        intent_type: 'delta_hedge',
        action: 'delta_hedge',
        direction: 'sell',
        quantity: 0.055,
        confidence: 1,
        reason: 'maintain_delta_neutral',
        metadata: {
          strategy_type: 'delta_hedger',
          current_delta: 0.08,
          hedge_quantity: 0.055,
          underlying: 'BTC/USDT',
          delta_threshold: 0.05,
          reference_price: 100_030,
        },
      });
    });
  });

  describe('when Δ = −0.12', () => {
    it('buys 0.095', () => {
      expect(intentOf(makeHedger().handlePortfolioRisk(risk(-0.12), T0))).toMatchObject({
        direction: 'buy',
        quantity: 0.095,
      });
    });
  });

  describe('when |Δ| = 0.03', () => {
    it('does nothing either way', () => {
      const hedger = makeHedger();
      expect(hedger.handlePortfolioRisk(risk(0.03), T0)).toEqual([]);
      expect(hedger.handlePortfolioRisk(risk(-0.03), T0)).toEqual([]);
    });
  });

  describe('when Δ equals the threshold (0.05)', () => {
    it('sells 0.025', () => {
      expect(intentOf(makeHedger().handlePortfolioRisk(risk(0.05), T0))).toMatchObject({
        direction: 'sell',
        quantity: 0.025,
      });
    });
  });

  describe('when a second breach comes 30 s after a hedge', () => {
    it('does nothing, even once the first hedge has filled', () => {
      const hedger = makeHedger();
      const first = intentOf(hedger.handlePortfolioRisk(risk(0.08), at(0)));
      hedger.handleFill(createOrderFill({ strategy_id: hedger.id, intent_id: first.intent_id }));
      expect(hedger.handlePortfolioRisk(risk(0.09), at(30))).toEqual([]);
    });

    it('hedges again after the rebalance interval once the first is done', () => {
      const hedger = makeHedger();
      const first = intentOf(hedger.handlePortfolioRisk(risk(0.08), at(0)));
      hedger.handleFill(createOrderFill({ strategy_id: hedger.id, intent_id: first.intent_id }));
      expect(intentOf(hedger.handlePortfolioRisk(risk(0.09), at(60))).quantity).toBe(0.065);
    });
  });

  describe('when the previous hedge is still in flight', () => {
    it('does not stack a second hedge behind a pending approval', () => {
      const hedger = makeHedger();
      const first = intentOf(hedger.handlePortfolioRisk(risk(0.08), at(0)));
      hedger.handleDecision(createIntentDecision({ intent_id: first.intent_id, status: 'pending_approval' }));
      expect(hedger.handlePortfolioRisk(risk(0.08), at(90))).toEqual([]);
    });

    it('hedges again once that hedge is vetoed', () => {
      const hedger = makeHedger();
      const first = intentOf(hedger.handlePortfolioRisk(risk(0.08), at(0)));
      hedger.handleDecision(createIntentDecision({ intent_id: first.intent_id, status: 'vetoed' }));
      expect(intentOf(hedger.handlePortfolioRisk(risk(0.08), at(90))).intent_id).toBe('hedge-2');
    });

    it('stops counting it in flight after the in-flight TTL', () => {
      const hedger = makeHedger({ inFlightTtlS: 300 });
      intentOf(hedger.handlePortfolioRisk(risk(0.08), at(0)));
      expect(hedger.handlePortfolioRisk(risk(0.08), at(299))).toEqual([]);
      expect(intentOf(hedger.handlePortfolioRisk(risk(0.08), at(300))).intent_id).toBe('hedge-2');
    });
  });

  describe('sizing', () => {
    it('rounds |Δ| − threshold/2 up to the hedge lot, so at most half the threshold is left', () => {
      expect(intentOf(makeHedger().handlePortfolioRisk(risk(0.12345), T0)).quantity).toBe(0.099);
    });

    it('stops at half the threshold and waits for the threshold again (hysteresis)', () => {
      expect(hedgeQuantity(0.0499, 0.05, 0.001)).toBe(0);
      expect(hedgeQuantity(0.05, 0.05, 0.001)).toBe(0.025);
      expect(hedgeQuantity(-0.08, 0.05, 0.001)).toBe(0.055);
      // after a hedge |Δ| = 0.025; drifting up to 0.049 does not hedge, 0.05 does
      expect(hedgeQuantity(0.025, 0.05, 0.001)).toBe(0);
      expect(hedgeQuantity(0.049, 0.05, 0.001)).toBe(0);
    });

    it('never hedges past zero when the lot is coarse', () => {
      expect(hedgeQuantity(0.06, 0.05, 0.05)).toBe(0.05);
      expect(ceilToLot(0.035, 0.05)).toBe(0.05);
    });

    it('does nothing when the rounded quantity is 0', () => {
      expect(
        makeHedger({ deltaThreshold: 0.0001, hedgeLot: 0.01 }).handlePortfolioRisk(risk(0.005), T0),
      ).toEqual([]);
    });

    it('survives binary rounding (0.29 / 0.001)', () => {
      expect(floorToLot(0.29, 0.001)).toBe(0.29);
      expect(floorToLot(0.0299999, 0.001)).toBe(0.029);
    });
  });

  describe('filters', () => {
    it('ignores portfolio risk of another underlying', () => {
      expect(makeHedger().handlePortfolioRisk(risk(0.5, 'ETH/USDT'), T0)).toEqual([]);
    });

    it('hedges a whole-book event with underlying null (original producer)', () => {
      expect(intentOf(makeHedger().handlePortfolioRisk(risk(0.5, null), T0)).quantity).toBe(0.475);
    });

    it('sends a null reference price before any perpetual tick', () => {
      expect(intentOf(makeHedger().handlePortfolioRisk(risk(0.5), T0)).metadata?.reference_price).toBeNull();
    });
  });

  describe('hedge position', () => {
    it('follows position updates of the hedge instrument only', () => {
      const hedger = makeHedger();
      hedger.handlePositionUpdate(createPositionUpdate({ symbol: 'BTC/USDT:USDT', quantity: -0.08 }));
      hedger.handlePositionUpdate(createPositionUpdate({ symbol: 'BTC/USDT', quantity: 3 }));
      expect(hedger.snapshot().hedge_position).toBe(-0.08);
    });
  });

  describe('when an option structure of its underlying is half filled', () => {
    const CALL = 'BTC-20261225-100000-C';
    const PUT = 'BTC-20261225-100000-P';
    const leg = (intentId: string, n: number, symbol: string) =>
      createOrderFill({
        strategy_id: 'pq_vol_trader_btc',
        symbol,
        side: 'sell',
        quantity: 0.1,
        intent_id: intentId,
        client_order_id: `${intentId}-${n}`,
      });

    it('does not hedge after the first leg, even with |Δ| above the threshold', () => {
      const hedger = makeHedger();
      hedger.observeFill(leg('straddle-1', 0, CALL), at(0));
      expect(hedger.handlePortfolioRisk(risk(-0.052), at(1))).toEqual([]);
      expect(hedger.snapshot()).toMatchObject({ last_delta: -0.052, partial_structures: ['straddle-1'] });
    });

    it('evaluates normally on the next portfolio.risk once the second leg fills', () => {
      const hedger = makeHedger();
      hedger.observeFill(leg('straddle-1', 0, CALL), at(0));
      expect(hedger.handlePortfolioRisk(risk(-0.052), at(1))).toEqual([]);
      hedger.observeFill(leg('straddle-1', 1, PUT), at(2));
      expect(hedger.handlePortfolioRisk(risk(-0.0055), at(3))).toEqual([]);
      expect(intentOf(hedger.handlePortfolioRisk(risk(-0.08), at(4)))).toMatchObject({
        direction: 'buy',
        quantity: 0.055,
      });
    });

    it('counts a redelivered first leg once, and a late redelivery does not block again', () => {
      const hedger = makeHedger();
      hedger.observeFill(leg('straddle-1', 0, CALL), at(0));
      hedger.observeFill(leg('straddle-1', 0, CALL), at(1));
      expect(hedger.handlePortfolioRisk(risk(-0.08), at(2))).toEqual([]);
      hedger.observeFill(leg('straddle-1', 1, PUT), at(3));
      hedger.observeFill(leg('straddle-1', 0, CALL), at(4));
      expect(intentOf(hedger.handlePortfolioRisk(risk(-0.08), at(5))).quantity).toBe(0.055);
    });

    it('knows the leg from metadata.leg when client_order_id has no suffix', () => {
      const hedger = makeHedger();
      const viaMeta = (n: number, symbol: string) =>
        createOrderFill({ symbol, intent_id: 'straddle-2', client_order_id: null, metadata: { leg: n } });
      hedger.observeFill(viaMeta(0, CALL), at(0));
      expect(hedger.handlePortfolioRisk(risk(0.08), at(1))).toEqual([]);
      hedger.observeFill(viaMeta(1, PUT), at(2));
      expect(intentOf(hedger.handlePortfolioRisk(risk(0.08), at(3))).direction).toBe('sell');
    });

    it('hedges 30 s after the first leg fill when the second never comes', () => {
      const hedger = makeHedger();
      hedger.observeFill(leg('straddle-1', 0, CALL), at(0));
      expect(hedger.handlePortfolioRisk(risk(-0.08), at(29.999))).toEqual([]);
      expect(intentOf(hedger.handlePortfolioRisk(risk(-0.08), at(30))).quantity).toBe(0.055);
    });

    it('hedges once an execution_rejected decision of that intent arrives', () => {
      const hedger = makeHedger();
      hedger.observeFill(leg('straddle-1', 0, CALL), at(0));
      hedger.observeDecision(createIntentDecision({ intent_id: 'straddle-1', status: 'approved' }));
      expect(hedger.handlePortfolioRisk(risk(-0.08), at(1))).toEqual([]);
      hedger.observeDecision(createIntentDecision({ intent_id: 'straddle-1', status: 'execution_rejected' }));
      expect(intentOf(hedger.handlePortfolioRisk(risk(-0.08), at(2))).quantity).toBe(0.055);
    });

    it('is not held back by option legs of another underlying', () => {
      const hedger = makeHedger();
      hedger.observeFill(leg('straddle-eth', 0, 'ETH-20261225-4000-C'), at(0));
      expect(intentOf(hedger.handlePortfolioRisk(risk(-0.08), at(1))).quantity).toBe(0.055);
    });

    it('is not held back by non-option fills or fills without an intent', () => {
      const hedger = makeHedger();
      hedger.observeFill(createOrderFill({ symbol: 'BTC/USDT', intent_id: 'grid-1' }), at(0));
      hedger.observeFill(createOrderFill({ symbol: CALL, intent_id: null, client_order_id: null }), at(0));
      expect(intentOf(hedger.handlePortfolioRisk(risk(-0.08), at(1))).quantity).toBe(0.055);
    });
  });
});
