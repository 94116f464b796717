import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/app-config.ts';
import { foreignOriginOf, isOriginAllowed } from './origins.ts';

describe('isOriginAllowed', () => {
  describe('when ALLOWED_ORIGINS is self (the default)', () => {
    it('allows the gateway own origin over http or https, and nothing else', () => {
      const allowed = ['self'];
      expect(isOriginAllowed('http://127.0.0.1:4000', '127.0.0.1:4000', allowed)).toBe(true);
      expect(isOriginAllowed('https://Desk.Example', 'desk.example', allowed)).toBe(true);
      expect(isOriginAllowed('http://127.0.0.1:4001', '127.0.0.1:4000', allowed)).toBe(false);
      expect(isOriginAllowed('http://evil.example', '127.0.0.1:4000', allowed)).toBe(false);
      expect(isOriginAllowed('null', '127.0.0.1:4000', allowed)).toBe(false);
      expect(isOriginAllowed('http://127.0.0.1:4000', undefined, allowed)).toBe(false);
    });
  });

  describe('when ALLOWED_ORIGINS lists origins without self', () => {
    it('allows exactly those', () => {
      const { allowedOrigins } = loadConfig({
        ALLOWED_ORIGINS: 'HTTP://LOCALHOST:5173/, https://desk.example:443',
      }).process;
      expect(allowedOrigins).toEqual(['http://localhost:5173', 'https://desk.example']);
      expect(isOriginAllowed('http://localhost:5173', '127.0.0.1:4000', allowedOrigins)).toBe(true);
      expect(isOriginAllowed('https://desk.example', 'desk.example', allowedOrigins)).toBe(true);
      expect(isOriginAllowed('http://127.0.0.1:4000', '127.0.0.1:4000', allowedOrigins)).toBe(false);
    });
  });
});

describe('foreignOriginOf', () => {
  it('names a foreign Origin, and passes an allowed or absent one', () => {
    const host = '127.0.0.1:4000';
    expect(foreignOriginOf({ host, origin: 'http://evil.example' }, ['self'])).toBe('http://evil.example');
    expect(foreignOriginOf({ host, origin: `http://${host}` }, ['self'])).toBeNull();
    expect(foreignOriginOf({ host }, ['self'])).toBeNull();
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('defaults to self and refuses what is not an origin', () => {
    expect(loadConfig({}).process.allowedOrigins).toEqual(['self']);
    for (const bad of ['localhost:5173', 'http://x.example/app', 'ftp://x.example', '*'])
      expect(() => loadConfig({ ALLOWED_ORIGINS: bad })).toThrow(/ALLOWED_ORIGINS/);
  });
});
