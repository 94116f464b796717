import { describe, expect, it } from 'vitest';
import {
  buildMacroState,
  onchainFromBody,
  classifyRegime,
  fomoScore,
  realizedVolOf,
  recordMinuteClose,
  sentimentFromBody,
  type MinuteCloses,
} from './macro-loop.ts';

describe('classifyRegime', () => {
  describe('when checked against every expected pair of SPEC §6.3', () => {
    const cases: [number | null, number | null, string, number][] = [
      [null, null, 'chop', 0.6],
      [0.9, -0.8, 'panic', 0.9],
      [0.9, 0.8, 'high_vol_bull', 0.9],
      [0.2, 0.5, 'bull', 0.6],
      [0.6, 0.5, 'bull', 0.8],
      [0.6, -0.5, 'bear', 1.0],
      [0.1, 0.0, 'chop', 0.3],
      [0.6, 0.0, 'unknown', 0.1],
      [0.9, 0.5, 'unknown', 0.1],
      [0.0, -0.5, 'unknown', 0.1],
      [1.5, -0.9, 'panic', 1.0],
    ];
    it.each(cases)('(vol %s, sent %s) → %s %s', (...[vol, sent, regime, score]) => {
      const r = classifyRegime(vol, sent);
      expect(r.regime).toBe(regime);
      expect(r.score).toBeCloseTo(score, 12);
    });
  });

  describe('when values sit on bucket edges', () => {
    it('puts vol 0.4 in low and 0.8 in mid', () => {
      expect(classifyRegime(0.4, 0).regime).toBe('chop');
      expect(classifyRegime(0.8, -0.5).regime).toBe('bear');
    });
    it('puts sentiment 0.3 in neutral, −0.3 in neutral, −0.7 in bearish and 0.7 in bullish', () => {
      expect(classifyRegime(0.2, 0.3).regime).toBe('chop');
      expect(classifyRegime(0.2, -0.3).regime).toBe('chop');
      expect(classifyRegime(0.6, -0.7).regime).toBe('bear');
      expect(classifyRegime(0.6, 0.7).regime).toBe('bull');
    });
  });
});

describe('fomoScore', () => {
  const cases: [number, number, number][] = [
    [0.5, 0.2, 0.38],
    [1.0, 1.0, 1.0],
    [-0.5, 0.1, 0.0],
    [0.9, 0.5, 0.74],
  ];
  it.each(cases)('(sent %s, vol %s) → %s', (sent, vol, expected) => {
    expect(fomoScore(sent, vol)).toBeCloseTo(expected, 12);
  });
  it('is null when sentiment or realized vol is null', () => {
    expect(fomoScore(null, 0.5)).toBeNull();
    expect(fomoScore(0.5, null)).toBeNull();
  });
});

const minutes = (closes: number[], start = 1000): MinuteCloses =>
  closes.map((close, i) => ({ minute: start + i, close }));

describe('realizedVolOf', () => {
  it('is null with fewer than 10 one-minute returns', () => {
    expect(realizedVolOf(minutes(Array.from({ length: 10 }, (_, i) => 100 + i)))).toBeNull();
  });
  it('annualises the sample standard deviation of log returns by √525 600', () => {
    const closes = [100, 101, 100, 101, 100, 101, 100, 101, 100, 101, 100];
    const r = closes.slice(1).map((c, i) => Math.log(c / (closes[i] ?? c)));
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
    expect(realizedVolOf(minutes(closes))).toBeCloseTo(sd * Math.sqrt(525_600), 9);
  });
  it('skips returns across missing minutes', () => {
    const series = [...minutes([100, 101, 100, 101, 100, 101]), ...minutes([100, 101, 100, 101, 100], 2000)];
    expect(realizedVolOf(series)).toBeNull();
  });
});

describe('recordMinuteClose', () => {
  it('keeps the last price of each minute', () => {
    let s: MinuteCloses = [];
    s = recordMinuteClose(s, { atMs: 60_000, price: 1 }, 60);
    s = recordMinuteClose(s, { atMs: 60_500, price: 2 }, 60);
    s = recordMinuteClose(s, { atMs: 120_000, price: 3 }, 60);
    expect(s).toEqual([
      { minute: 1, close: 2 },
      { minute: 2, close: 3 },
    ]);
  });
  it('keeps only the window plus one close', () => {
    let s: MinuteCloses = [];
    for (let m = 0; m < 100; m++) s = recordMinuteClose(s, { atMs: m * 60_000, price: 100 + m }, 60);
    expect(s).toHaveLength(61);
    expect(s[0]?.minute).toBe(39);
  });
  describe('when the bar is shorter than a minute (MACRO_VOL_BAR_S)', () => {
    it('samples per bar, keeps the window in minutes and annualises by bars per year', () => {
      let s: MinuteCloses = [];
      for (let t = 0; t < 200; t++)
        s = recordMinuteClose(s, { atMs: t * 1000, price: t % 2 ? 101 : 100 }, { windowMin: 1, barMs: 1000 });
      expect(s).toHaveLength(61);
      const oneSecond = realizedVolOf(s, 1000);
      const asMinutes = realizedVolOf(s);
      expect(oneSecond).not.toBeNull();
      expect((oneSecond ?? 0) / (asMinutes ?? 1)).toBeCloseTo(Math.sqrt(60), 9);
    });
  });
  it('ignores samples older than the last minute', () => {
    const s = recordMinuteClose(minutes([1, 2], 5), { atMs: 60_000, price: 9 }, 60);
    expect(s).toEqual(minutes([1, 2], 5));
  });
});

describe('sentimentFromBody', () => {
  it('reads a numeric weighted_score', () => {
    expect(sentimentFromBody({ weighted_score: -0.4, overall_sentiment: 'negative' })).toBe(-0.4);
  });
  it('is null for a missing, non-numeric or out-of-range score', () => {
    expect(sentimentFromBody({})).toBeNull();
    expect(sentimentFromBody({ weighted_score: '0.4' })).toBeNull();
    expect(sentimentFromBody({ weighted_score: 2 })).toBeNull();
    expect(sentimentFromBody(null)).toBeNull();
  });
});

describe('buildMacroState', () => {
  describe('when nothing is known yet', () => {
    it('publishes chop 0.6 market-wide with null sentiment, FOMO and vol', () => {
      const m = buildMacroState(
        {
          sentiment: null,
          realizedVol: null,
          fundingRate: null,
          portfolioRealizedVol: null,
          sentimentSource: null,
        },
        '2026-03-02T09:15:04.120Z',
      );
      expect(m).toMatchObject({
        symbol: null,
        macro_regime: 'chop',
        sentiment_score: null,
        fomo_score: null,
        realized_vol: null,
        onchain_activity: null,
      });
      expect(m.regime_score).toBeCloseTo(0.6, 12);
    });
  });

  describe('with an on-chain source', () => {
    const inputs = {
      sentiment: null,
      realizedVol: null,
      fundingRate: null,
      portfolioRealizedVol: null,
      sentimentSource: null,
    };

    it('carries a fresh reading, its age and the breaker', () => {
      const m = buildMacroState(
        {
          ...inputs,
          onchain: {
            freshness: { value: 104.2, ageS: 12, stale: false },
            source: 'http://x',
            breaker: 'closed',
          },
        },
        '2026-03-02T09:15:04.120Z',
      );
      expect(m).toMatchObject({ onchain_activity: 104.2, onchain_age_s: 12 });
      expect(m.metadata).toMatchObject({
        onchain_source: 'http://x',
        onchain_stale: false,
        onchain_breaker: 'closed',
      });
    });

    it('drops a stale reading but keeps its age', () => {
      const m = buildMacroState(
        {
          ...inputs,
          onchain: {
            freshness: { value: null, ageS: 400, stale: true },
            source: 'http://x',
            breaker: 'open',
          },
        },
        '2026-03-02T09:15:04.120Z',
      );
      expect(m).toMatchObject({ onchain_activity: null, onchain_age_s: 400 });
      expect(m.metadata).toMatchObject({ onchain_stale: true, onchain_breaker: 'open' });
    });

    it('says nothing of on-chain activity without a source', () => {
      const m = buildMacroState(inputs, '2026-03-02T09:15:04.120Z');
      expect(m).toMatchObject({ onchain_activity: null, onchain_age_s: null });
      expect(m.metadata).toMatchObject({ onchain_source: null, onchain_stale: null, onchain_breaker: null });
    });
  });
});

describe('onchainFromBody', () => {
  it('reads a finite, non-negative activity_index and nothing else', () => {
    expect(onchainFromBody({ activity_index: 98.5 })).toBe(98.5);
    expect(onchainFromBody({ activity_index: 0 })).toBe(0);
    expect(onchainFromBody({ activity_index: -1 })).toBeNull();
    expect(onchainFromBody({ activity_index: '98' })).toBeNull();
    expect(onchainFromBody({})).toBeNull();
    expect(onchainFromBody(null)).toBeNull();
  });
});
