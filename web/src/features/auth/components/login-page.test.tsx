import type { AuthUser } from '@gamma/shared';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeTrpcProviders, type FakeServer, serverError, unreachable } from '@/testing/fake-trpc';
import { LoginPage } from './login-page';

function renderLogin(server: FakeServer, notice: string | null = null) {
  const onSignedIn = vi.fn<(user: AuthUser) => void>();
  render(
    <FakeTrpcProviders server={server}>
      <LoginPage notice={notice} onSignedIn={onSignedIn} />
    </FakeTrpcProviders>,
  );
  return onSignedIn;
}

function signIn(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  afterEach(cleanup);

  it('keeps Sign in disabled until both fields are filled', () => {
    renderLogin(() => undefined);
    const button = screen.getByRole('button', { name: 'Sign in' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'alice' } });
    expect(button.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    expect(button.disabled).toBe(false);
  });

  it('signs in with the trimmed username and the password as typed', async () => {
    const calls: unknown[] = [];
    const onSignedIn = renderLogin((path, input) => {
      calls.push([path, input]);
      return { username: 'alice', role: 'trader' };
    });
    signIn('  alice ', ' secret ');
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledWith({ username: 'alice', role: 'trader' }));
    expect(calls).toEqual([['auth.login', { username: 'alice', password: ' secret ' }]]);
  });

  describe('when the credentials are wrong', () => {
    it('says so and does not sign in', async () => {
      const onSignedIn = renderLogin(() => {
        throw serverError('UNAUTHORIZED', 'invalid credentials');
      });
      signIn('alice', 'wrong');
      expect((await screen.findByRole('alert')).textContent).toBe('Wrong username or password.');
      expect(onSignedIn).not.toHaveBeenCalled();
    });
  });

  describe('when sign-ins are rate limited', () => {
    it('says when to try again', async () => {
      renderLogin(() => {
        throw serverError('TOO_MANY_REQUESTS');
      });
      signIn('alice', 'wrong');
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toMatch(/^Too many failed sign-ins.*Try again after \d\d:\d\d:\d\d UTC\.$/);
    });
  });

  describe('when the gateway cannot be reached', () => {
    it('says the server is unreachable', async () => {
      renderLogin(() => {
        throw unreachable();
      });
      signIn('alice', 'pw');
      expect((await screen.findByRole('alert')).textContent).toMatch(/gateway cannot be reached/);
    });
  });

  describe('when the session ended', () => {
    it('shows the notice until a sign-in fails', async () => {
      renderLogin(() => {
        throw serverError('UNAUTHORIZED');
      }, 'Your session ended; sign in again');
      expect(screen.getByRole('status').textContent).toBe('Your session ended; sign in again');
      signIn('alice', 'wrong');
      await screen.findByRole('alert');
      expect(screen.queryByRole('status')).toBeNull();
    });
  });
});
