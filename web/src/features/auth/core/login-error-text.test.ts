import { describe, expect, it } from 'vitest';
import { loginErrorText } from './login-error-text';

describe('loginErrorText', () => {
  it('dates the retry of a locked sign-in a minute after the refusal', () => {
    const at = Date.parse('2026-12-05T20:15:30.000Z');
    expect(loginErrorText('TOO_MANY_REQUESTS', '', at)).toMatch(/Try again after 20:16:30 UTC\.$/);
  });

  it('shows the server message of an unexpected refusal', () => {
    expect(loginErrorText('FORBIDDEN', 'foreign origin', 0)).toBe('Sign-in failed: foreign origin');
  });
});
