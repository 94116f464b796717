import type { IncomingHttpHeaders } from 'node:http';

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/**
 * Whether a page of `origin` may use the gateway: it is one of `allowed` (`ALLOWED_ORIGINS`, normalized), or
 * `allowed` holds `self` and the origin is the gateway's own as the request reached it, `http://` or `https://`
 * (behind a TLS proxy) + its `Host` header. A browser sends the `Host` of the URL it loaded, so a page of
 * another site never matches `self`.
 */
export function isOriginAllowed(
  origin: string,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  const candidate = origin.trim().toLowerCase();
  if (allowed.includes(candidate)) return true;
  if (!allowed.includes('self') || host === undefined || host === '') return false;
  const own = host.trim().toLowerCase();
  return candidate === `http://${own}` || candidate === `https://${own}`;
}

/**
 * The `Origin` of a request when it is present and not allowed (a page of another site: refuse it), else
 * null: allowed, or absent (curl and scripts send none; their credentials are checked per procedure).
 */
export function foreignOriginOf(headers: IncomingHttpHeaders, allowed: readonly string[]): string | null {
  const origin = single(headers.origin);
  if (origin === undefined) return null;
  return isOriginAllowed(origin, single(headers.host), allowed) ? null : origin;
}
