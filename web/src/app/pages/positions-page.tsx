/** The Positions and PnL page (issue 11): not built yet. */
export function PositionsPage() {
  return (
    <main className="page" aria-label="Positions and PnL">
      <h2>Positions and PnL</h2>
      <p className="muted">This page is being built.</p>
    </main>
  );
}
