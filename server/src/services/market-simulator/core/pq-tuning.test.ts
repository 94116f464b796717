import { ewmaVariance } from '@gamma/shared/quant';
import { describe, expect, it } from 'vitest';
import { MarketSimulatorConfigSchema, marketParams, underlyingParams } from '../config.ts';
import { advanceUnderlying, initUnderlying, surfaceOf } from './underlying-state.ts';

const BAR_S = 5;
const T0 = Date.parse('2026-03-02T09:15:00Z');

/** Q − P every 10 s: an EWMA(0.94) forecast on 5 s bars (as the forecaster starts) minus the surface's atm_iv. */
function spreads(underlying: string, seconds: number): number[] {
  const config = MarketSimulatorConfigSchema.parse({});
  const p = underlyingParams(config, underlying);
  const m = marketParams(config);
  let s = initUnderlying(p, config.seed, T0);
  let close = s.path.spot;
  const returns: number[] = [];
  let variance = 0;
  const out: number[] = [];
  for (let i = 1; i <= seconds; i += 1) {
    s = advanceUnderlying(s, p, T0 + i * 1000);
    if (i % BAR_S === 0) {
      const r = Math.log(s.path.spot / close);
      close = s.path.spot;
      returns.push(r);
      variance =
        returns.length <= 20
          ? returns.reduce((sum, x) => sum + x * x, 0) / returns.length
          : ewmaVariance({ lambda: 0.94, prevVariance: variance, lastReturn: r });
    }
    if (i % 10 === 0 && returns.length >= 20) {
      out.push(Math.sqrt((variance * 365 * 86_400) / BAR_S) - surfaceOf(s, p, m).atm_iv);
    }
  }
  return out;
}

describe('default tuning', () => {
  describe.each(['BTC/USDT', 'ETH/USDT'])('%s', (underlying) => {
    it('lets Q − P cross both +0.05 and −0.05 within ten minutes', () => {
      const qp = spreads(underlying, 600);
      expect(Math.max(...qp)).toBeGreaterThan(0.05);
      expect(Math.min(...qp)).toBeLessThan(-0.05);
    });
  });
});
