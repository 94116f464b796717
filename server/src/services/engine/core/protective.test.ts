import { createTestSurface } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { reducesExposure } from './exposure.ts';
import { classifyHedge } from './protective.ts';
import type { RiskBook, SizedLeg } from './types.ts';

const NOW = Date.parse('2026-03-02T09:15:04.120Z');
const PERP = 'BTC/USDT:USDT';
const CALL = 'BTC-20260306-100000-C';
const market = { mids: { 'BTC/USDT': 100_000, [PERP]: 100_000 }, surfaces: {} };
const view = { market, nowMs: NOW };
const hedger = { action: 'delta_hedge', metadata: { strategy_type: 'delta_hedger' } };

const book = (positions: Record<string, number>): RiskBook => ({
  equity: 100_000,
  peak: 100_000,
  positions: Object.fromEntries(
    Object.entries(positions).map(([symbol, quantity]) => [symbol, { quantity, mark: 1, spot: 100_000 }]),
  ),
});
const leg = (side: 'buy' | 'sell', quantity: number, symbol = PERP): SizedLeg => ({ symbol, side, quantity });

describe('classifyHedge', () => {
  it('is protective when the hedge brings |Δ| of its underlying down', () => {
    expect(
      classifyHedge(hedger, { legs: [leg('sell', 0.075)], book: book({ 'BTC/USDT': 0.1 }) }, view),
    ).toEqual({
      protective: true,
      rule: 'reduces_delta',
      underlying: 'BTC/USDT',
      delta_before: 0.1,
      delta_after: 0.025,
    });
  });

  it('is protective when it overshoots zero but still lands nearer to it', () => {
    expect(
      classifyHedge(hedger, { legs: [leg('sell', 0.15)], book: book({ 'BTC/USDT': 0.1 }) }, view),
    ).toMatchObject({
      protective: true,
      delta_after: -0.05,
    });
  });

  it('is not protective when |Δ| grows or stays (the wrong side, twice the delta, a flat book)', () => {
    const long = book({ 'BTC/USDT': 0.1 });
    expect(classifyHedge(hedger, { legs: [leg('buy', 0.05)], book: long }, view)).toMatchObject({
      protective: false,
      rule: 'increases_delta',
      delta_after: 0.15,
    });
    expect(classifyHedge(hedger, { legs: [leg('sell', 0.2)], book: long }, view).protective).toBe(false);
    expect(classifyHedge(hedger, { legs: [leg('sell', 0.01)], book: book({}) }, view).rule).toBe(
      'increases_delta',
    );
  });

  it('counts reservations in the book: a hedge already reserved leaves nothing to reduce', () => {
    // the book holds the account plus live reservations, so a second hedge of the same delta overshoots
    const reserved = book({ 'BTC/USDT': 0.1, [PERP]: -0.1 });
    expect(classifyHedge(hedger, { legs: [leg('sell', 0.075)], book: reserved }, view).protective).toBe(
      false,
    );
  });

  it('reads option deltas from the surface, and refuses to judge without one', () => {
    const withSurface = { market: { ...market, surfaces: { 'BTC/USDT': createTestSurface() } }, nowMs: NOW };
    const calls = book({ [CALL]: 1 });
    const hedge = classifyHedge(hedger, { legs: [leg('sell', 0.3)], book: calls }, withSurface);
    expect(hedge.protective).toBe(true);
    expect(hedge.delta_before).toBeGreaterThan(0.4);
    expect(classifyHedge(hedger, { legs: [leg('sell', 0.3)], book: calls }, view)).toMatchObject({
      protective: false,
      rule: 'unpriced',
    });
  });

  it('is never protective for another strategy or without legs', () => {
    const long = book({ 'BTC/USDT': 0.1 });
    expect(
      classifyHedge({ action: 'sell', metadata: {} }, { legs: [leg('sell', 0.05)], book: long }, view).rule,
    ).toBe('not_a_hedge');
    expect(
      classifyHedge({ action: 'delta_hedge', metadata: {} }, { legs: [leg('sell', 0.05)], book: long }, view)
        .rule,
    ).toBe('not_a_hedge');
    expect(classifyHedge(hedger, { legs: [], book: long }, view).rule).toBe('unpriced');
  });
});

describe('reducesExposure', () => {
  it('holds when every instrument shrinks toward zero without flipping', () => {
    const held = book({ 'BTC/USDT': 0.5, [CALL]: -2 });
    expect(reducesExposure(held, [leg('sell', 0.5, 'BTC/USDT')])).toBe(true);
    expect(reducesExposure(held, [leg('sell', 0.2, 'BTC/USDT'), leg('buy', 1, CALL)])).toBe(true);
  });

  it('fails for a new position, a growing one, a flip, or no legs', () => {
    const held = book({ 'BTC/USDT': 0.5 });
    expect(reducesExposure(held, [leg('buy', 0.1, 'BTC/USDT')])).toBe(false);
    expect(reducesExposure(held, [leg('sell', 0.6, 'BTC/USDT')])).toBe(false);
    expect(reducesExposure(held, [leg('sell', 0.1, 'BTC/USDT'), leg('buy', 0.1, CALL)])).toBe(false);
    expect(reducesExposure(held, [])).toBe(false);
  });

  it('takes the whole position within the limit tolerance', () => {
    expect(reducesExposure(book({ 'BTC/USDT': 0.30000000000000004 }), [leg('sell', 0.3, 'BTC/USDT')])).toBe(
      true,
    );
    expect(reducesExposure(book({ 'BTC/USDT': 0.3 }), [leg('sell', 0.30000000000000004, 'BTC/USDT')])).toBe(
      true,
    );
  });
});
