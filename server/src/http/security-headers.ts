/** A `Host` header that may go into the policy as is (a host name or address and a port; nothing else). */
const PLAIN_HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * The Content-Security-Policy of every response. Scripts only from the gateway's own files (no inline script, no
 * eval); styles from its files plus style attributes (React and recharts set element styles); images from its
 * files and `data:` (the console's empty favicon); connections to itself, including its WebSocket, spelled out as
 * `ws://` / `wss://` + the `Host` for browsers whose `'self'` does not cover WebSocket URLs; never framed.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host !== undefined && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The headers every gateway response carries (tRPC, the console's files, `/healthz`, the REST alias, errors,
 * refused WebSocket upgrades): the policy above, no MIME sniffing, no referrer, no framing (the old header too),
 * and a window and resources of its own.
 */
export function securityHeaders(host: string | undefined): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(host),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };
}
