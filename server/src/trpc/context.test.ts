import { describe, expect, it } from 'vitest';
import { userOf } from './context.ts';

describe('userOf', () => {
  describe('when the request names a user', () => {
    it('is that user, trimmed', () => {
      expect(userOf({ 'x-gamma-user': ' alice ' }, 'trader')).toBe('alice');
    });
  });

  describe('when the header is missing or blank', () => {
    it('is the default trader', () => {
      expect(userOf({}, 'trader')).toBe('trader');
      expect(userOf({ 'x-gamma-user': '  ' }, 'trader')).toBe('trader');
    });
  });
});
