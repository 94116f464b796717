import { describe, expect, it } from 'vitest';
import {
  admit,
  afterFailure,
  afterSuccess,
  CLOSED_BREAKER,
  freshnessOf,
  type BreakerState,
} from './circuit-breaker.ts';

const p = { threshold: 3, cooldownMs: 60_000 };

const failTimes = (state: BreakerState, n: number, atMs = 0): BreakerState => {
  let s = state;
  for (let i = 0; i < n; i += 1) s = afterFailure(s, p, atMs);
  return s;
};

describe('circuit breaker', () => {
  describe('closed', () => {
    it('lets requests go and counts consecutive failures below the threshold', () => {
      expect(admit(CLOSED_BREAKER, p, 0)).toEqual({ allowed: true, state: CLOSED_BREAKER });
      expect(failTimes(CLOSED_BREAKER, 2)).toEqual({ status: 'closed', failures: 2 });
    });

    it('opens at the threshold-th consecutive failure, stamped with its time', () => {
      expect(failTimes(CLOSED_BREAKER, 3, 5_000)).toEqual({ status: 'open', openedAtMs: 5_000 });
    });

    it('forgets failures after a success (they must be consecutive)', () => {
      const twice = failTimes(CLOSED_BREAKER, 2);
      expect(failTimes(afterSuccess(), 2)).toEqual(twice);
      expect(twice.status).toBe('closed');
    });

    it('opens at the first failure with a threshold of 1', () => {
      expect(afterFailure(CLOSED_BREAKER, { ...p, threshold: 1 }, 7)).toEqual({
        status: 'open',
        openedAtMs: 7,
      });
    });
  });

  describe('open', () => {
    const open: BreakerState = { status: 'open', openedAtMs: 10_000 };

    it('refuses requests until the cool-down has passed', () => {
      expect(admit(open, p, 69_999)).toEqual({ allowed: false, state: open });
    });

    it('lets one trial go at the end of the cool-down, half-open', () => {
      expect(admit(open, p, 70_000)).toEqual({ allowed: true, state: { status: 'half_open' } });
    });

    it('stays open (its opening time unchanged) when told of a failure', () => {
      expect(afterFailure(open, p, 20_000)).toBe(open);
    });
  });

  describe('half-open', () => {
    const half: BreakerState = { status: 'half_open' };

    it('closes on the trial’s success', () => {
      expect(afterSuccess()).toEqual(CLOSED_BREAKER);
    });

    it('opens again on the trial’s failure, for a whole new cool-down', () => {
      const reopened = afterFailure(half, p, 80_000);
      expect(reopened).toEqual({ status: 'open', openedAtMs: 80_000 });
      expect(admit(reopened, p, 139_999).allowed).toBe(false);
      expect(admit(reopened, p, 140_000).allowed).toBe(true);
    });
  });
});

describe('freshnessOf', () => {
  it('is stale with no age when there is no reading yet', () => {
    expect(freshnessOf(null, 1_000, 300_000)).toEqual({ value: null, ageS: null, stale: true });
  });

  it('gives the value and its age up to the limit, inclusive', () => {
    expect(freshnessOf({ value: 42, atMs: 0 }, 300_000, 300_000)).toEqual({
      value: 42,
      ageS: 300,
      stale: false,
    });
  });

  it('drops the value but keeps the age beyond the limit', () => {
    expect(freshnessOf({ value: 42, atMs: 0 }, 300_001, 300_000)).toEqual({
      value: null,
      ageS: 300.001,
      stale: true,
    });
  });
});
