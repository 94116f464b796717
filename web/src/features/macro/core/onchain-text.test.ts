import type { MacroStateEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { onchainView } from './onchain-text';

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

describe('onchainView', () => {
  it('shows a fresh figure with its age', () => {
    const m = macro({ onchain_activity: 104.27, onchain_age_s: 12, metadata: { onchain_breaker: 'closed' } });
    expect(onchainView(m)).toEqual({ value: '104.3', note: '12s ago', warn: false });
  });

  it('marks a stale reading with the age of the last one, and an open breaker', () => {
    const m = macro({ onchain_age_s: 400, metadata: { onchain_breaker: 'open', onchain_stale: true } });
    expect(onchainView(m)).toEqual({
      value: '—',
      note: 'stale · last 6m 40s ago · breaker open',
      warn: true,
    });
  });

  it('warns of a half-open breaker while the last figure is still fresh', () => {
    const m = macro({ onchain_activity: 99, onchain_age_s: 60, metadata: { onchain_breaker: 'half_open' } });
    expect(onchainView(m)).toEqual({ value: '99.0', note: '1m 00s ago · breaker half-open', warn: true });
  });

  it('says when there has been no reading yet', () => {
    const m = macro({ metadata: { onchain_breaker: 'closed', onchain_stale: true } });
    expect(onchainView(m)).toEqual({ value: '—', note: 'no reading yet', warn: true });
  });

  it('says off without a source, and nothing without a macro state', () => {
    expect(onchainView(macro({}))).toEqual({ value: '—', note: 'off', warn: false });
    expect(onchainView(null)).toEqual({ value: '—', note: '', warn: false });
  });
});
