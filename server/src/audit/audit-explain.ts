import type { ExplainNode, IntentTrail } from '../read-model/core/intent-views.ts';
import type { AuditStore } from './audit-store.ts';
import { approvalNodes, explainChain, sourceSignalId } from './core/explain-chain.ts';

/** The explainability chain of an intent and its approval commands from the audit store; null when it has no rows. */
export async function trailFromAudit(store: AuditStore, intentId: string): Promise<IntentTrail | null> {
  const rows = await store.byIntent(intentId);
  const signalId = sourceSignalId(rows);
  const signal = signalId === null ? null : await store.byEntry('strategy.signal', signalId);
  const nodes = explainChain(rows, signal);
  return nodes === null ? null : { nodes, approvals: approvalNodes(rows) };
}

/** The explainability chain of an intent from the audit store (SPEC §12 item 4); null when it has no rows. */
export async function explainFromAudit(store: AuditStore, intentId: string): Promise<ExplainNode[] | null> {
  return (await trailFromAudit(store, intentId))?.nodes ?? null;
}
