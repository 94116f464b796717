import type { RiskCheckVerdict, StrategyIntentEvent } from '@gamma/shared';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/app-config.ts';
import { engineConfigFrom } from '../engine-config.ts';
import { evaluateIntent, type EvaluationContext } from './evaluate.ts';
import { initialPortfolio } from './portfolio-state.ts';

const NOW = Date.parse('2026-12-06T00:00:00Z');

const intent = (over: Partial<StrategyIntentEvent> = {}): StrategyIntentEvent => ({
  intent_id: 'memo-1',
  strategy_id: 'momentum',
  symbol: 'BTC/USDT',
  intent_type: 'legacy_signal',
  action: 'buy',
  direction: 'buy',
  quantity: 0.01,
  confidence: 0.7,
  reason: 'test',
  timestamp: new Date(NOW).toISOString(),
  metadata: {},
  ...over,
});

const context = (): EvaluationContext => ({
  portfolio: initialPortfolio(100_000),
  market: { mids: { 'BTC/USDT': 100_000 }, tickAtMs: { 'BTC/USDT': NOW }, surfaces: {} },
  book: { entries: {}, tradingStates: {}, fillsAfter: null },
  macro: null,
  config: engineConfigFrom(loadConfig({ APPROVAL_MODE: 'auto' }).engine),
  records: { dayStartEquity: null, lossStreaks: {} },
  nowMs: NOW,
  atomic: null,
});

/** The script's verdict on the position size: its own figures, passed or failed. */
const sizeVerdict = (passed: boolean): RiskCheckVerdict => ({
  check: 'max_position_size',
  value: passed ? 0.02 : 50,
  limit: 1,
  passed,
  reason_code: passed ? null : 'MAX_POSITION_SIZE_EXCEEDED',
});

describe('the check memo of one check-and-reserve', () => {
  it.each([
    ['passes', true],
    ['fails', false],
  ])('decides as a fresh evaluation does when the script %s', (_, passed) => {
    const memo = new Map();
    const first = evaluateIntent(intent(), { ...context(), memo });
    expect(first.kind).toBe('approved');
    const atomic = [sizeVerdict(passed)];
    const remembered = evaluateIntent(intent(), { ...context(), memo, atomic });
    const fresh = evaluateIntent(intent(), { ...context(), atomic });
    expect(remembered).toEqual(fresh);
    expect(remembered.kind).toBe(passed ? 'approved' : 'vetoed');
    if (remembered.kind === 'hold') throw new Error('not decided');
    expect(remembered.decision.checks).toContainEqual(expect.objectContaining(sizeVerdict(passed)));
  });

  it('keeps the pure verdicts apart: a later pass without the script reads them unchanged', () => {
    const memo = new Map();
    evaluateIntent(intent(), { ...context(), memo, atomic: [sizeVerdict(false)] });
    const again = evaluateIntent(intent(), { ...context(), memo });
    expect(again).toEqual(evaluateIntent(intent(), context()));
  });
});
