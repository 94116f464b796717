import {
  causalRank,
  underlyingOf,
  type ExplainNode,
  type IntentDecisionEvent,
  type IntentStatus,
  type StreamName,
  type StrategyIntentEvent,
} from '@gamma/shared';
import { intentStatus, intentUpdatedAt } from './intent-status.ts';
import type { IntentRecord, IntentsState, Stored } from './intents-state.ts';
import { compareIds, idMs } from './stream-id.ts';

/** One row of `intents.recent`. */
export interface IntentSummary {
  intent: StrategyIntentEvent;
  status: IntentStatus;
  decisions: IntentDecisionEvent[];
  /** Newest timestamp of the intent or anything that followed it */
  updated_at: string;
  /** Entry id of the intent on `strategy.intent` */
  stream_id: string;
}

/** One node of an explainability chain (SPEC §12 item 4). */
export type { ExplainNode };

/** What explain knows of an intent: the chain's nodes and the approval commands that time its hops. */
export interface IntentTrail {
  nodes: ExplainNode[];
  approvals: ExplainNode[];
}

/** Whether an intent's symbol belongs to an underlying (`BTC/USDT` matches spot, perp and options). */
export const matchesUnderlying = (symbol: string, underlying: string): boolean =>
  symbol === underlying || underlyingOf(symbol) === underlying;

/** Summaries of the newest intents, newest first, optionally of one underlying. */
export function recentIntents(
  state: IntentsState,
  options: { limit: number; underlying?: string | undefined },
): IntentSummary[] {
  const rows: IntentSummary[] = [];
  for (const record of state.byId.values()) {
    const intent = record.intent;
    if (intent === null) continue;
    if (options.underlying !== undefined && !matchesUnderlying(intent.message.symbol, options.underlying))
      continue;
    rows.push({
      intent: intent.message,
      status: intentStatus(record),
      decisions: record.decisions.map((d) => d.message),
      updated_at: intentUpdatedAt(record) ?? intent.message.timestamp,
      stream_id: intent.id,
    });
  }
  rows.sort((a, b) => compareIds(b.stream_id, a.stream_id));
  return rows.slice(0, options.limit);
}

const node = <TMessage extends { timestamp: string }>(
  stream: StreamName,
  entry: Stored<TMessage>,
): ExplainNode => ({
  stream,
  entry_id: entry.id,
  timestamp: entry.message.timestamp,
  message: entry.message,
});

/** Chronological by entry id; within one millisecond, causal order (a decision follows its intent). */
export function chainOrder(a: ExplainNode, b: ExplainNode): number {
  const ms = (n: ExplainNode): number => idMs(n.entry_id) ?? 0;
  return ms(a) - ms(b) || causalRank(a.stream) - causalRank(b.stream) || compareIds(a.entry_id, b.entry_id);
}

/** The approval commands of an intent as nodes (they time the trader's hop; the chain leaves them out). */
export function intentApprovals(state: IntentsState, intentId: string): ExplainNode[] {
  return (state.byId.get(intentId)?.approvals ?? []).map((a) => node('intent.approval', a));
}

/** The first position update of the fill's strategy and symbol after the fill. */
function positionAfter(state: IntentsState, fill: IntentRecord['fills'][number]): ExplainNode | null {
  const match = state.positionUpdates.find(
    (p) =>
      compareIds(p.id, fill.id) > 0 &&
      p.message.strategy_id === fill.message.strategy_id &&
      p.message.symbol === fill.message.symbol,
  );
  return match ? node('position.update', match) : null;
}

/**
 * The ordered chain of an intent: source signal (converted legacy signals), intent, decisions,
 * execution command, order commands, fills and the position updates after them; null when unknown.
 */
export function explainIntent(state: IntentsState, intentId: string): ExplainNode[] | null {
  const record = state.byId.get(intentId);
  if (!record) return null;
  const nodes: ExplainNode[] = [];
  const sourceId = record.intent?.message.metadata.source_entry_id;
  const signal = typeof sourceId === 'string' ? state.signals.get(sourceId) : undefined;
  if (signal) nodes.push(node('strategy.signal', signal));
  if (record.intent) nodes.push(node('strategy.intent', record.intent));
  nodes.push(...record.decisions.map((d) => node('intent.decision', d)));
  nodes.push(...record.executionCommands.map((c) => node('execution.command', c)));
  nodes.push(...record.orderCommands.map((o) => node('order.command', o)));
  nodes.push(...record.fills.map((f) => node('order.fill', f)));
  for (const fill of record.fills) {
    const position = positionAfter(state, fill);
    if (position && !nodes.some((n) => n.stream === 'position.update' && n.entry_id === position.entry_id)) {
      nodes.push(position);
    }
  }
  return nodes.sort(chainOrder);
}
