import { createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { validateIntake } from './intake.ts';

const intent = createStrategyIntent;

describe('validateIntake', () => {
  describe('when the action is unknown', () => {
    it('rejects UNKNOWN_ACTION', () => {
      expect(validateIntake(intent({ action: 'buy_butterfly' }), 0)).toMatchObject({
        ok: false,
        reasonCodes: ['UNKNOWN_ACTION'],
      });
    });
  });

  describe('when the action is hold', () => {
    it('passes as a hold whatever the direction and quantity', () => {
      expect(validateIntake(intent({ action: 'hold', direction: null, quantity: 0 }), 0)).toEqual({
        ok: true,
        kind: 'hold',
      });
    });
  });

  describe('when direction or quantity is wrong', () => {
    it('rejects MISSING_DIRECTION for a trade without direction', () => {
      expect(validateIntake(intent({ direction: null }), 0)).toMatchObject({
        reasonCodes: ['MISSING_DIRECTION'],
      });
      expect(validateIntake(intent({ action: 'delta_hedge', direction: null }), 0)).toMatchObject({
        reasonCodes: ['MISSING_DIRECTION'],
      });
    });

    it('rejects DIRECTION_MISMATCH when the direction contradicts the action', () => {
      expect(validateIntake(intent({ action: 'sell_straddle', direction: 'buy' }), 0)).toMatchObject({
        reasonCodes: ['DIRECTION_MISMATCH'],
      });
      expect(validateIntake(intent({ action: 'buy', direction: 'sell' }), 0)).toMatchObject({
        reasonCodes: ['DIRECTION_MISMATCH'],
      });
    });

    it('rejects INVALID_QUANTITY for 0, negative, null or non-finite quantities', () => {
      for (const quantity of [0, -1, null, NaN, Infinity]) {
        expect(validateIntake(intent({ quantity }), 0)).toMatchObject({ reasonCodes: ['INVALID_QUANTITY'] });
      }
    });

    it('reports both codes when both apply', () => {
      expect(validateIntake(intent({ direction: 'sell', quantity: 0 }), 0)).toMatchObject({
        reasonCodes: ['DIRECTION_MISMATCH', 'INVALID_QUANTITY'],
      });
    });
  });

  describe('when the trade is valid', () => {
    it('routes option actions to execution and others to orders', () => {
      expect(validateIntake(intent(), 0)).toMatchObject({
        ok: true,
        trade: { action: 'buy_straddle', direction: 'buy', quantity: 0.1, route: 'execution' },
      });
      expect(
        validateIntake(intent({ action: 'delta_hedge', direction: 'sell', quantity: 0.3 }), 0),
      ).toMatchObject({
        ok: true,
        trade: { direction: 'sell', quantity: 0.3, route: 'order' },
      });
    });
  });

  describe('when the action is close', () => {
    it('rejects NOTHING_TO_CLOSE for a flat strategy', () => {
      expect(validateIntake(intent({ action: 'close', direction: null }), 0)).toMatchObject({
        reasonCodes: ['NOTHING_TO_CLOSE'],
      });
    });

    it('takes the opposite side and min(quantity, |position|)', () => {
      expect(validateIntake(intent({ action: 'close', direction: null, quantity: 0.5 }), 0.2)).toMatchObject({
        trade: { direction: 'sell', quantity: 0.2 },
      });
      expect(
        validateIntake(intent({ action: 'close', direction: 'sell', quantity: 0.1 }), -0.4),
      ).toMatchObject({
        trade: { direction: 'buy', quantity: 0.1 },
      });
    });

    it('closes the whole position when the quantity is not > 0', () => {
      expect(validateIntake(intent({ action: 'close', direction: null, quantity: 0 }), -0.7)).toMatchObject({
        trade: { direction: 'buy', quantity: 0.7 },
      });
    });
  });
});
