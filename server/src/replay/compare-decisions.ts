import { STREAMS, type IntentDecisionEvent, type StreamInput } from '@gamma/shared';
import { isDeepStrictEqual } from 'node:util';
import type { ReplayOutcome } from './replay-driver.ts';
import type { ReplayPlan } from './replay-plan.ts';

/**
 * Never compared: the times stamped at decision time, and `decision_id` (`<intent_id>:<status>`, so it
 * differs exactly when `status` does, which is reported).
 */
export const UNCOMPARED_FIELDS = ['timestamp', 'expires_at', 'decision_id'] as const;
/** The intent fields compared between a recorded intent and the replayed strategies' version of it. */
const INTENT_FIELDS = [
  'symbol',
  'intent_type',
  'action',
  'direction',
  'quantity',
  'confidence',
  'reason',
  'metadata',
] as const;

/** One recorded decision beside the replayed one in the same place of its intent's history. */
export interface DecisionRow {
  intent_id: string;
  strategy_id: string;
  action: string;
  /** `strategy`: the replayed strategies produced the intent; `record`: fed from the record */
  source: 'strategy' | 'record';
  recorded: IntentDecisionEvent | null;
  replayed: IntentDecisionEvent | null;
  /** Decision fields that differ; empty when the two decisions agree */
  differences: string[];
  /**
   * Fields of the intent (`intent.<field>`) where the replayed strategies' version differs from the
   * record's; reported, but a decision that agrees is not counted as differing because of them
   */
  intent_differences: string[];
}

/** The comparison of a replay with its record. */
export interface Comparison {
  rows: DecisionRow[];
  intents: number;
  differing: number;
}

function decisionDifferences(a: IntentDecisionEvent | null, b: IntentDecisionEvent | null): string[] {
  if (a === null || b === null) return a === b ? [] : ['decision'];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter(
    (k) =>
      !(UNCOMPARED_FIELDS as readonly string[]).includes(k) &&
      !isDeepStrictEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

function intentDifferences(
  recorded: StreamInput<'strategy.intent'> | undefined,
  replayed: StreamInput<'strategy.intent'> | undefined,
): string[] {
  if (recorded === undefined || replayed === undefined) return [];
  const a = STREAMS['strategy.intent'].parse(recorded);
  const b = STREAMS['strategy.intent'].parse(replayed);
  return INTENT_FIELDS.filter((k) => !isDeepStrictEqual(a[k], b[k])).map((k) => `intent.${k}`);
}

const byIntent = (decisions: Iterable<IntentDecisionEvent>): Map<string, IntentDecisionEvent[]> => {
  const map = new Map<string, IntentDecisionEvent[]>();
  for (const d of decisions) map.set(d.intent_id, [...(map.get(d.intent_id) ?? []), d]);
  return map;
};

/**
 * Pairs each intent's decisions in order (the first recorded with the first replayed, and so on), for
 * the recorded intents in record order, then the intents only the replay produced.
 */
export function compareDecisions(plan: ReplayPlan, outcome: ReplayOutcome): Comparison {
  const recorded = byIntent(plan.decisions.values());
  const replayed = byIntent([...outcome.decisions.values()].map((d) => STREAMS['intent.decision'].parse(d)));
  const intentIds = [...new Set([...plan.intents.keys(), ...outcome.intents.keys()])];
  const rows: DecisionRow[] = [];
  for (const intentId of intentIds) {
    const intent = outcome.intents.get(intentId) ?? plan.intents.get(intentId)?.entry.message;
    if (intent === undefined) continue;
    const ofIntent = intentDifferences(
      plan.intents.get(intentId)?.entry.message,
      outcome.intents.get(intentId),
    );
    const left = recorded.get(intentId) ?? [];
    const right = replayed.get(intentId) ?? [];
    for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
      const a = left[i] ?? null;
      const b = right[i] ?? null;
      rows.push({
        intent_id: intentId,
        strategy_id: intent.strategy_id,
        action: intent.action,
        source: outcome.produced.has(intentId) || !plan.intents.has(intentId) ? 'strategy' : 'record',
        recorded: a,
        replayed: b,
        differences: decisionDifferences(a, b),
        intent_differences: ofIntent,
      });
    }
  }
  return { rows, intents: intentIds.length, differing: rows.filter((r) => r.differences.length > 0).length };
}
