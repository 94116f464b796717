import type { IncomingHttpHeaders } from 'node:http';

/** A Sec-WebSocket-Key: 16 random bytes in base64 (RFC 6455 §4.1). */
const KEY = /^[A-Za-z0-9+/]{22}==$/;

/**
 * Why an upgrade request is not a WebSocket handshake the gateway accepts (RFC 6455 §4.2.1), or null. Checked
 * before `ws` sees it, so a malformed handshake is refused by the gateway, with its security headers, rather than
 * by `ws`'s bare 400.
 */
export function handshakeProblem(method: string | undefined, headers: IncomingHttpHeaders): string | null {
  if (method !== 'GET') return `a WebSocket handshake is a GET, not ${method ?? 'no method'}`;
  if (headers.upgrade?.trim().toLowerCase() !== 'websocket')
    return `only the websocket upgrade is served, not ${headers.upgrade ?? 'none'}`;
  const key = headers['sec-websocket-key']?.trim();
  if (key === undefined || !KEY.test(key)) return 'Sec-WebSocket-Key is missing or not 16 bytes in base64';
  const version = headers['sec-websocket-version']?.trim();
  if (version !== '13' && version !== '8') return 'Sec-WebSocket-Version must be 13';
  return null;
}
