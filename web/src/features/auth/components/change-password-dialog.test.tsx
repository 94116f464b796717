import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useSessionStore } from '@/stores/session-store';
import { FakeTrpcProviders, type FakeServer, serverError } from '@/testing/fake-trpc';
import { UserMenu } from './user-menu';

/** Every call the fake gateway got, as [path, input]. */
let calls: [string, unknown][] = [];

function renderMenu(answer: FakeServer) {
  calls = [];
  render(
    <FakeTrpcProviders
      server={(path, input) => {
        calls.push([path, input]);
        return answer(path, input);
      }}
    >
      <UserMenu onLoggedOut={() => undefined} />
    </FakeTrpcProviders>,
  );
}

function openDialog() {
  fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
  return screen.getByRole('dialog', { name: 'Change password' });
}

function fill(dialog: HTMLElement, [current, next, again]: [string, string, string]) {
  fireEvent.change(within(dialog).getByLabelText('Current password'), { target: { value: current } });
  fireEvent.change(within(dialog).getByLabelText('New password'), { target: { value: next } });
  fireEvent.change(within(dialog).getByLabelText('New password again'), { target: { value: again } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Change password' }));
}

describe('Change password (user menu)', () => {
  beforeEach(() => useSessionStore.getState().signedIn({ username: 'alice', role: 'trader' }));
  afterEach(() => {
    cleanup();
    useSessionStore.setState(useSessionStore.getInitialState(), true);
  });

  it('opens a labelled dialog with the focus on the current password', () => {
    renderMenu(() => undefined);
    const dialog = openDialog();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Current password'));
  });

  it('closes on Escape and on Cancel, giving the focus back to the menu button', () => {
    renderMenu(() => undefined);
    fireEvent.keyDown(openDialog(), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Change password' }));
    fireEvent.click(within(openDialog()).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('refuses new passwords that differ, without asking the server', () => {
    renderMenu(() => ({ ok: true, endedSessions: 0 }));
    const dialog = openDialog();
    fill(dialog, ['alice-password-1', 'a-new-password', 'a-new-passw0rd']);
    expect(within(dialog).getByRole('alert').textContent).toMatch(/new passwords do not match/);
    expect(calls).toEqual([]);
  });

  it('refuses a new password under 8 characters, without asking the server', () => {
    renderMenu(() => ({ ok: true, endedSessions: 0 }));
    const dialog = openDialog();
    fill(dialog, ['alice-password-1', 'short', 'short']);
    expect(within(dialog).getByRole('alert').textContent).toMatch(/too short: at least 8 characters/);
    expect(calls).toEqual([]);
  });

  it("shows the server's refusal of a wrong current password and keeps the dialog open", async () => {
    renderMenu(() => {
      throw serverError('BAD_REQUEST', 'currentPassword is wrong: the password is unchanged');
    });
    const dialog = openDialog();
    fill(dialog, ['not-my-password', 'a-new-password', 'a-new-password']);
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The current password is wrong: the password is unchanged.',
    );
    expect(screen.getByRole('dialog')).toBe(dialog);
  });

  it('says when to try again after too many wrong passwords', async () => {
    renderMenu(() => {
      throw serverError('TOO_MANY_REQUESTS', 'too many failed sign-ins for user alice: try again in 42 s');
    });
    const dialog = openDialog();
    fill(dialog, ['not-my-password', 'a-new-password', 'a-new-password']);
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(
      /^Too many wrong passwords.*Try again after \d\d:\d\d:\d\d UTC\.$/,
    );
  });

  it('changes the password and says how many other sessions were signed out', async () => {
    renderMenu(() => ({ ok: true, endedSessions: 2 }));
    const dialog = openDialog();
    fill(dialog, ['alice-password-1', 'a-new-password', 'a-new-password']);
    expect((await within(dialog).findByRole('status')).textContent).toBe(
      'Password changed. 2 other sessions were signed out.',
    );
    expect(calls).toEqual([
      ['auth.changePassword', { currentPassword: 'alice-password-1', newPassword: 'a-new-password' }],
    ]);
    expect(within(dialog).queryByLabelText('Current password')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('is not offered to a signed-out user', () => {
    useSessionStore.getState().signedOut(null);
    renderMenu(() => undefined);
    expect(screen.queryByRole('button', { name: 'Change password' })).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
