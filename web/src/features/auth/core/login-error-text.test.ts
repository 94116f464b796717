import { describe, expect, it } from 'vitest';
import { loginErrorText } from './login-error-text';

describe('loginErrorText', () => {
  describe('when sign-ins are locked', () => {
    const at = Date.parse('2026-12-05T20:15:30.250Z');

    it('dates the retry from the seconds the server names', () => {
      const message = 'too many failed sign-ins for user alice: try again in 30 s';
      expect(loginErrorText('TOO_MANY_REQUESTS', message, at)).toMatch(/Try again after 20:16:00 UTC\.$/);
    });

    it('dates it at the end of the minute when the server names none', () => {
      expect(loginErrorText('TOO_MANY_REQUESTS', 'slow down', at)).toMatch(/Try again after 20:16:00 UTC\.$/);
    });
  });

  it('shows the server message of an unexpected refusal', () => {
    expect(loginErrorText('FORBIDDEN', 'foreign origin', 0)).toBe('Sign-in failed: foreign origin');
  });
});
