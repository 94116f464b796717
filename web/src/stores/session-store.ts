import type { AuthUser } from '@gamma/shared';
import { create } from 'zustand';

/** Where the console's session stands: asking the server at boot, signed out, or signed in as `user`. */
export type SessionPhase = 'checking' | 'signed_out' | 'signed_in';

/** Said on the login page when the server ended the session (expired, logged out elsewhere, disabled). */
export const SESSION_ENDED_NOTICE = 'Your session ended; sign in again';
/** Said on the login page when the browser's session now belongs to another user (a sign-in in another tab). */
export const SESSION_REPLACED_NOTICE = 'Another sign-in in this browser replaced your session; sign in again';

export interface SessionState {
  phase: SessionPhase;
  /** Who is signed in; null unless `phase` is `signed_in` */
  user: AuthUser | null;
  /** Why the login page is shown, when it is not the first visit or a logout (e.g. {@link SESSION_ENDED_NOTICE}) */
  notice: string | null;
  /** `auth.me` or `auth.login` answered with this user */
  signedIn: (user: AuthUser) => void;
  /** Logged out, or the server said there is no session; `notice` says why on the login page */
  signedOut: (notice: string | null) => void;
}

/** The console's session, the one source of who is signed in (the header, the role gates, the socket). */
export const useSessionStore = create<SessionState>()((set) => ({
  phase: 'checking',
  user: null,
  notice: null,
  signedIn: (user) => set({ phase: 'signed_in', user, notice: null }),
  signedOut: (notice) => set({ phase: 'signed_out', user: null, notice }),
}));
