import type { Role } from '@gamma/shared';
import { useRef, useState } from 'react';
import { useSessionStore } from '@/stores/session-store';
import { useLogout } from '../api/use-logout';
import { ChangePasswordDialog } from './change-password-dialog';

const ROLE_WORDS = {
  viewer: 'viewer',
  trader: 'trader',
  risk_manager: 'risk manager',
  admin: 'admin',
} satisfies Record<Role, string>;

/** The header's signed-in user and role, with Change password (a dialog) and Logout. */
export function UserMenu(props: { onLoggedOut: () => void }) {
  const user = useSessionStore((s) => s.user);
  const logout = useLogout(props.onLoggedOut);
  const [changing, setChanging] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  if (user === null) return null;
  const closeDialog = () => {
    setChanging(false);
    opener.current?.focus();
  };
  return (
    <div className="user-menu" aria-label="Signed in">
      <span className="user-name">{user.username}</span>
      <span className={`user-role role-${user.role}`} aria-label="role">
        {ROLE_WORDS[user.role]}
      </span>
      <button type="button" ref={opener} aria-haspopup="dialog" onClick={() => setChanging(true)}>
        Change password
      </button>
      {changing && <ChangePasswordDialog onClose={closeDialog} />}
      <button type="button" disabled={logout.isPending} onClick={() => logout.mutate()}>
        Logout
      </button>
    </div>
  );
}
