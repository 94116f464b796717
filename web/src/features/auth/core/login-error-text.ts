/** How long a username or address stays locked after five failed sign-ins: the rest of that minute at most. */
export const LOGIN_LOCK_MS = 60_000;

/** A time as `HH:MM:SS` UTC. */
const utcClock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/**
 * What the login form says when `auth.login` fails, by the tRPC code the server answered with (`code` is
 * undefined when no answer came from the gateway). `nowMs` dates the retry time of a lock.
 */
export function loginErrorText(code: string | undefined, message: string, nowMs: number): string {
  switch (code) {
    case undefined:
      return 'The Gamma gateway cannot be reached. Check that it is running and your network, then try again.';
    case 'UNAUTHORIZED':
      return 'Wrong username or password.';
    case 'TOO_MANY_REQUESTS':
      return `Too many failed sign-ins for this user or address. Try again after ${utcClock(nowMs + LOGIN_LOCK_MS)} UTC.`;
    case 'BAD_REQUEST':
      return 'Enter a username and a password (usernames up to 64 characters, passwords up to 256).';
    default:
      return `Sign-in failed: ${message}`;
  }
}
