import type { MacroStateEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { latestMacro, macroSeries } from './macro-series';

const macro = (over: Partial<MacroStateEvent>): MacroStateEvent => ({
  symbol: null,
  macro_regime: 'chop',
  regime_score: 0.6,
  sentiment_score: null,
  fomo_score: null,
  realized_vol: null,
  funding_rate: null,
  onchain_activity: null,
  onchain_age_s: null,
  timestamp: '2026-03-02T09:00:00.000Z',
  metadata: {},
  ...over,
});

describe('macroSeries', () => {
  it('merges history and live states by time, oldest first, without duplicates', () => {
    const a = macro({ timestamp: '2026-03-02T09:00:00.000Z', fomo_score: 0.1 });
    const b = macro({ timestamp: '2026-03-02T09:01:00.000Z', fomo_score: 0.2 });
    const c = macro({ timestamp: '2026-03-02T09:02:00.000Z', fomo_score: 0.3 });
    const points = macroSeries([a, b], [b, c], 10);
    expect(points.map((p) => p.fomo)).toEqual([0.1, 0.2, 0.3]);
  });

  it('keeps at most the limit, dropping the oldest', () => {
    const events = [0, 1, 2].map((m) => macro({ timestamp: `2026-03-02T09:0${m}:00.000Z`, regime_score: m }));
    expect(macroSeries(events, [], 2).map((p) => p.regime)).toEqual([1, 2]);
  });
});

describe('latestMacro', () => {
  describe('when live states arrived after the snapshot', () => {
    it('returns the newest', () => {
      const snapshot = macro({ timestamp: '2026-03-02T09:00:00.000Z', macro_regime: 'bull' });
      const live = macro({ timestamp: '2026-03-02T09:01:00.000Z', macro_regime: 'panic' });
      expect(latestMacro(snapshot, [live])?.macro_regime).toBe('panic');
    });
  });

  it('prefers market-wide states over per-symbol ones', () => {
    const wide = macro({ timestamp: '2026-03-02T09:00:00.000Z', macro_regime: 'bear' });
    const btc = macro({ timestamp: '2026-03-02T09:05:00.000Z', symbol: 'BTC/USDT', macro_regime: 'bull' });
    expect(latestMacro(null, [wide, btc])?.macro_regime).toBe('bear');
  });

  it('is null when nothing is known', () => {
    expect(latestMacro(undefined, [])).toBeNull();
  });
});
