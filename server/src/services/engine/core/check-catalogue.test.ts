import { black76Price } from '@gamma/shared/quant';
import { describe, expect, it } from 'vitest';
import { calmContext, DEFAULT_CATALOGUE_LIMITS } from '../../../testing/engine-catalogue.ts';
import { checkDailyLoss } from './check-daily-loss.ts';
import { checkLossStreak } from './check-loss-streak.ts';
import { checkMarketDataAge } from './check-market-data-age.ts';
import { checkOrderNotional } from './check-order-notional.ts';
import { checkPriceBand } from './check-price-band.ts';
import { reducesExposure } from './exposure.ts';
import { runChecks } from './run-checks.ts';
import type { CatalogueLimits, CheckInput, OrderContext, OrderLeg, RiskBook } from './types.ts';

const NOW = 1_772_442_904_120;

/** 1 BTC long at 100 000 in an account of 1 000 000. */
const BOOK: RiskBook = {
  equity: 1_000_000,
  peak: 1_000_000,
  positions: { 'BTC/USDT': { quantity: 1, mark: 100_000, spot: 100_000 } },
};

const spot = (over: Partial<OrderLeg> = {}): OrderLeg => ({
  symbol: 'BTC/USDT',
  side: 'buy',
  quantity: 1,
  mark: 100_000,
  spot: 100_000,
  ...over,
});

/** A call of a consistent chain: F = K = 100 000, 30 days, mark at 60 % vol. */
const T = 30 / 365;
const ROW = { optionType: 'call' as const, strike: 100_000, forward: 100_000, yearsToExpiry: T, iv: 0.6 };
const callAt = (sigma: number) => black76Price({ F: 100_000, K: 100_000, T, r: 0, sigma, type: 'call' });
const call = (over: Partial<OrderLeg> = {}): OrderLeg => ({
  symbol: 'BTC-20260401-100000-C',
  side: 'buy',
  quantity: 1,
  mark: callAt(0.6),
  spot: 100_000,
  option: ROW,
  ...over,
});

const input = (
  over: {
    book?: Partial<RiskBook>;
    legs?: OrderLeg[];
    limits?: Partial<CatalogueLimits>;
    context?: Partial<OrderContext>;
  } = {},
): CheckInput => ({
  book: { ...BOOK, ...over.book },
  order: { ok: true, legs: over.legs ?? [spot()] },
  limits: {
    maxDrawdownPct: 1,
    maxPositionRatio: 100,
    minPositionRatio: 0,
    maxSinglePositionPct: 100,
    maxGrossLeverage: 100,
    maxPositionQty: {},
    maxAbsDelta: {},
    maxAbsGamma: {},
    maxAbsVegaUsd: {},
    maxShortThetaUsd: {},
  },
  catalogue: {
    limits: { ...DEFAULT_CATALOGUE_LIMITS, ...over.limits },
    context: { ...calmContext(NOW), ...over.context },
  },
});

describe('reducesExposure', () => {
  it('holds for an order that moves every position nearer zero on its side, flat included', () => {
    expect(reducesExposure(BOOK, [spot({ side: 'sell', quantity: 0.4 })])).toBe(true);
    expect(reducesExposure(BOOK, [spot({ side: 'sell', quantity: 1 })])).toBe(true);
    // float noise at flat still counts as flat
    expect(reducesExposure(BOOK, [spot({ side: 'sell', quantity: 1 + 1e-12 })])).toBe(true);
  });

  it('fails for an order that adds, opens, or goes through zero', () => {
    expect(reducesExposure(BOOK, [spot({ quantity: 0.1 })])).toBe(false);
    expect(reducesExposure(BOOK, [spot({ side: 'sell', quantity: 1.5 })])).toBe(false);
    expect(reducesExposure(BOOK, [spot({ symbol: 'ETH/USDT', side: 'sell', quantity: 1 })])).toBe(false);
    expect(reducesExposure(BOOK, [spot({ side: 'sell', quantity: 0.5 }), call()])).toBe(false);
    expect(reducesExposure(BOOK, [])).toBe(false);
  });
});

describe('order_notional', () => {
  it('sums |quantity| × spot over the legs in USD and vetoes beyond the limit only', () => {
    expect(checkOrderNotional(input({ legs: [spot({ quantity: 2.5 })] }))).toEqual({
      check: 'order_notional',
      value: 250_000,
      limit: 250_000,
      passed: true,
      reason_code: null,
    });
    expect(checkOrderNotional(input({ legs: [spot({ quantity: 2.5001 })] }))).toMatchObject({
      value: 250_010,
      passed: false,
      reason_code: 'ORDER_NOTIONAL_EXCEEDED',
    });
  });

  it('counts an option leg at the spot of its underlying, not its premium', () => {
    // a straddle of 1.3: 2 × 1.3 × 100 000 = 260 000 although the premium is a few thousand
    const legs = [call({ quantity: 1.3 }), call({ quantity: 1.3, symbol: 'BTC-20260401-100000-P' })];
    expect(checkOrderNotional(input({ legs }))).toMatchObject({ value: 260_000, passed: false });
  });

  it('vetoes a reducing order too (a fat-finger guard) and an unpriced one as NO_REFERENCE_PRICE', () => {
    const sell = spot({ side: 'sell', quantity: 3 });
    expect(checkOrderNotional(input({ legs: [sell] }))).toMatchObject({ passed: false });
    expect(
      checkOrderNotional({
        ...input(),
        order: { ok: false, code: 'NO_REFERENCE_PRICE', reason: '', sizes: [] },
      }),
    ).toMatchObject({ passed: false, reason_code: 'NO_REFERENCE_PRICE', value: null });
  });
});

describe('price_band', () => {
  it('passes a market order with value null', () => {
    expect(checkPriceBand(input())).toEqual({
      check: 'price_band',
      value: null,
      limit: 0.05,
      passed: true,
      reason_code: null,
    });
  });

  it('measures |limit − mark| / mark on either side and vetoes beyond the band only', () => {
    expect(checkPriceBand(input({ legs: [spot({ limitPrice: 105_000 })] }))).toMatchObject({
      value: 0.05,
      passed: true,
    });
    expect(checkPriceBand(input({ legs: [spot({ limitPrice: 94_990 })] }))).toMatchObject({
      value: 0.0501,
      limit: 0.05,
      passed: false,
      reason_code: 'PRICE_BAND_EXCEEDED',
    });
    // a reducing sell far below the market is vetoed as well
    const dump = spot({ side: 'sell', quantity: 0.5, limitPrice: 80_000 });
    expect(checkPriceBand(input({ legs: [dump] }))).toMatchObject({ passed: false });
  });

  it('measures an option leg in vol points from the surface IV as well, by the quant core IV solver', () => {
    // 4 % above the mark is inside the price band; at 30 days ATM that is ~2.4 vol points
    const near = call({ limitPrice: callAt(0.6) * 1.04 });
    const verdict = checkPriceBand(input({ legs: [near] }));
    expect(verdict).toMatchObject({ passed: true, limit: 0.05, value: 0.04 });
    // the price of 70 % vol is 10 vol points away (and ~16 % of the mark): the nearer limit is reported
    const at70 = checkPriceBand(
      input({ legs: [call({ limitPrice: callAt(0.7) })], limits: { priceBandPct: 10 } }),
    );
    expect(at70).toMatchObject({ passed: true, value: 10, limit: 10 });
    const at71 = checkPriceBand(
      input({ legs: [call({ limitPrice: callAt(0.71) })], limits: { priceBandPct: 10 } }),
    );
    expect(at71).toMatchObject({ passed: false, value: 11, limit: 10, reason_code: 'PRICE_BAND_EXCEEDED' });
  });

  it('compares with the row IV of the surface, not with the IV the quotes imply', () => {
    // the mark says 60 %, the surface row says 45 %: a limit at the mark is 15 vol points off
    const leg = call({ limitPrice: callAt(0.6), option: { ...ROW, iv: 0.45 } });
    expect(checkPriceBand(input({ legs: [leg] }))).toMatchObject({ passed: false, value: 15, limit: 10 });
  });

  it('words a failure in its unit', () => {
    const outcome = runChecks(
      input({ legs: [call({ limitPrice: callAt(0.75) })], limits: { priceBandPct: 0.5 } }),
    );
    expect(outcome.reason).toBe('price band: limit price 15 vol pts from the surface IV > 10');
  });
});

describe('market_data_age', () => {
  it('measures the tick age in seconds and vetoes beyond RISK_MAX_TICK_AGE_S only', () => {
    const at = (tickS: number) =>
      input({ context: { dataAges: { tickS, surfaceS: null, needsSurface: false } } });
    expect(checkMarketDataAge(at(10))).toEqual({
      check: 'market_data_age',
      value: 10,
      limit: 10,
      passed: true,
      reason_code: null,
    });
    expect(checkMarketDataAge(at(10.001))).toMatchObject({ passed: false, reason_code: 'STALE_MARKET_DATA' });
  });

  it('checks the surface of an option order against RISK_MAX_SURFACE_AGE_S, reporting the feed nearest its limit', () => {
    const option = (tickS: number, surfaceS: number | null) =>
      input({ context: { dataAges: { tickS, surfaceS, needsSurface: true } } });
    expect(checkMarketDataAge(option(2, 29))).toMatchObject({ passed: true, value: 29, limit: 30 });
    expect(checkMarketDataAge(option(9.5, 15))).toMatchObject({ passed: true, value: 9.5, limit: 10 });
    expect(checkMarketDataAge(option(2, 31))).toMatchObject({ passed: false, value: 31, limit: 30 });
    expect(checkMarketDataAge(option(2, null))).toMatchObject({ passed: false, value: null, limit: 30 });
    const noTick = input({ context: { dataAges: { tickS: null, surfaceS: 5, needsSurface: true } } });
    expect(checkMarketDataAge(noTick)).toMatchObject({ passed: true, value: 5, limit: 30 });
  });

  it('vetoes when no tick was ever seen, reducing orders too', () => {
    const none = input({
      legs: [spot({ side: 'sell', quantity: 0.5 })],
      context: { dataAges: { tickS: null, surfaceS: null, needsSurface: false } },
    });
    expect(checkMarketDataAge(none)).toMatchObject({
      passed: false,
      value: null,
      reason_code: 'STALE_MARKET_DATA',
    });
  });
});

describe('daily_loss', () => {
  const day = (equity: number, legs?: OrderLeg[]) =>
    input({ book: { equity }, ...(legs ? { legs } : {}), context: { dayStartEquity: 1_000_000 } });

  it('measures the loss as a decimal of the start-of-day equity and vetoes beyond the limit only', () => {
    expect(checkDailyLoss(day(950_000))).toEqual({
      check: 'daily_loss',
      value: 0.05,
      limit: 0.05,
      passed: true,
      reason_code: null,
    });
    expect(checkDailyLoss(day(949_000))).toMatchObject({
      value: 0.051,
      passed: false,
      reason_code: 'DAILY_LOSS_LIMIT',
    });
    expect(checkDailyLoss(day(1_200_000))).toMatchObject({ value: 0, passed: true });
  });

  it('lets an order that only reduces exposure through a losing day', () => {
    expect(checkDailyLoss(day(900_000, [spot({ side: 'sell', quantity: 1 })]))).toMatchObject({
      value: 0.1,
      passed: true,
    });
    expect(checkDailyLoss(day(900_000, [spot({ side: 'sell', quantity: 2 })]))).toMatchObject({
      passed: false,
    });
  });

  it('passes with value null until the day start is known', () => {
    expect(checkDailyLoss(input({ book: { equity: 1 } }))).toMatchObject({ value: null, passed: true });
  });
});

describe('loss_streak', () => {
  const streak = (losses: number, cooldownUntilMs: number | null, legs?: OrderLeg[]) =>
    input({ ...(legs ? { legs } : {}), context: { lossStreak: { losses, cooldownUntilMs } } });

  it('reports the losses in a row and passes outside a cooldown', () => {
    expect(checkLossStreak(streak(4, null))).toEqual({
      check: 'loss_streak',
      value: 4,
      limit: 5,
      passed: true,
      reason_code: null,
    });
    // a cooldown that ended at this instant is over
    expect(checkLossStreak(streak(0, NOW))).toMatchObject({ passed: true, value: 0 });
  });

  it('vetoes an exposure-adding order during the cooldown, not a reducing one', () => {
    expect(checkLossStreak(streak(0, NOW + 1))).toMatchObject({
      value: 5,
      passed: false,
      reason_code: 'LOSS_STREAK_COOLDOWN',
    });
    expect(checkLossStreak(streak(0, NOW + 1, [spot({ side: 'sell', quantity: 1 })]))).toMatchObject({
      passed: true,
    });
  });
});
