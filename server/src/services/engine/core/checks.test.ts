import { describe, expect, it } from 'vitest';
import { checkDrawdown } from './check-drawdown.ts';
import { checkGrossLeverage } from './check-gross-leverage.ts';
import { checkMaxPositionSize } from './check-max-position-size.ts';
import { checkPositionRatio } from './check-position-ratio.ts';
import { checkSinglePositionShare } from './check-single-position-share.ts';
import { calmCatalogue } from '../../../testing/engine-catalogue.ts';
import { runChecks } from './run-checks.ts';
import type { CheckInput, OrderLeg, RiskBook, RiskLimits } from './types.ts';

const LIMITS: RiskLimits = {
  maxDrawdownPct: 0.2,
  maxPositionRatio: 0.8,
  minPositionRatio: 0.1,
  maxSinglePositionPct: 0.3,
  maxGrossLeverage: 3,
  maxPositionQty: { BTC: 5, ETH: 50 },
  maxAbsDelta: { BTC: 2 },
  maxAbsGamma: {},
  maxAbsVegaUsd: {},
  maxShortThetaUsd: {},
};

/** SPEC §3.3: 10 000 USDT plus 0.05 BTC at 40 000 → equity 12 000. */
const SPEC_BOOK: RiskBook = {
  equity: 12_000,
  peak: 12_000,
  positions: { 'BTC/USDT': { quantity: 0.05, mark: 40_000, spot: 40_000 } },
};

const leg = (over: Partial<OrderLeg> = {}): OrderLeg => ({
  symbol: 'BTC/USDT',
  side: 'buy',
  quantity: 0.05,
  mark: 40_000,
  spot: 40_000,
  ...over,
});

const input = (
  over: { book?: Partial<RiskBook>; legs?: OrderLeg[]; limits?: Partial<RiskLimits> } = {},
): CheckInput => ({
  book: { ...SPEC_BOOK, ...over.book },
  order: { ok: true, legs: over.legs ?? [leg()] },
  limits: { ...LIMITS, ...over.limits },
  catalogue: calmCatalogue(),
});

describe('pre-order checks', () => {
  describe('when the SPEC §3.3 example is checked (equity 12 000, buy 0.05 BTC at 40 000)', () => {
    it('vetoes on single position share 0.3333 and passes the rest with the example figures', () => {
      const outcome = runChecks(input());
      // the rest of the catalogue passes in a calm context (check-catalogue.test.ts)
      expect(outcome.checks.slice(10).every((c) => c.passed)).toBe(true);
      expect(outcome.checks.slice(0, 10)).toEqual([
        { check: 'drawdown', passed: true, reason_code: null, value: 0, limit: 0.2 },
        { check: 'trading_state', passed: true, reason_code: null, value: null, limit: null },
        { check: 'position_ratio', passed: true, reason_code: null, value: 0.3333, limit: 0.8 },
        {
          check: 'single_position_share',
          passed: false,
          reason_code: 'SINGLE_POSITION_SHARE_EXCEEDED',
          value: 0.3333,
          limit: 0.3,
        },
        { check: 'gross_leverage', passed: true, reason_code: null, value: 0.3333, limit: 3 },
        { check: 'max_position_size', passed: true, reason_code: null, value: 0.1, limit: 5 },
        // the legs carry no Greeks here: the book's Greeks are zero
        { check: 'delta_limit', passed: true, reason_code: null, value: 0, limit: 2 },
        { check: 'gamma_limit', passed: true, reason_code: null, value: 0, limit: null },
        { check: 'vega_limit', passed: true, reason_code: null, value: 0, limit: null },
        { check: 'theta_limit', passed: true, reason_code: null, value: 0, limit: null },
      ]);
      expect(outcome.passed).toBe(false);
      expect(outcome.reasonCodes).toEqual(['SINGLE_POSITION_SHARE_EXCEEDED']);
      expect(outcome.reason).toBe('single position share 33.33% > 30.00%');
    });
  });

  describe('drawdown', () => {
    it('measures (peak − equity) / peak and vetoes above the limit only', () => {
      expect(checkDrawdown(input({ book: { equity: 8_000, peak: 10_000 } }))).toMatchObject({
        passed: true,
        value: 0.2,
      });
      expect(checkDrawdown(input({ book: { equity: 7_900, peak: 10_000 } }))).toMatchObject({
        passed: false,
        reason_code: 'MAX_DRAWDOWN_EXCEEDED',
        value: 0.21,
      });
    });
  });

  describe('position_ratio', () => {
    it('vetoes a buy that takes the ratio above the max', () => {
      const v = checkPositionRatio(input({ legs: [leg({ quantity: 0.2 })] }));
      expect(v).toMatchObject({
        passed: false,
        reason_code: 'POSITION_RATIO_ABOVE_MAX',
        value: 0.8333,
        limit: 0.8,
      });
    });

    it('lets a sell through while the book is above the max, because it lowers the ratio', () => {
      const book = { positions: { 'BTC/USDT': { quantity: 0.3, mark: 40_000, spot: 40_000 } } };
      const v = checkPositionRatio(input({ book, legs: [leg({ side: 'sell', quantity: 0.01 })] }));
      expect(v).toMatchObject({ passed: true, value: 0.9667 });
    });

    it('lets an all-cash book buy although the ratio stays below the min', () => {
      const v = checkPositionRatio(input({ book: { positions: {} }, legs: [leg({ quantity: 0.01 })] }));
      expect(v).toMatchObject({ passed: true, value: 0.0333 });
    });

    it('never vetoes a sell that takes the ratio below the min (the min is a risk alert)', () => {
      const v = checkPositionRatio(input({ legs: [leg({ side: 'sell', quantity: 0.04 })] }));
      expect(v).toMatchObject({ passed: true, reason_code: null, value: 0.0333, limit: 0.8 });
    });

    it('lets a sell flatten a fresh position', () => {
      const v = checkPositionRatio(input({ legs: [leg({ side: 'sell', quantity: 0.05 })] }));
      expect(v).toMatchObject({ passed: true, value: 0 });
    });
  });

  describe('single_position_share', () => {
    it('takes the largest leg share of an option structure', () => {
      const legs = [
        leg({ symbol: 'BTC-20260306-100000-C', quantity: 1, mark: 5_000, spot: 100_000 }),
        leg({ symbol: 'BTC-20260306-100000-P', quantity: 1, mark: 3_000, spot: 100_000 }),
      ];
      const v = checkSinglePositionShare(input({ book: { equity: 20_000, positions: {} }, legs }));
      expect(v).toMatchObject({ passed: true, value: 0.25 });
    });
  });

  describe('gross_leverage', () => {
    it('measures option notional as quantity × spot and vetoes above the max when raised', () => {
      const legs = [
        leg({ symbol: 'BTC-20260306-100000-C', quantity: 0.2, mark: 5_000, spot: 100_000 }),
        leg({ symbol: 'BTC-20260306-100000-P', quantity: 0.2, mark: 5_000, spot: 100_000 }),
      ];
      const v = checkGrossLeverage(input({ legs }));
      // (0.05 × 40 000 + 0.4 × 100 000) / 12 000
      expect(v).toMatchObject({
        passed: false,
        reason_code: 'GROSS_LEVERAGE_EXCEEDED',
        value: 3.5,
        limit: 3,
      });
    });

    it('lets an order through that lowers leverage above the max', () => {
      const book = { positions: { 'BTC/USDT:USDT': { quantity: 1, mark: 40_000, spot: 40_000 } } };
      const v = checkGrossLeverage(
        input({ book, legs: [leg({ symbol: 'BTC/USDT:USDT', side: 'sell', quantity: 0.1 })] }),
      );
      expect(v).toMatchObject({ passed: true, value: 3 });
    });
  });

  describe('max_position_size', () => {
    it('vetoes |post-order quantity| above the base coin limit', () => {
      const book = { positions: { 'ETH/USDT': { quantity: -49, mark: 3_000, spot: 3_000 } } };
      const v = checkMaxPositionSize(
        input({ book, legs: [leg({ symbol: 'ETH/USDT', side: 'sell', quantity: 2 })] }),
      );
      expect(v).toMatchObject({
        passed: false,
        reason_code: 'MAX_POSITION_SIZE_EXCEEDED',
        value: 51,
        limit: 50,
      });
    });

    it('admits the last unit of a limit despite float noise in the sum (0.1 + 0.2 = 0.30000000000000004)', () => {
      const book = { positions: { 'BTC/USDT': { quantity: 0.1, mark: 40_000, spot: 40_000 } } };
      const limits = { maxPositionQty: { BTC: 0.3 } };
      const last = input({ book, legs: [leg({ quantity: 0.2 })], limits });
      expect(checkMaxPositionSize(last)).toMatchObject({ passed: true, value: 0.3, limit: 0.3 });
      const beyond = input({ book, legs: [leg({ quantity: 0.201 })], limits });
      expect(checkMaxPositionSize(beyond)).toMatchObject({ passed: false, value: 0.301 });
    });

    it('does not bound a coin without a configured limit', () => {
      const v = checkMaxPositionSize(input({ legs: [leg({ symbol: 'SOL/USDT', quantity: 1e6 })] }));
      expect(v).toMatchObject({ passed: true, limit: null });
    });

    it('runs without prices on the known instruments', () => {
      const v = checkMaxPositionSize({
        ...input(),
        order: { ok: false, code: 'NO_REFERENCE_PRICE', reason: 'x', sizes: [leg({ quantity: 6 })] },
      });
      expect(v).toMatchObject({ passed: false, reason_code: 'MAX_POSITION_SIZE_EXCEEDED', value: 6.05 });
    });
  });

  describe('when equity is zero or negative', () => {
    it('fails every ratio check with value null', () => {
      const outcome = runChecks(input({ book: { equity: 0, peak: 10_000 } }));
      const byName = Object.fromEntries(outcome.checks.map((c) => [c.check, c]));
      expect(byName.position_ratio).toMatchObject({ passed: false, value: null });
      expect(byName.single_position_share).toMatchObject({ passed: false, value: null });
      expect(byName.gross_leverage).toMatchObject({ passed: false, value: null });
      expect(byName.drawdown).toMatchObject({ passed: false, value: 1 });
      expect(outcome.passed).toBe(false);
    });
  });

  describe('when the order has no reference price', () => {
    it('fails the price-based checks with NO_REFERENCE_PRICE, once in the codes', () => {
      const outcome = runChecks({
        ...input(),
        order: { ok: false, code: 'NO_REFERENCE_PRICE', reason: 'no tick', sizes: [leg()] },
      });
      expect(outcome.checks.map((c) => [c.check, c.passed])).toEqual([
        ['drawdown', true],
        ['trading_state', true],
        ['position_ratio', false],
        ['single_position_share', false],
        ['gross_leverage', false],
        ['max_position_size', true],
        ['delta_limit', false],
        ['gamma_limit', false],
        ['vega_limit', false],
        ['theta_limit', false],
        ['strategy_budget', true],
        ['order_rate', true],
        ['duplicate_intent', true],
        ['order_notional', false],
        ['price_band', false],
        ['market_data_age', true],
        ['daily_loss', true],
        ['loss_streak', true],
      ]);
      expect(outcome.reasonCodes).toEqual(['NO_REFERENCE_PRICE']);
    });
  });
});
