import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  needsRehash,
  parsePasswordHash,
  SCRYPT_PARAMS,
  verifyPassword,
} from './password-hash.ts';
import { apiTokenHash, isApiTokenShaped, newApiToken } from './api-token.ts';

// Cheap parameters keep these tests fast; the format and the checks are the same as with SCRYPT_PARAMS
const CHEAP = { ln: 10, r: 8, p: 1 };

describe('hashPassword', () => {
  it('encodes the algorithm, its parameters, the salt and the key in one string', async () => {
    const hash = await hashPassword('correct horse', CHEAP);
    expect(hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(parsePasswordHash(hash)).toMatchObject({ params: CHEAP });
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same', CHEAP)).not.toBe(await hashPassword('same', CHEAP));
  });

  it('uses N = 2^16, r = 8, p = 1 by default', () => {
    expect(SCRYPT_PARAMS).toEqual({ ln: 16, r: 8, p: 1 });
  });
});

describe('verifyPassword', () => {
  it('accepts the password and nothing else', async () => {
    const hash = await hashPassword('correct horse', CHEAP);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('correct horse ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('refuses a hash it cannot read, or one asking for absurd parameters', async () => {
    expect(await verifyPassword('x', 'plain text')).toBe(false);
    const hash = await hashPassword('x', CHEAP);
    expect(await verifyPassword('x', hash.replace('ln=10', 'ln=40'))).toBe(false);
  });
});

describe('needsRehash', () => {
  it('is true for a hash with other parameters than today', async () => {
    expect(needsRehash(await hashPassword('x', CHEAP))).toBe(true);
    expect(needsRehash(await hashPassword('x', CHEAP), CHEAP)).toBe(false);
  });
});

describe('API tokens', () => {
  it('are gma_ and 32 random bytes in base64url, stored as a SHA-256', () => {
    const token = newApiToken();
    expect(token).toMatch(/^gma_[A-Za-z0-9_-]{43}$/);
    expect(isApiTokenShaped(token)).toBe(true);
    expect(isApiTokenShaped(`${token}x`)).toBe(false);
    expect(apiTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(newApiToken()).not.toBe(token);
  });
});
