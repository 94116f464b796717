/** Failed sign-ins are counted per fixed minute (epoch minutes): a lock lasts until that minute ends. */
export const LOGIN_WINDOW_MS = 60_000;

/** A time as `HH:MM:SS` UTC. */
export const utcClock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/**
 * When a locked sign-in may be tried again: `try again in N s` of the server's message, else the end of
 * the minute the refusal came in.
 */
export function retryAtMs(message: string, nowMs: number): number {
  const seconds = /try again in (\d+) s/.exec(message)?.[1];
  if (seconds !== undefined) return nowMs + Number(seconds) * 1000;
  return (Math.floor(nowMs / LOGIN_WINDOW_MS) + 1) * LOGIN_WINDOW_MS;
}

/**
 * What the login form says when `auth.login` fails, by the tRPC code the server answered with (`code` is
 * undefined when no answer came from the gateway). `nowMs` (when the refusal came) dates the retry time.
 */
export function loginErrorText(code: string | undefined, message: string, nowMs: number): string {
  switch (code) {
    case undefined:
      return 'The Gamma gateway cannot be reached. Check that it is running and your network, then try again.';
    case 'UNAUTHORIZED':
      return 'Wrong username or password.';
    case 'TOO_MANY_REQUESTS':
      return `Too many failed sign-ins for this user or address. Try again after ${utcClock(retryAtMs(message, nowMs))} UTC.`;
    case 'BAD_REQUEST':
      return 'Enter a username and a password (usernames up to 64 characters, passwords up to 256).';
    default:
      return `Sign-in failed: ${message}`;
  }
}
