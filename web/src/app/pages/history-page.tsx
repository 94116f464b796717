import { useState } from 'react';
import { CardErrorBoundary } from '@/components/errors/card-error-boundary';
import { HistoryPanel } from '@/features/history/components/history-panel';
import { ExplainPanel } from '@/features/intents/components/explain-panel';

/**
 * The History page (`/history`): intents, decisions and orders searched in the audit store, with the explain
 * timeline of the row opened beside the results.
 */
export function HistoryPage() {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <main className="page history-page" aria-label="History">
      <h2>History</h2>
      <CardErrorBoundary name="History">
        <HistoryPanel onOpen={setOpen} />
      </CardErrorBoundary>
      {open !== null && (
        <aside className="history-explain" aria-label="Explain timeline">
          <ExplainPanel key={open} intentId={open} onClose={() => setOpen(null)} />
        </aside>
      )}
    </main>
  );
}
