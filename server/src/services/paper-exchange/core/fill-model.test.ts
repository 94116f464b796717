import { describe, expect, it } from 'vitest';
import { decideFill, feeFor } from './fill-model.ts';

const quote = { bid: 99, ask: 101 };
const market = { order_type: 'market', price: null, command: 'create' } as const;
const limit = (price: number) => ({ order_type: 'limit', price, command: 'create' }) as const;

describe('decideFill', () => {
  describe('when the order is a market order', () => {
    it('buys at the ask', () => {
      expect(decideFill({ ...market, side: 'buy' }, quote)).toEqual({ ok: true, price: 101 });
    });
    it('sells at the bid', () => {
      expect(decideFill({ ...market, side: 'sell' }, quote)).toEqual({ ok: true, price: 99 });
    });
  });

  describe('when the order is a limit order', () => {
    it('fills a buy at the ask when ask ≤ limit', () => {
      expect(decideFill({ ...limit(101), side: 'buy' }, quote)).toEqual({ ok: true, price: 101 });
      expect(decideFill({ ...limit(105), side: 'buy' }, quote)).toEqual({ ok: true, price: 101 });
    });
    it('fills a sell at the bid when bid ≥ limit', () => {
      expect(decideFill({ ...limit(98), side: 'sell' }, quote)).toEqual({ ok: true, price: 99 });
    });
    it('rejects a buy below the ask with LIMIT_NOT_MARKETABLE', () => {
      expect(decideFill({ ...limit(100.5), side: 'buy' }, quote)).toMatchObject({
        ok: false,
        code: 'LIMIT_NOT_MARKETABLE',
      });
    });
    it('rejects a sell above the bid with LIMIT_NOT_MARKETABLE', () => {
      expect(decideFill({ ...limit(99.5), side: 'sell' }, quote)).toMatchObject({
        ok: false,
        code: 'LIMIT_NOT_MARKETABLE',
      });
    });
    it('rejects a limit order without a price', () => {
      expect(
        decideFill({ order_type: 'limit', price: null, command: 'create', side: 'buy' }, quote),
      ).toMatchObject({
        ok: false,
        code: 'UNSUPPORTED_COMMAND',
      });
    });
  });

  describe('when there is no usable quote', () => {
    it('rejects with NO_QUOTE when nothing is known', () => {
      expect(decideFill({ ...market, side: 'buy' }, null)).toMatchObject({ ok: false, code: 'NO_QUOTE' });
    });
    it('rejects a buy with NO_QUOTE when the ask is zero', () => {
      expect(decideFill({ ...market, side: 'buy' }, { bid: 1, ask: 0 })).toMatchObject({
        ok: false,
        code: 'NO_QUOTE',
      });
    });
    it('rejects a sell with NO_QUOTE when the bid is missing', () => {
      expect(decideFill({ ...market, side: 'sell' }, { bid: null, ask: 5 })).toMatchObject({
        ok: false,
        code: 'NO_QUOTE',
      });
    });
  });

  describe('when the command is cancel or modify', () => {
    it('rejects with UNSUPPORTED_COMMAND', () => {
      expect(decideFill({ ...market, command: 'cancel', side: 'buy' }, quote)).toMatchObject({
        code: 'UNSUPPORTED_COMMAND',
      });
      expect(decideFill({ ...market, command: 'modify', side: 'buy' }, quote)).toMatchObject({
        code: 'UNSUPPORTED_COMMAND',
      });
    });
  });
});

describe('feeFor', () => {
  it('charges spot 0.10 % of notional', () => {
    expect(feeFor({ kind: 'spot', price: 100_000, quantity: 0.5, spot: 100_000 })).toBeCloseTo(50, 9);
  });
  it('charges perpetuals 0.05 % of notional', () => {
    expect(feeFor({ kind: 'perpetual', price: 100_000, quantity: 0.5, spot: 100_000 })).toBeCloseTo(25, 9);
  });
  it('charges options 0.0003 × spot per option when that is below 12.5 % of the price', () => {
    expect(feeFor({ kind: 'option', price: 5_000, quantity: 2, spot: 100_000 })).toBeCloseTo(60, 9);
  });
  it('caps the option fee at 12.5 % of the option price', () => {
    expect(feeFor({ kind: 'option', price: 100, quantity: 2, spot: 100_000 })).toBeCloseTo(25, 9);
  });
  it('uses the absolute quantity', () => {
    expect(feeFor({ kind: 'spot', price: 10, quantity: -3, spot: null })).toBeCloseTo(0.03, 12);
  });
});
