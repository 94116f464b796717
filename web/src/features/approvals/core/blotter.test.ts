import type { RiskCheckVerdict } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import {
  byCloseness,
  closestCheck,
  closestCheckText,
  figureText,
  notionalOf,
  usageOf,
  usdText,
} from './blotter';

const verdict = (
  check: string,
  [value, limit]: [number | null, number | null],
  failed?: 'fail',
): RiskCheckVerdict => ({
  check,
  passed: failed === undefined,
  reason_code: failed === undefined ? null : 'GROSS_LEVERAGE_EXCEEDED',
  value,
  limit,
});

describe('closestCheck', () => {
  it('picks the passed check with the highest value / limit', () => {
    const checks = [
      verdict('gross_leverage', [0.9, 3]), // 30 %
      verdict('order_notional', [6400, 10_000]), // 64 %
      verdict('drawdown', [0, 0.2]),
    ];
    expect(closestCheck(checks)).toEqual({
      check: 'order_notional',
      passed: true,
      usage: 0.64,
      reasonCode: null,
    });
  });

  it('compares magnitudes (a short theta or delta counts by its size)', () => {
    const checks = [verdict('theta_limit', [-2000, -2500]), verdict('delta_limit', [-0.5, 2])];
    expect(closestCheck(checks)?.check).toBe('theta_limit');
  });

  it('shows a failing check before any closer passed one', () => {
    const checks = [verdict('order_notional', [9900, 10_000]), verdict('gross_leverage', [3.3, 3], 'fail')];
    expect(closestCheck(checks)).toMatchObject({ check: 'gross_leverage', passed: false });
  });

  it('skips checks without figures and the duplicate window (its value grows away from trouble)', () => {
    const checks = [verdict('duplicate_intent', [500, 30]), verdict('trading_state', [null, null])];
    expect(closestCheck(checks)).toBeNull();
    expect(closestCheck([])).toBeNull();
  });
});

describe('closestCheckText', () => {
  it('names the check and the share of its limit used', () => {
    expect(closestCheckText({ check: 'order_notional', passed: true, usage: 0.644, reasonCode: null })).toBe(
      'Order notional 64%',
    );
  });

  it('marks a failure, with the reason when there is no figure', () => {
    expect(
      closestCheckText({
        check: 'gross_leverage',
        passed: false,
        usage: 1.12,
        reasonCode: 'GROSS_LEVERAGE_EXCEEDED',
      }),
    ).toBe('✗ Gross leverage 112%');
    expect(
      closestCheckText({
        check: 'order_notional',
        passed: false,
        usage: null,
        reasonCode: 'NO_REFERENCE_PRICE',
      }),
    ).toBe('✗ Order notional: No reference price');
    expect(closestCheckText(null)).toBe('—');
  });
});

describe('usageOf', () => {
  it('is null for a zero limit', () => {
    expect(usageOf(verdict('drawdown', [0.1, 0]))).toBeNull();
  });
});

describe('notionalOf', () => {
  it('reads the order_notional check', () => {
    expect(notionalOf([verdict('drawdown', [0, 0.2]), verdict('order_notional', [6400.5, 10_000])])).toBe(
      6400.5,
    );
    expect(notionalOf([verdict('order_notional', [null, 10_000], 'fail')])).toBeNull();
    expect(notionalOf([])).toBeNull();
  });
});

describe('usdText', () => {
  it('shows whole dollars with separators', () => {
    expect(usdText(12_345.6)).toBe('$12,346');
    expect(usdText(null)).toBe('—');
  });
});

describe('byCloseness', () => {
  it('lists failed checks first, then by share of limit used, checks without a figure last', () => {
    const checks = [
      verdict('trading_state', [null, null]),
      verdict('gross_leverage', [0.9, 3]),
      verdict('order_notional', [6400, 10_000]),
      verdict('drawdown', [0.3, 0.2], 'fail'),
      verdict('price_band', [0.01, 0.1], 'fail'),
    ];
    expect(byCloseness(checks).map((c) => c.check)).toEqual([
      'drawdown',
      'price_band',
      'order_notional',
      'gross_leverage',
      'trading_state',
    ]);
  });
});

describe('figureText', () => {
  it('shows large figures whole with separators and small ones with up to 4 decimals', () => {
    expect(figureText(250_000)).toBe('250,000');
    expect(figureText(19_658.1313)).toBe('19,658');
    expect(figureText(77.62981)).toBe('77.6298');
    expect(figureText(0.007)).toBe('0.007');
    expect(figureText(-0.00001)).toBe('0');
    expect(figureText(null)).toBe('—');
  });
});
