import { describe, expect, it } from 'vitest';
import {
  clearedSessionCookie,
  credentialOf,
  newSessionId,
  sessionIdHash,
  sessionSetCookie,
} from './credentials.ts';

describe('newSessionId', () => {
  it('is 32 random bytes in base64url, new each time', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newSessionId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('sessionIdHash', () => {
  it('is the sha256 of the id, hex', () => {
    expect(sessionIdHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('credentialOf', () => {
  describe('when the request carries the session cookie among others', () => {
    it('reads the session id', () => {
      expect(credentialOf({ cookie: 'theme=dark; gamma_session=s-1; other=x' })).toEqual({
        kind: 'session',
        sessionId: 's-1',
      });
    });
  });

  describe('when it carries a bearer token', () => {
    it('prefers the token to the cookie, whatever the scheme case', () => {
      expect(credentialOf({ authorization: 'bearer gma_t1', cookie: 'gamma_session=s-1' })).toEqual({
        kind: 'bearer',
        token: 'gma_t1',
      });
    });
  });

  describe('when the Authorization header is not a bearer token', () => {
    it('authenticates no one, not even by the cookie', () => {
      expect(credentialOf({ authorization: 'Basic YWxpY2U6eA==', cookie: 'gamma_session=s-1' })).toBeNull();
      expect(credentialOf({ authorization: 'Bearer a b' })).toBeNull();
    });
  });

  describe('when there is neither', () => {
    it('is null, an empty cookie too', () => {
      expect(credentialOf({})).toBeNull();
      expect(credentialOf({ cookie: 'gamma_session=' })).toBeNull();
      expect(credentialOf({ cookie: 'theme=dark' })).toBeNull();
    });
  });
});

describe('the session cookie', () => {
  it('is httpOnly, SameSite=Strict, Path=/, Secure only when asked', () => {
    expect(sessionSetCookie('s-1', { secure: false, maxAgeS: 86_400 })).toBe(
      'gamma_session=s-1; Max-Age=86400; Path=/; HttpOnly; SameSite=Strict',
    );
    expect(sessionSetCookie('s-1', { secure: true, maxAgeS: 60 })).toBe(
      'gamma_session=s-1; Max-Age=60; Path=/; HttpOnly; Secure; SameSite=Strict',
    );
    expect(clearedSessionCookie({ secure: false })).toBe(
      'gamma_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict',
    );
  });
});
