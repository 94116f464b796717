import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors/index.ts';
import { compareEntryIds, isEntryId, parseEntryId } from './entry-id.ts';

describe('compareEntryIds', () => {
  describe('when ids differ in milliseconds or sequence', () => {
    it('orders them numerically, as Redis does', () => {
      expect(compareEntryIds('999-5', '1000-0')).toBeLessThan(0);
      expect(compareEntryIds('1000-10', '1000-9')).toBeGreaterThan(0);
      expect(compareEntryIds('1772442904120-0', '1772442904120-0')).toBe(0);
    });
  });
});

describe('parseEntryId', () => {
  describe('when the id is malformed', () => {
    it('throws naming the expected form', () => {
      expect(isEntryId('1-2')).toBe(true);
      expect(isEntryId('$')).toBe(false);
      expect(() => parseEntryId('abc')).toThrow(/<ms>-<seq>/);
      expect(() => parseEntryId('abc')).toThrow(InvalidInputError);
    });
  });
});
