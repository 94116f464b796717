import {
  createIntentDecision,
  createMacroState,
  createMarketTick,
  createOrderFill,
  createPositionUpdate,
  createVolForecast,
  createVolSurface,
} from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { PqVolTraderConfigSchema } from '../config.ts';
import type { PqVolTraderConfig } from '../config.ts';
import { PqVolTrader } from './pq-vol-trader.ts';
import type { StrategyOutput } from './strategy.ts';

const T0 = Date.parse('2026-03-02T09:15:04.120Z');
const ISO0 = new Date(T0).toISOString();
const at = (s: number): number => T0 + s * 1000;
const isoAt = (s: number): string => new Date(at(s)).toISOString();

function makeTrader(overrides: Partial<PqVolTraderConfig> = {}): PqVolTrader {
  let n = 0;
  return new PqVolTrader('pq_vol_trader_btc', PqVolTraderConfigSchema.parse(overrides), () => `id-${++n}`);
}

/** Feeds P then Q at `seconds`; returns the outputs of both evaluations. */
function feed(trader: PqVolTrader, [p, q]: [number, number], seconds = 0): StrategyOutput[] {
  const first = trader.handleSurface(createVolSurface({ atm_iv: p, timestamp: isoAt(seconds) }), at(seconds));
  return first.concat(
    trader.handleForecast(
      createVolForecast({ predicted_volatility: q, timestamp: isoAt(seconds) }),
      at(seconds),
    ),
  );
}

function intentOf(outputs: StrategyOutput[]) {
  expect(outputs).toHaveLength(1);
  const out = outputs[0];
  if (!out || out.stream !== 'strategy.intent') throw new Error('expected one intent');
  return out.message;
}

/** Legs of `structures` long (negative: short) straddles on BTC. */
function holdStructures(trader: PqVolTrader, structures: number): void {
  trader.handlePositionUpdate(
    createPositionUpdate({ strategy_id: trader.id, symbol: 'BTC-20261225-100000-C', quantity: structures }),
  );
  trader.handlePositionUpdate(
    createPositionUpdate({ strategy_id: trader.id, symbol: 'BTC-20261225-100000-P', quantity: structures }),
  );
}

describe('PqVolTrader', () => {
  describe('when Q − P = +0.07 (P 0.65, Q 0.72) with defaults', () => {
    it('emits increase_long_gamma / buy_straddle, quantity 0.1, confidence 0.7', () => {
      const trader = makeTrader();
      trader.handleTick(createMarketTick({ price: 100_250 }), T0);
      const intent = intentOf(feed(trader, [0.65, 0.72]));
      expect(intent).toMatchObject({
        intent_id: 'id-1',
        strategy_id: 'pq_vol_trader_btc',
        symbol: 'BTC/USDT',
        intent_type: 'increase_long_gamma',
        action: 'buy_straddle',
        direction: 'buy',
        quantity: 0.1,
        reason: 'market_underpricing_volatility',
        timestamp: ISO0,
      });
      expect(intent.confidence).toBeCloseTo(0.7, 10);
    });

    it('carries the trade metadata of SPEC §4.1', () => {
      const trader = makeTrader();
      trader.handleTick(createMarketTick({ price: 100_250 }), T0);
      trader.handleMacroState(
        createMacroState({
          macro_regime: 'bull',
          regime_score: 0.58,
          sentiment_score: 0.4,
          fomo_score: 0.384,
        }),
      );
      const intent = intentOf(feed(trader, [0.65, 0.72]));
      expect(intent.metadata).toMatchObject({
        strategy_type: 'pq_vol_trader',
        p_vol: 0.65,
        q_vol: 0.72,
        fomo_score: 0.384,
        macro_regime: 'bull',
        regime_score: 0.58,
        sentiment_score: 0.4,
        quantity: 0.1,
        forecast_horizon: '24h',
        vol_threshold: 0.05,
        current_position: 0,
        reference_price: 100_250,
        p_timestamp: ISO0,
        q_timestamp: ISO0,
      });
      expect(intent.metadata?.pq_spread).toBeCloseTo(0.07, 10);
    });
  });

  describe('when Q − P = −0.10 (P 0.70, Q 0.60)', () => {
    it('emits increase_short_gamma / sell_straddle', () => {
      const intent = intentOf(feed(makeTrader(), [0.7, 0.6]));
      expect(intent).toMatchObject({
        intent_type: 'increase_short_gamma',
        action: 'sell_straddle',
        direction: 'sell',
        quantity: 0.1,
        reason: 'market_overpricing_volatility',
        confidence: 1,
      });
    });
  });

  describe('when the structure is strangle', () => {
    it('emits buy_strangle and sell_strangle', () => {
      expect(intentOf(feed(makeTrader({ structure: 'strangle' }), [0.65, 0.72])).action).toBe('buy_strangle');
      expect(intentOf(feed(makeTrader({ structure: 'strangle' }), [0.7, 0.6])).action).toBe('sell_strangle');
    });
  });

  describe('when |Q − P| ≤ 0.05', () => {
    it('publishes a hold with reason threshold_not_met and the spread', () => {
      const intent = intentOf(feed(makeTrader(), [0.65, 0.68]));
      expect(intent).toMatchObject({
        intent_type: 'hold',
        action: 'hold',
        direction: null,
        quantity: 0,
        reason: 'threshold_not_met',
      });
      expect(intent.metadata?.pq_spread).toBeCloseTo(0.03, 10);
    });

    it('treats a spread of exactly the threshold as not met', () => {
      expect(intentOf(feed(makeTrader(), [0.5, 0.55])).reason).toBe('threshold_not_met');
    });
  });

  describe('when the FOMO score is 0.75', () => {
    it('holds with reason high_fomo_risk and the score', () => {
      const trader = makeTrader();
      trader.handleMacroState(createMacroState({ fomo_score: 0.75 }));
      const intent = intentOf(feed(trader, [0.65, 0.72]));
      expect(intent).toMatchObject({
        action: 'hold',
        reason: 'high_fomo_risk',
        metadata: { fomo_score: 0.75 },
      });
    });
  });

  describe('when the FOMO score is exactly 0.70', () => {
    it('is not blocked', () => {
      const trader = makeTrader();
      trader.handleMacroState(createMacroState({ fomo_score: 0.7 }));
      expect(intentOf(feed(trader, [0.65, 0.72])).action).toBe('buy_straddle');
    });
  });

  describe('when a macro state carries a 0.0 FOMO score after a high one', () => {
    it('replaces the stored score (only null keeps the old value)', () => {
      const trader = makeTrader();
      trader.handleMacroState(createMacroState({ fomo_score: 0.9 }));
      trader.handleMacroState(createMacroState({ fomo_score: 0 }));
      expect(intentOf(feed(trader, [0.65, 0.72])).action).toBe('buy_straddle');
    });

    it('keeps the old value when the field is null', () => {
      const trader = makeTrader();
      trader.handleMacroState(createMacroState({ fomo_score: 0.9 }));
      trader.handleMacroState(createMacroState({ fomo_score: null }));
      expect(intentOf(feed(trader, [0.65, 0.72])).reason).toBe('high_fomo_risk');
    });
  });

  describe('when a macro state is for another underlying', () => {
    it('is ignored', () => {
      const trader = makeTrader();
      trader.handleMacroState(createMacroState({ symbol: 'ETH/USDT', fomo_score: 0.9 }));
      expect(intentOf(feed(trader, [0.65, 0.72])).action).toBe('buy_straddle');
    });
  });

  describe('when the macro regime is in hold_regimes', () => {
    it('holds with reason macro_regime_hold', () => {
      const trader = makeTrader({ holdRegimes: ['panic'] });
      trader.handleMacroState(createMacroState({ macro_regime: 'panic', regime_score: 0.9 }));
      expect(intentOf(feed(trader, [0.65, 0.72])).reason).toBe('macro_regime_hold');
    });
  });

  describe('when the underlying rose more than max_intraday_return since 00:00 UTC', () => {
    it('holds a long-gamma signal with reason intraday_chase_limit', () => {
      const trader = makeTrader();
      trader.handleTick(createMarketTick({ price: 100_000, timestamp: '2026-03-02T00:00:01.000Z' }), T0);
      trader.handleTick(createMarketTick({ price: 116_000 }), T0);
      expect(intentOf(feed(trader, [0.65, 0.72])).reason).toBe('intraday_chase_limit');
    });

    it('still sells volatility', () => {
      const trader = makeTrader();
      trader.handleTick(createMarketTick({ price: 100_000, timestamp: '2026-03-02T00:00:01.000Z' }), T0);
      trader.handleTick(createMarketTick({ price: 116_000 }), T0);
      expect(intentOf(feed(trader, [0.7, 0.6])).action).toBe('sell_straddle');
    });

    it('measures from the first tick of the new UTC day', () => {
      const trader = makeTrader();
      trader.handleTick(createMarketTick({ price: 90_000, timestamp: '2026-03-01T23:59:00.000Z' }), T0);
      trader.handleTick(createMarketTick({ price: 110_000, timestamp: '2026-03-02T00:00:01.000Z' }), T0);
      trader.handleTick(createMarketTick({ price: 112_000 }), T0);
      expect(intentOf(feed(trader, [0.65, 0.72])).action).toBe('buy_straddle');
    });
  });

  describe('when the position is 0.95 and the spread asks to buy', () => {
    it('sizes the intent to the remaining 0.05', () => {
      const trader = makeTrader();
      holdStructures(trader, 0.95);
      const intent = intentOf(feed(trader, [0.65, 0.72]));
      expect(intent).toMatchObject({ action: 'buy_straddle', quantity: 0.05 });
      expect(intent.metadata).toMatchObject({ current_position: 0.95, quantity: 0.05 });
    });
  });

  describe('when the position is 1.0 and the spread is +0.07', () => {
    it('holds with reason position_limit_reached', () => {
      const trader = makeTrader();
      holdStructures(trader, 1);
      expect(intentOf(feed(trader, [0.65, 0.72])).reason).toBe('position_limit_reached');
    });
  });

  describe('when the position is −1.0 and the spread is −0.10', () => {
    it('holds with reason position_limit_reached', () => {
      const trader = makeTrader();
      holdStructures(trader, -1);
      expect(intentOf(feed(trader, [0.7, 0.6])).reason).toBe('position_limit_reached');
    });
  });

  describe('position updates', () => {
    it('count only its own option legs on its underlying, halved', () => {
      const trader = makeTrader();
      holdStructures(trader, 0.4);
      trader.handlePositionUpdate(
        createPositionUpdate({ strategy_id: trader.id, symbol: 'ETH-20261225-3500-C', quantity: 5 }),
      );
      trader.handlePositionUpdate(
        createPositionUpdate({ strategy_id: trader.id, symbol: 'BTC/USDT', quantity: 3 }),
      );
      expect(trader.currentPosition()).toBeCloseTo(0.4, 10);
    });

    it('replace the quantity of a leg and drop flat legs', () => {
      const trader = makeTrader();
      holdStructures(trader, 0.4);
      holdStructures(trader, 0);
      expect(trader.currentPosition()).toBe(0);
    });
  });

  describe('when a second qualifying event arrives within the 3600 s cooldown', () => {
    it('emits nothing', () => {
      const trader = makeTrader();
      intentOf(feed(trader, [0.65, 0.72], 0));
      expect(feed(trader, [0.65, 0.73], 3599)).toEqual([]);
    });

    it('trades again once the cooldown has passed', () => {
      const trader = makeTrader();
      intentOf(feed(trader, [0.65, 0.72], 0));
      expect(intentOf(feed(trader, [0.65, 0.73], 3600)).action).toBe('buy_straddle');
    });

    it('starts the cooldown even when the intent is later vetoed', () => {
      const trader = makeTrader();
      const intent = intentOf(feed(trader, [0.65, 0.72], 0));
      trader.handleDecision(createIntentDecision({ intent_id: intent.intent_id, status: 'vetoed' }));
      expect(feed(trader, [0.65, 0.72], 10)).toEqual([]);
    });

    it('publishes no hold during the cooldown either', () => {
      const trader = makeTrader();
      intentOf(feed(trader, [0.65, 0.72], 0));
      expect(feed(trader, [0.65, 0.66], 120)).toEqual([]);
    });
  });

  describe('when P or Q is missing or stale', () => {
    it('emits nothing without a forecast', () => {
      const trader = makeTrader();
      expect(trader.handleSurface(createVolSurface({ atm_iv: 0.65 }), T0)).toEqual([]);
    });

    it('emits nothing when P is older than stale_after', () => {
      const trader = makeTrader();
      trader.handleSurface(createVolSurface({ atm_iv: 0.65, timestamp: isoAt(0) }), at(0));
      const out = trader.handleForecast(
        createVolForecast({ predicted_volatility: 0.72, timestamp: isoAt(301) }),
        at(301),
      );
      expect(out).toEqual([]);
    });

    it('uses a P exactly stale_after old', () => {
      const trader = makeTrader();
      trader.handleSurface(createVolSurface({ atm_iv: 0.65, timestamp: isoAt(0) }), at(0));
      const out = trader.handleForecast(
        createVolForecast({ predicted_volatility: 0.72, timestamp: isoAt(300) }),
        at(300),
      );
      expect(intentOf(out).action).toBe('buy_straddle');
    });
  });

  describe('filters', () => {
    it('ignores forecasts of another horizon', () => {
      const trader = makeTrader();
      trader.handleSurface(createVolSurface({ atm_iv: 0.65 }), T0);
      expect(trader.handleForecast(createVolForecast({ forecast_horizon: '1h' }), T0)).toEqual([]);
    });

    it('ignores surfaces and forecasts of another underlying', () => {
      const trader = makeTrader();
      expect(trader.handleSurface(createVolSurface({ underlying: 'ETH/USDT' }), T0)).toEqual([]);
      trader.handleSurface(createVolSurface({ atm_iv: 0.65 }), T0);
      expect(trader.handleForecast(createVolForecast({ underlying: 'ETH/USDT' }), T0)).toEqual([]);
    });
  });

  describe('hold publishing', () => {
    it('does not repeat a hold whose reason did not change', () => {
      const trader = makeTrader();
      intentOf(feed(trader, [0.65, 0.66], 0));
      expect(feed(trader, [0.65, 0.67], 120)).toEqual([]);
    });

    it('publishes a changed reason at most once a minute', () => {
      const trader = makeTrader();
      intentOf(feed(trader, [0.65, 0.66], 0));
      trader.handleMacroState(createMacroState({ fomo_score: 0.9 }));
      expect(feed(trader, [0.65, 0.66], 30)).toEqual([]);
      expect(intentOf(feed(trader, [0.65, 0.66], 60)).reason).toBe('high_fomo_risk');
    });

    it('does not start the cooldown', () => {
      const trader = makeTrader();
      intentOf(feed(trader, [0.65, 0.66], 0));
      expect(intentOf(feed(trader, [0.65, 0.72], 1)).action).toBe('buy_straddle');
    });

    it('publishes a hold after a trade intent when the reason differs', () => {
      const trader = makeTrader({ signalCooldownS: 0 });
      intentOf(feed(trader, [0.65, 0.72], 0));
      const out = trader.handleForecast(
        createVolForecast({ predicted_volatility: 0.66, timestamp: isoAt(1) }),
        at(1),
      );
      expect(intentOf(out).reason).toBe('threshold_not_met');
    });
  });

  describe('in-flight tracking', () => {
    it('keeps a structure in flight until both legs fill', () => {
      const trader = makeTrader();
      const intent = intentOf(feed(trader, [0.65, 0.72]));
      expect(trader.snapshot().in_flight).toEqual([intent.intent_id]);
      trader.handleFill(
        createOrderFill({ intent_id: intent.intent_id, client_order_id: `${intent.intent_id}-0` }),
      );
      trader.handleFill(
        createOrderFill({ intent_id: intent.intent_id, client_order_id: `${intent.intent_id}-0` }),
      );
      expect(trader.snapshot().in_flight).toEqual([intent.intent_id]);
      trader.handleFill(
        createOrderFill({ intent_id: intent.intent_id, client_order_id: `${intent.intent_id}-1` }),
      );
      expect(trader.snapshot().in_flight).toEqual([]);
    });

    it('ends on a terminal decision, not on pending_approval', () => {
      const trader = makeTrader();
      const intent = intentOf(feed(trader, [0.65, 0.72]));
      trader.handleDecision(
        createIntentDecision({ intent_id: intent.intent_id, status: 'pending_approval' }),
      );
      expect(trader.snapshot().in_flight).toEqual([intent.intent_id]);
      trader.handleDecision(createIntentDecision({ intent_id: intent.intent_id, status: 'expired' }));
      expect(trader.snapshot().in_flight).toEqual([]);
    });
  });
});
