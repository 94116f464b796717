import { Toasts } from '@/components/toasts';
import type { ConsoleRuntime } from './console-runtime';
import { ConsoleRouter } from './console-router';
import { AppProvider } from './provider';
import { SessionGate } from './session-gate';

/** The Gamma console: the login page until someone is signed in, then the console's pages. */
export function App({ runtime }: { runtime: ConsoleRuntime }) {
  return (
    <AppProvider runtime={runtime}>
      <SessionGate runtime={runtime}>
        <ConsoleRouter onLoggedOut={() => runtime.signOut(null)} />
      </SessionGate>
      <Toasts />
    </AppProvider>
  );
}
