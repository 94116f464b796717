import type { ExplainNode } from '../read-model/core/intent-views.ts';
import type { AuditStore } from './audit-store.ts';
import { explainChain, sourceSignalId } from './core/explain-chain.ts';

/** The explainability chain of an intent from the audit store (SPEC §12 item 4); null when it has no rows. */
export async function explainFromAudit(store: AuditStore, intentId: string): Promise<ExplainNode[] | null> {
  const rows = await store.byIntent(intentId);
  const signalId = sourceSignalId(rows);
  const signal = signalId === null ? null : await store.byEntry('strategy.signal', signalId);
  return explainChain(rows, signal);
}
