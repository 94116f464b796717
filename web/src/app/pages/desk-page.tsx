import { lazy, Suspense } from 'react';
import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import { ApprovalQueue } from '@/features/approvals/components/approval-queue';
import { DeskDetail } from './desk/desk-detail';
import { DeskToolbar } from './desk/desk-toolbar';
import { useDesk } from './desk/use-desk';
import './desk/desk-page.css';

// The panels beside the queue load right after the console; the keys dialog on the first `?` (or Keys)
const DeskSide = lazy(() => import('./desk/desk-panels').then((m) => ({ default: m.DeskSide })));
const KeysHelpDialog = lazy(() =>
  import('@/features/approvals/components/keys-help-dialog').then((m) => ({ default: m.KeysHelpDialog })),
);

/**
 * The Desk (home, `/`): the approval queue as a blotter with the selected intent's detail under it; the macro
 * regime, FOMO, Greeks and the latest intents beside it; keys j/k, a, v, e, /, ? (desk/use-desk-keys.ts).
 */
export function DeskPage() {
  const desk = useDesk();
  return (
    <main className="page desk" aria-label="Desk">
      <div className="desk-main">
        <DeskToolbar
          filter={desk.filter}
          onFilter={desk.setFilter}
          filterRef={desk.filterRef}
          onHelp={desk.openHelp}
          message={desk.message}
        />
        <CardErrorBoundary name="Pending approvals">
          <ApprovalQueue
            queue={desk.queue}
            selectedId={desk.selectedId}
            vetoingId={desk.vetoingId}
            onSelect={(id) => desk.select({ kind: 'approval', id })}
            onVetoOpen={desk.openVeto}
            onVetoClose={desk.closeVeto}
          />
        </CardErrorBoundary>
        <DeskDetail
          selection={desk.selection}
          row={desk.row}
          nowMs={desk.queue.nowMs}
          explainRef={desk.explainRef}
          onClose={() => desk.select(null)}
        />
      </div>
      <Suspense fallback={<div className="desk-side" />}>
        <DeskSide filter={desk.filter} selection={desk.selection} onSelect={desk.select} />
      </Suspense>
      {desk.helpOpen && (
        <Suspense fallback={null}>
          <KeysHelpDialog onClose={desk.closeHelp} />
        </Suspense>
      )}
    </main>
  );
}
