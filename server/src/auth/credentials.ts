import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';

/** The session cookie's name. */
export const SESSION_COOKIE = 'gamma_session';

/** A new session id: 32 random bytes, base64url (43 characters); only its hash is ever stored. */
export const newSessionId = (): string => randomBytes(32).toString('base64url');

/**
 * The key a session is stored under: the sha256 of its id, hex. The id (the cookie value) is a bearer
 * secret; its hash names the session in logs and events and cannot be turned back into a cookie.
 */
export const sessionIdHash = (sessionId: string): string =>
  createHash('sha256').update(sessionId, 'utf8').digest('hex');

const headerOf = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const raw = headers[name];
  return Array.isArray(raw) ? raw[0] : raw;
};

/** The credential a request carries: a bearer token (scripts) wins over the session cookie (browsers). */
export type Credential = { kind: 'bearer'; token: string } | { kind: 'session'; sessionId: string } | null;

/** The credential of a request's headers (HTTP request or WebSocket upgrade). */
export function credentialOf(headers: IncomingHttpHeaders): Credential {
  const authorization = headerOf(headers, 'authorization')?.trim();
  if (authorization !== undefined && authorization !== '') {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    // A malformed Authorization header authenticates no one (it never falls back to the cookie)
    return match?.[1] === undefined ? null : { kind: 'bearer', token: match[1] };
  }
  const cookieHeader = headerOf(headers, 'cookie');
  if (cookieHeader === undefined) return null;
  const sessionId = parseCookie(cookieHeader)[SESSION_COOKIE];
  return sessionId === undefined || sessionId === '' ? null : { kind: 'session', sessionId };
}

/** The `Set-Cookie` value that hands a browser its session: httpOnly, SameSite=Strict, Path=/. */
export const sessionSetCookie = (sessionId: string, options: { secure: boolean; maxAgeS: number }): string =>
  stringifySetCookie({
    name: SESSION_COOKIE,
    value: sessionId,
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: options.secure,
    maxAge: Math.floor(options.maxAgeS),
  });

/** The `Set-Cookie` value that makes a browser forget its session. */
export const clearedSessionCookie = (options: { secure: boolean }): string =>
  stringifySetCookie({
    name: SESSION_COOKIE,
    value: '',
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: options.secure,
    maxAge: 0,
  });
