import type { RefObject } from 'react';
import { stepSelection } from '@/features/approvals/core/queue-keys';
import type { ApprovalQueueState, QueueRow } from '@/features/approvals/hooks/use-approval-queue';
import { useQueueKeys } from '@/features/approvals/hooks/use-queue-keys';
import type { DeskSelection } from './desk-detail';

/** What the Desk's keys act on. */
export interface DeskKeysContext {
  queue: ApprovalQueueState;
  selection: DeskSelection;
  /** The selected queue row, while it is in the queue */
  row: QueueRow | null;
  select: (selection: DeskSelection) => void;
  openVeto: (id: string) => void;
  openHelp: () => void;
  say: (text: string) => void;
  filterRef: RefObject<HTMLInputElement | null>;
  explainRef: RefObject<HTMLDivElement | null>;
}

/** Moves the keyboard focus to a queue row's select button (and so scrolls it into view). */
export function focusRow(id: string): void {
  document.querySelector<HTMLElement>(`button[data-row-id="${CSS.escape(id)}"]`)?.focus();
}

const NO_SELECTION = 'Select a pending intent first: j / k, or a click on its row';

/** The Desk's keys (QUEUE_KEYS): j/k move in the queue, a approves, v vetoes, e explains, / filters, ? helps. */
export function useDeskKeys(ctx: DeskKeysContext): void {
  useQueueKeys((action) => {
    const { queue, row } = ctx;
    ctx.say('');
    switch (action) {
      case 'next':
      case 'previous': {
        const current = ctx.selection?.kind === 'approval' ? ctx.selection.id : null;
        const ids = queue.rows.map((r) => r.id);
        const id = stepSelection(ids, current, action === 'next' ? 1 : -1);
        if (id === null) return ctx.say('No intent is waiting for approval');
        ctx.select({ kind: 'approval', id });
        return focusRow(id);
      }
      case 'approve':
      case 'veto': {
        if (row === null) return ctx.say(NO_SELECTION);
        const refusal = queue.refusal(row, action);
        if (refusal !== null) return ctx.say(refusal);
        if (action === 'veto') return ctx.openVeto(row.id);
        queue.approve(row.id);
        return ctx.say(`Approve sent for ${row.approval.intent.strategy_id} ${row.approval.intent.action}`);
      }
      case 'explain':
        if (ctx.selection === null) return ctx.say(NO_SELECTION);
        return ctx.explainRef.current?.focus();
      case 'search':
        return ctx.filterRef.current?.focus();
      case 'help':
        return ctx.openHelp();
    }
  });
}
