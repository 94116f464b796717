import {
  createDailyHistory,
  createIntentDecision,
  createMarketTick,
  createOrderFill,
  createPortfolioRisk,
  createPositionUpdate,
} from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { S1ConfigSchema } from '../config.ts';
import type { S1Config } from '../config.ts';
import { floorTo, S1 } from './s1.ts';
import type { StrategyOutput } from './strategy.ts';

const DAY0 = Date.parse('2026-03-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const at = (day: number, hour = 12, minute = 0): number =>
  DAY0 + day * DAY_MS + hour * 3_600_000 + minute * 60_000;

/** SPEC §4.4's own targets (0.70 / 0.50): the formulas below are checked with its figures. */
function makeS1(overrides: Partial<S1Config> = {}): S1 {
  let n = 0;
  const config = S1ConfigSchema.parse({ lookback: 3, buyTargetPct: 0.7, sellTargetPct: 0.5, ...overrides });
  return new S1('s1_btc', config, () => `s1-${++n}`);
}

function tick(s1: S1, price: number, ms: number): StrategyOutput[] {
  return s1.handleTick(createMarketTick({ price, timestamp: new Date(ms).toISOString() }), ms);
}

/** Three completed days: highs 105 000 / 106 000 / 104 000, lows 95 000 / 96 000 / 94 000. */
function withLevels(s1: S1): void {
  const days: [number, number][] = [
    [105_000, 95_000],
    [106_000, 96_000],
    [104_000, 94_000],
  ];
  days.forEach(([high, low], day) => {
    tick(s1, high, at(day, 1));
    tick(s1, low, at(day, 2));
  });
}

function intentOf(outputs: StrategyOutput[]) {
  expect(outputs).toHaveLength(1);
  const out = outputs[0];
  if (!out || out.stream !== 'strategy.intent') throw new Error('expected one intent');
  return out.message;
}

describe('S1', () => {
  describe('before lookback completed days exist', () => {
    it('emits nothing', () => {
      const s1 = makeS1();
      s1.handlePortfolioRisk(createPortfolioRisk({ metadata: { total_value: 100_000 } }));
      tick(s1, 100_000, at(0));
      tick(s1, 100_000, at(1));
      expect(tick(s1, 50_000, at(2))).toEqual([]);
      expect(s1.snapshot().s1_low).toBeNull();
    });
  });

  describe('with levels from the completed days (the running day excluded)', () => {
    it('takes the max of the highs and the min of the lows', () => {
      const s1 = makeS1();
      withLevels(s1);
      tick(s1, 100_000, at(3));
      expect(s1.snapshot()).toMatchObject({ s1_high: 106_000, s1_low: 94_000 });
    });
  });

  describe('when the price is below s1_low and the position share is below 0.70', () => {
    it('buys up to 70 % of equity, floored to 3 decimals', () => {
      const s1 = makeS1();
      s1.handlePortfolioRisk(createPortfolioRisk({ metadata: { total_value: 100_000 } }));
      withLevels(s1);
      const intent = intentOf(tick(s1, 93_000, at(3)));
      expect(intent).toMatchObject({
        strategy_id: 's1_btc',
        symbol: 'BTC/USDT',
        intent_type: 's1_rebalance',
        action: 'buy',
        direction: 'buy',
        quantity: 0.752,
        reason: 's1_below_daily_low',
        metadata: {
          strategy_type: 's1',
          s1_high: 106_000,
          s1_low: 94_000,
          position_pct: 0,
          target_pct: 0.7,
          reference_price: 93_000,
        },
      });
    });
  });

  describe('when the price is above s1_high and the position share is above 0.50', () => {
    it('sells down to 50 %, at most 95 % of the held quantity', () => {
      const s1 = makeS1();
      s1.handlePortfolioRisk(createPortfolioRisk({ metadata: { total_value: 100_000 } }));
      s1.handlePositionUpdate(createPositionUpdate({ strategy_id: 's1_btc', quantity: 0.8 }));
      withLevels(s1);
      // Position 0.8 × 107 000 = 85 600 → sell (85 600 − 50 000) / 107 000 = 0.3327…
      const intent = intentOf(tick(s1, 107_000, at(3)));
      expect(intent).toMatchObject({ action: 'sell', quantity: 0.332, reason: 's1_above_daily_high' });
    });

    it('caps the sell at the safety margin of the held quantity', () => {
      const s1 = makeS1({ sellTargetPct: 0 });
      s1.handlePortfolioRisk(createPortfolioRisk({ metadata: { total_value: 100_000 } }));
      s1.handlePositionUpdate(createPositionUpdate({ strategy_id: 's1_btc', quantity: 0.5 }));
      withLevels(s1);
      expect(intentOf(tick(s1, 107_000, at(3))).quantity).toBe(0.475);
    });
  });

  describe('when the order is below min_notional', () => {
    it('emits nothing', () => {
      const s1 = makeS1();
      s1.handlePortfolioRisk(createPortfolioRisk({ metadata: { total_value: 100_000 } }));
      s1.handlePositionUpdate(createPositionUpdate({ strategy_id: 's1_btc', quantity: 0.7526 }));
      withLevels(s1);
      expect(tick(s1, 93_000, at(3))).toEqual([]);
    });
  });

  describe('while its intent is in flight', () => {
    it('emits nothing until a terminal decision, then nothing for retry_after', () => {
      const s1 = makeS1({ retryAfterS: 300 });
      s1.handlePortfolioRisk(createPortfolioRisk({ metadata: { total_value: 100_000 } }));
      withLevels(s1);
      const intent = intentOf(tick(s1, 93_000, at(3)));
      expect(tick(s1, 92_000, at(3, 12, 1))).toEqual([]);
      s1.handleDecision(
        createIntentDecision({ intent_id: intent.intent_id, status: 'vetoed' }),
        at(3, 12, 2),
      );
      expect(tick(s1, 92_000, at(3, 12, 6))).toEqual([]);
      expect(s1.snapshot().paused_until).toBe(new Date(at(3, 12, 7)).toISOString());
      expect(intentOf(tick(s1, 92_000, at(3, 12, 7))).intent_id).toBe('s1-2');
    });

    it('is not paused by a decision on an intent that is not its own in flight', () => {
      const s1 = makeS1({ retryAfterS: 300 });
      s1.handlePortfolioRisk(createPortfolioRisk({ metadata: { total_value: 100_000 } }));
      withLevels(s1);
      s1.handleDecision(createIntentDecision({ intent_id: 'other', status: 'vetoed' }), at(3, 11));
      expect(intentOf(tick(s1, 93_000, at(3))).intent_id).toBe('s1-1');
    });

    it('counts the fill into the position at once', () => {
      const s1 = makeS1();
      s1.handlePortfolioRisk(createPortfolioRisk({ metadata: { total_value: 100_000 } }));
      withLevels(s1);
      const intent = intentOf(tick(s1, 93_000, at(3)));
      s1.handleFill(
        createOrderFill({
          strategy_id: 's1_btc',
          intent_id: intent.intent_id,
          quantity: 0.752,
          price: 93_000,
        }),
      );
      expect(tick(s1, 93_000, at(3, 12, 1))).toEqual([]);
      expect(s1.snapshot().position).toBe(0.752);
    });
  });

  describe('with a daily history (market.daily_history) instead of days of ticks', () => {
    const bar = (day: number, high: number, low: number) => ({
      open_time: new Date(at(day, 0)).toISOString(),
      open: low,
      high,
      low,
      close: high,
    });
    const history = (symbol = 'BTC/USDT') =>
      createDailyHistory({
        symbol,
        bars: [bar(0, 105_000, 95_000), bar(1, 106_000, 96_000), bar(2, 104_000, 94_000)],
      });

    it('takes its levels from the history at the first tick and buys below the low', () => {
      const s1 = makeS1();
      s1.handlePortfolioRisk(createPortfolioRisk({ metadata: { total_value: 100_000 } }));
      s1.handleDailyHistory(history());
      const intent = intentOf(tick(s1, 93_000, at(3)));
      expect(intent).toMatchObject({ action: 'buy', reason: 's1_below_daily_low' });
      expect(intent.metadata).toMatchObject({ s1_high: 106_000, s1_low: 94_000 });
    });

    it('merges the history with the days built from ticks (highest high, lowest low), twice the same', () => {
      const s1 = makeS1();
      tick(s1, 107_000, at(1, 3));
      s1.handleDailyHistory(history());
      s1.handleDailyHistory(history());
      tick(s1, 100_000, at(3));
      expect(s1.snapshot()).toMatchObject({ s1_high: 107_000, s1_low: 94_000, completed_days: 3 });
    });

    it('ignores another symbol’s history', () => {
      const s1 = makeS1();
      s1.handleDailyHistory(history('ETH/USDT'));
      tick(s1, 100_000, at(3));
      expect(s1.snapshot()).toMatchObject({ s1_low: null, completed_days: 0 });
    });

    it('keeps the history through saveState / loadState', () => {
      const s1 = makeS1();
      s1.handleDailyHistory(history());
      const restored = makeS1();
      expect(restored.loadState(JSON.parse(JSON.stringify(s1.saveState())))).toBe(true);
      tick(restored, 100_000, at(3));
      expect(restored.snapshot()).toMatchObject({ s1_high: 106_000, s1_low: 94_000 });
    });
  });

  describe('floorTo', () => {
    it('floors without binary-rounding surprises', () => {
      expect(floorTo(0.29, 3)).toBe(0.29);
      expect(floorTo(0.7526, 3)).toBe(0.752);
    });
  });
});
