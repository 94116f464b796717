/** The History page (issue 11): not built yet. */
export function HistoryPage() {
  return (
    <main className="page" aria-label="History">
      <h2>History</h2>
      <p className="muted">This page is being built.</p>
    </main>
  );
}
