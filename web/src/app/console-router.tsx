import { Suspense } from 'react';
import { BrowserRouter, Link, Route, Routes, useLocation } from 'react-router';
import { ConsoleLayout } from './console-layout';
import { PAGES } from './pages';

function NoSuchPage() {
  const { pathname } = useLocation();
  return (
    <main className="no-page">
      <p>
        No console page at <code>{pathname}</code>. <Link to="/">Go to the Desk</Link>
      </p>
    </main>
  );
}

/** The signed-in console's pages, one URL each (browser history: back and forward work). */
export function ConsoleRouter({ onLoggedOut }: { onLoggedOut: () => void }) {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<ConsoleLayout onLoggedOut={onLoggedOut} />}>
          {PAGES.map(({ path, Component }) => (
            <Route
              key={path}
              path={path}
              element={
                <Suspense fallback={<p className="muted page-loading">loading…</p>}>
                  <Component />
                </Suspense>
              }
            />
          ))}
          <Route path="*" element={<NoSuchPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
