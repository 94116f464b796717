import { describe, expect, it } from 'vitest';
import { parseSeedUsers } from './gamma-users.ts';
import { validateConfig } from './app-config.ts';

describe('parseSeedUsers', () => {
  describe('when every entry is name:role:password', () => {
    it('gives the users, lower-casing names and keeping colons in passwords', () => {
      expect(parseSeedUsers(' Alice:trader:pw:with:colons , bob:viewer:x ,')).toEqual({
        value: [
          { username: 'alice', role: 'trader', password: 'pw:with:colons' },
          { username: 'bob', role: 'viewer', password: 'x' },
        ],
      });
    });
  });

  describe('when empty', () => {
    it('gives no user', () => {
      expect(parseSeedUsers('')).toEqual({ value: [] });
    });
  });

  describe('when an entry is bad', () => {
    it.each([
      [
        'alice:trader:ok,bob:boss:s3cret',
        'entry 2 "bob:…": the role is one of viewer, trader, risk_manager, admin',
      ],
      ['alice:s3cretPass', 'entry 1: expected name:role:password'],
      ['alice:s3cretPass:trader', 'entry 1 "alice:…": the role is one of'],
      ['alice:trader:pa,ss-s3cret-tail', 'entry 2: expected name:role:password'],
      ['9lives:viewer:s3cret', 'entry 1: a username is a letter'],
      ['alice:viewer:', 'entry 1 "alice:viewer:…": the password is empty'],
      ['alice', 'entry 1: expected name:role:password'],
      ['alice:viewer:s3cret,ALICE:admin:s3cret', 'entry 2 "alice:admin:…": the username appears twice'],
    ])('names the entry without its password: %s', (text, problem) => {
      const result = parseSeedUsers(text);
      expect(result).toEqual({ problem: expect.stringContaining(problem) });
      expect(JSON.stringify(result)).not.toContain('s3cret');
    });
  });

  describe('through the configuration', () => {
    it('reports GAMMA_USERS without the password', () => {
      const result = validateConfig({ GAMMA_USERS: 'alice:superuser:s3cret' });
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).toContain('GAMMA_USERS');
      expect(JSON.stringify(result)).not.toContain('s3cret');
    });

    it('reads GAMMA_USERS into the process settings', () => {
      const result = validateConfig({ GAMMA_USERS: 'alice:admin:pw' });
      expect(result.ok && result.value.process.gammaUsers).toEqual([
        { username: 'alice', role: 'admin', password: 'pw' },
      ]);
    });
  });
});
