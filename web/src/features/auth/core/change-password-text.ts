import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@gamma/shared';
import { retryAtMs, utcClock } from './login-error-text';

/**
 * What is wrong with the new password as typed twice (checked before asking the server), or null when it
 * may be sent: both the same, {@link PASSWORD_MIN_LENGTH} to {@link PASSWORD_MAX_LENGTH} characters.
 */
export function newPasswordProblem(newPassword: string, again: string): string | null {
  if (newPassword.length < PASSWORD_MIN_LENGTH)
    return `The new password is too short: at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (newPassword.length > PASSWORD_MAX_LENGTH)
    return `The new password is too long: at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (newPassword !== again) return 'The new passwords do not match: type the same one twice.';
  return null;
}

/**
 * What the password form says when `auth.changePassword` fails, by the tRPC code (undefined: no answer from
 * the gateway). `nowMs` (when the refusal came) dates the retry time of a lock.
 */
export function changePasswordErrorText(code: string | undefined, message: string, nowMs: number): string {
  switch (code) {
    case undefined:
      return 'The Gamma gateway cannot be reached. Check that it is running and your network, then try again.';
    case 'BAD_REQUEST':
      return /currentPassword is wrong/.test(message)
        ? 'The current password is wrong: the password is unchanged.'
        : `The password change was refused: ${message}`;
    case 'TOO_MANY_REQUESTS':
      return `Too many wrong passwords for this user or address: the password is unchanged. Try again after ${utcClock(retryAtMs(message, nowMs))} UTC.`;
    case 'UNAUTHORIZED':
      return 'Your session ended; sign in again.';
    default:
      return `The password change failed: ${message}`;
  }
}

/** What the form says once the password changed: how many of the user's other sessions ended. */
export function passwordChangedText(endedSessions: number): string {
  if (endedSessions === 0) return 'Password changed. No other session was signed in.';
  if (endedSessions === 1) return 'Password changed. 1 other session was signed out.';
  return `Password changed. ${endedSessions} other sessions were signed out.`;
}
