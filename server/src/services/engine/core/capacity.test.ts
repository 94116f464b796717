import { describe, expect, it } from 'vitest';
import { checkDuplicateIntent, checkOrderRate, checkStrategyBudget, refill } from './capacity.ts';

describe('refill', () => {
  it('starts full, refills at the rate per second and never beyond one second of orders', () => {
    expect(refill(null, 1_000, 10)).toEqual({ tokens: 10, atMs: 1_000 });
    expect(refill({ tokens: 0, atMs: 1_000 }, 1_250, 10)).toEqual({ tokens: 2.5, atMs: 1_250 });
    expect(refill({ tokens: 9, atMs: 1_000 }, 9_000, 10)).toEqual({ tokens: 10, atMs: 9_000 });
    // a clock behind the bucket's adds nothing
    expect(refill({ tokens: 3, atMs: 2_000 }, 1_000, 10)).toEqual({ tokens: 3, atMs: 2_000 });
  });
});

describe('order_rate', () => {
  const rates = { global: 100, strategy: 10 };
  const at = (global: number, strategy: number) =>
    checkOrderRate({ global: { tokens: global, atMs: 0 }, strategy: { tokens: strategy, atMs: 0 } }, rates);

  it('counts this order in: the last whole token passes, less than one is RATE_LIMITED', () => {
    expect(at(100, 1)).toEqual({
      check: 'order_rate',
      value: 10,
      limit: 10,
      passed: true,
      reason_code: null,
    });
    expect(at(100, 0.5)).toMatchObject({
      value: 10.5,
      limit: 10,
      passed: false,
      reason_code: 'RATE_LIMITED',
    });
  });

  it('limits on the desk bucket too, reporting the bucket nearest its limit', () => {
    expect(at(0.9, 10)).toMatchObject({ value: 100.1, limit: 100, passed: false });
    expect(at(50, 8)).toMatchObject({ value: 51, limit: 100, passed: true });
  });
});

describe('duplicate_intent', () => {
  const mark = { intentId: 'i-1', atMs: 10_000 };

  it('is a duplicate of another intent accepted less than the window ago, in seconds', () => {
    expect(checkDuplicateIntent(mark, { intentId: 'i-2', nowMs: 14_999 }, 5)).toEqual({
      check: 'duplicate_intent',
      value: 4.999,
      limit: 5,
      passed: false,
      reason_code: 'DUPLICATE_INTENT',
    });
    expect(checkDuplicateIntent(mark, { intentId: 'i-2', nowMs: 15_000 }, 5)).toMatchObject({
      passed: true,
      value: 5,
    });
  });

  it('passes its own re-check, the first intent and any intent with the window 0 (off)', () => {
    expect(checkDuplicateIntent(mark, { intentId: 'i-1', nowMs: 11_000 }, 5)).toMatchObject({
      passed: true,
      value: null,
    });
    expect(checkDuplicateIntent(null, { intentId: 'i-2', nowMs: 11_000 }, 5)).toMatchObject({ passed: true });
    expect(checkDuplicateIntent(mark, { intentId: 'i-2', nowMs: 10_001 }, 0)).toMatchObject({
      passed: true,
      value: null,
    });
  });
});

describe('strategy_budget', () => {
  const m = (notional: number, premium = 0) => ({ notional, premium });
  const budget = { maxNotionalUsd: 100_000, maxPremiumUsd: 5_000 };

  it('measures notional and premium in USD and vetoes beyond a limit when the order raises it', () => {
    expect(checkStrategyBudget(m(90_000), m(100_000), budget)).toMatchObject({
      value: 100_000,
      passed: true,
    });
    expect(checkStrategyBudget(m(90_000), m(100_001), budget)).toMatchObject({
      value: 100_001,
      limit: 100_000,
      passed: false,
      reason_code: 'STRATEGY_BUDGET_EXCEEDED',
    });
    expect(checkStrategyBudget(m(1_000, 4_000), m(2_000, 5_500), budget)).toMatchObject({
      value: 5_500,
      limit: 5_000,
      passed: false,
    });
  });

  it('lets a reducing order through an exceeded budget and passes a strategy without one', () => {
    expect(checkStrategyBudget(m(150_000), m(120_000), budget)).toMatchObject({
      value: 120_000,
      passed: true,
    });
    expect(checkStrategyBudget(m(0), m(1e9), undefined)).toMatchObject({
      value: null,
      limit: null,
      passed: true,
    });
  });
});
