import { createIntentDecision, createStrategyIntent } from '@gamma/shared/testing';
import { describe, expect, it } from 'vitest';
import { compareDecisions } from './compare-decisions.ts';
import { formatReplay } from './format-output.ts';
import type { RecordedEntry } from './read-record.ts';
import type { ReplayOutcome } from './replay-driver.ts';
import type { ReplayPlan } from './replay-plan.ts';

const intent = createStrategyIntent({ intent_id: 'i-1', action: 'buy', strategy_id: 'grid_btc' });
const approved = createIntentDecision({
  intent_id: 'i-1',
  decision_id: 'i-1:approved',
  status: 'approved',
  strategy_id: 'grid_btc',
  action: 'buy',
  decided_by: 'auto',
});
const vetoed = createIntentDecision({
  ...approved,
  decision_id: 'i-1:vetoed',
  status: 'vetoed',
  reason_codes: ['GROSS_LEVERAGE_EXCEEDED'],
  decided_by: 'risk_service',
});

const planOf = (): ReplayPlan => ({
  entries: [],
  intents: new Map([
    [
      'i-1',
      {
        entry: {
          stream: 'strategy.intent',
          id: '1-0',
          ms: 1,
          seq: 0,
          message: intent,
        } as RecordedEntry<'strategy.intent'>,
        due: { index: 1, ms: 1, order: 1 },
      },
    ],
  ]),
  signals: new Map(),
  approvals: [],
  sweeps: [],
  decisions: new Map([['i-1:approved', approved]]),
});
const outcomeOf = (decision: typeof approved, produced = true): ReplayOutcome => ({
  decisions: new Map([[decision.decision_id, decision]]),
  intents: new Map([['i-1', intent]]),
  produced: new Set(produced ? ['i-1'] : []),
  failedEntries: 0,
});

describe('compareDecisions', () => {
  it('finds no difference when only the times differ', () => {
    const later = { ...approved, timestamp: '2030-01-01T00:00:00.000Z' };
    expect(compareDecisions(planOf(), outcomeOf(later))).toMatchObject({
      intents: 1,
      differing: 0,
      rows: [{ source: 'strategy', differences: [] }],
    });
  });

  it('pairs the recorded and replayed decision of the same place and names the fields that differ', () => {
    const { rows, differing } = compareDecisions(planOf(), outcomeOf(vetoed, false));
    expect(differing).toBe(1);
    expect(rows[0]).toMatchObject({ source: 'record', recorded: approved, replayed: vetoed });
    expect(rows[0]?.differences).toEqual(['status', 'reason_codes', 'decided_by']);
  });
});

describe('when the replayed strategy wrote its intent differently', () => {
  it('reports the intent fields beside an agreeing decision without counting it as differing', () => {
    const outcome = outcomeOf(approved);
    outcome.intents.set('i-1', { ...intent, metadata: { fomo_score: 0.3 } });
    const comparison = compareDecisions(planOf(), outcome);
    expect(comparison).toMatchObject({
      differing: 0,
      rows: [{ differences: [], intent_differences: ['intent.metadata'] }],
    });
  });
});

describe('formatReplay', () => {
  it('prints the differing decisions side by side and the summary line last', () => {
    const lines = formatReplay(compareDecisions(planOf(), outcomeOf(vetoed)), {
      json: false,
      counterfactual: true,
    });
    expect(lines[0]).toMatch(/^TIME\s+INTENT\s+STRATEGY\s+ACTION\s+RECORDED\s+REPLAYED\s+FIELDS$/);
    expect(lines[1]).toMatch(
      /i-1\s+grid_btc\s+buy\s+approved\s+vetoed GROSS_LEVERAGE_EXCEEDED\s+status, reason_codes, decided_by$/,
    );
    expect(lines.at(-1)).toBe('replay: 1 intents, 1 decisions differ');
  });

  it('prints one JSON object a line with --json, the summary as the last one', () => {
    const lines = formatReplay(compareDecisions(planOf(), outcomeOf(approved)), {
      json: true,
      counterfactual: false,
    });
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      expect.objectContaining({ intent_id: 'i-1', same: true }),
      { summary: 'replay: 1 intents, 0 decisions differ', intents: 1, differing: 0 },
    ]);
  });
});
