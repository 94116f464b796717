import { isCausalStream } from '@gamma/shared';
import { chainOrder, type ExplainNode, type IntentTrail } from '../../read-model/core/intent-views.ts';
import { compareIds } from '../../read-model/core/stream-id.ts';
import type { AuditRow } from '../audit-store.ts';

/** The entry id of the legacy signal an intent was converted from (engine, SPEC §5.2), or null. */
export function sourceSignalId(rows: readonly AuditRow[]): string | null {
  const intent = rows.find((r) => r.stream === 'strategy.intent');
  const metadata = intent?.message.metadata;
  if (metadata === null || typeof metadata !== 'object') return null;
  const id = (metadata as Record<string, unknown>).source_entry_id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/** A key under which repeats of one thing (re-published with a new entry id) collapse to the first. */
function identity(row: AuditRow): string {
  const m = row.message;
  if (row.stream === 'strategy.intent') return 'intent';
  if (row.stream === 'intent.decision' && typeof m.decision_id === 'string') return `d:${m.decision_id}`;
  if (row.stream === 'order.command' && row.client_order_id !== null) return `o:${row.client_order_id}`;
  return `${row.stream}:${row.entry_id}`;
}

const toNode = (row: AuditRow): ExplainNode => ({
  stream: row.stream,
  entry_id: row.entry_id,
  timestamp: row.ts,
  message: row.message,
});

/**
 * The ordered chain of an intent from its audit rows (and its source signal, if any): only the chain's
 * streams (approval commands and others are left out, as in the read model); the first of repeated
 * intents, decisions (decision_id) and order commands (client_order_id); ordered by entry-id time, then
 * causal rank, then id. Null when there is nothing of the intent.
 */
export function explainChain(rows: readonly AuditRow[], signal: AuditRow | null): ExplainNode[] | null {
  const candidates = [...(signal ? [signal] : []), ...rows]
    .filter((r) => isCausalStream(r.stream))
    .sort((a, b) => compareIds(a.entry_id, b.entry_id));
  if (candidates.length === 0) return null;
  const seen = new Set<string>();
  const kept = candidates.filter((row) => {
    const key = identity(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return kept.map(toNode).sort(chainOrder);
}

/**
 * The audit chain completed by the read model's (the recorder writes in batches, so the newest
 * entries may reach the gateway's tails first): one node per (stream, entry_id), in chain order.
 * Null when neither knows the intent.
 */
export function mergeChains(audited: ExplainNode[] | null, live: ExplainNode[] | null): ExplainNode[] | null {
  if (audited === null) return live;
  if (live === null) return audited;
  const seen = new Set(audited.map((n) => `${n.stream}@${n.entry_id}`));
  return [...audited, ...live.filter((n) => !seen.has(`${n.stream}@${n.entry_id}`))].sort(chainOrder);
}

/** The intent's approval commands (the trader's approve / veto), first of each command_id, oldest first. */
export function approvalNodes(rows: readonly AuditRow[]): ExplainNode[] {
  const seen = new Set<string>();
  return rows
    .filter((r) => r.stream === 'intent.approval')
    .sort((a, b) => compareIds(a.entry_id, b.entry_id))
    .filter((r) => {
      const key = typeof r.message.command_id === 'string' ? r.message.command_id : r.entry_id;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map(toNode);
}

/** {@link mergeChains} for the nodes and the approval commands of an intent; null when neither knows it. */
export function mergeTrails(audited: IntentTrail | null, live: IntentTrail | null): IntentTrail | null {
  const nodes = mergeChains(audited?.nodes ?? null, live?.nodes ?? null);
  if (nodes === null) return null;
  const approvals = mergeChains(audited?.approvals ?? [], live?.approvals ?? []) ?? [];
  return { nodes, approvals };
}
