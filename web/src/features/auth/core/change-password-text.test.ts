import { describe, expect, it } from 'vitest';
import { changePasswordErrorText, newPasswordProblem, passwordChangedText } from './change-password-text';

describe('newPasswordProblem', () => {
  it('accepts 8 to 256 characters typed the same twice', () => {
    expect(newPasswordProblem('12345678', '12345678')).toBeNull();
    expect(newPasswordProblem('x'.repeat(256), 'x'.repeat(256))).toBeNull();
  });

  it('refuses 7 characters, 257 characters and two different passwords', () => {
    expect(newPasswordProblem('1234567', '1234567')).toMatch(/too short/);
    expect(newPasswordProblem('x'.repeat(257), 'x'.repeat(257))).toMatch(/too long/);
    expect(newPasswordProblem('12345678', '12345679')).toMatch(/do not match/);
  });
});

describe('changePasswordErrorText', () => {
  it('dates the retry of a lock from the seconds the server names', () => {
    const at = Date.parse('2026-12-05T20:15:30.250Z');
    const message = 'too many failed sign-ins for user alice: try again in 30 s';
    expect(changePasswordErrorText('TOO_MANY_REQUESTS', message, at)).toMatch(
      /Try again after 20:16:00 UTC\.$/,
    );
  });

  it('shows the server message of another refusal', () => {
    expect(changePasswordErrorText('BAD_REQUEST', 'newPassword: too short', 0)).toBe(
      'The password change was refused: newPassword: too short',
    );
  });
});

describe('passwordChangedText', () => {
  it('counts the other sessions signed out', () => {
    expect(passwordChangedText(0)).toBe('Password changed. No other session was signed in.');
    expect(passwordChangedText(1)).toBe('Password changed. 1 other session was signed out.');
    expect(passwordChangedText(3)).toBe('Password changed. 3 other sessions were signed out.');
  });
});
