import { createIntentDecision } from '@gamma/shared/testing';
import { useQuery } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useApprovalsStore } from '@/features/approvals/stores/approvals-store';
import { UserMenu } from '@/features/auth/components/user-menu';
import { useTRPC } from '@/lib/trpc';
import { useSessionStore } from '@/stores/session-store';
import { fakeLink, serverError, unreachable } from '@/testing/fake-trpc';
import { type ConsoleRuntime, createConsoleRuntime } from './console-runtime';
import { AppProvider } from './provider';
import { SessionGate } from './session-gate';

/** A stand-in gateway: one session cookie (or none) and one pending approval; `down`: unreachable. */
const gateway = {
  user: null as { username: string; role: 'viewer' | 'trader' } | null,
  down: false,
  /** approvals.pending answers FORBIDDEN */
  forbid: false,
  calls: [] as string[],
};

function answer(path: string): unknown {
  gateway.calls.push(path);
  if (gateway.down) throw unreachable();
  if (path === 'auth.login') return (gateway.user = { username: 'bob', role: 'trader' });
  if (gateway.user === null) throw serverError('UNAUTHORIZED');
  if (path === 'auth.me') return gateway.user;
  if (path === 'auth.logout') return { ok: true };
  if (path === 'approvals.pending') {
    if (gateway.forbid) throw serverError('FORBIDDEN');
    return [{ intent: { intent_id: 'i-stale' } }];
  }
  throw serverError('NOT_FOUND');
}

/** A console page reduced to a query result and the header's user menu. */
function Probe({ runtime }: { runtime: ConsoleRuntime }) {
  const trpc = useTRPC();
  const pending = useQuery(trpc.approvals.pending.queryOptions());
  return (
    <>
      <UserMenu onLoggedOut={() => runtime.signOut(null)} />
      <ul aria-label="probe">
        {pending.data?.map((row) => (
          <li key={row.intent.intent_id}>{row.intent.intent_id}</li>
        ))}
      </ul>
    </>
  );
}

function renderConsole(): ConsoleRuntime {
  const runtime = createConsoleRuntime(fakeLink(answer));
  render(
    <AppProvider runtime={runtime}>
      <SessionGate runtime={runtime}>
        <Probe runtime={runtime} />
      </SessionGate>
    </AppProvider>,
  );
  return runtime;
}

describe('SessionGate', () => {
  beforeEach(() => {
    gateway.user = { username: 'alice', role: 'trader' };
    gateway.down = false;
    gateway.forbid = false;
    gateway.calls = [];
    useSessionStore.setState(useSessionStore.getInitialState(), true);
    useApprovalsStore.setState(useApprovalsStore.getInitialState(), true);
  });
  afterEach(cleanup);

  describe('when there is no session at boot', () => {
    it('shows the login page without a notice, and asks nothing else', async () => {
      gateway.user = null;
      renderConsole();
      expect(await screen.findByRole('form', { name: 'Sign in' })).toBeTruthy();
      expect(screen.queryByRole('status')).toBeNull();
      expect(gateway.calls).toEqual(['auth.me']);
    });
  });

  describe('when the gateway cannot be reached at boot', () => {
    it('shows the login page saying so', async () => {
      gateway.down = true;
      renderConsole();
      const form = await screen.findByRole('form', { name: 'Sign in' });
      expect(within(form).getByRole('status').textContent).toMatch(/gateway cannot be reached/);
    });
  });

  describe('when a session exists at boot', () => {
    it('shows the console with the user and role in the header', async () => {
      renderConsole();
      const menu = await screen.findByLabelText('Signed in');
      expect(within(menu).getByText('alice')).toBeTruthy();
      expect(within(menu).getByLabelText('role').textContent).toBe('trader');
      expect(await screen.findByText('i-stale')).toBeTruthy();
    });
  });

  describe('when the server answers UNAUTHORIZED to a query', () => {
    it('returns to the login page, says the session ended, and keeps nothing of it', async () => {
      const runtime = renderConsole();
      await screen.findByText('i-stale');
      act(() => useApprovalsStore.getState().receiveDecision(createIntentDecision(), '1-0'));
      expect(useApprovalsStore.getState().decisionCount).toBe(1);

      gateway.user = null;
      await act(() => runtime.queryClient.refetchQueries());

      expect((await screen.findByRole('status')).textContent).toBe('Your session ended; sign in again');
      expect(screen.getByRole('form', { name: 'Sign in' })).toBeTruthy();
      expect(screen.queryByText('i-stale')).toBeNull();
      expect(runtime.queryClient.getQueryCache().getAll()).toEqual([]);
      expect(useApprovalsStore.getState().decisionCount).toBe(0);
      expect(useApprovalsStore.getState().cursors).toEqual({});
      expect(screen.queryByRole('alert')).toBeNull();
    });

    it('shows the console of whoever signs in next', async () => {
      const runtime = renderConsole();
      await screen.findByText('i-stale');
      gateway.user = null;
      await act(() => runtime.queryClient.refetchQueries());
      await screen.findByRole('form', { name: 'Sign in' });

      fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'bob' } });
      fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw' } });
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

      const menu = await screen.findByLabelText('Signed in');
      expect(within(menu).getByText('bob')).toBeTruthy();
    });
  });

  describe('when the user logs out', () => {
    it('returns to the login page without a notice', async () => {
      const runtime = renderConsole();
      await screen.findByText('i-stale');
      fireEvent.click(screen.getByRole('button', { name: 'Logout' }));
      expect(await screen.findByRole('form', { name: 'Sign in' })).toBeTruthy();
      expect(screen.queryByRole('status')).toBeNull();
      expect(gateway.calls).toContain('auth.logout');
      expect(runtime.queryClient.getQueryCache().getAll()).toEqual([]);
    });
  });

  describe('when the session ended before a password change', () => {
    it('returns to the login page saying so, not an error in the dialog', async () => {
      renderConsole();
      await screen.findByText('i-stale');
      fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
      const dialog = screen.getByRole('dialog', { name: 'Change password' });
      fireEvent.change(within(dialog).getByLabelText('Current password'), {
        target: { value: 'pw-alice-1' },
      });
      fireEvent.change(within(dialog).getByLabelText('New password'), { target: { value: 'pw-alice-2' } });
      fireEvent.change(within(dialog).getByLabelText('New password again'), {
        target: { value: 'pw-alice-2' },
      });
      gateway.user = null;
      fireEvent.click(within(dialog).getByRole('button', { name: 'Change password' }));

      expect((await screen.findByRole('status')).textContent).toBe('Your session ended; sign in again');
      expect(gateway.calls).toContain('auth.changePassword');
      expect(screen.queryByRole('dialog')).toBeNull();
    });
  });

  describe('when a sign-in in another tab replaced the browser session', () => {
    it('returns to the login page saying so, and keeps nothing of the first user', async () => {
      const runtime = renderConsole();
      await screen.findByText('i-stale');
      gateway.user = { username: 'bob', role: 'viewer' };
      await act(() => runtime.checkSession());

      expect((await screen.findByRole('status')).textContent).toMatch(/Another sign-in in this browser/);
      expect(screen.getByRole('form', { name: 'Sign in' })).toBeTruthy();
      expect(screen.queryByText('alice')).toBeNull();
      expect(runtime.queryClient.getQueryCache().getAll()).toEqual([]);
    });

    it('checks the session when the server answers FORBIDDEN', async () => {
      const runtime = renderConsole();
      await screen.findByText('i-stale');
      gateway.user = { username: 'bob', role: 'viewer' };
      gateway.forbid = true;
      await act(() => runtime.queryClient.refetchQueries());

      expect((await screen.findByRole('status')).textContent).toMatch(/Another sign-in in this browser/);
    });
  });

  describe('when an admin changed the user role', () => {
    it('shows the new role in the header', async () => {
      const runtime = renderConsole();
      const menu = await screen.findByLabelText('Signed in');
      gateway.user = { username: 'alice', role: 'viewer' };
      await act(() => runtime.checkSession());

      expect(within(menu).getByLabelText('role').textContent).toBe('viewer');
      expect(await screen.findByText('i-stale')).toBeTruthy();
    });
  });
});
