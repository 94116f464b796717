import {
  createIntentDecision,
  createMarketTick,
  createOrderFill,
  createPortfolioRisk,
} from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { GridConfigSchema } from '../config.ts';
import type { GridConfig } from '../config.ts';
import { Grid } from './grid.ts';
import type { StrategyOutput } from './strategy.ts';

const T0 = Date.parse('2026-03-02T09:15:04.120Z');

/** A grid on BTC/USDT with base 100 000: upper 102 000, lower 98 000, th 0.6 %. */
function makeGrid(overrides: Partial<GridConfig> = {}): Grid {
  return new Grid('grid_btc', GridConfigSchema.parse({ basePrice: 100_000, ...overrides }));
}

/** Feeds prices one second apart starting at `startS`; returns every output. */
function run(grid: Grid, prices: number[], startS = 0): StrategyOutput[] {
  return prices.flatMap((price, i) => grid.handleTick(createMarketTick({ price }), T0 + (startS + i) * 1000));
}

function signalOf(outputs: StrategyOutput[]) {
  expect(outputs).toHaveLength(1);
  const out = outputs[0];
  if (!out || out.stream !== 'strategy.signal') throw new Error('expected one signal');
  return out.message;
}

describe('Grid', () => {
  describe('when the price rises past the upper band and reverses by th', () => {
    it('emits a sell signal at the current price with the grid metadata', () => {
      const grid = makeGrid();
      grid.handlePortfolioRisk(createPortfolioRisk({ metadata: { total_value: 120_000 } }));
      const signal = signalOf(run(grid, [102_000, 103_000, 102_382]));
      expect(signal).toMatchObject({
        strategy_id: 'grid_btc',
        signal_type: 'sell',
        symbol: 'BTC/USDT',
        confidence: 1,
        target_price: 102_382,
        metadata: {
          grid_size: 2,
          base_price: 100_000,
          highest_price: 103_000,
          reason: 'grid_upper_reversal',
        },
      });
      expect(signal.metadata?.quantity).toBeCloseTo((0.1 * 120_000) / 102_382, 10);
    });

    it('does not sell before the reversal reaches th', () => {
      expect(run(makeGrid(), [102_000, 103_000, 102_400])).toEqual([]);
    });
  });

  describe('when the price falls past the lower band and rebounds by th', () => {
    it('emits a buy signal with the lowest price', () => {
      const signal = signalOf(run(makeGrid(), [98_000, 97_000, 97_582]));
      expect(signal).toMatchObject({
        signal_type: 'buy',
        target_price: 97_582,
        metadata: { lowest_price: 97_000, reason: 'grid_lower_reversal' },
      });
    });
  });

  describe('when equity is unknown', () => {
    it('leaves the quantity out (the engine default applies)', () => {
      const signal = signalOf(run(makeGrid(), [98_000, 97_000, 97_582]));
      expect(signal.metadata).not.toHaveProperty('quantity');
    });
  });

  describe('when an armed side sees the price return to base', () => {
    it('disarms without a signal', () => {
      const grid = makeGrid({ flipThresholdFactor: 2 });
      expect(run(grid, [102_500, 100_000])).toEqual([]);
      expect(grid.snapshot().sell_armed).toBe(false);
    });
  });

  describe('the two sides', () => {
    it('keep separate state: a swing to the other band does not reset the armed side', () => {
      const grid = makeGrid({ flipThresholdFactor: 2 });
      run(grid, [97_000]);
      expect(grid.snapshot()).toMatchObject({ buy_armed: true, lowest_price: 97_000 });
      run(grid, [99_000], 1);
      expect(grid.snapshot()).toMatchObject({ buy_armed: true, lowest_price: 97_000, sell_armed: false });
    });
  });

  describe('when base_price is 0', () => {
    it('takes the first tick as base', () => {
      const grid = makeGrid({ basePrice: 0 });
      run(grid, [50_000]);
      expect(grid.snapshot().base_price).toBe(50_000);
    });
  });

  describe('min_trade_interval and in-flight', () => {
    it('emits nothing while its signal is in flight', () => {
      const grid = makeGrid({ minTradeIntervalS: 0 });
      signalOf(run(grid, [102_000, 103_000, 102_000]));
      expect(run(grid, [103_500, 102_000], 10)).toEqual([]);
    });

    it('resumes after a terminal decision once the interval has passed', () => {
      const grid = makeGrid();
      signalOf(run(grid, [102_000, 103_000, 102_000]));
      grid.handleDecision(createIntentDecision({ strategy_id: 'grid_btc', status: 'vetoed' }));
      expect(run(grid, [102_000], 20)).toEqual([]);
      expect(signalOf(run(grid, [102_000], 32)).signal_type).toBe('sell');
    });

    it('is not released by a pending_approval decision', () => {
      const grid = makeGrid();
      signalOf(run(grid, [102_000, 103_000, 102_000]));
      grid.handleDecision(createIntentDecision({ strategy_id: 'grid_btc', status: 'pending_approval' }));
      expect(run(grid, [102_000], 40)).toEqual([]);
    });
  });

  describe('when a fill of its symbol arrives', () => {
    it('moves base to the fill price, disarms both sides and restarts the interval', () => {
      const grid = makeGrid();
      signalOf(run(grid, [102_000, 103_000, 102_000]));
      grid.handleFill(createOrderFill({ side: 'sell', price: 102_000 }), T0 + 5_000);
      expect(grid.snapshot()).toMatchObject({ base_price: 102_000, sell_armed: false, buy_armed: false });
      expect(run(grid, [104_100], 20)).toEqual([]);
      expect(grid.snapshot().sell_armed).toBe(false);
      run(grid, [104_100], 35);
      expect(grid.snapshot()).toMatchObject({ sell_armed: true, highest_price: 104_100 });
    });

    it('ignores a fill of another symbol', () => {
      const grid = makeGrid();
      grid.handleFill(createOrderFill({ symbol: 'ETH/USDT', price: 3_000 }), T0);
      expect(grid.snapshot().base_price).toBe(100_000);
    });
  });
});
