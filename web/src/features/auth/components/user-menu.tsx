import type { Role } from '@gamma/shared';
import { useSessionStore } from '@/stores/session-store';
import { useLogout } from '../api/use-logout';

const ROLE_WORDS = {
  viewer: 'viewer',
  trader: 'trader',
  risk_manager: 'risk manager',
  admin: 'admin',
} satisfies Record<Role, string>;

/** The header's signed-in user and role, with Logout. */
export function UserMenu(props: { onLoggedOut: () => void }) {
  const user = useSessionStore((s) => s.user);
  const logout = useLogout(props.onLoggedOut);
  if (user === null) return null;
  return (
    <div className="user-menu" aria-label="Signed in">
      <span className="user-name">{user.username}</span>
      <span className={`user-role role-${user.role}`} aria-label="role">
        {ROLE_WORDS[user.role]}
      </span>
      <button type="button" disabled={logout.isPending} onClick={() => logout.mutate()}>
        Logout
      </button>
    </div>
  );
}
