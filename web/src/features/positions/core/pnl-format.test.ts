import { describe, expect, it } from 'vitest';
import { equitySeries, pnlClass, price, quantity, usd } from './pnl-format';

describe('usd', () => {
  it('signs PnL when asked and groups thousands', () => {
    expect(usd(1234.5, { sign: true })).toBe('+1,234.50');
    expect(usd(-3.2)).toBe('-3.20');
    expect(usd(-0.001, { sign: true })).toBe('0.00');
    expect(usd(null)).toBe('—');
  });
});

describe('price', () => {
  it('keeps four decimals under 1', () => {
    expect(price(0.04123)).toBe('0.0412');
    expect(price(101000)).toBe('101,000.00');
  });
});

describe('pnlClass', () => {
  it('is pos, neg or nothing', () => {
    expect([pnlClass(1), pnlClass(-1), pnlClass(0.001), pnlClass(null)]).toEqual(['pos', 'neg', '', '']);
  });
});

describe('quantity', () => {
  it('signs longs and drops float noise', () => {
    expect([quantity(0.1 + 0.2), quantity(-2.5), quantity(0)]).toEqual(['+0.3', '-2.5', '0']);
  });
});

describe('equitySeries', () => {
  it('puts epoch ms on the x axis', () => {
    const points = [{ at: '2026-03-02T09:15:00.000Z', equity: -1, drawdown: -1 }];
    expect(equitySeries(points)).toEqual([{ t: Date.parse(points[0]?.at ?? ''), equity: -1, drawdown: -1 }]);
  });
});
