import { lazy, Suspense } from 'react';
import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import { ApprovalQueue } from '@/features/approvals/components/approval-queue';
import { IntentFeedCard } from '@/features/intents/components/intent-feed-card';
import { FomoCard } from '@/features/macro/components/fomo-card';
import { MacroRegimeCard } from '@/features/macro/components/macro-regime-card';
import { GreeksCard } from '@/features/risk/components/greeks-card';
import { DeskDetail, type DeskSelection } from './desk/desk-detail';
import { DeskToolbar } from './desk/desk-toolbar';
import { useDesk } from './desk/use-desk';
import './desk/desk-page.css';

// Loads on the first `?` (or Keys button), not with the console
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
      <DeskSide filter={desk.filter} selection={desk.selection} onSelect={desk.select} />
      {desk.helpOpen && (
        <Suspense fallback={null}>
          <KeysHelpDialog onClose={desk.closeHelp} />
        </Suspense>
      )}
    </main>
  );
}

/** Beside the queue: macro regime and FOMO, the Greeks, the latest intents (a click explains one below). */
function DeskSide(props: {
  filter: string;
  selection: DeskSelection;
  onSelect: (selection: DeskSelection) => void;
}) {
  return (
    <div className="desk-side">
      <CardErrorBoundary name="Macro regime">
        <MacroRegimeCard />
      </CardErrorBoundary>
      <CardErrorBoundary name="FOMO">
        <FomoCard />
      </CardErrorBoundary>
      <CardErrorBoundary name="Greeks">
        <GreeksCard />
      </CardErrorBoundary>
      <CardErrorBoundary name="Intent feed">
        <IntentFeedCard
          filter={props.filter}
          selectedId={props.selection?.kind === 'intent' ? props.selection.id : null}
          onSelect={(id) => props.onSelect(id === null ? null : { kind: 'intent', id })}
        />
      </CardErrorBoundary>
    </div>
  );
}
