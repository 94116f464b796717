import type { Ref } from 'react';
import { ApprovalDetail } from '@/features/approvals/components/approval-detail';
import type { QueueRow } from '@/features/approvals/hooks/use-approval-queue';
import { ExplainPanel } from '@/features/intents/components/explain-panel';
import { PqReasoning } from '@/features/intents/components/pq-reasoning';

/**
 * The detail of what the Desk selected (a lazy chunk: it loads on the first selection, not with the console):
 * a queue row's checks, what-if, P/Q reasoning and explain, or the explain of a feed intent.
 */
export default function DeskSelected({
  row,
  intentId,
  nowMs,
  explainRef,
  onClose,
}: {
  /** The selected queue row, or null for a feed intent */
  row: QueueRow | null;
  intentId: string;
  nowMs: number;
  explainRef: Ref<HTMLDivElement>;
  onClose: () => void;
}) {
  const explain = <ExplainPanel ref={explainRef} intentId={intentId} onClose={onClose} />;
  if (row === null) return <div className="desk-detail">{explain}</div>;
  return (
    <div className="desk-detail">
      <ApprovalDetail row={row} nowMs={nowMs}>
        <PqReasoning intent={row.approval.intent} />
        {explain}
      </ApprovalDetail>
    </div>
  );
}
