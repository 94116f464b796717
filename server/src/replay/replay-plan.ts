import type { IntentDecisionEvent } from '@gamma/shared';
import type { RecordedEntry } from './read-record.ts';

/**
 * Where an engine action runs: before the timeline entry at `index`, with the replay clock at `ms`;
 * actions due at the same index run by `order`, the index of the decision the live engine published.
 */
export interface Due {
  index: number;
  ms: number;
  order: number;
}

/** A recorded intent and when the live engine decided it. */
export interface PlannedIntent {
  entry: RecordedEntry<'strategy.intent'>;
  due: Due;
}

/** A recorded trader command and when the live engine acted on it. */
export interface PlannedApproval {
  entry: RecordedEntry<'intent.approval'>;
  due: Due;
}

/** What the replay runs, read off the record. */
export interface ReplayPlan {
  entries: readonly RecordedEntry[];
  /** Intents recorded in the window, by intent id, in recorded order */
  intents: Map<string, PlannedIntent>;
  /** Recorded signals by entry id, with the due of the intent the engine made of each */
  signals: Map<string, { entry: RecordedEntry<'strategy.signal'>; due: Due }>;
  approvals: PlannedApproval[];
  /** The recorded sweeps that expired an approval (one per `expired` decision) */
  sweeps: Due[];
  /** The engine's recorded decisions of the window's intents, by decision_id */
  decisions: Map<string, IntentDecisionEvent>;
}

/** Decisions the engine writes; `execution_rejected` comes from option execution (an input of the replay). */
export const isEngineDecision = (d: IntentDecisionEvent): boolean => d.status !== 'execution_rejected';

const decisionAt = (entries: readonly RecordedEntry[], i: number): IntentDecisionEvent | null => {
  const e = entries[i];
  return e?.stream === 'intent.decision' ? (e.message as IntentDecisionEvent) : null;
};

/**
 * The due of an action the live engine took for the entry at `source` and published as the decision at
 * `decision`. The engine read its state when it stamped the decision, so the action runs on every entry
 * received up to that stamp: before the first entry received after it (and never after its decision).
 * Without a decision it runs right after its own entry.
 */
function dueOf(entries: readonly RecordedEntry[], source: number, decision: number | null): Due {
  const sourceMs = entries[source]?.ms ?? 0;
  if (decision === null) return { index: source + 1, ms: sourceMs, order: source };
  const stamped = Date.parse(decisionAt(entries, decision)?.timestamp ?? '');
  const decidedMs = entries[decision]?.ms ?? sourceMs;
  const ms = Number.isFinite(stamped) ? Math.max(sourceMs, Math.min(stamped, decidedMs)) : decidedMs;
  let index = source + 1;
  while (index < decision && (entries[index]?.ms ?? 0) <= ms) index += 1;
  return { index, ms, order: decision };
}

/** Index of the first engine decision of `intentId` after `from` whose status is in `statuses` (any if absent). */
function nextDecision(
  byIntent: Map<string, number[]>,
  entries: readonly RecordedEntry[],
  query: { intentId: string; from: number; statuses?: readonly string[] },
): number | null {
  for (const i of byIntent.get(query.intentId) ?? []) {
    const status = decisionAt(entries, i)?.status;
    if (i > query.from && status !== undefined && (query.statuses ?? [status]).includes(status)) return i;
  }
  return null;
}

const COMMAND_OUTCOMES = ['approved', 'vetoed', 'rejected_on_recheck'] as const;

/**
 * The engine runs intake, trader commands and the sweep concurrently, so an action stamped a little
 * earlier may have reserved later than one published before it: an action never runs after one whose
 * decision was published later (each due moves to the earliest due of the actions published after it).
 */
function keepPublicationOrder(dues: Due[]): void {
  const sorted = [...dues].sort((a, b) => a.order - b.order);
  for (let i = sorted.length - 2; i >= 0; i -= 1) {
    const due = sorted[i] as Due;
    const later = sorted[i + 1] as Due;
    if (later.index < due.index) due.index = later.index;
  }
}

/** Reads the record into the plan of the replay: intents, signals, trader commands and sweeps with their dues. */
export function planReplay(entries: readonly RecordedEntry[]): ReplayPlan {
  const byIntent = new Map<string, number[]>();
  entries.forEach((_, i) => {
    const d = decisionAt(entries, i);
    if (d && isEngineDecision(d)) byIntent.set(d.intent_id, [...(byIntent.get(d.intent_id) ?? []), i]);
  });
  const plan: ReplayPlan = {
    entries,
    intents: new Map(),
    signals: new Map(),
    approvals: [],
    sweeps: [],
    decisions: new Map(),
  };
  entries.forEach((e, i) => {
    if (e.stream === 'strategy.intent') {
      const entry = e as RecordedEntry<'strategy.intent'>;
      const intentId = entry.message.intent_id;
      const decided = nextDecision(byIntent, entries, { intentId, from: i });
      plan.intents.set(intentId, { entry, due: dueOf(entries, i, decided) });
    } else if (e.stream === 'intent.approval') {
      const entry = e as RecordedEntry<'intent.approval'>;
      const query = { intentId: entry.message.intent_id, from: i, statuses: COMMAND_OUTCOMES };
      plan.approvals.push({ entry, due: dueOf(entries, i, nextDecision(byIntent, entries, query)) });
    } else if (decisionAt(entries, i)?.status === 'expired') {
      plan.sweeps.push(dueOf(entries, i - 1, i));
    }
  });
  keepPublicationOrder([
    ...[...plan.intents.values()].map((p) => p.due),
    ...plan.approvals.map((a) => a.due),
    ...plan.sweeps,
  ]);
  addSignals(plan);
  addDecisions(plan);
  return plan;
}

/** A recorded signal is due when the intent the engine made of it (`sig-<entry id>`) is. */
function addSignals(plan: ReplayPlan): void {
  plan.entries.forEach((e, i) => {
    if (e.stream !== 'strategy.signal') return;
    const entry = e as RecordedEntry<'strategy.signal'>;
    const made = plan.intents.get(`sig-${entry.id}`);
    plan.signals.set(entry.id, { entry, due: made?.due ?? { index: i + 1, ms: entry.ms, order: i } });
  });
}

/** The engine's first decision of each status for the window's intents. */
function addDecisions(plan: ReplayPlan): void {
  plan.entries.forEach((_, i) => {
    const d = decisionAt(plan.entries, i);
    if (d && isEngineDecision(d) && plan.intents.has(d.intent_id) && !plan.decisions.has(d.decision_id))
      plan.decisions.set(d.decision_id, d);
  });
}
