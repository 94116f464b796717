import { describe, expect, it } from 'vitest';
import { pqValues } from './pq-values';

describe('pqValues', () => {
  it('takes P, Q and spread from the intent metadata', () => {
    expect(pqValues({ p_vol: 0.65, q_vol: 0.72, pq_spread: 0.07 }, null)).toEqual({
      p: 0.65,
      q: 0.72,
      spread: 0.07,
    });
  });

  it('derives the spread when only P and Q are in the metadata', () => {
    const v = pqValues({ p_vol: 0.7, q_vol: 0.6 }, null);
    expect(v.spread).toBeCloseTo(-0.1);
  });

  describe('when the metadata has none of them', () => {
    it('falls back to the pq-spread view', () => {
      expect(pqValues({}, { p_vol: 0.6, q_vol: 0.62, spread: 0.02 })).toEqual({
        p: 0.6,
        q: 0.62,
        spread: 0.02,
      });
    });
  });
});
