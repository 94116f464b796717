import { Toasts } from '@/components/toasts';
import type { ConsoleRuntime } from './console-runtime';
import { ConsolePage } from './console-page';
import { AppProvider } from './provider';
import { SessionGate } from './session-gate';

/** The Gamma console: the login page until someone is signed in, then the console. */
export function App({ runtime }: { runtime: ConsoleRuntime }) {
  return (
    <AppProvider runtime={runtime}>
      <SessionGate runtime={runtime}>
        <ConsolePage onLoggedOut={() => runtime.signOut(null)} />
      </SessionGate>
      <Toasts />
    </AppProvider>
  );
}
