import { describe, expect, it } from 'vitest';
import { approvalLevel, type MacroReading } from './approval-level.ts';

const settings = { extremeFomo: 0.8, elevatedFomo: 0.5, staleAfterMs: 180_000 };
const NOW = 1_000_000_000;
const macro = (over: Partial<MacroReading> = {}): MacroReading => ({
  regime: 'bull',
  fomo: 0.1,
  atMs: NOW,
  ...over,
});
const level = (over: Partial<MacroReading> | null) =>
  approvalLevel(over === null ? null : macro(over), settings, NOW);

describe('approvalLevel', () => {
  it('is normal for a fresh bull or chop state with FOMO below the elevated bound', () => {
    expect(level({ regime: 'bull' })).toEqual({ level: 'normal', rule: 'calm' });
    expect(level({ regime: 'chop', fomo: null })).toEqual({ level: 'normal', rule: 'calm' });
    expect(level({ fomo: 0.4999 })).toEqual({ level: 'normal', rule: 'calm' });
  });

  it('is elevated from FOMO 0.5 inclusive up to just below 0.8', () => {
    expect(level({ fomo: 0.5 })).toEqual({ level: 'elevated', rule: 'fomo_elevated' });
    expect(level({ fomo: 0.7999 })).toEqual({ level: 'elevated', rule: 'fomo_elevated' });
  });

  it('is extreme at FOMO 0.8 inclusive and under a panic regime', () => {
    expect(level({ fomo: 0.8 })).toEqual({ level: 'extreme', rule: 'fomo_extreme' });
    expect(level({ fomo: 1 })).toEqual({ level: 'extreme', rule: 'fomo_extreme' });
    expect(level({ regime: 'panic', fomo: null })).toEqual({ level: 'extreme', rule: 'regime_panic' });
  });

  it('is elevated under bear, high_vol_bull, unknown, a null or an unlisted regime', () => {
    for (const regime of ['bear', 'high_vol_bull', 'unknown', null, 'sideways'])
      expect(level({ regime })).toEqual({ level: 'elevated', rule: 'regime_elevated' });
  });

  it('is elevated without a state, and when the state is older than three broadcast periods', () => {
    expect(level(null)).toEqual({ level: 'elevated', rule: 'no_macro_state' });
    expect(level({ atMs: NOW - 180_000 })).toEqual({ level: 'normal', rule: 'calm' });
    expect(level({ atMs: NOW - 180_001 })).toEqual({ level: 'elevated', rule: 'macro_state_stale' });
  });

  it('stays extreme on a stale panic or FOMO: an old alarm never reads calmer than it was', () => {
    expect(level({ regime: 'panic', atMs: NOW - 10_000_000 })).toMatchObject({ level: 'extreme' });
    expect(level({ fomo: 0.9, atMs: NOW - 10_000_000 })).toMatchObject({ level: 'extreme' });
  });

  it('counts a state stamped in the future as fresh', () => {
    expect(level({ atMs: NOW + 60_000 })).toEqual({ level: 'normal', rule: 'calm' });
  });
});
