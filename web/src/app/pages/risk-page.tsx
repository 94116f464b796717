/** The Risk page (issue 11): not built yet. */
export function RiskPage() {
  return (
    <main className="page" aria-label="Risk">
      <h2>Risk</h2>
      <p className="muted">This page is being built.</p>
    </main>
  );
}
