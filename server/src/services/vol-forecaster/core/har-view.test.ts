import { harRvForecast } from '@gamma/shared/quant';
import { describe, expect, it } from 'vitest';
import { blockRealizedVariances, harMinBlocks, harView, type HarRules } from './har-view.ts';

const rules: HarRules = { barSeconds: 5, blockBars: 12, medium: 5, long: 22, evaluationWindow: 50 };

/** Seeded normal returns (mulberry32 + Box–Muller). */
function gaussianReturns(n: number, sd: number, seed = 3): number[] {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from(
    { length: n },
    () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()) * sd,
  );
}

describe('blockRealizedVariances', () => {
  it('sums squared returns per block, blocks ending at the newest return', () => {
    expect(blockRealizedVariances([1, 2, 3, 4, 5], 2)).toEqual([13, 41]);
  });

  it('rejects a block length below one bar', () => {
    expect(() => blockRealizedVariances([1, 2], 0)).toThrow(RangeError);
  });
});

describe('harView', () => {
  const minReturns = harMinBlocks(rules) * rules.blockBars;

  describe('before long + 10 blocks exist', () => {
    it('skips the candidate', () => {
      expect(minReturns).toBe(32 * 12);
      expect(harView(gaussianReturns(minReturns - 1, 1e-3), rules)).toBeNull();
    });
  });

  describe('once enough blocks exist', () => {
    it('forecasts a finite positive per-bar variance: the next block forecast / block bars', () => {
      const returns = gaussianReturns(minReturns, 1e-3);
      const view = harView(returns, rules);
      const expected = harRvForecast(blockRealizedVariances(returns, 12)).forecast / 12;
      expect(view?.modelVersion).toBe('har-rv/1');
      expect(view?.nextVariance).toBeGreaterThan(0);
      expect(view?.nextVariance).toBeCloseTo(expected, 20);
      expect(view?.meanVariance(720)).toBe(view?.nextVariance);
      expect(view?.features).toEqual(['log_returns_5s', 'rv_60s', 'rv_60s_mean_5', 'rv_60s_mean_22']);
    });

    it('is not scored while the evaluation window reaches blocks with too little history', () => {
      expect(harView(gaussianReturns(minReturns + 49, 1e-3), rules)?.loss).toBeNaN();
      expect(harView(gaussianReturns(minReturns + 60, 1e-3), rules)?.loss).toSatisfy(Number.isFinite);
    });
  });

  describe('with history before the evaluation window', () => {
    it('scores the window out of sample near the QLIKE of the true variance', () => {
      const view = harView(gaussianReturns(2000, 1e-3), rules);
      // E[r²/σ² + ln σ²] = 1 + ln 1e-6 for the true variance; a sensible forecast lands close
      expect(view?.loss).toBeGreaterThan(1 + Math.log(1e-6) - 0.5);
      expect(view?.loss).toBeLessThan(1 + Math.log(1e-6) + 0.5);
    });
  });

  describe('when every return is zero', () => {
    it('skips the candidate (the regression is singular)', () => {
      expect(harView(new Array<number>(1000).fill(0), rules)).toBeNull();
    });
  });
});
