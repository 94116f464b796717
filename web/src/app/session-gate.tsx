import { type ReactNode, useEffect } from 'react';
import { LoginPage } from '@/features/auth/components/login-page';
import { useSessionStore } from '@/stores/session-store';
import type { ConsoleRuntime } from './console-runtime';

/**
 * Boots the session (`auth.me`) and shows the login page until someone is signed in; `children` (the
 * console, with its queries and live subscriptions) mount only while signed in.
 */
export function SessionGate({ runtime, children }: { runtime: ConsoleRuntime; children: ReactNode }) {
  const phase = useSessionStore((s) => s.phase);
  const notice = useSessionStore((s) => s.notice);
  useEffect(() => {
    void runtime.boot();
  }, [runtime]);
  if (phase === 'checking')
    return (
      <p className="boot muted" role="status">
        checking your session…
      </p>
    );
  if (phase === 'signed_out') return <LoginPage notice={notice} onSignedIn={runtime.signIn} />;
  return children;
}
