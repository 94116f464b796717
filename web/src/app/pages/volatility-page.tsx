/** The Volatility page (issue 11): not built yet. */
export function VolatilityPage() {
  return (
    <main className="page" aria-label="Volatility">
      <h2>Volatility</h2>
      <p className="muted">This page is being built.</p>
    </main>
  );
}
