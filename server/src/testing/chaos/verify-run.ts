import type { Redis } from 'ioredis';
import type { PlannedIntent } from './intent-mix.ts';
import { readStream } from './stream-reader.ts';

/** An approved intent whose required leg has no fill (and no `execution_rejected` decision). */
export interface MissingLeg {
  intentId: string;
  kind: PlannedIntent['kind'];
  leg: string;
  /** An `order.command` for the leg exists */
  ordered: boolean;
}

/** What the streams show at the end of a run, against what was published. */
export interface Findings {
  published: number;
  /** Published intents absent from `strategy.intent` (lost by Redis, not by a service) */
  missingFromStream: string[];
  /** Intents in the stream without any decision */
  undecided: string[];
  statuses: Record<string, number>;
  approved: number;
  /** Approved intents with every required leg filled */
  filled: number;
  /** Approved, then `execution_rejected` (option execution or the paper exchange refused a leg) */
  executionRejected: string[];
  missingLegs: MissingLeg[];
  /** Client order ids with more than one fill */
  duplicateFills: { clientOrderId: string; fills: number }[];
  /** Decision ids published more than once (SPEC §3.3: each status at most once per intent) */
  duplicateDecisions: { decisionId: string; count: number }[];
  /** Redis time (ms) of each intent's first entry and of its first decision */
  intentMs: Map<string, number>;
  decisionMs: Map<string, number>;
  /** Every decision's status and Redis time, in stream order */
  decisionTimes: { status: string; ms: number }[];
}

const countBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

const firstMs = (entries: readonly { ms: number }[], key: (i: number) => string): Map<string, number> => {
  const out = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!out.has(key(i))) out.set(key(i), e.ms);
  });
  return out;
};

/** Reads `strategy.intent`, `intent.decision`, `order.command` and `order.fill` and checks the criteria. */
export async function verifyRun(
  redis: Redis,
  prefix: string,
  planned: ReadonlyMap<string, PlannedIntent>,
): Promise<Findings> {
  const [intents, decisions, orders, fills] = await Promise.all([
    readStream(redis, prefix, 'strategy.intent'),
    readStream(redis, prefix, 'intent.decision'),
    readStream(redis, prefix, 'order.command'),
    readStream(redis, prefix, 'order.fill'),
  ]);
  const intentMs = firstMs(intents, (i) => intents[i]?.message.intent_id ?? '');
  const decisionMs = firstMs(decisions, (i) => decisions[i]?.message.intent_id ?? '');
  const statusesOf = new Map<string, Set<string>>();
  for (const d of decisions) {
    const set = statusesOf.get(d.message.intent_id) ?? new Set<string>();
    statusesOf.set(d.message.intent_id, set.add(d.message.status));
  }
  const fillCounts = countBy(fills, (f) => f.message.client_order_id ?? '');
  const ordered = new Set(orders.map((o) => o.message.client_order_id ?? ''));
  const mine = [...planned.values()].filter((p) => intentMs.has(p.intent.intent_id));
  const approved = mine.filter((p) => statusesOf.get(p.intent.intent_id)?.has('approved'));
  const rejected = approved.filter((p) => statusesOf.get(p.intent.intent_id)?.has('execution_rejected'));
  const rejectedIds = new Set(rejected.map((p) => p.intent.intent_id));
  const missingLegs = approved
    .filter((p) => !rejectedIds.has(p.intent.intent_id))
    .flatMap((p) =>
      p.legs
        .filter((leg) => !fillCounts.has(leg))
        .map((leg) => ({ intentId: p.intent.intent_id, kind: p.kind, leg, ordered: ordered.has(leg) })),
    );
  const incomplete = new Set(missingLegs.map((m) => m.intentId));
  return {
    published: planned.size,
    missingFromStream: [...planned.keys()].filter((id) => !intentMs.has(id)),
    undecided: mine.filter((p) => !statusesOf.has(p.intent.intent_id)).map((p) => p.intent.intent_id),
    statuses: Object.fromEntries(countBy(decisions, (d) => d.message.status)),
    approved: approved.length,
    filled: approved.length - rejected.length - incomplete.size,
    executionRejected: [...rejectedIds],
    missingLegs,
    duplicateFills: [...fillCounts]
      .filter(([, n]) => n > 1)
      .map(([clientOrderId, n]) => ({ clientOrderId, fills: n })),
    duplicateDecisions: [...countBy(decisions, (d) => d.message.decision_id)]
      .filter(([, n]) => n > 1)
      .map(([decisionId, count]) => ({ decisionId, count })),
    intentMs,
    decisionMs,
    decisionTimes: decisions.map((d) => ({ status: d.message.status, ms: d.ms })),
  };
}
