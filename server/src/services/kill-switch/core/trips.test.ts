import { describe, expect, it } from 'vitest';
import {
  countLastMinute,
  strictestTrip,
  tightens,
  tripsOf,
  utcDay,
  type KillLimits,
  type KillMeasures,
} from './trips.ts';

const LIMITS: KillLimits = { drawdownPct: 0.15, dailyLossPct: 0.05, deadLettersPerMin: 20, lagS: 30 };
const calm: KillMeasures = {
  equity: 100_000,
  peak: 100_000,
  dayStart: 100_000,
  deadLettersLastMinute: 0,
  worstLag: null,
};
const measures = (over: Partial<KillMeasures>): KillMeasures => ({ ...calm, ...over });
const tripped = (over: Partial<KillMeasures>, limits = LIMITS) =>
  tripsOf(measures(over), limits).map((t) => [t.measure, t.state]);

describe('tripsOf', () => {
  it('trips nothing on a calm desk or with measures unknown', () => {
    expect(tripsOf(calm, LIMITS)).toEqual([]);
    expect(tripped({ equity: null, peak: null, dayStart: null })).toEqual([]);
  });

  it('measures the drawdown from the peak, not from the start: REDUCING at 15 % and beyond', () => {
    expect(tripped({ equity: 85_000.01, dayStart: null })).toEqual([]);
    expect(tripped({ equity: 85_000, dayStart: null })).toEqual([['drawdown', 'REDUCING']]);
    // Back at the starting equity after a run up to 120k: 16.7 % below the peak
    expect(tripped({ equity: 100_000, peak: 120_000, dayStart: 100_000 })).toEqual([
      ['drawdown', 'REDUCING'],
    ]);
    // A peak below the equity (not yet broadcast) counts as the equity
    expect(tripped({ equity: 110_000, peak: 100_000 })).toEqual([]);
    const [trip] = tripsOf(measures({ equity: 84_000, dayStart: null }), LIMITS);
    expect(trip?.reason).toBe('kill switch: drawdown 16.00% from the peak equity 100000.00 ≥ 15.00%');
    expect(trip).toMatchObject({ value: 0.16, limit: 0.15 });
  });

  it('halts at the daily loss limit: equity at or below start × (1 − 5 %)', () => {
    expect(tripped({ equity: 95_000.01, peak: 95_000.01 })).toEqual([]);
    expect(tripped({ equity: 95_000, peak: 95_000 })).toEqual([['daily_loss', 'HALTED']]);
    const [trip] = tripsOf(measures({ equity: 94_000, peak: 94_000 }), LIMITS);
    expect(trip?.reason).toBe(
      'kill switch: daily loss 6.00%: equity 94000.00 ≤ 95000.00 (start of day 100000.00 − 5.00%)',
    );
  });

  it('reduces at 20 dead letters in the last minute, and not when the trip is off', () => {
    expect(tripped({ deadLettersLastMinute: 19 })).toEqual([]);
    expect(tripped({ deadLettersLastMinute: 20 })).toEqual([['dead_letters', 'REDUCING']]);
    expect(tripped({ deadLettersLastMinute: 20 }, { ...LIMITS, deadLettersPerMin: 0 })).toEqual([]);
  });

  it('reduces when a consumer group lags more than 30 s', () => {
    const lag = (lagS: number) => ({ worstLag: { stream: 'strategy.intent', group: 'engine', lagS } });
    expect(tripped(lag(30))).toEqual([]);
    expect(tripped(lag(30.5))).toEqual([['consumer_lag', 'REDUCING']]);
    expect(tripped(lag(300), { ...LIMITS, lagS: 0 })).toEqual([]);
    expect(tripsOf(measures(lag(42)), LIMITS)[0]?.reason).toBe(
      'kill switch: consumer group engine on strategy.intent lagging 42 s > 30 s',
    );
  });
});

describe('strictestTrip and tightens', () => {
  it('applies HALTED before REDUCING, and only ever tightens the state', () => {
    const trips = tripsOf(measures({ equity: 80_000, deadLettersLastMinute: 25 }), LIMITS);
    expect(trips.map((t) => t.measure)).toEqual(['drawdown', 'daily_loss', 'dead_letters']);
    const trip = strictestTrip(trips);
    expect(trip?.measure).toBe('daily_loss');
    expect(strictestTrip([])).toBeNull();
    const reducing = strictestTrip(tripsOf(measures({ deadLettersLastMinute: 20 }), LIMITS));
    if (trip === null || reducing === null) throw new Error('expected trips');
    expect([tightens(trip, 'ACTIVE'), tightens(trip, 'REDUCING'), tightens(trip, 'HALTED')]).toEqual([
      true,
      true,
      false,
    ]);
    expect([
      tightens(reducing, 'ACTIVE'),
      tightens(reducing, 'REDUCING'),
      tightens(reducing, 'HALTED'),
    ]).toEqual([true, false, false]);
  });
});

describe('countLastMinute and utcDay', () => {
  it('counts the newest entries younger than a minute', () => {
    const now = 1_000_000;
    expect(countLastMinute([`${now}-0`, `${now - 59_999}-3`, `${now - 60_000}-0`, `${now}-1`], now)).toBe(2);
    expect(countLastMinute([], now)).toBe(0);
  });

  it('names the UTC day of an instant', () => {
    expect(utcDay(Date.parse('2026-12-05T23:59:59.999Z'))).toBe('2026-12-05');
    expect(utcDay(Date.parse('2026-12-06T00:00:00.000Z'))).toBe('2026-12-06');
  });
});
