import { describe, expect, it } from 'vitest';
import { closeToCloseVol } from './realized-vol.ts';

describe('closeToCloseVol', () => {
  const prices = [100, 101, 99.5, 102, 101.2, 103];
  const logs = prices.slice(1).map((p, i) => Math.log(p / (prices[i] as number)));
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;

  it('computes the sample standard deviation of log returns (ddof 1, demeaned)', () => {
    const sd = Math.sqrt(logs.reduce((a, r) => a + (r - mean) ** 2, 0) / (logs.length - 1));
    const out = closeToCloseVol(prices, { periodsPerYear: 365 });
    expect(out.meanReturn).toBeCloseTo(mean, 15);
    expect(out.sdPerPeriod).toBeCloseTo(sd, 15);
    expect(out.annualVol).toBeCloseTo(sd * Math.sqrt(365), 14);
    expect(out.standardError).toBeCloseTo((sd * Math.sqrt(365)) / Math.sqrt(2 * 5), 14);
  });

  it('honours simple returns, ddof 0 and no demeaning', () => {
    const simple = prices.slice(1).map((p, i) => p / (prices[i] as number) - 1);
    const rms = Math.sqrt(simple.reduce((a, r) => a + r * r, 0) / simple.length);
    const out = closeToCloseVol(prices, { returns: 'simple', demean: false, ddof: 0 });
    expect(out.sdPerPeriod).toBeCloseTo(rms, 15);
    expect(out.annualVol).toBeUndefined();
  });

  it('rejects non-positive prices and too short series', () => {
    expect(() => closeToCloseVol([100, 0, 101])).toThrow(/prices\[1\]/);
    expect(() => closeToCloseVol([100, 101])).toThrow(/at least 3/);
    expect(() => closeToCloseVol([100, 101, 102], { periodsPerYear: 0 })).toThrow(/periodsPerYear/);
  });
});
