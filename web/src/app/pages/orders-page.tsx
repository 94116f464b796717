/** The Orders and fills page (issue 11): not built yet. */
export function OrdersPage() {
  return (
    <main className="page" aria-label="Orders and fills">
      <h2>Orders and fills</h2>
      <p className="muted">This page is being built.</p>
    </main>
  );
}
