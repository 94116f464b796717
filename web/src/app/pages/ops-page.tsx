/** The Ops page (issue 11): not built yet. */
export function OpsPage() {
  return (
    <main className="page" aria-label="Ops">
      <h2>Ops</h2>
      <p className="muted">This page is being built.</p>
    </main>
  );
}
