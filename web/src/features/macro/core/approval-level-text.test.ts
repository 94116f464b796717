import { createMacroState } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { approvalBadge, type ApprovalSettings } from './approval-level-text';

const NOW = Date.parse('2026-03-02T09:15:04.120Z');
const policy: ApprovalSettings = { mode: 'policy', extremeFomo: 0.8, elevatedFomo: 0.5, staleAfterS: 180 };
const macro = (regime: string | null, fomo: number | null, ageS = 0) =>
  createMacroState({
    macro_regime: regime,
    fomo_score: fomo,
    timestamp: new Date(NOW - ageS * 1000).toISOString(),
  });

describe('approvalBadge', () => {
  it('shows the mode without a level under manual or auto approval', () => {
    expect(approvalBadge({ ...policy, mode: 'manual' }, macro('panic', 0.9), NOW)).toEqual({
      level: null,
      text: 'manual approval',
      why: 'no policy level',
    });
    expect(approvalBadge({ ...policy, mode: 'auto' }, null, NOW).text).toBe('auto approval');
  });

  it('shows each level with the rule that set it', () => {
    expect(approvalBadge(policy, macro('bull', 0.2), NOW)).toEqual({
      level: 'normal',
      text: 'policy: normal',
      why: 'regime bull, FOMO < 0.50',
    });
    expect(approvalBadge(policy, macro('chop', 0.5), NOW)).toMatchObject({
      level: 'elevated',
      why: 'FOMO 0.50 ≥ 0.50',
    });
    expect(approvalBadge(policy, macro('bear', null), NOW)).toMatchObject({
      level: 'elevated',
      why: 'regime bear',
    });
    expect(approvalBadge(policy, macro('bull', 0.8), NOW)).toMatchObject({
      level: 'extreme',
      why: 'FOMO 0.80 ≥ 0.80',
    });
    expect(approvalBadge(policy, macro('panic', null), NOW)).toMatchObject({
      level: 'extreme',
      why: 'regime panic',
    });
  });

  it('turns elevated when the macro state is missing or older than three broadcast periods', () => {
    expect(approvalBadge(policy, null, NOW)).toMatchObject({ level: 'elevated', why: 'no macro state yet' });
    expect(approvalBadge(policy, macro('bull', 0.1, 181), NOW)).toMatchObject({
      level: 'elevated',
      why: 'macro state older than 180 s',
    });
  });
});
