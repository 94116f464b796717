import { useRef, useState } from 'react';
import { useApprovalQueue } from '@/features/approvals/hooks/use-approval-queue';
import type { DeskSelection } from './desk-detail';
import { focusRow, useDeskKeys } from './use-desk-keys';

/**
 * The Desk's state: the filter, the selection (a queue row or a feed intent), the open veto form, the keys
 * help, what the last key did; the approval queue; and the keys acting on them.
 */
export function useDesk() {
  const [filter, setFilter] = useState('');
  const [selection, select] = useState<DeskSelection>(null);
  const [vetoingId, setVetoingId] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [message, say] = useState('');
  const filterRef = useRef<HTMLInputElement>(null);
  const explainRef = useRef<HTMLDivElement>(null);
  const queue = useApprovalQueue(filter);
  const selectedId = selection?.kind === 'approval' ? selection.id : null;
  const row = queue.rows.find((r) => r.id === selectedId) ?? null;
  const openVeto = (id: string) => {
    select({ kind: 'approval', id });
    setVetoingId(id);
  };
  const closeVeto = () => {
    if (vetoingId !== null) focusRow(vetoingId);
    setVetoingId(null);
  };
  const openHelp = () => setHelpOpen(true);
  useDeskKeys({ queue, selection, row, select, openVeto, openHelp, say, filterRef, explainRef });
  return {
    ...{ filter, setFilter, selection, select, selectedId, row, queue, vetoingId, openVeto, closeVeto },
    ...{ helpOpen, openHelp, closeHelp: () => setHelpOpen(false), message, filterRef, explainRef },
  };
}
