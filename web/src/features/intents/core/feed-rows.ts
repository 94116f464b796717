import type { IntentStatus, StrategyIntentEvent } from '@gamma/shared';
import { mergeStatus } from './intent-status';

/** One row of the intent feed. */
export interface FeedRow {
  intent: StrategyIntentEvent;
  status: IntentStatus;
}

const newestFirst = (a: FeedRow, b: FeedRow): number =>
  Date.parse(b.intent.timestamp) - Date.parse(a.intent.timestamp);

/**
 * The feed: server rows (`intents.recent`) merged with intents received live, statuses combined (the
 * further one wins), newest first, at most `limit`.
 */
export function feedRows(
  recent: readonly { intent: StrategyIntentEvent; status: IntentStatus }[] | undefined,
  live: { intents: readonly StrategyIntentEvent[]; statuses: Readonly<Record<string, IntentStatus>> },
  limit: number,
): FeedRow[] {
  const rows = new Map<string, FeedRow>();
  for (const row of recent ?? []) {
    const status = mergeStatus(row.status, live.statuses[row.intent.intent_id]) ?? row.status;
    rows.set(row.intent.intent_id, { intent: row.intent, status });
  }
  for (const intent of live.intents) {
    if (rows.has(intent.intent_id)) continue;
    rows.set(intent.intent_id, { intent, status: live.statuses[intent.intent_id] ?? 'received' });
  }
  return [...rows.values()].sort(newestFirst).slice(0, limit);
}
