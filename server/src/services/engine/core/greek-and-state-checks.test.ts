import { describe, expect, it } from 'vitest';
import {
  checkDeltaLimit,
  checkThetaLimit,
  checkVegaLimit,
  greekVerdict,
  type CoinExposures,
} from './check-greek-limits.ts';
import {
  checkTradingState,
  orderReducesExposure,
  stateInForce,
  tradingStateVerdict,
} from './check-trading-state.ts';
import { PROTECTIVE_WAIVED_CHECKS } from './protective.ts';
import { runChecks } from './run-checks.ts';
import type { BookCheckInput, OrderLeg, RiskLimits, UnitGreeks } from './types.ts';
import { calmCatalogue } from '../../../testing/engine-catalogue.ts';

const LIMITS: RiskLimits = {
  maxDrawdownPct: 0.2,
  maxPositionRatio: 100,
  minPositionRatio: 0.1,
  maxSinglePositionPct: 100,
  maxGrossLeverage: 100,
  maxPositionQty: {},
  maxAbsDelta: { BTC: 2, ETH: 20 },
  maxAbsGamma: { BTC: 0.0004 },
  maxAbsVegaUsd: { BTC: 5_000 },
  maxShortThetaUsd: { BTC: 2_500 },
};

const SPOT: UnitGreeks = { delta: 1, gamma: 0, vega: 0, theta: 0 };
/** A BTC call, per unit: vega 100 USD per vol point, theta −80 USD a day. */
const CALL: UnitGreeks = { delta: 0.5, gamma: 0.00002, vega: 100, theta: -80 };
const CALL_SYMBOL = 'BTC-20260306-100000-C';

const leg = (over: Partial<OrderLeg> = {}): OrderLeg => ({
  symbol: 'BTC/USDT',
  side: 'buy',
  quantity: 1,
  mark: 100_000,
  spot: 100_000,
  greeks: SPOT,
  ...over,
});

const input = (held: Record<string, [number, UnitGreeks]>, legs: OrderLeg[]): BookCheckInput => ({
  book: {
    equity: 1_000_000,
    peak: 1_000_000,
    positions: Object.fromEntries(
      Object.entries(held).map(([symbol, [quantity, greeks]]) => [
        symbol,
        { quantity, mark: 100_000, spot: 100_000, greeks },
      ]),
    ),
  },
  order: { ok: true, legs },
  limits: LIMITS,
});

const g = (over: Partial<UnitGreeks>): UnitGreeks => ({ delta: 0, gamma: 0, vega: 0, theta: 0, ...over });

describe('greekVerdict (the pure core of the Greek limits)', () => {
  const coin = (before: Partial<UnitGreeks>, after: Partial<UnitGreeks>, name = 'BTC'): CoinExposures => ({
    coin: name,
    before: g(before),
    after: g(after),
  });

  it('passes at the limit and fails just beyond it (one tolerance)', () => {
    expect(greekVerdict('delta', [coin({}, { delta: 2 })], { BTC: 2 })).toMatchObject({
      passed: true,
      value: 2,
      limit: 2,
    });
    expect(greekVerdict('delta', [coin({}, { delta: 2 + 1e-12 })], { BTC: 2 }).passed).toBe(true);
    expect(greekVerdict('delta', [coin({}, { delta: 2.001 })], { BTC: 2 })).toMatchObject({
      check: 'delta_limit',
      passed: false,
      reason_code: 'GREEK_LIMIT_EXCEEDED',
      value: 2.001,
    });
  });

  it('passes an order moving the Greek toward zero while the book is over the limit', () => {
    expect(greekVerdict('vega', [coin({ vega: 9_000 }, { vega: 8_000 })], { BTC: 5_000 }).passed).toBe(true);
    expect(greekVerdict('vega', [coin({ vega: 9_000 }, { vega: 9_001 })], { BTC: 5_000 }).passed).toBe(false);
  });

  it('reports the failing coin, else the one nearest its limit; a coin without a limit is unbounded', () => {
    const coins = [coin({}, { delta: 1.9 }), coin({}, { delta: 25 }, 'ETH'), coin({}, { delta: 99 }, 'SOL')];
    expect(greekVerdict('delta', coins, { BTC: 2, ETH: 20 })).toMatchObject({
      value: 25,
      limit: 20,
      passed: false,
    });
    expect(greekVerdict('delta', [coin({}, { delta: 99 }, 'SOL')], { BTC: 2 })).toMatchObject({
      value: 99,
      limit: null,
      passed: true,
    });
  });
});

describe('the Greek checks on a projected book (units of portfolio.risk)', () => {
  it('delta_limit: held + order in coins, either sign', () => {
    expect(checkDeltaLimit(input({ 'BTC/USDT': [1.5, SPOT] }, [leg({ quantity: 0.5 })])).passed).toBe(true);
    expect(checkDeltaLimit(input({ 'BTC/USDT': [1.5, SPOT] }, [leg({ quantity: 0.6 })]))).toMatchObject({
      passed: false,
      value: 2.1,
      limit: 2,
    });
    expect(
      checkDeltaLimit(input({ 'BTC/USDT': [-1.5, SPOT] }, [leg({ side: 'sell', quantity: 0.6 })])).passed,
    ).toBe(false);
  });

  it('delta_limit: a sell reducing a book over the limit passes', () => {
    expect(
      checkDeltaLimit(input({ 'BTC/USDT': [3, SPOT] }, [leg({ side: 'sell', quantity: 0.5 })])),
    ).toMatchObject({
      passed: true,
      value: 2.5,
    });
  });

  it('vega_limit: USD per vol point of options, held and ordered', () => {
    const call = (quantity: number, side: 'buy' | 'sell' = 'buy') =>
      leg({ symbol: CALL_SYMBOL, quantity, side, mark: 5_000, greeks: CALL });
    expect(checkVegaLimit(input({ [CALL_SYMBOL]: [40, CALL] }, [call(10)]))).toMatchObject({
      passed: true,
      value: 5_000,
    });
    expect(checkVegaLimit(input({ [CALL_SYMBOL]: [40, CALL] }, [call(11)])).passed).toBe(false);
    // selling vega from a long book over the limit is reducing
    expect(checkVegaLimit(input({ [CALL_SYMBOL]: [60, CALL] }, [call(5, 'sell')])).passed).toBe(true);
  });

  it('theta_limit: only short theta counts (a long-theta book has none)', () => {
    const call = (quantity: number, side: 'buy' | 'sell') =>
      leg({ symbol: CALL_SYMBOL, quantity, side, mark: 5_000, greeks: CALL });
    expect(checkThetaLimit(input({}, [call(31, 'buy')]))).toMatchObject({ passed: true, value: 2_480 });
    expect(checkThetaLimit(input({}, [call(32, 'buy')]))).toMatchObject({ passed: false, value: 2_560 });
    expect(checkThetaLimit(input({}, [call(100, 'sell')]))).toMatchObject({ passed: true, value: 0 });
  });
});

describe('trading_state', () => {
  it('takes the strictest of global, strategy and underlying', () => {
    const states = { global: 'REDUCING', 'underlying:ETH': 'HALTED' } as const;
    expect(stateInForce(states, { strategyId: 's', coins: ['BTC'] })).toBe('REDUCING');
    expect(stateInForce(states, { strategyId: 's', coins: ['BTC', 'ETH'] })).toBe('HALTED');
    expect(stateInForce({}, { strategyId: 's', coins: ['BTC'] })).toBe('ACTIVE');
  });

  it('HALTED refuses all but protective orders; REDUCING refuses what does not reduce', () => {
    expect(tradingStateVerdict('HALTED', { protective: false, reduces: true })).toMatchObject({
      passed: false,
      reason_code: 'TRADING_HALTED',
      value: null,
      limit: null,
    });
    expect(tradingStateVerdict('HALTED', { protective: true, reduces: false }).passed).toBe(true);
    expect(tradingStateVerdict('REDUCING', { protective: false, reduces: false }).reason_code).toBe(
      'TRADING_REDUCING',
    );
    expect(tradingStateVerdict('REDUCING', { protective: false, reduces: true }).passed).toBe(true);
  });

  it('an order reduces exposure when every position shrinks, or no Greek grows and one shrinks', () => {
    expect(
      orderReducesExposure(input({ 'BTC/USDT': [1, SPOT] }, [leg({ side: 'sell', quantity: 0.5 })])),
    ).toBe(true);
    expect(
      orderReducesExposure(input({ 'BTC/USDT': [1, SPOT] }, [leg({ side: 'sell', quantity: 2.5 })])),
    ).toBe(false);
    // a perpetual hedge of a long call book: a new position, but delta goes toward zero
    const hedge = leg({ symbol: 'BTC/USDT:USDT', side: 'sell', quantity: 2 });
    expect(orderReducesExposure(input({ [CALL_SYMBOL]: [10, CALL] }, [hedge]))).toBe(true);
    expect(orderReducesExposure(input({ [CALL_SYMBOL]: [10, CALL] }, [{ ...hedge, side: 'buy' }]))).toBe(
      false,
    );
    const checked = checkTradingState({
      ...input({ 'BTC/USDT': [1, SPOT] }, [leg()]),
      context: { tradingState: 'REDUCING', protective: false },
    });
    expect(checked.reason_code).toBe('TRADING_REDUCING');
  });

  it('a protective order skips trading state, drawdown and position ratio, not the rest', () => {
    const base = input({}, [leg({ quantity: 3 })]);
    const outcome = runChecks(
      {
        ...base,
        catalogue: calmCatalogue(),
        book: { ...base.book, equity: 500_000, peak: 1_000_000 },
        limits: { ...LIMITS, maxPositionRatio: 0.1 },
        context: { tradingState: 'HALTED', protective: true },
      },
      PROTECTIVE_WAIVED_CHECKS,
    );
    expect(outcome.reasonCodes).toEqual(['GREEK_LIMIT_EXCEEDED']);
    expect(outcome.checks.find((c) => c.check === 'drawdown')).toMatchObject({ passed: true, value: 0.5 });
  });
});
