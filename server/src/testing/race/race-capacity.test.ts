import { describe, expect, it } from 'vitest';
import { budgetFinding, rateExcess } from './race-capacity.ts';

describe('rateExcess', () => {
  it('holds for a full bucket spent at once and then one order per refill', () => {
    expect(rateExcess([0, 0, 0, 1000, 1000, 1000], 3)).toBeLessThanOrEqual(0);
  });

  it('finds one order too many in a span', () => {
    expect(rateExcess([0, 0, 0, 0], 3)).toBe(1);
    expect(rateExcess([0, 0, 0, 500, 500], 3)).toBeCloseTo(0.5, 9);
  });
});

describe('budgetFinding', () => {
  it('bounds the filled quantity by the budget at the lowest spot of the run', () => {
    const f = budgetFinding(
      [
        { quantity: 0.1, price: 100_000 },
        { quantity: 0.15, price: 99_000 },
      ],
      25_000,
      98_000,
    );
    expect(f.quantity).toBeCloseTo(0.25, 12);
    expect(f.maxQuantity).toBeCloseTo(25_000 / 98_000, 12);
    expect(f.filledUsd).toBeCloseTo(24_850, 6);
  });
});
