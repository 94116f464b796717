import { DECISION_STATUSES, REASON_CODES } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import {
  decidersText,
  decisionStatusLabel,
  intentTypeLabel,
  REASON_CODE_LABELS,
  reasonLabel,
} from './labels';

describe('intentTypeLabel', () => {
  it('labels every intent type of SPEC §3.3', () => {
    const types = [
      'increase_long_gamma',
      'increase_short_gamma',
      'hold',
      'delta_hedge',
      'legacy_signal',
      's1_rebalance',
    ];
    for (const type of types) expect(intentTypeLabel(type)).not.toBe(type);
  });

  describe('when the type is unknown', () => {
    it('shows it raw', () => {
      expect(intentTypeLabel('calendar_spread')).toBe('calendar_spread');
    });
  });
});

describe('reasonLabel', () => {
  it('labels every reason of SPEC §4.1 and §4.2', () => {
    const reasons = [
      'market_underpricing_volatility',
      'market_overpricing_volatility',
      'high_fomo_risk',
      'macro_regime_hold',
      'intraday_chase_limit',
      'position_limit_reached',
      'threshold_not_met',
      'maintain_delta_neutral',
    ];
    for (const reason of reasons) expect(reasonLabel(reason)).not.toBe(reason);
  });

  it('shows an unknown reason raw and a missing one as a dash', () => {
    expect(reasonLabel('moon_phase')).toBe('moon_phase');
    expect(reasonLabel(null)).toBe('—');
  });

  it('does not treat object prototype keys as labels', () => {
    expect(reasonLabel('constructor')).toBe('constructor');
  });
});

describe('REASON_CODE_LABELS', () => {
  it('has a label for every reason code', () => {
    expect(Object.keys(REASON_CODE_LABELS).sort()).toEqual([...REASON_CODES].sort());
  });
});

describe('decisionStatusLabel', () => {
  it('labels every decision status, the four-eyes step included', () => {
    for (const status of DECISION_STATUSES)
      expect(decisionStatusLabel(status)).toBe(status.replaceAll('_', ' '));
  });
});

describe('decidersText', () => {
  it('names the single decider, or every approver of a four-eyes approval', () => {
    expect(decidersText('engine', [])).toBe('engine');
    expect(decidersText('bob', ['bob'])).toBe('bob');
    expect(decidersText('bob', ['alice', 'bob'])).toBe('alice and bob');
  });
});
